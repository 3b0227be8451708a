// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package osfs

import (
	"io/fs"
	"os"
	"runtime"
	"strings"
)

// Cache answers what FS answers about many paths at one moment (types,
// resolution, directory contents) while reading each directory once. It
// lists a directory on first use and answers from the listing afterwards,
// so resolving thousands of paths in the same trees costs one ReadDir per
// directory instead of an lstat per path component. It assumes the trees do
// not change while it is used, and is not safe for concurrent use.
type Cache struct {
	f        *FS
	listings map[string]map[string]fs.FileMode // resolved directory → name → type; nil when unreadable
	targets  map[string]string                 // resolved link → target
	real     map[string]string                 // path as given → RealPath
}

// NewCache returns an empty Cache over f.
func (f *FS) NewCache() *Cache {
	return &Cache{f: f, listings: map[string]map[string]fs.FileMode{}, targets: map[string]string{}, real: map[string]string{}}
}

// FS returns the filesystem the cache reads.
func (c *Cache) FS() *FS { return c.f }

// Names returns the entries of the resolved directory dir, name to type,
// or nil when it cannot be read. The map must not be changed.
func (c *Cache) Names(dir string) map[string]fs.FileMode {
	if m, ok := c.listings[dir]; ok {
		return m
	}
	m := c.list(dir)
	c.listings[dir] = m
	return m
}

// list reads the resolved directory dir: name to type, or nil. It touches
// no cache state, so Prefetch may run it concurrently.
func (c *Cache) list(dir string) map[string]fs.FileMode {
	var entries []fs.DirEntry
	var err error
	if c.f.host {
		entries, err = os.ReadDir(dir) // no fs.FS layers: the hot path of planning
	} else if name, nerr := c.f.Name(dir); nerr == nil {
		entries, err = fs.ReadDir(c.f.fsys, name)
	} else {
		err = nerr
	}
	if err != nil {
		return nil
	}
	m := make(map[string]fs.FileMode, len(entries))
	for _, e := range entries {
		m[e.Name()] = e.Type()
	}
	return m
}

// Type returns the type of the resolved path p (a final link is not
// followed) and whether it exists.
func (c *Cache) Type(p string) (fs.FileMode, bool) {
	dir, base := c.f.splitLast(p)
	if base == "" {
		return fs.ModeDir, true // a root
	}
	dir = c.trimSep(dir)
	if m := c.Names(dir); m != nil {
		t, ok := m[base]
		return t, ok
	}
	info, err := c.f.lstat(p) // an unreadable directory may still be searchable
	if err != nil {
		return 0, false
	}
	return info.Mode().Type(), true
}

// trimSep drops the separator splitLast leaves after a directory, except
// after a root.
func (c *Cache) trimSep(dir string) string {
	if len(dir) > 1 && !(c.f.windows && strings.HasSuffix(dir, `:\`)) {
		return dir[:len(dir)-1]
	}
	return dir
}

// RealPath is FS.RealPath answered from the cache.
func (c *Cache) RealPath(p string) (string, error) {
	if r, ok := c.real[p]; ok {
		return r, nil
	}
	// Most paths are a known directory plus a name that is no link: resolve
	// the parent (remembered) and check the one name.
	if dir, base := c.f.splitLast(p); base != "" && base != "." && base != ".." && dir != "" {
		if realDir, err := c.RealPath(c.trimSep(dir)); err == nil && c.f.IsAbs(realDir) && realDir != p {
			child := c.f.Child(realDir, base)
			if t, ok := c.Type(child); !ok || t&fs.ModeSymlink == 0 {
				c.real[p] = child
				return child, nil
			}
		}
	}
	r, err := c.f.realPath(p, func(q string) (bool, error) {
		t, ok := c.Type(q)
		return ok && t&fs.ModeSymlink != 0, nil
	}, func(q string) (string, error) {
		if t, ok := c.targets[q]; ok {
			return t, nil
		}
		t, err := c.f.readlink(q)
		if err == nil {
			c.targets[q] = t
		}
		return t, err
	})
	if err == nil {
		c.real[p] = r
	}
	return r, err
}

// ResolveParent is FS.ResolveParent answered from the cache.
func (c *Cache) ResolveParent(p string) (string, error) {
	return c.f.resolveParent(p, c.RealPath)
}

// Prefetch lists the resolved directories dirs ahead of use, several at a
// time: listing is mostly waiting for the kernel, so concurrent listings
// overlap. Only the host's filesystem is listed concurrently. Directories
// already listed are skipped.
func (c *Cache) Prefetch(dirs []string) {
	if !c.f.host {
		return
	}
	todo := make([]string, 0, len(dirs))
	for _, d := range dirs {
		if _, ok := c.listings[d]; !ok {
			todo = append(todo, d)
		}
	}
	type result struct {
		dir string
		m   map[string]fs.FileMode
	}
	jobs := make(chan string)
	results := make(chan result)
	workers := 2 * runtime.GOMAXPROCS(0)
	for range workers {
		go func() {
			for dir := range jobs {
				results <- result{dir, c.list(dir)}
			}
		}()
	}
	go func() {
		for _, d := range todo {
			jobs <- d
		}
		close(jobs)
	}()
	for range todo {
		r := <-results
		c.listings[r.dir] = r.m
	}
}
