// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package osfs

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Cache answers what FS answers about many paths at one moment (types,
// resolution, directory contents) while reading each directory once. It
// lists a directory on first use, or ahead of use (Prefetch), and answers
// from the listing afterwards, so resolving thousands of paths in the same
// trees costs one listing per directory instead of an lstat per path
// component. It assumes the trees do not change while it is used, and is
// not safe for concurrent use.
//
// A Cache resolves strictly (see FS.Strict), and spells every path it
// returns as the directories list it: on a case-insensitive filesystem
// (Windows, macOS by default) or a normalization-insensitive one (macOS),
// "OWN/FILE.PY" resolves to "own/file.py" when that is what exists, so
// that paths naming one file compare equal.
type Cache struct {
	f        *FS
	listings map[string]*Listing // resolved directory → its entries; nil when unreadable
	targets  map[string]string   // resolved link → target
	real     map[string]string   // path as given → RealPath

	// Listings that Prefetch has asked for and not yet kept stand in
	// listings as pending, and come on results.
	pending     *Listing
	results     chan prefetched // in the order they finish
	outstanding int             // listings still to come on results
}

// Listing is a directory's entries, sorted by name: slices, not a map, so
// that a plan over a million files holds little more than their names.
// Its slices must not be changed.
type Listing struct {
	Names []string      // the entries' names, sorted, as the directory spells them
	Types []fs.FileMode // the type bits of each entry, as fs.DirEntry.Type

	ascii  bool                // every name is ASCII
	folded map[string][]string // names by folded form, for large listings, built on need
}

// Len returns the number of entries.
func (l *Listing) Len() int { return len(l.Names) }

// Find returns the index of name, or -1.
func (l *Listing) Find(name string) int {
	if i, ok := slices.BinarySearch(l.Names, name); ok {
		return i
	}
	return -1
}

func newListing(names []string, types []fs.FileMode) *Listing {
	l := &Listing{Names: names, Types: types, ascii: true}
	for _, name := range names {
		if !isASCII(name) {
			l.ascii = false
			break
		}
	}
	return l
}

// NewCache returns an empty Cache over f.
func (f *FS) NewCache() *Cache {
	return &Cache{f: f.Strict(), listings: map[string]*Listing{}, pending: &Listing{}, targets: map[string]string{}, real: map[string]string{}}
}

// FS returns the filesystem the cache reads.
func (c *Cache) FS() *FS { return c.f }

// Dir returns the entries of the resolved directory dir, or nil when it
// cannot be read.
func (c *Cache) Dir(dir string) *Listing {
	l, ok := c.listings[dir]
	for l == c.pending {
		c.take()
		l = c.listings[dir]
	}
	if !ok {
		l = c.list(dir)
		c.listings[dir] = l
	}
	return l
}

// list reads the resolved directory dir, or gives nil. It touches no cache
// state, so Prefetch may run it concurrently.
func (c *Cache) list(dir string) *Listing {
	if c.f.host {
		names, types, err := listHost(dir) // no fs.FS layers: the hot path of planning
		if err != nil {
			return nil
		}
		return newListing(names, types)
	}
	name, err := c.f.Name(dir)
	if err != nil {
		return nil
	}
	entries, err := ReadDir(c.f.fsys, name)
	if err != nil {
		return nil
	}
	// fs.ReadDir sorts by name, as fs.ReadDirFS promises; an fs.FS that
	// does not keep that promise is sorted here.
	byName := func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) }
	if !slices.IsSortedFunc(entries, byName) {
		slices.SortFunc(entries, byName)
	}
	names, types := make([]string, len(entries)), make([]fs.FileMode, len(entries))
	for i, e := range entries {
		names[i], types[i] = e.Name(), e.Type()
	}
	return newListing(names, types)
}

// ErrOtherName reports a path the filesystem finds under a spelling its
// directory does not list, where several listed names could be the one
// found: which file it is cannot be told from names.
var ErrOtherName = errors.New("found under a name its directory does not list")

