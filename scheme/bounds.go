// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/pep668/pep668/internal/osfs"
)

// Headers is the path name of the directory an installer writes one
// distribution's C headers to. It is not a sysconfig path: pip derives it
// (see Interpreter.HeadersDir). Given in the Paths of NewBounds, it is an
// install target like purelib.
const Headers = "headers"

// Targets are the path names of the directories an installer writes:
// only paths inside them are inside a Bounds.
var Targets = []string{Purelib, Platlib, Scripts, Data, Headers}

// Bounds tells whether paths lie inside the directories an installer
// writes for a scheme (its install targets), after resolving symbolic
// links, so that an installer touches nothing outside the scheme it
// targets (PEP 668).
//
// The install targets are purelib, platlib, scripts, data and headers.
// The interpreter's own directories, stdlib, platstdlib, include and
// platinclude, are never inside, even where a target contains them (data
// is the whole prefix in a venv or a pyenv build), except for the parts
// that a target lies in (posix_prefix's purelib is stdlib/site-packages).
// The innermost directory holding a path decides; where a target and one
// of the interpreter's directories are the same directory, the target
// wins. A Bounds is not safe for concurrent use.
type Bounds struct {
	f    *osfs.FS
	dirs []bound // innermost (longest) first
}

type bound struct {
	key, dir string // dir resolved
	prefix   string // dir with a final separator, lower-cased on Windows
	target   bool   // an install target, else the interpreter's own
}

// BoundsOptions say where to read the filesystem: FS rooted at "/" (or a
// Windows volume), nil for the host's; Windows for Windows paths.
type BoundsOptions struct {
	FS      fs.FS
	Windows bool
}

// NewBounds resolves every directory of paths (all links followed) and
// returns the Bounds they make. Every path must be absolute; an empty one
// is skipped.
func NewBounds(paths Paths, opts *BoundsOptions) (*Bounds, error) {
	var o BoundsOptions
	if opts != nil {
		o = *opts
	}
	var f *osfs.FS
	for _, key := range append(slices.Clone(Targets), PathNames...) { // the volume of a target, on Windows
		if p, _ := paths.Get(key); p != "" {
			f = osfs.For(o.FS, o.Windows, p).Strict()
			break
		}
	}
	b := &Bounds{f: f}
	for key, p := range paths.All() {
		target := slices.Contains(Targets, key)
		real, err := f.RealPath(p)
		if err != nil {
			return nil, fmt.Errorf("scheme: %s directory %s: %w", key, p, err)
		}
		prefix := strings.TrimRight(real, `/\`) + f.Sep()
		if f.Windows() {
			prefix = strings.ToLower(prefix)
		}
		b.dirs = append(b.dirs, bound{key, real, prefix, target})
	}
	// The innermost directory decides: purelib before stdlib before data;
	// for one directory, a target first.
	slices.SortFunc(b.dirs, func(x, y bound) int {
		if d := len(y.prefix) - len(x.prefix); d != 0 {
			return d
		}
		if x.target != y.target {
			if x.target {
				return -1
			}
			return 1
		}
		return strings.Compare(x.key, y.key)
	})
	return b, nil
}

// Contains reports whether p lies inside one of the install targets (or is
// one) and not in the interpreter's own directories, and which target: the
// path name of the innermost. Links among p's parents are resolved, and
// ".." applies to where they led; a final link is not followed, since
// removing it touches only the link. A directory that merely starts with
// the same characters (/venv2 for /venv) is outside. On Windows the
// comparison ignores case, as NTFS does. An error means a parent could not
// be examined.
func (b *Bounds) Contains(p string) (key string, inside bool, err error) {
	if b.f == nil {
		return "", false, nil
	}
	real, err := b.f.ResolveParent(p)
	if err != nil {
		return "", false, err
	}
	if key, inside = b.ContainsResolved(real); !inside {
		key = ""
	}
	return key, inside, nil
}

// ContainsResolved is Contains for a path whose parents are already
// resolved, as Resolve returns it; it reads nothing. Unlike Contains, it
// names the innermost directory holding real even when that is one of the
// interpreter's own (key "stdlib", inside false); key is "" for a path
// outside every directory of the scheme.
func (b *Bounds) ContainsResolved(real string) (key string, inside bool) {
	if d := b.innermost(real); d != nil {
		return d.key, d.target
	}
	return "", false
}

// innermost returns the innermost directory holding real, or nil.
func (b *Bounds) innermost(real string) *bound {
	if b.f == nil {
		return nil
	}
	if b.f.Windows() {
		real = strings.ToLower(real)
	}
	for i := range b.dirs {
		// Inside d, or d itself (its prefix is real and a separator).
		if d := &b.dirs[i]; strings.HasPrefix(real, d.prefix) || len(d.prefix) == len(real)+len(b.f.Sep()) && strings.HasPrefix(d.prefix, real) {
			return d
		}
	}
	return nil
}

// Encloses reports whether the resolved directory dir is one of the
// scheme's directories (a target or the interpreter's own) or holds one.
// Such a directory is part of the installation's structure: an uninstall
// never removes it, even when it empties it.
func (b *Bounds) Encloses(dir string) bool {
	if b.f == nil {
		return false
	}
	dir = strings.TrimRight(dir, `/\`)
	if b.f.Windows() {
		dir = strings.ToLower(dir)
	}
	sep := b.f.Sep()
	// d.prefix starts with dir and a separator.
	return slices.ContainsFunc(b.dirs, func(d bound) bool {
		return strings.HasPrefix(d.prefix, dir) && strings.HasPrefix(d.prefix[len(dir):], sep)
	})
}

// Dirs returns the install targets, resolved and without repeats,
// innermost first.
func (b *Bounds) Dirs() []string {
	var dirs []string
	for _, d := range b.dirs {
		if d.target && !slices.Contains(dirs, d.dir) {
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
