// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package osfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
)

// Errors of ReadFile. The public packages declare their own and give the
// errors they return those identities too (Public), so that a caller tells
// them apart with errors.Is and go doc shows no internal name.
var (
	// ErrNotRegular reports a file that is not a regular file: a FIFO, a
	// device, a socket or a directory. Such a file is never read: a FIFO
	// can block a reader forever, and a device such as /dev/zero never
	// ends.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge reports a file larger than the limit for its kind.
	ErrTooLarge = errors.New("file too large")
)

// Public returns err with the identity of the caller's own sentinels added:
// errors.Is(Public(err, a, b), a) holds when err is ErrNotRegular, and
// likewise b for ErrTooLarge. The message is err's. Other errors are
// returned as they are.
func Public(err, notRegular, tooLarge error) error {
	switch {
	case errors.Is(err, ErrNotRegular):
		return &publicError{err, notRegular}
	case errors.Is(err, ErrTooLarge):
		return &publicError{err, tooLarge}
	}
	return err
}

type publicError struct{ err, public error }

func (e *publicError) Error() string   { return e.err.Error() }
func (e *publicError) Unwrap() []error { return []error{e.err, e.public} }

// The most the library reads of each kind of file. Real files are far
// smaller; a larger one is refused rather than read, so that memory stays
// bounded by what such a file can reasonably hold.
const (
	// LimitConfig bounds small text files: markers, pyvenv.cfg, pip's
	// configuration, INSTALLER, .python-version, orig-prefix.txt. Real
	// ones hold a few kB.
	LimitConfig = 1 << 20
	// LimitSource bounds Python sources read for facts (sysconfig.py,
	// _sysconfigdata_*.py) and entry_points.txt; real ones hold under
	// 100 kB.
	LimitSource = 16 << 20
	// LimitRecord bounds RECORD and installed-files.txt. A RECORD of a
	// million rows takes about 100 MB.
	LimitRecord = 256 << 20
)

// ReadFile reads the file name of fsys when it is a regular file (a link
// to one is followed) of at most limit bytes. It checks the type before it
// opens the file and again on the open file, so that a FIFO or a device is
// never read. Errors are *fs.PathError, wrapping ErrNotRegular or
// ErrTooLarge for those cases.
//
// An fs.FS cannot open without blocking, so a FIFO swapped in between the
// two checks can still block the open itself; FS.ReadFile on the host's
// filesystem opens without blocking and has no such window.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(name, info.Mode())
	}
	file, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readLimited(file, name, limit)
}

// readHost is ReadFile for a path of the host, opened without blocking
// and without following a final link (the path is resolved already: a
// link there now is a change, and is refused).
func readHost(path string, limit int64) ([]byte, error) {
	file, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readLimited(file, path, limit)
}

// readLimited checks that the open file is regular and reads it, failing
// past limit bytes without holding more than limit+1 of them.
func readLimited(file fs.File, name string, limit int64) ([]byte, error) {
	info, err := file.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(name, info.Mode())
	}
	if info.Size() > limit {
		return nil, tooLarge(name, limit)
	}
	// The size may change while reading: read at most limit+1 bytes.
	buf := make([]byte, 0, info.Size()+1)
	for {
		n, err := file.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, tooLarge(name, limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
	}
}

func notRegular(name string, mode fs.FileMode) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w (%v)", ErrNotRegular, mode.Type())}
}

func tooLarge(name string, limit int64) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, limit)}
}

// osPath gives a *fs.PathError the OS path p instead of the fs.FS name, so
// that a message names the path as the user knows it, once.
func osPath(err error, p string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path != p {
		return &fs.PathError{Op: pe.Op, Path: p, Err: pe.Err}
	}
	return err
}

// ReadHostFile reads the host's file p, following links, as FS.ReadFile
// does.
func ReadHostFile(p string, limit int64) ([]byte, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	data, err := Host(abs).ReadFile(abs, limit)
	return data, osPath(err, p)
}

// ReadHostHead returns up to the first n bytes of the host's regular file
// p, following links, without blocking on a FIFO.
func ReadHostHead(p string, n int) ([]byte, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	real, err := Host(abs).RealPath(abs)
	if err != nil {
		return nil, osPath(err, p)
	}
	file, err := openNoBlock(real)
	if err != nil {
		return nil, osPath(err, p)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, osPath(err, p)
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(p, info.Mode())
	}
	buf := make([]byte, n)
	m, err := io.ReadFull(file, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, &fs.PathError{Op: "read", Path: p, Err: err}
	}
	return buf[:m], nil
}
