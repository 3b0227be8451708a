// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/pep668/pep668/internal/confined"
	"github.com/pep668/pep668/internal/osfs"
)

// ApplyOptions adjust Apply.
type ApplyOptions struct {
	// LockFile, when set, is locked for the whole transaction, created if
	// need be: uv locks <venv>/.lock, so the two never change one
	// environment at once. Leave it empty when the caller holds the lock
	// already (see Lock), as it must to plan and apply under one lock.
	LockFile string

	// BeforeMove, when set, runs just before each file is moved away; an
	// error stops the uninstall, which is then rolled back. Tests use it to
	// inject failures; a caller may use it for progress.
	BeforeMove func(path string) error
}

// Errors of Apply and Recover.
var (
	ErrChanged  = errors.New("record: changed since the plan was made")
	ErrRollback = errors.New("record: rollback incomplete")
)

// Result says what Apply did.
type Result struct {
	Removed     []string `json:"removed"`      // files and links deleted
	RemovedDirs []string `json:"removed_dirs"` // directories deleted
	KeptDirs    []string `json:"kept_dirs"`    // planned directories left because they were not empty
	// Leftover names stash content that could not be deleted after the
	// uninstall committed; Recover deletes it later.
	Leftover []string `json:"leftover,omitempty"`
}

// Apply carries out a plan on the host's filesystem as one transaction.
//
// It opens each install directory of the plan once and does everything
// through those handles, never through a path looked up again: on Linux no
// symbolic link is followed at all, elsewhere none that leaves the
// directory. Before changing anything it checks the plan's basis (the
// directories are the same, no distribution came or went, no metadata
// file changed), that no other uninstall was interrupted there, and that
// every planned file is still a file and every planned directory still a
// directory; any difference is ErrChanged.
//
// It then writes a journal of every move into a stash directory inside the
// install directory of the distribution, syncs it, and moves each file
// into a stash in its own install directory (a rename on one filesystem),
// the .dist-info last. After the emptied directories are removed it marks
// the journal committed and deletes the stash. If anything fails, every
// file is moved back without replacing anything that appeared meanwhile,
// and the error is returned; an error wrapping ErrRollback means restoring
// failed too, with the originals kept in the stash. If the process dies
// (kill -9, a crash), the journal stays: Recover, or the next NewPlan
// (which refuses with ErrInterrupted), finds it.
func Apply(plan *Plan, opts *ApplyOptions) (*Result, error) {
	var o ApplyOptions
	if opts != nil {
		o = *opts
	}
	if o.LockFile != "" {
		l, err := Lock(o.LockFile)
		if err != nil {
			return nil, err
		}
		defer l.Unlock()
	}
	t, err := begin(plan)
	if err != nil {
		return nil, err
	}
	defer t.close()
	if err := t.prepare(); err != nil {
		return nil, err
	}
	if err := t.run(o); err != nil {
		if rbErr := t.undo(); rbErr != nil {
			return nil, fmt.Errorf("%w (%v) after: %w", ErrRollback, rbErr, err)
		}
		return nil, err
	}
	t.result.Leftover = t.finish()
	return &t.result, nil
}

// transaction is one Apply, or one recovery, over the install directories.
type transaction struct {
	plan    *Plan
	roots   []*confined.Dir
	j       journal
	checked []fs.FileInfo // Lstat of each move's origin before anything moved
	moved   int           // moves done
	removed []int         // indexes of j.Dirs removed
	result  Result
}

// begin opens the plan's install directories and checks its basis.
func begin(plan *Plan) (*transaction, error) {
	if len(plan.Roots) == 0 || len(plan.Basis) == 0 {
		return nil, fmt.Errorf("%w: the plan has no install directories or no basis; make plans with NewPlan", ErrChanged)
	}
	t := &transaction{plan: plan, result: Result{Removed: []string{}, RemovedDirs: []string{}, KeptDirs: []string{}}}
	for _, root := range plan.Roots {
		d, err := confined.Open(root)
		if err != nil && !osfs.Missing(err) {
			t.close()
			return nil, fmt.Errorf("%w: %w", ErrChanged, err)
		}
		t.roots = append(t.roots, d) // nil for a directory that does not exist: nothing planned lies there
	}
	if err := t.checkBasis(); err != nil {
		t.close()
		return nil, err
	}
	return t, nil
}

func (t *transaction) close() {
	for _, d := range t.roots {
		if d != nil {
			d.Close()
		}
	}
}

