// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package confined

import (
	"io/fs"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

// oPath is O_PATH, which the syscall package lacks on some architectures:
// a handle that only names a file (and can be a directory argument of the
// *at calls), opened without read permission.
const oPath = 0x200000

const atRemoveDir = 0x200

// Dir is an open directory tree. It is not safe for concurrent use.
type Dir struct {
	path string
	fd   int
	dirs map[string]int // open subdirectories by relative path
}

// Open opens the directory at path. Links in path itself are followed:
// the caller checks that it is the directory it meant (ID).
func Open(path string) (*Dir, error) {
	fd, err := syscall.Open(path, oPath|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return &Dir{path: path, fd: fd, dirs: map[string]int{}}, nil
}

// Path returns the path Dir was opened with.
func (d *Dir) Path() string { return d.path }

// Close releases the Dir's handles.
func (d *Dir) Close() error {
	d.closeDirs()
	return syscall.Close(d.fd)
}

func (d *Dir) closeDirs() {
	for _, fd := range d.dirs {
		syscall.Close(fd)
	}
	clear(d.dirs)
}

// split returns the directory and the last element of rel.
func split(rel string) (dir, base string) {
	i := strings.LastIndexByte(rel, '/')
	if i < 0 {
		return "", rel
	}
	return rel[:i], rel[i+1:]
}

// checkRel refuses a relative path that is absolute, empty, or has "."
// or ".." elements: the callers give clean paths inside the tree.
func checkRel(op, rel string) error {
	if rel == "" || rel[0] == '/' {
		return &fs.PathError{Op: op, Path: rel, Err: fs.ErrInvalid}
	}
	for _, e := range strings.Split(rel, "/") {
		if e == "" || e == "." || e == ".." {
			return &fs.PathError{Op: op, Path: rel, Err: fs.ErrInvalid}
		}
	}
	return nil
}

// parent opens the directory holding rel, following no link, and returns
// it with rel's last element.
func (d *Dir) parent(op, rel string) (int, string, error) {
	if err := checkRel(op, rel); err != nil {
		return -1, "", err
	}
	dir, base := split(rel)
	fd, err := d.walk(dir)
	if err != nil {
		return -1, "", &fs.PathError{Op: op, Path: rel, Err: err}
	}
	return fd, base, nil
}

// evict closes the kept directory handles when there are too many. Only
// an operation's start calls it: the handles it then takes stay open
// until it is done.
func (d *Dir) evict() {
	if len(d.dirs) >= maxOpenDirs {
		d.closeDirs()
	}
}

// walk opens the directory rel one element at a time, each with
// O_NOFOLLOW, so that no link on the way is followed.
func (d *Dir) walk(rel string) (int, error) {
	if rel == "" {
		return d.fd, nil
	}
	if fd, ok := d.dirs[rel]; ok {
		return fd, nil
	}
	dir, base := split(rel)
	pfd, err := d.walk(dir)
	if err != nil {
		return -1, err
	}
	fd, err := syscall.Openat(pfd, base, oPath|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		if err == syscall.ELOOP || err == syscall.ENOTDIR {
			return -1, ErrLink
		}
		return -1, err
	}
	d.dirs[rel] = fd
	return fd, nil
}

// Lstat describes rel without following it.
func (d *Dir) Lstat(rel string) (fs.FileInfo, error) {
	d.evict()
	pfd, base, err := d.parent("lstat", rel)
	if err != nil {
		return nil, err
	}
	if nr, ok := sysFstatat[runtime.GOARCH]; ok {
		p, err := syscall.BytePtrFromString(base)
		if err != nil {
			return nil, err
		}
		fi := &fileInfo{name: base}
		_, _, errno := syscall.Syscall6(nr, uintptr(pfd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&fi.st)), atSymlinkNoFollow, 0, 0)
		if errno != 0 {
			return nil, &fs.PathError{Op: "lstat", Path: rel, Err: errno}
		}
		return fi, nil
	}
	fd, err := syscall.Openat(pfd, base, oPath|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: rel, Err: err}
	}
	defer syscall.Close(fd)
	return fstat(fd, base, rel)
}

// sysFstatat numbers the fstatat call whose result is syscall.Stat_t, on
// the architectures where the syscall package does not name it alike;
// elsewhere Lstat opens the file with O_PATH and calls fstat.
var sysFstatat = map[string]uintptr{"amd64": 262, "arm64": 79, "riscv64": 79}

const atSymlinkNoFollow = 0x100

// ID returns the identity of the top directory.
func (d *Dir) ID() (string, error) {
	info, err := fstat(d.fd, d.path, d.path)
	if err != nil {
		return "", err
	}
	return ID(info), nil
}

func fstat(fd int, name, rel string) (fs.FileInfo, error) {
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "fstat", Path: rel, Err: err}
	}
	return &fileInfo{name: name, st: st}, nil
}

