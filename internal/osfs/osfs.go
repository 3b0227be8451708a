// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package osfs reads a filesystem through io/fs.FS while speaking in the OS
// paths a Python interpreter would use: "/usr/bin/python3" on POSIX,
// `C:\venv\Scripts\python.exe` on Windows, whatever the host is.
//
// An FS maps the absolute paths of one POSIX root or one Windows volume to
// names of an fs.FS rooted there. It resolves symbolic links itself, one
// component at a time, through fs.ReadLinkFS, so an absolute link target is
// taken relative to that root (as the OS would) and fstest.MapFS trees
// behave like real ones. A filesystem without ReadLinkFS has no links.
//
// A Cache answers the same questions about many paths at one moment while
// reading each directory once, into sorted slices; planning an uninstall
// relies on it. On the host it lists ahead of use on several goroutines
// (Prefetch), on Linux straight from getdents64. It resolves strictly (Strict: a component that cannot be examined is an
// error, not a missing file) and spells paths as their directories list
// them, for case-insensitive filesystems.
//
// ReadFile reads only regular files, up to a limit per kind of file
// (LimitConfig, LimitSource, LimitRecord), so that a FIFO, a device or a
// huge file can neither block nor exhaust a reader.
package osfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// FS is a filesystem addressed by OS paths.
type FS struct {
	fsys    fs.FS
	windows bool
	volume  string // "C:" on Windows; "" on POSIX
	host    bool   // fsys is the host's own: paths may go to the os package directly
	strict  bool   // an error other than "does not exist" while resolving is returned
	memo    *memo  // what is known of paths already examined; nil to examine each time
}

// memo remembers the lstat and the link target of each path examined.
type memo struct {
	lstat map[string]lstatResult
	links map[string]linkResult
}

type lstatResult struct {
	info fs.FileInfo
	err  error
}

type linkResult struct {
	target string
	err    error
}

// Memo returns a copy of f that examines each path once: its lstat and
// link target are remembered. It is for a caller that looks up the same
// few paths many times in a moment, as one Check resolves /usr dozens of
// times, and that keeps the copy to one goroutine. It sees no change made
// after the first look.
func (f *FS) Memo() *FS {
	g := *f
	g.memo = &memo{lstat: map[string]lstatResult{}, links: map[string]linkResult{}}
	return &g
}

// New returns an FS over fsys, whose root is "/" (POSIX) or volume (for
// example "C:") on Windows.
func New(fsys fs.FS, windows bool, volume string) *FS {
	return &FS{fsys: fsys, windows: windows, volume: strings.ToUpper(volume)}
}