// checkBasis compares what the plan was made from with what is there now.
func (t *transaction) checkBasis() error {
	f := osfs.Host(t.plan.Roots[0]).Strict()
	for _, ob := range t.plan.Basis {
		now := ""
		switch ob.Kind {
		case ObservedDir:
			i := slices.Index(t.plan.Roots, ob.Path)
			if i < 0 || ob.Digest == "" {
				continue
			}
			if t.roots[i] == nil {
				return fmt.Errorf("%w: %s is gone", ErrChanged, ob.Path)
			}
			id, err := t.roots[i].ID()
			if err != nil {
				return fmt.Errorf("%w: %w", ErrChanged, err)
			}
			now = id
		case ObservedListing:
			_, digest, err := installed(f, ob.Path)
			if err != nil && !osfs.Missing(err) {
				return fmt.Errorf("%w: %w", ErrChanged, err)
			}
			now = digest
		case ObservedFile:
			data, err := f.ReadFile(ob.Path, osfs.LimitRecord)
			switch {
			case err == nil:
				now = digestOf(data)
			case !osfs.Missing(err):
				return fmt.Errorf("%w: %w", ErrChanged, err)
			}
		default:
			return fmt.Errorf("%w: unknown observation %q", ErrChanged, ob.Kind)
		}
		if now != ob.Digest {
			return fmt.Errorf("%w: %s (%s)", ErrChanged, ob.Path, ob.Kind)
		}
	}
	return nil
}

