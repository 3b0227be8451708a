// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pep668/pep668/internal/confined"
	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/scheme"
)

// A journal is written before an Apply moves anything: every move, every
// directory to remove. It is a file named journal in the stash directory
// of the install directory that holds the .dist-info, one JSON value per
// line: the header, the moves and directories, an end line that says the
// journal is whole, and, once everything is done, a commit line. Recovery
// reads it and looks at the filesystem to see how far the uninstall got:
// each file is either at its origin or in the stash, since a rename is
// atomic.
type journal struct {
	ID           string   `json:"id"`
	Distribution string   `json:"distribution"`
	Roots        []string `json:"roots"`
	Primary      int      `json:"primary"` // the root whose stash holds the journal

	Moves []journalMove `json:"-"`
	Dirs  []journalDir  `json:"-"` // deepest first

	whole     bool // the end line was read
	committed bool
}

type journalMove struct {
	Root     int    `json:"root"`
	From, To string // relative to the root; To is in the stash
}

type journalDir struct {
	Root int    `json:"root"`
	Path string `json:"path"`
	Mode uint32 `json:"mode"`
}

// journalLine is one line of a journal file.
type journalLine struct {
	Header    *journal     `json:"header,omitempty"`
	Move      *journalMove `json:"move,omitempty"`
	Dir       *journalDir  `json:"rmdir,omitempty"`
	Planned   *int         `json:"planned,omitempty"`
	Committed bool         `json:"committed,omitempty"`
}

const journalName = "journal"

// stash is the name of the transaction's stash directory in each root.
func (j *journal) stash() string { return stashPrefix + j.ID }

func (j *journal) journalPath() string {
	return j.stash() + string(filepath.Separator) + journalName
}

// stashRoots returns the roots that hold a stash: the primary one first.
func (j *journal) stashRoots() []int {
	roots := []int{j.Primary}
	for _, m := range j.Moves {
		if !slices.Contains(roots, m.Root) {
			roots = append(roots, m.Root)
		}
	}
	return roots
}

// write makes the stashes and writes the whole journal, synced, before
// anything moves: the primary stash and its journal first, so that no
// stash ever exists without a journal that names it.
func (j *journal) write(roots []*confined.Dir) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.Encode(journalLine{Header: j})
	for i := range j.Moves {
		enc.Encode(journalLine{Move: &j.Moves[i]})
	}
	for i := range j.Dirs {
		enc.Encode(journalLine{Dir: &j.Dirs[i]})
	}
	n := len(j.Moves) + len(j.Dirs)
	enc.Encode(journalLine{Planned: &n})

	primary := roots[j.Primary]
	if err := primary.Mkdir(j.stash(), 0o700); err != nil {
		return err
	}
	file, err := primary.Create(j.journalPath())
	if err != nil {
		return err
	}
	_, err = file.Write(buf.Bytes())
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		j.discard(roots)
		return err
	}
	for _, r := range j.stashRoots()[1:] {
		if err := roots[r].Mkdir(j.stash(), 0o700); err != nil {
			j.discard(roots)
			return err
		}
	}
	for _, r := range j.stashRoots() {
		syncDir(roots[r], j.stash())
		syncDir(roots[r], "")
	}
	j.whole = true
	return nil
}

// commit makes the moves durable and marks the journal committed: from
// here on, recovery completes the uninstall instead of undoing it.
func (j *journal) commit(roots []*confined.Dir) error {
	for _, r := range j.stashRoots() {
		syncDir(roots[r], j.stash())
	}
	file, err := roots[j.Primary].Append(j.journalPath())
	if err != nil {
		return err
	}
	data, _ := json.Marshal(journalLine{Committed: true})
	_, err = file.Write(append(data, '\n'))
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		j.committed = true
	}
	return err
}

