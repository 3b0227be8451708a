// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/pep668/pep668/internal/osfs"
)

// Bounds tells whether paths lie inside the directories of a scheme, after
// resolving symbolic links, so that an installer touches nothing outside
// the scheme it targets (PEP 668). A Bounds is not safe for concurrent use.
type Bounds struct {
	f    *osfs.FS
	dirs []bound // longest first
}

type bound struct {
	key, dir string // dir resolved
	prefix   string // dir with a final separator, lower-cased on Windows
}

// BoundsOptions say where to read the filesystem: FS rooted at "/" (or a
// Windows volume), nil for the host's; Windows for Windows paths.
type BoundsOptions struct {
	FS      fs.FS
	Windows bool
}

// NewBounds resolves every directory of paths (all links followed) and
// returns the Bounds they make. Every path must be absolute.
func NewBounds(paths Paths, opts *BoundsOptions) (*Bounds, error) {
	var o BoundsOptions
	if opts != nil {
		o = *opts
	}
	var f *osfs.FS
	for _, p := range paths {
		f = osfs.For(o.FS, o.Windows, p)
		break
	}
	b := &Bounds{f: f}
	for key, p := range paths {
		real, err := f.RealPath(p)
		if err != nil {
			return nil, fmt.Errorf("scheme: %s directory %s: %w", key, p, err)
		}
		prefix := strings.TrimRight(real, `/\`) + f.Sep()
		if f.Windows() {
			prefix = strings.ToLower(prefix)
		}
		b.dirs = append(b.dirs, bound{key, real, prefix})
	}
	// The most specific directory names a path: purelib before data.
	slices.SortFunc(b.dirs, func(x, y bound) int {
		if d := len(y.dir) - len(x.dir); d != 0 {
			return d
		}
		return strings.Compare(x.key, y.key)
	})
	return b, nil
}

// Contains reports whether p lies inside one of the directories (or is one),
// and which: the path name of the innermost. Links among p's parents are
// resolved, and ".." applies to where they led; a final link is not
// followed, since removing it touches only the link. A directory that merely
// starts with the same characters (/venv2 for /venv) is outside. On Windows
// the comparison ignores case, as NTFS does.
func (b *Bounds) Contains(p string) (key string, inside bool, err error) {
	if b.f == nil {
		return "", false, nil
	}
	real, err := b.f.ResolveParent(p)
	if err != nil {
		return "", false, err
	}
	key, inside = b.ContainsResolved(real)
	return key, inside, nil
}

// ContainsResolved is Contains for a path whose parents are already
// resolved, as Resolve returns it; it reads nothing.
func (b *Bounds) ContainsResolved(real string) (key string, inside bool) {
	if b.f.Windows() {
		real = strings.ToLower(real)
	}
	for _, d := range b.dirs {
		if strings.HasPrefix(real, d.prefix) || real+b.f.Sep() == d.prefix {
			return d.key, true
		}
	}
	return "", false
}

// Dirs returns the scheme's directories, resolved and without repeats,
// innermost first.
func (b *Bounds) Dirs() []string {
	var dirs []string
	for _, d := range b.dirs {
		if !slices.Contains(dirs, d.dir) {
			dirs = append(dirs, d.dir)
		}
	}
	return dirs
}

// Resolve returns p with its parents' links resolved, as Contains compares
// it.
func (b *Bounds) Resolve(p string) (string, error) {
	if b.f == nil {
		return "", fmt.Errorf("scheme: empty bounds")
	}
	return b.f.ResolveParent(p)
}
