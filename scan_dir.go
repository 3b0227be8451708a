// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668

import (
	"fmt"
	"io/fs"
	"os"
)

// ScanDir scans the directory tree dir of the host (an extracted image, a
// mounted disk) as Scan does, reading it through an os.Root, so that no
// link leads out of it, and opening every file without waiting: a FIFO
// swapped in for a file the scan reads is refused, not waited on. Prefer
// it to Scan of a directory's fs.FS.
func ScanDir(dir string, opts *ScanOptions) (*ScanReport, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("pep668: %w", err)
	}
	defer root.Close()
	return Scan(noWaitFS{root, root.FS()}, opts)
}

// noWaitFS is an os.Root's filesystem whose Open never waits for a FIFO's
// writer. It offers no ReadDir or ReadFile of its own, so that those go
// through Open too.
type noWaitFS struct {
	root *os.Root
	fsys fs.FS // the root's own, for what never opens
}

func (n noWaitFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return n.root.OpenFile(name, os.O_RDONLY|openNoWait, 0)
}

func (n noWaitFS) Stat(name string) (fs.FileInfo, error)  { return fs.Stat(n.fsys, name) }
func (n noWaitFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(n.fsys, name) }
func (n noWaitFS) ReadLink(name string) (string, error)   { return fs.ReadLink(n.fsys, name) }