// locate returns the index of the innermost install directory holding
// path, and path relative to it.
func (t *transaction) locate(path string) (int, string, error) {
	best, rel := -1, ""
	for i, root := range t.plan.Roots {
		prefix := strings.TrimRight(root, `/\`) + string(filepath.Separator)
		if t.roots[i] != nil && strings.HasPrefix(path, prefix) && (best < 0 || len(root) > len(t.plan.Roots[best])) {
			best, rel = i, path[len(prefix):]
		}
	}
	if best < 0 || rel == "" {
		return -1, "", fmt.Errorf("%w: %s is not inside the plan's install directories", ErrChanged, path)
	}
	return best, rel, nil
}

// prepare checks every planned path, then writes and syncs the journal.
func (t *transaction) prepare() error {
	for i, d := range t.roots {
		if d == nil {
			continue
		}
		names, err := listDir(d, "")
		if err != nil {
			return fmt.Errorf("%w: %w", ErrChanged, err)
		}
		for _, name := range names {
			if strings.HasPrefix(name, stashPrefix) {
				return fmt.Errorf("%w: %s", ErrInterrupted, filepath.Join(t.plan.Roots[i], name))
			}
		}
	}
	primary, _, err := t.locate(t.plan.DistInfo)
	if err != nil {
		return err
	}
	id := make([]byte, 8)
	rand.Read(id)
	t.j = journal{ID: hex.EncodeToString(id), Distribution: t.plan.Distribution + " " + t.plan.Version, Roots: t.plan.Roots, Primary: primary}

	// The .dist-info last, RECORD at the very end: until then, the
	// distribution is still found and still lists its files.
	order := slices.Clone(t.plan.Remove)
	distInfo := strings.TrimRight(t.plan.DistInfo, `/\`) + string(filepath.Separator)
	slices.SortStableFunc(order, func(a, b string) int {
		rank := func(p string) int {
			switch {
			case p == distInfo+"RECORD":
				return 2
			case strings.HasPrefix(p, distInfo):
				return 1
			}
			return 0
		}
		return rank(a) - rank(b)
	})
	for n, path := range order {
		r, rel, err := t.locate(path)
		if err != nil {
			return err
		}
		info, err := t.roots[r].Lstat(rel)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrChanged, path, err)
		}
		if info.IsDir() {
			return fmt.Errorf("%w: %s is now a directory", ErrChanged, path)
		}
		t.checked = append(t.checked, info)
		t.j.Moves = append(t.j.Moves, journalMove{Root: r, From: rel, To: t.j.stash() + string(filepath.Separator) + fmt.Sprint(n)})
	}
	for _, path := range t.plan.RemoveDirs {
		r, rel, err := t.locate(path)
		if err != nil {
			return err
		}
		info, err := t.roots[r].Lstat(rel)
		if err != nil || !info.IsDir() {
			return fmt.Errorf("%w: %s is no longer a directory", ErrChanged, path)
		}
		t.j.Dirs = append(t.j.Dirs, journalDir{Root: r, Path: rel, Mode: uint32(info.Mode().Perm())})
	}
	return t.j.write(t.roots)
}

// run moves the files into the stashes and removes the emptied
// directories.
func (t *transaction) run(o ApplyOptions) error {
	for i, m := range t.j.Moves {
		d := t.roots[m.Root]
		origin := filepath.Join(t.plan.Roots[m.Root], m.From)
		if o.BeforeMove != nil {
			if err := o.BeforeMove(origin); err != nil {
				return err
			}
		}
		if err := d.Rename(m.From, m.To); err != nil {
			return fmt.Errorf("%w: %w", ErrChanged, err)
		}
		t.moved = i + 1
		// What moved must be what was checked: a directory renamed into
		// its place since would take its whole content along.
		now, err := d.Lstat(m.To)
		if err != nil {
			return err
		}
		was := t.checked[i]
		if now.IsDir() || now.Mode().Type() != was.Mode().Type() || confined.ID(now) != confined.ID(was) {
			return fmt.Errorf("%w: %s was replaced since it was checked", ErrChanged, origin)
		}
	}
	for i, dir := range t.j.Dirs {
		d := t.roots[dir.Root]
		path := filepath.Join(t.plan.Roots[dir.Root], dir.Path)
		if err := d.RemoveDir(dir.Path); err != nil {
			if errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) || errors.Is(err, fs.ErrExist) {
				// Something new is there: leaving it is safe.
				t.result.KeptDirs = append(t.result.KeptDirs, path)
				continue
			}
			return fmt.Errorf("%w: %w", ErrChanged, err)
		}
		t.removed = append(t.removed, i)
		t.result.RemovedDirs = append(t.result.RemovedDirs, path)
	}
	for _, m := range t.j.Moves {
		t.result.Removed = append(t.result.Removed, filepath.Join(t.plan.Roots[m.Root], m.From))
	}
	return t.j.commit(t.roots)
}

// undo puts everything back after a failure in run, then deletes the
// journal and the stashes.
func (t *transaction) undo() error {
	var failed []string
	for k := len(t.removed) - 1; k >= 0; k-- {
		dir := t.j.Dirs[t.removed[k]]
		if err := t.roots[dir.Root].Mkdir(dir.Path, fs.FileMode(dir.Mode)); err != nil && !errors.Is(err, fs.ErrExist) {
			failed = append(failed, fmt.Sprintf("%s: %v", filepath.Join(t.roots[dir.Root].Path(), dir.Path), err))
		}
	}
	for i := t.moved - 1; i >= 0; i-- {
		if err := restore(t.roots, t.j.Moves[i]); err != nil {
			failed = append(failed, err.Error())
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("not restored: %s", strings.Join(failed, "; "))
	}
	t.j.discard(t.roots)
	return nil
}

// finish deletes the stashes of a committed transaction and returns what
// it could not delete.
func (t *transaction) finish() []string {
	return t.j.discardCommitted(t.roots)
}

// restore moves one file back from the stash, never replacing what is at
// its origin now. A file that is back already (the stash entry is gone,
// or both names are the same file after an interrupted restore) is fine.
func restore(roots []*confined.Dir, m journalMove) error {
	d := roots[m.Root]
	origin := filepath.Join(d.Path(), m.From)
	stashed, err := d.Lstat(m.To)
	if osfs.Missing(err) {
		return nil // never moved, or restored already
	}
	if err != nil {
		return fmt.Errorf("%s (the original is in %s): %v", origin, filepath.Join(d.Path(), m.To), err)
	}
	if now, err := d.Lstat(m.From); err == nil {
		if confined.SameFile(now, stashed) {
			return d.Remove(m.To)
		}
		return fmt.Errorf("%s: something new is there; the original is in %s", origin, filepath.Join(d.Path(), m.To))
	}
	if stashed.IsDir() {
		// Renamed in by a race; a directory cannot be linked back.
		return d.Rename(m.To, m.From)
	}
	err = d.Link(m.To, m.From)
	switch {
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: something new is there; the original is in %s", origin, filepath.Join(d.Path(), m.To))
	case err != nil:
		// No hard links here (the filesystem, or Linux's protected
		// hard links for a file of another user): a rename, checked
		// just before.
		if _, lerr := d.Lstat(m.From); !osfs.Missing(lerr) {
			return fmt.Errorf("%s: something new is there; the original is in %s", origin, filepath.Join(d.Path(), m.To))
		}
		return d.Rename(m.To, m.From)
	}
	return d.Remove(m.To)
}

// listDir returns the names in the directory rel of d.
func listDir(d *confined.Dir, rel string) ([]string, error) {
	f, err := d.OpenDir(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}