// discard removes the journal and the stash directories, which must be
// empty but for the journal. What is not empty stays.
func (j *journal) discard(roots []*confined.Dir) []string {
	var left []string
	stashRoots := j.stashRoots()
	for _, r := range stashRoots[1:] {
		if err := roots[r].RemoveDir(j.stash()); err != nil && !osfs.Missing(err) {
			left = append(left, filepath.Join(roots[r].Path(), j.stash()))
		}
	}
	primary := roots[j.Primary]
	if err := primary.Remove(j.journalPath()); err != nil && !osfs.Missing(err) {
		left = append(left, filepath.Join(primary.Path(), j.journalPath()))
	}
	if err := primary.RemoveDir(j.stash()); err != nil && !osfs.Missing(err) {
		left = append(left, filepath.Join(primary.Path(), j.stash()))
	}
	return left
}

// discardCommitted deletes the stashed files of a committed journal, then
// the journal and the stashes. Only the names the journal gave are
// deleted, one file at a time: never a whole tree.
func (j *journal) discardCommitted(roots []*confined.Dir) []string {
	var left []string
	for _, m := range j.Moves {
		if err := roots[m.Root].Remove(m.To); err != nil && !osfs.Missing(err) {
			left = append(left, filepath.Join(roots[m.Root].Path(), m.To))
		}
	}
	return append(left, j.discard(roots)...)
}

// readJournal reads the journal of the stash named stash in d, checking
// that it only names trusted roots and paths inside them, with moves into
// its own stashes.
func readJournal(d *confined.Dir, stash string, trusted func(root string) bool) (*journal, error) {
	file, err := d.OpenFile(stash + string(filepath.Separator) + journalName)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if info, err := file.Stat(); err != nil || !info.Mode().IsRegular() || info.Size() > osfs.LimitRecord {
		return nil, fmt.Errorf("%s: not a journal file", file.Name())
	}
	var j *journal
	sc := bufio.NewScanner(file)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line journalLine
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			break // a line torn by the crash: the journal ends before it
		}
		switch {
		case line.Header != nil && j == nil:
			j = line.Header
		case j == nil:
			return nil, fmt.Errorf("%s: no header", file.Name())
		case line.Move != nil:
			j.Moves = append(j.Moves, *line.Move)
		case line.Dir != nil:
			j.Dirs = append(j.Dirs, *line.Dir)
		case line.Planned != nil:
			j.whole = *line.Planned == len(j.Moves)+len(j.Dirs)
		case line.Committed:
			j.committed = j.whole
		}
	}
	if j == nil {
		return nil, fmt.Errorf("%s: empty journal", file.Name())
	}
	// Only paths inside the scheme's install directories, moves into this
	// transaction's stashes: a journal planted by someone else cannot
	// lead recovery anywhere else.
	if stash != j.stash() || j.Primary < 0 || j.Primary >= len(j.Roots) || j.Roots[j.Primary] != d.Path() {
		return nil, fmt.Errorf("%s: the journal does not belong to this stash", file.Name())
	}
	for _, r := range j.Roots {
		if !trusted(r) {
			return nil, fmt.Errorf("%s: names %s, which is not an install directory of the scheme", file.Name(), r)
		}
	}
	for _, m := range j.Moves {
		if m.Root < 0 || m.Root >= len(j.Roots) || !strings.HasPrefix(m.To, j.stash()+string(filepath.Separator)) || !filepath.IsLocal(m.From) || !filepath.IsLocal(m.To) {
			return nil, fmt.Errorf("%s: a move out of bounds", file.Name())
		}
	}
	for _, dir := range j.Dirs {
		if dir.Root < 0 || dir.Root >= len(j.Roots) || !filepath.IsLocal(dir.Path) {
			return nil, fmt.Errorf("%s: a directory out of bounds", file.Name())
		}
	}
	return j, nil
}

// syncDir flushes the directory rel of d (its entries) to disk. Failure
// only weakens durability against power loss, not correctness after a
// crash of the process, so it is not an error.
func syncDir(d *confined.Dir, rel string) {
	if f, err := d.OpenDir(rel); err == nil {
		f.Sync()
		f.Close()
	}
}