// Lookup finds the resolved path p (a final link is not followed): its
// type, and p with its last element spelled as its directory lists it. A
// path that does not exist gives an error wrapping fs.ErrNotExist; any
// other error means that whether it exists cannot be told.
func (c *Cache) Lookup(p string) (canonical string, typ fs.FileMode, err error) {
	dir, base := c.f.splitLast(p)
	if base == "" {
		return p, fs.ModeDir, nil // a root
	}
	dir = c.trimSep(dir)
	name, typ, err := c.lookupIn(dir, base, p)
	if name != base {
		p = c.f.Child(dir, name)
	}
	return p, typ, err
}

// LookupIn is Lookup of the name base in the resolved directory dir; it
// returns the name as dir lists it, and builds no path unless it must ask
// the filesystem. A name nothing listed could be gives ErrUnlisted.
func (c *Cache) LookupIn(dir, base string) (name string, typ fs.FileMode, err error) {
	return c.lookupIn(dir, base, "")
}

// lookupIn is LookupIn; p is dir joined with base, or "" to join on need.
func (c *Cache) lookupIn(dir, base, p string) (string, fs.FileMode, error) {
	path := func() string {
		if p == "" {
			p = c.f.Child(dir, base)
		}
		return p
	}
	l := c.Dir(dir)
	if l == nil {
		// An unreadable directory may still be searchable.
		info, err := c.f.lstat(path())
		if err != nil {
			return base, 0, osPath(err, path())
		}
		return base, info.Mode().Type(), nil
	}
	if i := l.Find(base); i >= 0 {
		return base, l.Types[i], nil
	}
	// A name its directory does not list: absent, or present under another
	// spelling on an insensitive filesystem. The filesystem decides: only
	// when it finds the path is a listed name with the same folded form
	// taken as the one it names. A name nothing listed folds to is absent
	// (a Windows 8.3 short name, which folds to no listed name, is taken as
	// absent too).
	candidates := l.sameFold(base)
	if len(candidates) == 0 {
		// Nothing listed could be this name: absent, without asking again.
		if p == "" {
			return base, 0, ErrUnlisted // no path to build: most such lookups are for bytecode never written
		}
		return base, 0, &fs.PathError{Op: "lstat", Path: p, Err: fs.ErrNotExist}
	}
	info, err := c.f.lstat(path())
	switch {
	case Missing(err):
		return base, 0, &fs.PathError{Op: "lstat", Path: path(), Err: fs.ErrNotExist}
	case err != nil:
		return base, 0, osPath(err, path())
	}
	if len(candidates) > 1 && c.f.host {
		// Several spellings listed, one found: the one that is the same file.
		var same []string
		for _, name := range candidates {
			if other, err := os.Lstat(c.f.Child(dir, name)); err == nil && os.SameFile(info, other) {
				same = append(same, name)
			}
		}
		candidates = same
	}
	if len(candidates) != 1 {
		return base, 0, &fs.PathError{Op: "lstat", Path: path(), Err: fmt.Errorf("%w (%d listed names match)", ErrOtherName, len(candidates))}
	}
	return candidates[0], l.Types[l.Find(candidates[0])], nil
}

// ErrUnlisted is LookupIn's answer for a name its directory's listing
// shows absent; Missing holds for it.
var ErrUnlisted = fmt.Errorf("not in its directory's listing: %w", fs.ErrNotExist)

// smallListing is the size up to which a listing is searched for names of
// the same folded form one by one, instead of through an index: most
// directories are small, and most lookups that miss are for bytecode that
// was never written.
const smallListing = 64