// Host returns the host's filesystem, rooted at "/" or, on Windows, at the
// volume of p.
func Host(p string) *FS {
	var f *FS
	if runtime.GOOS == "windows" {
		vol := filepath.VolumeName(p)
		f = New(os.DirFS(vol+`\`), true, vol)
	} else {
		f = New(os.DirFS("/"), false, "")
	}
	f.host = true
	return f
}

// For returns the FS a caller's options describe: the host's filesystem
// when fsys is nil, else fsys with the flavour windows, rooted at the
// volume of the path p (on Windows).
func For(fsys fs.FS, windows bool, p string) *FS {
	if fsys == nil {
		return Host(p)
	}
	vol := ""
	if windows {
		vol, _ = splitVolume(p)
	}
	return New(fsys, windows, vol)
}

// Strict returns a copy of f that reports an error while resolving a path
// when a component cannot be examined for another reason than its absence
// (permission denied, name too long), where f, like Python's realpath,
// takes such a component as it is. Code that deletes files resolves
// strictly: a file it cannot see is not a missing one.
func (f *FS) Strict() *FS {
	g := *f
	g.strict = true
	return &g
}

// Windows reports whether paths are Windows paths.
func (f *FS) Windows() bool { return f.windows }

// ErrOutside reports a path that is not absolute, or on another volume.
var ErrOutside = errors.New("path is not absolute on this filesystem's root")

// Clean returns the shortest lexical equivalent of p by the rules of
// path.Clean, for either flavour. It is for looking files up; it is not
// Python's os.path.normpath (which keeps a leading "//" on POSIX, among
// other differences), which the scheme package reproduces.
func (f *FS) Clean(p string) string {
	if !f.windows {
		return path.Clean(p)
	}
	vol, rest := splitVolume(p)
	rest = path.Clean(strings.ReplaceAll(rest, `\`, "/"))
	return strings.ToUpper(vol) + strings.ReplaceAll(rest, "/", `\`)
}

// IsAbs reports whether p is absolute.
func (f *FS) IsAbs(p string) bool {
	if !f.windows {
		return strings.HasPrefix(p, "/")
	}
	vol, rest := splitVolume(p)
	return vol != "" && (strings.HasPrefix(rest, `\`) || strings.HasPrefix(rest, "/"))
}

// Join joins path elements with the separator of the flavour and cleans
// the result; an absolute element replaces what precedes it.
func (f *FS) Join(elem ...string) string {
	out := ""
	for _, e := range elem {
		switch {
		case e == "":
		case f.IsAbs(e) || out == "":
			out = e
		default:
			out = out + f.Sep() + e
		}
	}
	return f.Clean(out)
}

// Dir returns all but the last element of p, cleaned.
func (f *FS) Dir(p string) string {
	p = f.Clean(p)
	if !strings.ContainsAny(p, f.seps()) {
		return "."
	}
	return f.Parent(p)
}

// Base returns the last element of p.
func (f *FS) Base(p string) string {
	p = f.Clean(p)
	if i := strings.LastIndexAny(p, f.seps()); i >= 0 {
		return p[i+1:]
	}
	return p
}

// Sep returns the path separator of the flavour.
func (f *FS) Sep() string {
	if f.windows {
		return `\`
	}
	return "/"
}

func (f *FS) seps() string {
	if f.windows {
		return `\/`
	}
	return "/"
}

// splitVol is splitVolume for the flavour: POSIX paths have no volume.
func (f *FS) splitVol(p string) (vol, rest string) {
	if !f.windows {
		return "", p
	}
	return splitVolume(p)
}

func splitVolume(p string) (vol, rest string) {
	if len(p) >= 2 && p[1] == ':' && ('a' <= p[0]|0x20 && p[0]|0x20 <= 'z') {
		return p[:2], p[2:]
	}
	return "", p
}

// FS returns the underlying filesystem.
func (f *FS) FS() fs.FS { return f.fsys }

// Name returns the fs.FS name of an absolute OS path.
func (f *FS) Name(p string) (string, error) {
	if !f.IsAbs(p) {
		return "", &fs.PathError{Op: "open", Path: p, Err: ErrOutside}
	}
	p = f.Clean(p)
	if f.windows {
		vol, rest := splitVolume(p)
		if !strings.EqualFold(vol, f.volume) {
			return "", &fs.PathError{Op: "open", Path: p, Err: ErrOutside}
		}
		p = strings.ReplaceAll(rest, `\`, "/")
	}
	name := strings.TrimPrefix(p, "/")
	if name == "" {
		return ".", nil
	}
	return name, nil
}

// Lstat describes p without following a final link; links among its
// parents are followed, as the OS does.
func (f *FS) Lstat(p string) (fs.FileInfo, error) {
	q, err := f.ResolveParent(p)
	if err != nil {
		return nil, osPath(err, p)
	}
	info, err := f.lstat(q)
	return info, osPath(err, p)
}

// ResolveParent resolves every link in p but a final one, as the OS does
// when it opens p without following it: "..", even after a link, means the
// parent of where the link led.
func (f *FS) ResolveParent(p string) (string, error) {
	return f.resolveParent(p, f.RealPath)
}

// resolveParent is ResolveParent with realPath resolving directories.
func (f *FS) resolveParent(p string, realPath func(string) (string, error)) (string, error) {
	dir, base := f.splitLast(p)
	if p == "" || base == "." || base == ".." || strings.ContainsAny(p[len(p)-1:], f.seps()) {
		return realPath(p) // names a directory: even a final link is followed
	}
	if len(dir) > 1 && !(f.windows && strings.HasSuffix(dir, `:\`)) {
		dir = dir[:len(dir)-1] // the separator splitLast leaves, except after a root
	}
	realDir, err := realPath(dir)
	if err != nil {
		return "", err
	}
	return f.Child(realDir, base), nil
}

// splitLast splits p before its last element, without cleaning it: ".."
// must keep its meaning for whatever the parts resolve to.
func (f *FS) splitLast(p string) (dir, base string) {
	i := strings.LastIndexAny(p, f.seps())
	if i < 0 {
		return "", p
	}
	return p[:i+1], p[i+1:]
}

// lstat is Lstat for a path whose parents are known to hold no links.
func (f *FS) lstat(p string) (fs.FileInfo, error) {
	if f.memo == nil {
		return f.lstatNow(p)
	}
	if r, ok := f.memo.lstat[p]; ok {
		return r.info, r.err
	}
	info, err := f.lstatNow(p)
	f.memo.lstat[p] = lstatResult{info, err}
	return info, err
}

func (f *FS) lstatNow(p string) (fs.FileInfo, error) {
	name, err := f.Name(p)
	if err != nil {
		return nil, err
	}
	if _, ok := f.fsys.(fs.ReadLinkFS); ok {
		return fs.Lstat(f.fsys, name)
	}
	return fs.Stat(f.fsys, name)
}

// ReadLink returns the target of the link p, as stored; links among its
// parents are followed.
func (f *FS) ReadLink(p string) (string, error) {
	q, err := f.ResolveParent(p)
	if err != nil {
		return "", err
	}
	return f.readlink(q)
}

// readlink is ReadLink for a path whose parents are known to hold no links.
func (f *FS) readlink(p string) (string, error) {
	if f.memo == nil {
		return f.readlinkNow(p)
	}
	if r, ok := f.memo.links[p]; ok {
		return r.target, r.err
	}
	target, err := f.readlinkNow(p)
	f.memo.links[p] = linkResult{target, err}
	return target, err
}

func (f *FS) readlinkNow(p string) (string, error) {
	name, err := f.Name(p)
	if err != nil {
		return "", err
	}
	target, err := fs.ReadLink(f.fsys, name)
	if err != nil {
		return "", err
	}
	if f.windows {
		target = strings.TrimPrefix(target, `\\?\`) // NT namespace prefix of some links
	}
	return target, nil
}

// maxLinks bounds how many links one resolution follows, as the OS does.
const maxLinks = 40

// ErrLinkLoop reports too many links, or a loop, while resolving a path.
var ErrLinkLoop = errors.New("too many levels of symbolic links")

// RealPath resolves every link in p, like Python's os.path.realpath: ".."
// applies to where a link led, and a component that does not exist is kept
// as it is while the rest is still resolved. An error is returned only for
// a loop, a path that is not absolute, or, when f is strict, a component
// that cannot be examined.
func (f *FS) RealPath(p string) (string, error) {
	return f.realPath(p, func(q string) (string, bool, error) {
		info, err := f.lstat(q)
		if err != nil {
			return q, false, f.resolveErr(err, q)
		}
		return q, info.Mode()&fs.ModeSymlink != 0, nil
	}, f.readlink)
}

// resolveErr is what an error examining the component q means while
// resolving: nothing when the component is absent, or when f is not
// strict; else the error, naming q.
func (f *FS) resolveErr(err error, q string) error {
	if !f.strict || Missing(err) {
		return nil
	}
	return osPath(err, q)
}

// Missing reports whether err says that a path does not exist: ENOENT, or
// ENOTDIR for a path whose parent is not a directory (Python's
// os.path.lexists is false for both).
func Missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// realPath resolves p with probe and readlink examining paths whose
// parents are resolved. probe reports whether a path is a link, and its
// last element as its directory spells it.
func (f *FS) realPath(p string, probe func(string) (string, bool, error), readlink func(string) (string, error)) (string, error) {
	if !f.IsAbs(p) {
		return "", &fs.PathError{Op: "realpath", Path: p, Err: ErrOutside}
	}
	vol, rest := f.splitVol(p)
	vol = strings.ToUpper(vol)
	todo := splitPath(rest)
	done := vol + f.Sep()
	links := 0
	for len(todo) > 0 {
		elem := todo[0]
		todo = todo[1:]
		if elem == ".." {
			done = f.Parent(done)
			continue
		}
		next, link, err := probe(f.Child(done, elem))
		if err != nil {
			return "", err
		}
		if !link {
			// Like Python's realpath, a component that does not exist is
			// taken as it is, and the components after it are still
			// resolved: "missing/../link" still follows link.
			done = next
			continue
		}
		if links++; links > maxLinks {
			return "", &fs.PathError{Op: "realpath", Path: p, Err: ErrLinkLoop}
		}
		target, err := readlink(next)
		if err != nil {
			return "", err
		}
		if f.IsAbs(target) {
			vol, rest := f.splitVol(target)
			done = strings.ToUpper(vol) + f.Sep()
			todo = append(splitPath(rest), todo...) // raw: ".." in a target is physical too
		} else {
			todo = append(splitPath(target), todo...)
		}
	}
	return done, nil
}

// Child joins a clean path and one element without cleaning again.
func (f *FS) Child(dir, elem string) string {
	if strings.HasSuffix(dir, f.Sep()) {
		return dir + elem
	}
	return dir + f.Sep() + elem
}

// Parent is Dir for a clean absolute path, without cleaning again.
func (f *FS) Parent(p string) string {
	i := strings.LastIndexAny(p, f.seps())
	vol, _ := f.splitVol(p)
	if i <= len(vol) {
		return p[:min(len(p), len(vol)+1)]
	}
	return p[:i]
}

// splitPath splits a path into its components, dropping the root and "."
// but keeping "..", which only the resolved path can give a meaning.
func splitPath(p string) []string {
	var parts []string
	for _, s := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if s != "." {
			parts = append(parts, s)
		}
	}
	return parts
}

// FollowLinks follows the chain of links that p's last component starts, as
// CPython 3.8–3.10 resolve their executable: a relative target is joined to
// the directory of the link, and parent directories are left as they are.
func (f *FS) FollowLinks(p string) (string, error) {
	p = f.Clean(p)
	for i := 0; ; i++ {
		info, err := f.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		if i == maxLinks {
			return "", &fs.PathError{Op: "readlink", Path: p, Err: ErrLinkLoop}
		}
		target, err := f.ReadLink(p)
		if err != nil {
			return "", err
		}
		p = f.Join(f.Dir(p), target)
	}
}

// Stat describes p, following links.
func (f *FS) Stat(p string) (fs.FileInfo, error) {
	real, err := f.RealPath(p)
	if err != nil {
		return nil, osPath(err, p)
	}
	info, err := f.lstat(real) // resolved already: no second resolution
	return info, osPath(err, p)
}

// IsFile reports whether p is a regular file, following links, like
// Python's os.path.isfile.
func (f *FS) IsFile(p string) bool {
	info, err := f.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// IsDir reports whether p is a directory, following links.
func (f *FS) IsDir(p string) bool {
	info, err := f.Stat(p)
	return err == nil && info.IsDir()
}

// ReadFile reads the file p, following links, when it is a regular file of
// at most limit bytes, as the package's ReadFile does. On the host's
// filesystem it opens without blocking, so a FIFO is refused, not waited
// for. Errors name p.
func (f *FS) ReadFile(p string, limit int64) ([]byte, error) {
	real, err := f.RealPath(p)
	if err != nil {
		return nil, osPath(err, p)
	}
	var data []byte
	if f.host {
		data, err = readHost(real, limit)
	} else {
		var name string
		if name, err = f.Name(real); err == nil {
			data, err = ReadFile(f.fsys, name, limit)
		}
	}
	return data, osPath(err, p)
}

// ReadDir lists the directory p, following links, sorted by name. Errors
// name p. A FIFO or a device where the directory should be is refused,
// never opened (see the package's ReadDir).
func (f *FS) ReadDir(p string) ([]fs.DirEntry, error) {
	name, err := f.RealName(p)
	if err != nil {
		return nil, osPath(err, p)
	}
	entries, err := ReadDir(f.fsys, name)
	return entries, osPath(err, p)
}

// ReadDir lists the directory name of fsys, sorted, when it is one. It
// looks before it opens: an fs.FS may open a FIFO found where a directory
// should be for reading, which waits for a writer (os.Root's FS does;
// os.DirFS and os.ReadDir open directories only). A FIFO swapped in
// between the look and the open still blocks: fs.FS offers no
// non-blocking open.
func ReadDir(fsys fs.FS, name string) ([]fs.DirEntry, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fmt.Errorf("not a directory (%v)", info.Mode().Type())}
	}
	return fs.ReadDir(fsys, name)
}

// RealName is the fs.FS name of p with every link resolved, so that fsys
// never has to follow one.
func (f *FS) RealName(p string) (string, error) {
	real, err := f.RealPath(p)
	if err != nil {
		return "", err
	}
	return f.Name(real)
}