// Recovery says what Recover did.
type Recovery struct {
	// RolledBack are the interrupted uninstalls undone: every file is back.
	RolledBack []string `json:"rolled_back"`
	// Completed are the interrupted uninstalls that had committed and are
	// now complete.
	Completed []string `json:"completed"`
	// Kept are stash directories left alone, with the reason: without a
	// journal, or with one that cannot be trusted, nothing is deleted.
	Kept []Decision `json:"kept"`
}

// RecoverOptions adjust Recover. There are none yet.
type RecoverOptions struct{}

// Recover finds the stashes that an interrupted Apply left in the install
// directories of the scheme whose paths are given (a process killed, a
// machine that crashed) and brings each environment back to a state Apply
// promises: an uninstall whose journal was committed is completed; any
// other is undone, every file moved back to where it was, never replacing
// something that appeared there since. A stash without a trustworthy
// journal is never deleted; it is listed in Kept. (A stash that an Apply
// killed while writing the journal left empty, or with only the torn
// start of its journal, is removed: nothing had moved into it.) A journal is trusted
// only with the scheme's install directories (and a headers directory in
// its include directory, see scheme.Headers). Recover works on the host's
// filesystem; hold the environment's lock (Lock) while it runs. An error
// wrapping ErrRollback means some files could not be put back; they stay
// in the stash, and the journal with them.
func Recover(paths scheme.Paths, opts *RecoverOptions) (*Recovery, error) {
	bounds, err := scheme.NewBounds(paths, nil)
	if err != nil {
		return nil, err
	}
	r := &recoverer{bounds: bounds, dirs: map[string]*confined.Dir{}}
	if inc := paths.Include; inc != "" {
		r.include, _ = osfs.Host(inc).Strict().RealPath(inc)
	}
	defer r.close()
	rec := &Recovery{RolledBack: []string{}, Completed: []string{}, Kept: []Decision{}}
	type stash struct{ root, name string }
	var stashes []stash
	for _, root := range bounds.Dirs() {
		d, err := r.open(root)
		if err != nil {
			return nil, err
		}
		if d == nil {
			continue
		}
		names, err := listDir(d, "")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			if strings.HasPrefix(name, stashPrefix) {
				stashes = append(stashes, stash{root, name})
			}
		}
	}
	var failed []string
	handled := map[string]bool{} // stash names handled through a journal
	for _, s := range stashes {
		d := r.dirs[s.root]
		if _, err := d.Lstat(s.name + string(filepath.Separator) + journalName); err != nil {
			continue // not a primary stash: handled with its journal, or kept below
		}
		handled[s.name] = true
		j, jroots, err := r.journal(d, s.name)
		if err != nil {
			if !removeUnstarted(d, s.name) {
				rec.Kept = append(rec.Kept, Decision{Path: filepath.Join(s.root, s.name), Cause: CauseUntrustedJournal, Reason: err.Error()})
			}
			continue
		}
		switch {
		case j.committed:
			if left := j.discardCommitted(jroots); len(left) > 0 {
				failed = append(failed, "not deleted: "+strings.Join(left, ", "))
				continue
			}
			rec.Completed = append(rec.Completed, j.Distribution)
		case !j.whole: // nothing moved before the journal was whole
			j.Moves = nil
			if left := j.discard(jroots); len(left) > 0 {
				failed = append(failed, "not deleted: "+strings.Join(left, ", "))
				continue
			}
			rec.RolledBack = append(rec.RolledBack, j.Distribution)
		default:
			t := &transaction{roots: jroots, j: *j, moved: len(j.Moves)}
			for k := range j.Dirs {
				t.removed = append(t.removed, k)
			}
			if err := t.undo(); err != nil {
				failed = append(failed, err.Error())
				continue
			}
			rec.RolledBack = append(rec.RolledBack, j.Distribution)
		}
	}
	for _, s := range stashes {
		if !handled[s.name] && !removeUnstarted(r.dirs[s.root], s.name) {
			rec.Kept = append(rec.Kept, Decision{Path: filepath.Join(s.root, s.name), Cause: CauseNoJournal, Reason: "a stash without a journal: left alone, nothing in it is deleted"})
		}
	}
	if len(failed) > 0 {
		return rec, fmt.Errorf("%w: %s", ErrRollback, strings.Join(failed, "; "))
	}
	return rec, nil
}

