// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package osfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pep668/pep668/internal/testfs"
)

// TestReadFileSpecial: FIFOs, devices, directories and huge files are
// refused, quickly and without reading them.
func TestReadFileSpecial(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	fifo, zero, huge := filepath.Join(dir, "fifo"), filepath.Join(dir, "zero"), filepath.Join(dir, "huge")
	testfs.Make(t, fifo, testfs.FIFO, 0)
	testfs.Make(t, zero, testfs.Zero, 0)
	testfs.Make(t, huge, testfs.Huge, 2<<30) // sparse: 2 GiB of zeros on no disk
	fine := filepath.Join(dir, "fine")
	os.WriteFile(fine, []byte("home = /usr\n"), 0o644)
	os.Symlink("fine", filepath.Join(dir, "link-to-fine"))

	host := Host(dir)
	dirFS := New(os.DirFS("/"), false, "")
	for _, tt := range []struct {
		path string
		want error
	}{
		{fifo, ErrNotRegular},
		{zero, ErrNotRegular},
		{dir, ErrNotRegular},
		{huge, ErrTooLarge},
		{fine, nil},
		{filepath.Join(dir, "link-to-fine"), nil},
	} {
		for name, f := range map[string]*FS{"host": host, "fs.FS": dirFS} {
			testfs.Within(t, "ReadFile", func() {
				data, err := f.ReadFile(tt.path, LimitConfig)
				if !errors.Is(err, tt.want) || (tt.want == nil && string(data) != "home = /usr\n") {
					t.Errorf("%s ReadFile(%s) = %q, %v; want %v", name, tt.path, data, err, tt.want)
				}
				if err != nil && !strings.Contains(err.Error(), tt.path) {
					t.Errorf("%s ReadFile(%s) error %q does not name the path", name, tt.path, err)
				}
			})
		}
	}
	testfs.Within(t, "ReadFile", func() {
		if _, err := ReadHostHead(fifo, 10); !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadHostHead(fifo) = %v", err)
		}
		if head, err := ReadHostHead(huge, 4); err != nil || len(head) != 4 {
			t.Errorf("ReadHostHead(huge) = %q, %v", head, err)
		}
	})
}

// TestListHostSpecial: FIFOs and sockets are listed with their types,
// never opened.
func TestListHostSpecial(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	names, types, err := listHost(dir)
	if err != nil || len(names) != 1 || names[0] != "fifo" || types[0] != fs.ModeNamedPipe {
		t.Errorf("listHost = %q, %v, %v; want the FIFO as a named pipe", names, types, err)
	}
	// A FIFO or a device where a directory was is refused at once, never
	// opened for reading (which would wait for a writer, or never end).
	for _, p := range []string{filepath.Join(dir, "fifo"), "/dev/zero"} {
		done := make(chan error, 1)
		go func() { _, _, err := listHost(p); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("listHost(%s) listed it", p)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("listHost(%s) blocked", p)
		}
	}
}
