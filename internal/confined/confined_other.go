// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !linux

package confined

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Dir is an open directory tree. It is not safe for concurrent use.
type Dir struct {
	path string
	root *os.Root
}

// Open opens the directory at path. Links in path itself are followed:
// the caller checks that it is the directory it meant (ID).
func Open(path string) (*Dir, error) {
	r, err := os.OpenRoot(path)
	if err != nil {
		return nil, err
	}
	return &Dir{path: path, root: r}, nil
}

// Path returns the path Dir was opened with.
func (d *Dir) Path() string { return d.path }

// Close releases the Dir's handle.
func (d *Dir) Close() error { return d.root.Close() }

// checkRel refuses a relative path that is absolute, empty, or has "."
// or ".." elements: the callers give clean paths inside the tree.
func checkRel(op, rel string) error {
	if rel == "" || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "" || filepath.Clean(rel) != rel || rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator) {
		return &fs.PathError{Op: op, Path: rel, Err: fs.ErrInvalid}
	}
	return nil
}

// Lstat describes rel without following it.
func (d *Dir) Lstat(rel string) (fs.FileInfo, error) {
	if err := checkRel("lstat", rel); err != nil {
		return nil, err
	}
	return d.root.Lstat(rel)
}

// ID returns the identity of the top directory.
func (d *Dir) ID() (string, error) {
	info, err := d.root.Stat(".")
	if err != nil {
		return "", err
	}
	return ID(info), nil
}

// Rename moves from to to, both inside the tree.
func (d *Dir) Rename(from, to string) error {
	if err := checkRel("rename", from); err != nil {
		return err
	}
	if err := checkRel("rename", to); err != nil {
		return err
	}
	return d.root.Rename(from, to)
}

// Link makes to a new name of the file from. It fails with an error
// wrapping fs.ErrExist when to exists, so that nothing is ever replaced.
func (d *Dir) Link(from, to string) error {
	if err := checkRel("link", from); err != nil {
		return err
	}
	if err := checkRel("link", to); err != nil {
		return err
	}
	return d.root.Link(from, to)
}

// Remove removes the file or link rel; it fails on a directory.
func (d *Dir) Remove(rel string) error {
	info, err := d.Lstat(rel)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return &fs.PathError{Op: "remove", Path: rel, Err: fs.ErrInvalid}
	}
	return d.root.Remove(rel)
}

// RemoveDir removes the empty directory rel.
func (d *Dir) RemoveDir(rel string) error {
	info, err := d.Lstat(rel)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return &fs.PathError{Op: "rmdir", Path: rel, Err: fs.ErrInvalid}
	}
	return d.root.Remove(rel)
}

// Mkdir makes the directory rel with exactly the permissions perm (the
// umask does not apply).
func (d *Dir) Mkdir(rel string, perm fs.FileMode) error {
	if err := checkRel("mkdir", rel); err != nil {
		return err
	}
	if err := d.root.Mkdir(rel, perm); err != nil {
		return err
	}
	return d.root.Chmod(rel, perm)
}

// Append opens the existing file rel for appending.
func (d *Dir) Append(rel string) (*os.File, error) {
	if err := checkRel("open", rel); err != nil {
		return nil, err
	}
	return d.root.OpenFile(rel, os.O_WRONLY|os.O_APPEND, 0)
}

// Create makes the new file rel, for writing; it fails when rel exists.
func (d *Dir) Create(rel string) (*os.File, error) {
	if err := checkRel("create", rel); err != nil {
		return nil, err
	}
	return d.root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}

// OpenFile opens the file rel for reading.
func (d *Dir) OpenFile(rel string) (*os.File, error) {
	if err := checkRel("open", rel); err != nil {
		return nil, err
	}
	return d.root.Open(rel)
}

// OpenDir opens the directory rel (or the top directory for "") for
// listing and syncing.
func (d *Dir) OpenDir(rel string) (*os.File, error) {
	if rel == "" {
		return d.root.Open(".")
	}
	if err := checkRel("open", rel); err != nil {
		return nil, err
	}
	return d.root.Open(rel)
}

// SameFile reports whether two FileInfos from this package describe the
// same file.
func SameFile(a, b fs.FileInfo) bool {
	return a != nil && b != nil && os.SameFile(a, b)
}