// sameFold returns the listed names whose folded form is base's.
func (l *Listing) sameFold(base string) []string {
	if l.folded == nil && len(l.Names) <= smallListing {
		var same []string
		if l.ascii && isASCII(base) {
			// ASCII folding keeps lengths and needs no tables.
			for _, name := range l.Names {
				if len(name) == len(base) && strings.EqualFold(name, base) {
					same = append(same, name)
				}
			}
			return same
		}
		folded := fold(base)
		for _, name := range l.Names {
			if fold(name) == folded {
				same = append(same, name)
			}
		}
		return same
	}
	if l.folded == nil {
		l.folded = make(map[string][]string, len(l.Names))
		for _, name := range l.Names {
			k := fold(name)
			l.folded[k] = append(l.folded[k], name)
		}
	}
	return l.folded[fold(base)]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fold maps a name to the form that a case- and normalization-insensitive
// filesystem compares: Unicode case folding of the decomposed form. It
// only ever picks candidates; the filesystem itself confirms a match.
func fold(name string) string {
	if !isASCII(name) {
		return cases.Fold().String(norm.NFD.String(name))
	}
	return strings.ToLower(name) // ASCII: folding is lower-casing
}

// trimSep drops the separator splitLast leaves after a directory, except
// after a root.
func (c *Cache) trimSep(dir string) string {
	if len(dir) > 1 && !(c.f.windows && strings.HasSuffix(dir, `:\`)) {
		return dir[:len(dir)-1]
	}
	return dir
}

// RealPath is FS.RealPath answered from the cache, strictly, and with
// names spelled as their directories list them.
func (c *Cache) RealPath(p string) (string, error) {
	if r, ok := c.real[p]; ok {
		return r, nil
	}
	// Most paths are a known directory plus a name that is no link: resolve
	// the parent (remembered) and check the one name.
	if dir, base := c.f.splitLast(p); base != "" && base != "." && base != ".." && dir != "" {
		if realDir, err := c.RealPath(c.trimSep(dir)); err == nil && c.f.IsAbs(realDir) && realDir != p {
			child, t, err := c.Lookup(c.f.Child(realDir, base))
			switch {
			case err != nil && !Missing(err):
				return "", err
			case err != nil || t&fs.ModeSymlink == 0:
				c.real[p] = child
				return child, nil
			}
		}
	}
	r, err := c.f.realPath(p, func(q string) (string, bool, error) {
		canonical, t, err := c.Lookup(q)
		if err != nil {
			return q, false, c.f.resolveErr(err, q)
		}
		return canonical, t&fs.ModeSymlink != 0, nil
	}, func(q string) (string, error) {
		if t, ok := c.targets[q]; ok {
			return t, nil
		}
		t, err := c.f.readlink(q)
		if err != nil {
			return "", osPath(err, q)
		}
		c.targets[q] = t
		return t, nil
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

// Prefetch starts listing the resolved directories dirs ahead of use,
// several at a time, and returns: listing is mostly waiting for the
// kernel, so concurrent listings overlap each other and the caller's work.
// A lookup in a directory still being listed waits for it. Only the host's
// filesystem is listed concurrently; directories listed already are
// skipped.
func (c *Cache) Prefetch(dirs []string) {
	if !c.f.host {
		return
	}
	c.drain() // an earlier batch: one at a time
	// Room for what the batch brings, made once: a listing for each.
	c.listings = grown(c.listings, len(dirs))
	todo := make([]string, 0, len(dirs))
	for _, d := range dirs {
		if _, ok := c.listings[d]; !ok {
			c.listings[d] = c.pending
			todo = append(todo, d)
		}
	}
	if len(todo) == 0 {
		return
	}
	// Room for every result: workers never wait for the caller, so a
	// Cache dropped before its listings are used leaves nothing behind.
	c.results, c.outstanding = make(chan prefetched, len(todo)), len(todo)
	jobs := make(chan string, len(todo))
	for _, d := range todo {
		jobs <- d
	}
	close(jobs)
	results := c.results
	for range min(prefetchWorkers, len(todo)) {
		go func() {
			for dir := range jobs {
				results <- prefetched{dir, c.list(dir)}
			}
		}()
	}
}

// grown returns a copy of m with room for n more entries, or m itself
// when n is small.
func grown[V any](m map[string]V, n int) map[string]V {
	if n <= 16 {
		return m
	}
	bigger := make(map[string]V, len(m)+n)
	maps.Copy(bigger, m)
	return bigger
}

// prefetchWorkers is how many directories Prefetch lists at once: more
// than the cores, since each mostly waits.
const prefetchWorkers = 8

type prefetched struct {
	dir     string
	listing *Listing
}

// take waits for the next prefetched listing and keeps it.
func (c *Cache) take() {
	r := <-c.results
	c.outstanding--
	c.listings[r.dir] = r.listing
}

// drain keeps every prefetched listing still to come.
func (c *Cache) drain() {
	for c.outstanding > 0 {
		c.take()
	}
}
