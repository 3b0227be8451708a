// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package osfs

import (
	"encoding/binary"
	"io/fs"
	"sort"
	"sync"
	"syscall"
)

// direntBuffers holds the buffers listHost reads directory entries into,
// one per listing at a time: a plan lists thousands of directories, from
// several goroutines, and a buffer each would be garbage.
var direntBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// listHost reads the directory dir of the host straight from getdents64:
// names and types, sorted by name, with none of os.ReadDir's per-entry
// objects. A plan lists thousands of directories; this is most of its
// work that is not the kernel's.
func listHost(dir string) ([]string, []fs.FileMode, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
	bp := direntBuffers.Get().(*[]byte)
	defer direntBuffers.Put(bp)
	buf := *bp
	var l byName
	for {
		n, err := retry(func() (int, error) { return syscall.Getdents(fd, buf) })
		if err != nil {
			return nil, nil, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			break
		}
		// struct linux_dirent64: ino u64, off s64, reclen u16, type u8, name.
		for rec := buf[:n]; len(rec) >= 19; {
			size := int(binary.NativeEndian.Uint16(rec[16:18]))
			if size < 19 || size > len(rec) {
				return nil, nil, &fs.PathError{Op: "readdirent", Path: dir, Err: syscall.EIO}
			}
			name := rec[19:size]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			typ, known := direntType(rec[18])
			rec = rec[size:]
			if string(name) == "." || string(name) == ".." {
				continue
			}
			s := string(name)
			if !known {
				var st syscall.Stat_t
				_, err := retry(func() (int, error) { return 0, syscall.Lstat(dir+"/"+s, &st) })
				switch {
				case err == syscall.ENOENT:
					continue // gone since it was listed, as os.ReadDir skips it
				case err != nil:
					// An entry whose type cannot be told: the listing
					// cannot be used (dropping it would make the
					// directory look emptier than it is).
					return nil, nil, &fs.PathError{Op: "lstat", Path: dir + "/" + s, Err: err}
				}
				typ = statType(st.Mode)
			}
			l.names = append(l.names, s)
			l.types = append(l.types, typ)
		}
	}
	sort.Sort(&l)
	return l.names, l.types, nil
}

// direntType is the fs.FileMode type of a d_type, and false for
// DT_UNKNOWN, which some filesystems give: the entry is then asked.
func direntType(t byte) (fs.FileMode, bool) {
	switch t {
	case syscall.DT_REG:
		return 0, true
	case syscall.DT_DIR:
		return fs.ModeDir, true
	case syscall.DT_LNK:
		return fs.ModeSymlink, true
	case syscall.DT_FIFO:
		return fs.ModeNamedPipe, true
	case syscall.DT_SOCK:
		return fs.ModeSocket, true
	case syscall.DT_CHR:
		return fs.ModeDevice | fs.ModeCharDevice, true
	case syscall.DT_BLK:
		return fs.ModeDevice, true
	}
	return 0, false
}

func statType(mode uint32) fs.FileMode {
	switch mode & syscall.S_IFMT {
	case syscall.S_IFREG:
		return 0
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFLNK:
		return fs.ModeSymlink
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	}
	return fs.ModeIrregular
}

// retry repeats a system call interrupted by a signal.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}

// byName sorts names and their types together.
type byName struct {
	names []string
	types []fs.FileMode
}

func (l *byName) Len() int           { return len(l.names) }
func (l *byName) Less(i, j int) bool { return l.names[i] < l.names[j] }
func (l *byName) Swap(i, j int) {
	l.names[i], l.names[j] = l.names[j], l.names[i]
	l.types[i], l.types[j] = l.types[j], l.types[i]
}
