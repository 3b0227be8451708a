// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package osfs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test when f does not return in time: a read that
// blocks on a FIFO would hang the test forever.
func within(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("blocked")
	}
}

// TestReadFileSpecial: FIFOs, devices, directories and huge files are
// refused, quickly and without reading them.
func TestReadFileSpecial(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	zero := filepath.Join(dir, "zero")
	os.Symlink("/dev/zero", zero)
	huge := filepath.Join(dir, "huge")
	f, _ := os.Create(huge)
	f.Truncate(2 << 30) // sparse: 2 GiB of zeros on no disk
	f.Close()
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
			within(t, func() {
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
	within(t, func() {
		if _, err := ReadHostHead(fifo, 10); !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadHostHead(fifo) = %v", err)
		}
		if head, err := ReadHostHead(huge, 4); err != nil || len(head) != 4 {
			t.Errorf("ReadHostHead(huge) = %q, %v", head, err)
		}
	})
}
