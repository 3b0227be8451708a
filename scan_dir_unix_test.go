// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package pep668

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestNoWaitFS: ScanDir's filesystem opens a FIFO at once, without a
// writer, so that one swapped in after the scanner looked is refused by
// the look at the open file instead of hanging the scan; other files read
// as through os.Root.
func TestNoWaitFS(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	os.WriteFile(filepath.Join(dir, "file"), []byte("content"), 0o644)
	os.Symlink("file", filepath.Join(dir, "link"))
	os.Symlink("/etc/passwd", filepath.Join(dir, "escape"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := noWaitFS{root, root.FS()}

	opened := make(chan error, 1)
	go func() {
		f, err := fsys.Open("fifo")
		if err == nil {
			var info fs.FileInfo
			if info, err = f.Stat(); err == nil && info.Mode().Type() != fs.ModeNamedPipe {
				t.Errorf("fifo opened as %v", info.Mode())
			}
			f.Close()
		}
		opened <- err
	}()
	select {
	case err := <-opened:
		if err != nil {
			t.Errorf("open fifo: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("opening a FIFO waits for a writer")
	}

	for name, want := range map[string]string{"file": "content", "link": "content"} {
		f, err := fsys.Open(name)
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		data, _ := io.ReadAll(f)
		f.Close()
		if string(data) != want {
			t.Errorf("%s reads %q, want %q", name, data, want)
		}
	}
	if _, err := fsys.Open("escape"); err == nil {
		t.Error("a link out of the tree was followed")
	}
	if _, err := fsys.Open("../x"); err == nil {
		t.Error("an invalid name was opened")
	}
	if target, err := fsys.ReadLink("link"); err != nil || target != "file" {
		t.Errorf("ReadLink(link) = %q, %v", target, err)
	}
	if info, err := fsys.Lstat("link"); err != nil || info.Mode().Type() != fs.ModeSymlink {
		t.Errorf("Lstat(link) = %v, %v", info, err)
	}
	if _, err := ScanDir(filepath.Join(dir, "file"), nil); err == nil {
		t.Error("ScanDir of a file: no error")
	}
}