// removeUnstarted removes the stash name of d when an Apply was killed
// while making it, before its journal had one whole line: the stash is
// empty, or holds only a journal that is empty or the start of this
// stash's header. Nothing had moved (moves begin once the journal is
// whole), so only that directory and that journal go. It reports whether
// the stash is gone.
// maxTornHeader bounds the torn start of a journal removeUnstarted reads.
const maxTornHeader = 1 << 20

func removeUnstarted(d *confined.Dir, name string) bool {
	names, err := listDir(d, name)
	if err != nil || len(names) > 1 || len(names) == 1 && names[0] != journalName {
		return false
	}
	if len(names) == 1 {
		path := name + string(filepath.Separator) + journalName
		file, err := d.OpenFile(path)
		if err != nil {
			return false
		}
		// Only a regular file, and no more of it than a header line can
		// be: a FIFO or a huge file named journal is nothing Apply wrote.
		info, err := file.Stat()
		if err != nil || !info.Mode().IsRegular() || info.Size() > maxTornHeader {
			file.Close()
			return false
		}
		head, err := io.ReadAll(io.LimitReader(file, maxTornHeader))
		file.Close()
		id, _ := json.Marshal(strings.TrimPrefix(name, stashPrefix))
		want := append([]byte(`{"header":{"id":`), id...)
		torn := bytes.HasPrefix(want, head) || bytes.HasPrefix(head, want)
		if err != nil || !torn || bytes.IndexByte(head, '\n') >= 0 || d.Remove(path) != nil {
			return false
		}
	}
	return d.RemoveDir(name) == nil
}

// recoverer holds the directories a recovery opened.
type recoverer struct {
	bounds  *scheme.Bounds
	include string // the scheme's include directory, resolved
	dirs    map[string]*confined.Dir
}

// open opens an install directory once; nil when it does not exist.
func (r *recoverer) open(root string) (*confined.Dir, error) {
	if d, ok := r.dirs[root]; ok {
		return d, nil
	}
	d, err := confined.Open(root)
	if err != nil && !osfs.Missing(err) {
		return nil, err
	}
	r.dirs[root] = d
	return d, nil
}

func (r *recoverer) close() {
	for _, d := range r.dirs {
		if d != nil {
			d.Close()
		}
	}
}

// trusted reports whether a journal may name root: an install directory
// of the scheme or one inside, or a headers directory in its include
// directory.
func (r *recoverer) trusted(root string) bool {
	if _, inside := r.bounds.ContainsResolved(root); inside {
		return true
	}
	return r.include != "" && filepath.Dir(root) == r.include
}

// journal reads the journal of the primary stash name in d and opens the
// directories it names.
func (r *recoverer) journal(d *confined.Dir, name string) (*journal, []*confined.Dir, error) {
	j, err := readJournal(d, name, r.trusted)
	if err != nil {
		return nil, nil, err
	}
	used := map[int]bool{j.Primary: true}
	for _, m := range j.Moves {
		used[m.Root] = true
	}
	for _, dir := range j.Dirs {
		used[dir.Root] = true
	}
	jroots := make([]*confined.Dir, len(j.Roots))
	for k, root := range j.Roots {
		if jroots[k], err = r.open(root); err != nil {
			return nil, nil, err
		}
		if jroots[k] == nil && used[k] {
			return nil, nil, fmt.Errorf("the install directory %s it names is gone", root)
		}
	}
	return j, jroots, nil
}