// Rename moves from to to, both inside the tree.
func (d *Dir) Rename(from, to string) error {
	d.evict()
	ffd, fbase, err := d.parent("rename", from)
	if err != nil {
		return err
	}
	tfd, tbase, err := d.parent("rename", to)
	if err != nil {
		return err
	}
	if err := syscall.Renameat(ffd, fbase, tfd, tbase); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// Link makes to a new name of the file from (a link itself, not its
// target). It fails with an error wrapping fs.ErrExist when to exists, so
// that nothing is ever replaced.
func (d *Dir) Link(from, to string) error {
	d.evict()
	ffd, fbase, err := d.parent("link", from)
	if err != nil {
		return err
	}
	tfd, tbase, err := d.parent("link", to)
	if err != nil {
		return err
	}
	fp, err := syscall.BytePtrFromString(fbase)
	if err != nil {
		return err
	}
	tp, err := syscall.BytePtrFromString(tbase)
	if err != nil {
		return err
	}
	_, _, errno := syscall.Syscall6(syscall.SYS_LINKAT, uintptr(ffd), uintptr(unsafe.Pointer(fp)), uintptr(tfd), uintptr(unsafe.Pointer(tp)), 0, 0)
	if errno != 0 {
		return &os.LinkError{Op: "link", Old: from, New: to, Err: errno}
	}
	return nil
}

// Remove removes the file or link rel; it fails on a directory.
func (d *Dir) Remove(rel string) error {
	return d.unlink("remove", rel, 0)
}

// RemoveDir removes the empty directory rel.
func (d *Dir) RemoveDir(rel string) error {
	return d.unlink("rmdir", rel, atRemoveDir)
}

func (d *Dir) unlink(op, rel string, flags int) error {
	d.evict()
	pfd, base, err := d.parent(op, rel)
	if err != nil {
		return err
	}
	if flags&atRemoveDir != 0 {
		// Handles of rel and below are stale once it is gone: a directory
		// made again in its place must be walked to anew.
		for dir, fd := range d.dirs {
			if dir == rel || strings.HasPrefix(dir, rel+"/") {
				syscall.Close(fd)
				delete(d.dirs, dir)
			}
		}
	}
	p, err := syscall.BytePtrFromString(base)
	if err != nil {
		return err
	}
	_, _, errno := syscall.Syscall(syscall.SYS_UNLINKAT, uintptr(pfd), uintptr(unsafe.Pointer(p)), uintptr(flags))
	if errno != 0 {
		return &fs.PathError{Op: op, Path: rel, Err: errno}
	}
	return nil
}

// Mkdir makes the directory rel with exactly the permissions perm (the
// umask does not apply).
func (d *Dir) Mkdir(rel string, perm fs.FileMode) error {
	d.evict()
	pfd, base, err := d.parent("mkdir", rel)
	if err != nil {
		return err
	}
	if err := syscall.Mkdirat(pfd, base, uint32(perm.Perm())); err != nil {
		return &fs.PathError{Op: "mkdir", Path: rel, Err: err}
	}
	f, err := d.openFile("mkdir", rel, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Chmod(perm.Perm())
}

// Append opens the existing file rel for appending.
func (d *Dir) Append(rel string) (*os.File, error) {
	return d.openFile("open", rel, syscall.O_WRONLY|syscall.O_APPEND, 0)
}

// Create makes the new file rel, for writing; it fails when rel exists.
func (d *Dir) Create(rel string) (*os.File, error) {
	return d.openFile("create", rel, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL, 0o600)
}

// OpenFile opens the file rel for reading, without following a final
// link and without blocking on a FIFO.
func (d *Dir) OpenFile(rel string) (*os.File, error) {
	return d.openFile("open", rel, syscall.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// OpenDir opens the directory rel (or the top directory for "") for
// listing and syncing.
func (d *Dir) OpenDir(rel string) (*os.File, error) {
	if rel == "" {
		fd, err := syscall.Openat(d.fd, ".", syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: d.path, Err: err}
		}
		return os.NewFile(uintptr(fd), d.path), nil
	}
	return d.openFile("open", rel, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
}

func (d *Dir) openFile(op, rel string, flags int, perm uint32) (*os.File, error) {
	d.evict()
	pfd, base, err := d.parent(op, rel)
	if err != nil {
		return nil, err
	}
	fd, err := syscall.Openat(pfd, base, flags|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, perm)
	if err != nil {
		if err == syscall.ELOOP {
			err = ErrLink
		}
		return nil, &fs.PathError{Op: op, Path: rel, Err: err}
	}
	return os.NewFile(uintptr(fd), d.path+"/"+rel), nil
}

// SameFile reports whether two FileInfos from this package describe the
// same file.
func SameFile(a, b fs.FileInfo) bool {
	ia, ib := ID(a), ID(b)
	return ia != "" && ia == ib
}

// fileInfo is an fs.FileInfo from a stat.
type fileInfo struct {
	name string
	st   syscall.Stat_t
}

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.st.Size }
func (fi *fileInfo) ModTime() time.Time { return time.Unix(fi.st.Mtim.Unix()) }
func (fi *fileInfo) IsDir() bool        { return fi.Mode().IsDir() }
func (fi *fileInfo) Sys() any           { return &fi.st }

func (fi *fileInfo) Mode() fs.FileMode {
	m := fs.FileMode(fi.st.Mode & 0o777)
	switch fi.st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	}
	if fi.st.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if fi.st.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if fi.st.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
