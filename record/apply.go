// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ApplyOptions adjust Apply.
type ApplyOptions struct {
	// LockFile, when set, is locked for the whole transaction, created if
	// need be: uv locks <venv>/.lock, so the two never change one
	// environment at once.
	LockFile string

	// BeforeMove, when set, runs just before each file is moved away; an
	// error stops the uninstall, which is then rolled back. Tests use it to
	// inject failures; a caller may use it for progress.
	BeforeMove func(path string) error
}

// Errors of Apply.
var (
	ErrChanged  = errors.New("record: changed since the plan was made")
	ErrRollback = errors.New("record: rollback incomplete")
)

// Result says what Apply did.
type Result struct {
	Removed     []string // files and links deleted
	RemovedDirs []string // directories deleted
	KeptDirs    []string // planned directories left because they were not empty
}

// Apply carries out a plan on the host's filesystem as one transaction.
// Each file is checked again just before it moves (still there, not a
// directory, still inside the scheme's directories once resolved) and moved
// into a stash directory beside it on the same filesystem; then the emptied
// directories are removed. If anything fails, everything is put back as it
// was and the error is returned; only when all succeeded is the stash
// deleted. An error wrapping ErrRollback means that restoring failed too:
// the paths not restored are in the error, and their content is kept in the
// stash.
func Apply(plan *Plan, opts *ApplyOptions) (*Result, error) {
	var o ApplyOptions
	if opts != nil {
		o = *opts
	}
	if o.LockFile != "" {
		unlock, err := lockFile(o.LockFile)
		if err != nil {
			return nil, fmt.Errorf("record: locking %s: %w", o.LockFile, err)
		}
		defer unlock()
	}
	t := &transaction{plan: plan, stashes: map[string]string{}}
	if err := t.run(o); err != nil {
		if rbErr := t.rollback(); rbErr != nil {
			return nil, fmt.Errorf("%w (%v) after: %w", ErrRollback, rbErr, err)
		}
		return nil, err
	}
	t.commit()
	return &t.result, nil
}

type move struct{ from, to string }

type removedDir struct {
	path string
	mode fs.FileMode
}

type transaction struct {
	plan    *Plan
	stashes map[string]string // root → stash directory
	moves   []move
	dirs    []removedDir
	result  Result
}

func (t *transaction) run(o ApplyOptions) error {
	for i, path := range t.plan.Remove {
		root, err := t.check(path, false)
		if err != nil {
			return err
		}
		if o.BeforeMove != nil {
			if err := o.BeforeMove(path); err != nil {
				return err
			}
		}
		stash, err := t.stashIn(root)
		if err != nil {
			return err
		}
		to := filepath.Join(stash, fmt.Sprint(i))
		if err := os.Rename(path, to); err != nil {
			return err
		}
		t.moves = append(t.moves, move{path, to})
	}
	for _, dir := range t.plan.RemoveDirs {
		info, err := os.Lstat(dir)
		if err != nil || !info.IsDir() {
			continue // gone, or now a link or file: not what was planned, left alone
		}
		if _, err := t.check(dir, true); err != nil {
			return err
		}
		if err := os.Remove(dir); err != nil {
			// Not empty any more: something new is there. Leaving it is safe.
			t.result.KeptDirs = append(t.result.KeptDirs, dir)
			continue
		}
		t.dirs = append(t.dirs, removedDir{dir, info.Mode().Perm()})
	}
	return nil
}

// check makes sure path is what was planned, a directory or else a file or
// link, inside the scheme's directories once its parents are resolved
// again, and returns the scheme directory that holds it.
func (t *transaction) check(path string, isDir bool) (root string, err error) {
	info, err := os.Lstat(path)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrChanged, path, err)
	}
	if info.IsDir() != isDir {
		return "", fmt.Errorf("%w: %s is now of another type (%v)", ErrChanged, path, info.Mode().Type())
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrChanged, path, err)
	}
	real := filepath.Join(dir, filepath.Base(path))
	if root = t.root(real); root == "" {
		return "", fmt.Errorf("%w: %s now resolves to %s, outside the scheme", ErrChanged, path, real)
	}
	return root, nil
}

// root returns the innermost scheme directory holding path, or "".
func (t *transaction) root(path string) string {
	best := ""
	for _, r := range t.plan.Roots {
		if (path == r || strings.HasPrefix(path, strings.TrimRight(r, string(filepath.Separator))+string(filepath.Separator))) && len(r) > len(best) {
			best = r
		}
	}
	return best
}

// stashIn returns the stash directory of a scheme directory, made on first
// use, so that moves stay on one filesystem.
func (t *transaction) stashIn(root string) (string, error) {
	if s, ok := t.stashes[root]; ok {
		return s, nil
	}
	s, err := os.MkdirTemp(root, ".pep668-uninstall-")
	if err != nil {
		return "", err
	}
	t.stashes[root] = s
	return s, nil
}

// rollback recreates the removed directories and moves every file back.
func (t *transaction) rollback() error {
	var failed []string
	for i := len(t.dirs) - 1; i >= 0; i-- {
		d := t.dirs[i]
		if err := os.Mkdir(d.path, d.mode); err != nil && !errors.Is(err, fs.ErrExist) {
			failed = append(failed, d.path)
		}
	}
	for i := len(t.moves) - 1; i >= 0; i-- {
		m := t.moves[i]
		if _, err := os.Lstat(m.from); err == nil {
			failed = append(failed, m.from+" (something new is there; the original is in "+m.to+")")
			continue
		}
		if err := os.Rename(m.to, m.from); err != nil {
			failed = append(failed, m.from+" (the original is in "+m.to+")")
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("not restored: %s", strings.Join(failed, ", "))
	}
	for _, s := range t.stashes {
		os.Remove(s) // empty now
	}
	return nil
}

// commit deletes the stash.
func (t *transaction) commit() {
	for _, m := range t.moves {
		t.result.Removed = append(t.result.Removed, m.from)
	}
	for _, d := range t.dirs {
		t.result.RemovedDirs = append(t.result.RemovedDirs, d.path)
	}
	for _, s := range t.stashes {
		os.RemoveAll(s) // only ever our own temporary directory
	}
}
