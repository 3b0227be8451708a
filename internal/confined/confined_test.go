// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package confined

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func setup(t *testing.T) (root, outside string, d *Dir) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, dir := range []string{filepath.Join(root, "a", "b"), filepath.Join(outside, "b")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{filepath.Join(root, "a", "b", "f"), filepath.Join(outside, "b", "f")} {
		if err := os.WriteFile(f, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(root, "out")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if _, err := os.Readlink(filepath.Join(root, "out")); err != nil {
		t.Skip("links made do not read back (Wine):", err)
	}
	if err := os.Symlink("a", filepath.Join(root, "in")); err != nil {
		t.Fatal(err)
	}
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return root, outside, d
}

func rel(p string) string { return filepath.FromSlash(p) }

func TestOperations(t *testing.T) {
	root, _, d := setup(t)
	info, err := d.Lstat(rel("a/b/f"))
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(filepath.Join(root, "a", "b", "f"))) {
		t.Fatalf("Lstat(a/b/f) = %v, %v", info, err)
	}
	if info, err := d.Lstat("out"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("Lstat(out) = %v, %v; want the link itself", info, err)
	}
	if err := d.Mkdir("stash", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := d.Rename(rel("a/b/f"), rel("stash/0")); err != nil {
		t.Fatal(err)
	}
	after, err := d.Lstat(rel("stash/0"))
	if err != nil || !SameFile(info, after) {
		t.Errorf("the moved file is not the same file: %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, "a", "b", "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.Link(rel("stash/0"), rel("a/b/f")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Link onto an existing file: %v, want ErrExist", err)
	}
	if err := d.Remove(rel("a/b/f")); err != nil {
		t.Fatal(err)
	}
	if err := d.Link(rel("stash/0"), rel("a/b/f")); err != nil {
		t.Errorf("Link onto nothing: %v", err)
	}
	if err := d.Remove(rel("stash/0")); err != nil {
		t.Fatal(err)
	}
	if err := d.RemoveDir("stash"); err != nil {
		t.Fatal(err)
	}
	if err := d.RemoveDir("a"); err == nil {
		t.Errorf("RemoveDir of a non-empty directory succeeded")
	}
	if err := d.Remove("a"); err == nil {
		t.Errorf("Remove of a directory succeeded")
	}
	for _, bad := range []string{"", "..", rel("../root/a"), rel("a/../a"), "/etc"} {
		if _, err := d.Lstat(bad); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Lstat(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	if id, err := d.ID(); err != nil || (id == "" && runtime.GOOS != "windows") {
		t.Errorf("ID() = %q, %v", id, err)
	}
}

// TestLinksAreNotFollowed checks that no operation leaves the tree through
// a link, and, on Linux, that none follows a link at all.
func TestLinksAreNotFollowed(t *testing.T) {
	_, outside, d := setup(t)
	for name, op := range map[string]func() error{
		"lstat":  func() error { _, err := d.Lstat(rel("out/b/f")); return err },
		"rename": func() error { return d.Rename(rel("out/b/f"), "x") },
		"remove": func() error { return d.Remove(rel("out/b/f")) },
		"rmdir":  func() error { return d.RemoveDir(rel("out/b")) },
		"mkdir":  func() error { return d.Mkdir(rel("out/new"), 0o755) },
		"create": func() error { _, err := d.Create(rel("out/new")); return err },
		"open":   func() error { _, err := d.OpenFile(rel("out/b/f")); return err },
	} {
		if err := op(); err == nil {
			t.Errorf("%s through a link to the outside succeeded", name)
		}
	}
	if _, err := os.Stat(filepath.Join(outside, "b", "f")); err != nil {
		t.Errorf("the outside changed: %v", err)
	}
	if runtime.GOOS == "linux" {
		if _, err := d.Lstat(rel("in/b/f")); !errors.Is(err, ErrLink) {
			t.Errorf("Lstat through a link inside the tree: %v, want ErrLink", err)
		}
		if _, err := d.OpenFile("in"); !errors.Is(err, ErrLink) {
			t.Errorf("OpenFile of a link: %v, want ErrLink", err)
		}
	}
}
