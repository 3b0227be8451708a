// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package record_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pep668/pep668/internal/testfs"
	"github.com/pep668/pep668/record"
)

// TestMetadataSpecialFiles: a RECORD, INSTALLER or entry_points.txt that
// is a FIFO, a link to /dev/zero or a huge file is not read, in the
// distribution uninstalled or in any other, and the uninstall is refused
// with the reason.
func TestMetadataSpecialFiles(t *testing.T) {
	for _, kind := range testfs.Kinds {
		for _, file := range []string{"RECORD", "INSTALLER", "entry_points.txt"} {
			root := tempRoot(t)
			tree{
				site + "/pkg/a.py":                   "",
				site + "/pkg-1.0.dist-info/RECORD":   "pkg/a.py,,\npkg-1.0.dist-info/RECORD,,\n",
				site + "/other-1.0.dist-info/RECORD": "other.py,,\n",
			}.write(t, root)
			for _, dist := range []string{"pkg", "other"} {
				testfs.Make(t, filepath.Join(root, site, dist+"-1.0.dist-info", file), kind, 1<<40) // a terabyte, sparse
			}
			testfs.Within(t, kind+" "+file, func() {
				dist, err := record.Find("pkg", []string{filepath.Join(root, site)}, nil)
				if err != nil {
					t.Error(err)
					return
				}
				want := record.ErrNotRegular
				if kind == testfs.Huge {
					want = record.ErrTooLarge
				}
				if file == "RECORD" && !errors.Is(dist.RecordErr, want) {
					t.Errorf("%s %s: RecordErr = %v, want %v", kind, file, dist.RecordErr, want)
				}
				_, err = record.NewPlan(dist, venvPaths(root), nil)
				switch {
				case file == "RECORD" && (!errors.Is(err, record.ErrBadRecord) || !errors.Is(err, want)):
					t.Errorf("%s %s: NewPlan: %v, want ErrBadRecord with %v", kind, file, err, want)
				case file != "RECORD" && (!errors.Is(err, want) || !errors.Is(err, record.ErrUnreachable)):
					t.Errorf("%s %s: NewPlan: %v, want ErrUnreachable with %v", kind, file, err, want)
				}
			})
		}
	}
}

// TestPathTooLong: a listed file whose absolute path is longer than the
// system takes (ENAMETOOLONG) is not reported missing: the uninstall is
// refused, naming it.
func TestPathTooLong(t *testing.T) {
	root := tempRoot(t)
	sp := filepath.Join(root, site)
	// Build the deep directory by relative steps, as no absolute path to
	// it can be used.
	deep := strings.Repeat("d", 200)
	var rel []string
	dirfd, err := syscall.Open(sp, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		os.MkdirAll(sp, 0o755)
		if dirfd, err = syscall.Open(sp, syscall.O_RDONLY|syscall.O_DIRECTORY, 0); err != nil {
			t.Fatal(err)
		}
	}
	cwd, _ := os.Getwd()
	defer os.Chdir(cwd)
	if err := syscall.Fchdir(dirfd); err != nil {
		t.Fatal(err)
	}
	syscall.Close(dirfd)
	for i := 0; i < 25; i++ {
		if err := os.Mkdir(deep, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chdir(deep); err != nil {
			t.Fatal(err)
		}
		rel = append(rel, deep)
	}
	if err := os.WriteFile("leaf.py", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chdir(cwd)
	entry := strings.Join(append(rel, "leaf.py"), "/")
	tree{site + "/long-1.0.dist-info/RECORD": entry + ",,\nlong-1.0.dist-info/RECORD,,\n"}.write(t, root)
	_, err = planIn(t, "long", venvPaths(root))
	if !errors.Is(err, record.ErrUnreachable) || !errors.Is(err, syscall.ENAMETOOLONG) {
		t.Errorf("NewPlan of a file with a too long path: %v, want ErrUnreachable with ENAMETOOLONG", err)
	}
}

// TestFIFOJournal: a FIFO named journal in a stash is nothing Apply wrote:
// Recover neither blocks on it nor removes it.
func TestFIFOJournal(t *testing.T) {
	root := tempRoot(t)
	stash := filepath.Join(root, site, ".pep668-uninstall-00ff")
	if err := os.MkdirAll(stash, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(stash, "journal"), 0o600); err != nil {
		t.Skip("no FIFOs:", err)
	}
	rec, err := record.Recover(venvPaths(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Kept) != 1 {
		t.Errorf("Recover = %+v, want the stash kept", rec)
	}
	if info, err := os.Lstat(filepath.Join(stash, "journal")); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO is gone: %v", err)
	}
}

// TestSpecialDirectories: a FIFO, or a link to /dev/zero, where a
// directory should be (the site directory, a package directory RECORD
// names, its __pycache__) is never opened, on the host or through an
// os.Root (whose FS opens a FIFO for reading): finding and planning
// answer at once.
func TestSpecialDirectories(t *testing.T) {
	for _, kind := range []string{testfs.FIFO, testfs.Zero} {
		for _, dir := range []string{"", "/pkg", "/pkg/sub/__pycache__"} {
			for _, rooted := range []bool{false, true} {
				root := tempRoot(t)
				tree{
					site + "/pkg/a.py":                 "",
					site + "/pkg/sub/b.py":             "",
					site + "/pkg-1.0.dist-info/RECORD": "pkg/a.py,,\npkg/sub/b.py,,\npkg/x/c.py,,\npkg-1.0.dist-info/RECORD,,\n",
				}.write(t, root)
				os.RemoveAll(filepath.Join(root, site+dir))
				testfs.Make(t, filepath.Join(root, site+dir), kind, 0)
				paths, find, plan := venvPaths(root), (*record.FindOptions)(nil), (*record.PlanOptions)(nil)
				if rooted {
					r, err := os.OpenRoot(root)
					if err != nil {
						t.Fatal(err)
					}
					defer r.Close()
					paths = venvPaths("/")
					find, plan = &record.FindOptions{FS: r.FS()}, &record.PlanOptions{FS: r.FS()}
				}
				testfs.Within(t, fmt.Sprintf("%s at site%s (os.Root: %v)", kind, dir, rooted), func() {
					dist, err := record.Find("pkg", []string{paths.Purelib}, find)
					if dir == "" {
						if err == nil {
							t.Errorf("%s site directory: found %s", kind, dist.Name)
						}
						return
					}
					if err != nil {
						t.Error(err)
						return
					}
					if _, err := record.NewPlan(dist, paths, plan); err != nil && !errors.Is(err, record.ErrUnreachable) {
						t.Errorf("%s at %s: %v", kind, dir, err)
					}
				})
			}
		}
	}
}
