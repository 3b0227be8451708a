// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/pep668/pep668/internal/confined"
	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/scheme"
)

// Plan is an uninstall worked out in full, before anything changes. It is
// a plain value; it marshals to JSON.
type Plan struct {
	Distribution string `json:"distribution"`
	Version      string `json:"version"`
	DistInfo     string `json:"dist_info"`
	Scheme       string `json:"scheme"`

	// Remove lists the files and links to delete, sorted.
	Remove []string `json:"remove"`
	// RemoveDirs lists the directories the removal empties, deepest first.
	RemoveDirs []string `json:"remove_dirs"`
	// Kept are files of the distribution left in place, with the reason.
	Kept []Decision `json:"kept"`
	// Refused are RECORD entries that lie outside the target scheme, or
	// name something that must not be removed, with the reason.
	Refused []Decision `json:"refused"`
	// Missing are RECORD entries with nothing on disk.
	Missing []string `json:"missing"`

	// Roots are the target scheme's install directories, resolved: Apply
	// works inside them only, and every planned path lies in one.
	Roots []string `json:"scheme_dirs"`
	// Basis is what the plan was made from; Apply checks it again and
	// refuses a plan whose basis changed.
	Basis []Observation `json:"basis"`
	// Windows is set for Windows paths.
	Windows bool `json:"windows,omitempty"`
}

// Decision is a path and why it is kept or refused: Cause to switch on,
// Reason in words with the specifics.
type Decision struct {
	Path   string `json:"path"`
	Cause  Cause  `json:"cause"`
	Reason string `json:"reason"`
	// Owner is the other distribution that lists the file, for shared files.
	Owner string `json:"owner,omitempty"`
}

// Cause says why a path is kept or refused.
type Cause string

// The causes of a Decision.
const (
	// In Plan.Kept: another distribution's RECORD lists the file too.
	CauseShared Cause = "shared"

	// In Plan.Refused.
	CauseUnresolvable   Cause = "unresolvable"          // its parents cannot be resolved (a loop, no permission)
	CauseInterpreterDir Cause = "interpreter-directory" // in stdlib, platstdlib, include or platinclude
	CauseAbsolute       Cause = "absolute-outside"      // an absolute path outside the scheme
	CauseSymlinkEscape  Cause = "symlink-escape"        // a linked parent leads outside the scheme
	CauseSibling        Cause = "sibling-directory"     // /venv2/x for the scheme directory /venv
	CauseDotDot         Cause = "dotdot-escape"         // ".." leaves the scheme
	CauseOutside        Cause = "outside-scheme"        // any other path outside the scheme
	CauseDirectory      Cause = "directory"             // RECORD names a directory

	// In Recovery.Kept: a stash that is not deleted.
	CauseNoJournal        Cause = "stash-without-journal"
	CauseUntrustedJournal Cause = "untrusted-journal"
)

// An Observation is one fact a plan was made from.
type Observation struct {
	Kind ObservationKind `json:"kind"`
	Path string          `json:"path"`
	// Digest is the fact: a SHA-256 in hex for files and listings ("" for
	// a file that did not exist), a device and inode for directories (""
	// when the filesystem gives none).
	Digest string `json:"digest"`
}

// ObservationKind says what an Observation describes.
type ObservationKind string

// The kinds of Observation.
const (
	// ObservedFile is the content of a metadata file read: a RECORD, an
	// INSTALLER, an entry_points.txt, an installed-files.txt.
	ObservedFile ObservationKind = "file"
	// ObservedListing is the set of distributions (and stashes) of a site
	// directory: a distribution that comes or goes changes it.
	ObservedListing ObservationKind = "listing"
	// ObservedDir is the identity of an install directory.
	ObservedDir ObservationKind = "dir"
)

// Errors of NewPlan, for errors.Is; they come wrapped in *UninstallError.
var (
	ErrNoRecord      = errors.New("no RECORD file")
	ErrBadRecord     = errors.New("RECORD cannot be used") // malformed, or not a regular file, or too large
	ErrOutsideScheme = errors.New("installed outside the target scheme")
	ErrLegacyInstall = errors.New("not installed with a .dist-info directory")
	ErrUnknownOwners = errors.New("the files of another distribution cannot be known")
	ErrUnreachable   = errors.New("a file it lists or needs cannot be examined")
	ErrInterrupted   = errors.New("an interrupted uninstall must be recovered first")
)

// An UninstallError refuses a whole uninstall.
type UninstallError struct {
	Distribution, Version string
	Installer             string // who installed it, from INSTALLER
	// Err is ErrNoRecord, ErrBadRecord, ErrOutsideScheme, ErrLegacyInstall,
	// ErrUnknownOwners, ErrUnreachable or ErrInterrupted, maybe wrapping
	// more.
	Err    error
	Detail string
}

func (e *UninstallError) Error() string {
	msg := fmt.Sprintf("record: cannot uninstall %s %s: %v", e.Distribution, e.Version, e.Err)
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	return msg
}

func (e *UninstallError) Unwrap() error { return e.Err }

// Hint returns what a user can do, in pip's spirit: reinstall to recreate
// a missing RECORD, or ask the tool that installed the distribution.
func (e *UninstallError) Hint() string {
	switch {
	case e == nil:
		return ""
	case (errors.Is(e.Err, ErrNoRecord) || errors.Is(e.Err, ErrBadRecord)) && (e.Installer == "" || e.Installer == "pip"):
		return fmt.Sprintf("its files are unknown; reinstalling it recreates RECORD: pip install --ignore-installed --no-deps %s==%s", e.Distribution, e.Version)
	case errors.Is(e.Err, ErrNoRecord), errors.Is(e.Err, ErrBadRecord):
		return fmt.Sprintf("it was installed by %s; ask that tool to uninstall it", e.Installer)
	case errors.Is(e.Err, ErrOutsideScheme):
		return "it belongs to another installation (for example the distribution's packages); leave it to the tool that installed it"
	case errors.Is(e.Err, ErrLegacyInstall):
		return "leave it to the tool that installed it; reinstalling it with a current pip replaces it with a .dist-info installation"
	case errors.Is(e.Err, ErrUnknownOwners):
		return "that distribution may share files with this one; repair or remove it first"
	case errors.Is(e.Err, ErrUnreachable):
		return "make the file examinable (permissions, path length) and try again"
	case errors.Is(e.Err, ErrInterrupted):
		return "Recover restores or completes it (pep668 uninstall does so by itself)"
	}
	return ""
}

// PlanOptions adjust NewPlan.
type PlanOptions struct {
	// FS and Windows are where to read: a filesystem rooted at "/" (or a
	// Windows volume), nil for the host's.
	FS      fs.FS
	Windows bool

	// SchemeName names the target scheme in the plan.
	SchemeName string

	// Others are more site directories whose distributions may share files
	// with this one; the scheme's purelib and platlib are always searched.
	Others []string
}

// NewPlan works out how to uninstall dist from the scheme whose directories
// are paths, changing nothing. The bounds are the scheme's install targets
// as scheme.Bounds has them (purelib, platlib, scripts, data, and headers
// when paths has it), never the interpreter's own stdlib, platstdlib,
// include and platinclude. The plan holds:
//
//   - every file RECORD lists, found from the directory holding .dist-info,
//     with links among its parents resolved (a final link is removed, not
//     followed), and refused with a reason when it lies outside the
//     bounds: by "..", by an absolute path elsewhere, through a symlinked
//     parent, or in a sibling whose name merely extends a scheme
//     directory's;
//   - the bytecode of every listed .py: __pycache__/<name>.<tag>[.opt-N].pyc
//     of every interpreter and optimisation level, and legacy .pyc/.pyo;
//   - the console and GUI scripts pip would remove from the scheme's
//     scripts directory;
//   - the directories emptied by all that, never a scheme directory or a
//     directory holding one.
//
// Files that another distribution lists (its RECORD read leniently, or an
// .egg-info's installed-files.txt) are kept, naming it. The whole
// uninstall is refused with an *UninstallError when RECORD is missing or
// unusable (ErrNoRecord, ErrBadRecord), the distribution is not a .dist-info one
// (ErrLegacyInstall), its .dist-info lies outside the bounds
// (ErrOutsideScheme), another distribution's file list exists but cannot
// be read (ErrUnknownOwners), a listed file, or its INSTALLER or
// entry_points.txt, exists but cannot be examined (ErrUnreachable), or an interrupted uninstall's stash lies in the
// scheme's directories (ErrInterrupted: see Recover).
func NewPlan(dist *Distribution, paths scheme.Paths, opts *PlanOptions) (*Plan, error) {
	var o PlanOptions
	if opts != nil {
		o = *opts
	}
	refuse := func(err error, detail string) (*Plan, error) {
		return nil, &UninstallError{Distribution: dist.Name, Version: dist.Version, Installer: dist.Installer, Err: err, Detail: detail}
	}
	switch dist.Format {
	case Distutils:
		return refuse(ErrLegacyInstall, "it is a distutils installation, whose files cannot be told, so only a partial uninstall would be possible")
	case EggInfo:
		return refuse(ErrLegacyInstall, "it is a setuptools .egg-info installation; only .dist-info installations are uninstalled here")
	}
	if dist.RecordErr != nil {
		if osfs.Missing(dist.RecordErr) {
			return refuse(ErrNoRecord, "")
		}
		return refuse(fmt.Errorf("%w: %w", ErrBadRecord, dist.RecordErr), "")
	}
	bounds, err := scheme.NewBounds(paths, &scheme.BoundsOptions{FS: o.FS, Windows: o.Windows})
	if err != nil {
		return nil, err
	}
	f := (&FindOptions{FS: o.FS, Windows: o.Windows}).osfs(dist.DistInfo).Strict()
	if _, inside, err := bounds.Contains(dist.DistInfo); err != nil || !inside {
		return refuse(ErrOutsideScheme, fmt.Sprintf("%s is not inside the install directories of scheme %s", dist.DistInfo, o.SchemeName))
	}

	p := &planner{f: f, cache: f.NewCache(), bounds: bounds, dist: dist, refused: map[string]bool{},
		dirs: map[string]*dirState{}, written: map[string]*dirState{}, unlisted: map[unlistedName]mark{}, scripts: paths.Scripts}
	p.plan = &Plan{Distribution: dist.Name, Version: dist.Version, DistInfo: dist.DistInfo, Scheme: o.SchemeName, Windows: o.Windows,
		Roots: bounds.Dirs(), Remove: []string{}, RemoveDirs: []string{}, Kept: []Decision{}, Refused: []Decision{}, Missing: []string{}}
	// For refusal reasons: the scheme's directories as resolved and as written.
	p.lexicalRoots = slices.Clone(p.plan.Roots)
	for _, key := range scheme.Targets {
		if d, _ := paths.Get(key); d != "" {
			p.lexicalRoots = append(p.lexicalRoots, f.Clean(d))
		}
	}
	// The plan names resolved paths only, the .dist-info's too.
	if real, err := p.cache.RealPath(dist.DistInfo); err == nil {
		p.plan.DistInfo = real
	}
	if stash := p.findStash(); stash != "" {
		return refuse(ErrInterrupted, fmt.Sprintf("%s holds an interrupted uninstall", stash))
	}
	if err := p.indexOwners(append(o.Others, paths.Purelib, paths.Platlib)); err != nil {
		return refuse(fmt.Errorf("%w: %w", ErrUnknownOwners, err), "")
	}

	p.prefetch()
	for _, e := range dist.Record {
		p.addEntry(e)
	}
	p.addScripts()
	p.findEmptyDirs()
	if p.unreachable != nil {
		return refuse(fmt.Errorf("%w: %w", ErrUnreachable, p.unreachable), "")
	}
	sort.Strings(p.plan.Remove)
	if err := p.observe(); err != nil {
		return refuse(fmt.Errorf("%w: %w", ErrUnreachable, err), "")
	}
	return p.plan, nil
}

type planner struct {
	f       *osfs.FS
	cache   *osfs.Cache          // every directory read once
	dirs    map[string]*dirState // resolved directory → what is decided in it
	written map[string]*dirState // the directory part of a RECORD path → its resolved directory
	bounds  *scheme.Bounds
	scripts string // the scheme's scripts directory
	dist    *Distribution
	// lexicalRoots are the scheme's directories, resolved and as written.
	lexicalRoots []string
	plan         *Plan
	refused      map[string]bool // resolved paths refused
	unlisted     map[unlistedName]mark
	owners       map[string]string // resolved path → another distribution listing it
	listings     map[string]string // site directory → digest of its distributions
	files        map[string]string // metadata file → digest
	unreachable  error             // the first listed path that could not be examined
}

// dirState is what the planner knows and decides in one resolved
// directory. Decisions are kept by name, per directory, so that a plan of a
// million files keeps no second copy of their paths.
type dirState struct {
	real  string        // the directory, resolved
	list  *osfs.Listing // its entries (nil when unreadable)
	marks []mark        // what was decided about each entry, made on the first mark
	// unlisted is the planner's one map of decisions about names no
	// listing holds (missing, or in a directory that cannot be listed).
	unlisted map[unlistedName]mark
	// removed counts the entries marked removed: the directory is emptied
	// when it reaches the number of entries.
	removed int

	pycacheDone bool
	pycache     *dirState // its __pycache__, resolved; nil when absent

	candidate bool // findEmptyDirs has it among the directories to check
}

// unlistedName is a name in a directory whose listing does not hold it.
type unlistedName struct {
	dir  *dirState
	name string
}

// mark records a decision about a name in a directory.
type mark uint8

const (
	markSeen    mark = 1 << iota // decided: removed, kept, refused or reported missing
	markRemoved                  // removed: a file or link, or an emptied directory
)

// find returns the index of name among the entries, or -1.
func (d *dirState) find(name string) int {
	if d.list == nil {
		return -1
	}
	return d.list.Find(name)
}

// marked returns the decision about name, entry i (-1: not listed).
func (d *dirState) marked(i int, name string) mark {
	if i < 0 {
		return d.unlisted[unlistedName{d, name}]
	}
	if d.marks == nil {
		return 0
	}
	return d.marks[i]
}

// mark records a decision about name, entry i (-1: not listed).
func (d *dirState) mark(i int, name string, m mark) {
	if i < 0 {
		d.unlisted[unlistedName{d, name}] |= m
		return
	}
	if d.marks == nil {
		d.marks = make([]mark, d.list.Len())
	}
	if m&^d.marks[i]&markRemoved != 0 {
		d.removed++
	}
	d.marks[i] |= m
}

// emptied reports whether every entry is removed.
func (d *dirState) emptied() bool {
	return d.list != nil && d.removed == d.list.Len()
}

// state returns the state of the resolved directory real.
func (p *planner) state(real string) *dirState {
	d := p.dirs[real]
	if d == nil {
		d = &dirState{real: real, list: p.cache.Dir(real), unlisted: p.unlisted}
		p.dirs[real] = d
	}
	return d
}

// at splits a resolved path into its directory's state and its name.
func (p *planner) at(real string) (*dirState, string) {
	dir := p.f.Parent(real)
	return p.state(dir), strings.TrimPrefix(real[len(dir):], p.f.Sep())
}

// stashPrefix starts the names of the stash directories Apply makes.
const stashPrefix = ".pep668-uninstall-"

// findStash returns a stash directory found in the install directories,
// or "".
func (p *planner) findStash() string {
	for _, root := range p.plan.Roots {
		if l := p.cache.Dir(root); l != nil {
			// Sorted: a stash, if any, comes first among the names from the prefix on.
			if i, _ := slices.BinarySearch(l.Names, stashPrefix); i < l.Len() && strings.HasPrefix(l.Names[i], stashPrefix) {
				return p.f.Child(root, l.Names[i])
			}
		}
	}
	return ""
}

// location joins a RECORD path to the directory it is relative to, as an
// OS path, not cleaned: ".." must meet the real parents. On Windows '/'
// and '\' both separate; on POSIX a '\' is part of a name.
func location(f *osfs.FS, base, entry string) string {
	if f.Windows() {
		entry = strings.ReplaceAll(entry, "/", `\`)
		if strings.HasPrefix(entry, `\`) && !strings.HasPrefix(entry, `\\`) {
			vol, _, _ := strings.Cut(base, `\`)
			return vol + entry // rooted on the drive of base
		}
	}
	if f.IsAbs(entry) {
		return entry
	}
	return f.Child(base, entry)
}

// absolute reports whether a RECORD path is absolute (on Windows, also
// rooted without a drive) as location reads it.
func absolute(f *osfs.FS, entry string) bool {
	if f.Windows() {
		entry = strings.ReplaceAll(entry, "/", `\`)
		return f.IsAbs(entry) || strings.HasPrefix(entry, `\`)
	}
	return f.IsAbs(entry)
}

// elements splits a RECORD path as location reads it.
func elements(f *osfs.FS, entry string) []string {
	if f.Windows() {
		return strings.FieldsFunc(entry, func(r rune) bool { return r == '/' || r == '\\' })
	}
	return strings.Split(entry, "/")
}

// prefetch lists, concurrently, the directories the entries name and their
// __pycache__ directories, as written: for the usual tree without links
// they are the resolved directories the plan looks up.
func (p *planner) prefetch() {
	seen := map[string]bool{} // the directory parts of RECORD paths, true once one holds a .py
	var dirs []string
	for _, e := range p.dist.Record {
		i := strings.LastIndexByte(e.Path, '/')
		if p.f.Windows() {
			i = strings.LastIndexAny(e.Path, `/\`)
		}
		part, py := e.Path[:max(i, 0)], strings.HasSuffix(e.Path, ".py")
		if done, ok := seen[part]; ok && (done || !py) {
			continue
		}
		dir := p.f.Clean(p.f.Parent(location(p.f, p.dist.SiteDir, e.Path)))
		if _, ok := seen[part]; !ok {
			dirs = append(dirs, dir)
		}
		if py {
			dirs = append(dirs, p.f.Child(dir, "__pycache__"))
		}
		seen[part] = py
	}
	p.cache.Prefetch(dirs)
}

func (p *planner) addEntry(e Entry) {
	d, name, path, ok := p.resolveEntry(e.Path)
	if !ok {
		return
	}
	name, removed := p.consider(d, name, path, true)
	if !removed {
		return
	}
	if stem, found := strings.CutSuffix(name, ".py"); found {
		p.addBytecode(d, stem)
	}
}

// resolveEntry finds the directory and name a RECORD path names, and the
// resolved path, or refuses it when it lies outside the scheme. The
// directories RECORD paths name are resolved once each: most entries share
// them.
func (p *planner) resolveEntry(entry string) (*dirState, string, string, bool) {
	sep := strings.LastIndexByte(entry, '/')
	if p.f.Windows() {
		sep = strings.LastIndexAny(entry, `/\`)
	}
	dirPart, base := entry[:max(sep, 0)], entry[sep+1:]
	usual := base != "" && base != "." && base != ".." && !absolute(p.f, entry)
	if d, ok := p.written[dirPart]; ok && usual {
		if real := p.f.Child(d.real, base); p.inside(real) {
			return d, base, real, true
		}
	}
	real, ok := p.bounded(location(p.f, p.dist.SiteDir, entry), entry)
	if !ok {
		return nil, "", "", false
	}
	d, name := p.at(real)
	if usual && name == base {
		p.written[dirPart] = d
	}
	return d, name, real, true
}

// bounded resolves loc and refuses it, with the reason, when it lies outside
// the scheme.
func (p *planner) bounded(loc, entry string) (string, bool) {
	real, err := p.cache.ResolveParent(loc)
	switch {
	case errors.Is(err, osfs.ErrLinkLoop):
		p.refuse(loc, CauseUnresolvable, fmt.Sprintf("cannot be resolved: %v", err))
		return "", false
	case err != nil:
		p.unreachableErr(err)
		return "", false
	}
	key, inside := p.bounds.ContainsResolved(real)
	if inside {
		return real, true
	}
	lexical := p.f.Clean(loc)
	lexicallyInside := p.lexicallyInside(lexical)
	switch {
	case key != "":
		p.refuse(real, CauseInterpreterDir, fmt.Sprintf("in the interpreter's own %s directory, which an uninstall never touches", key))
	case absolute(p.f, entry) && !lexicallyInside:
		p.refuse(real, CauseAbsolute, "an absolute path outside the target scheme")
	case lexicallyInside:
		p.refuse(real, CauseSymlinkEscape, fmt.Sprintf("a symlinked parent leads outside the target scheme (%s resolves to %s)", lexical, real))
	case p.extendsRoot(lexical):
		p.refuse(real, CauseSibling, "in a sibling directory whose name merely extends a scheme directory's")
	case slices.Contains(elements(p.f, entry), ".."):
		p.refuse(real, CauseDotDot, "leaves the target scheme through ..")
	default:
		p.refuse(real, CauseOutside, "outside the target scheme")
	}
	return "", false
}

func (p *planner) unreachableErr(err error) {
	if p.unreachable == nil {
		p.unreachable = err
	}
}

// lexicallyInside reports whether path, not resolved, lies in a scheme
// directory, as written or resolved.
func (p *planner) lexicallyInside(path string) bool {
	return slices.ContainsFunc(p.lexicalRoots, func(d string) bool { return p.under(path, d) })
}

// extendsRoot reports a path such as /venv2/x for the scheme directory
// /venv: a string prefix, but not a parent.
func (p *planner) extendsRoot(path string) bool {
	return slices.ContainsFunc(p.plan.Roots, func(root string) bool {
		return strings.HasPrefix(path, root) && !p.under(path, root)
	})
}

// under reports whether path is dir or lies in it.
func (p *planner) under(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimRight(dir, p.f.Sep())+p.f.Sep())
}

func (p *planner) refuse(path string, cause Cause, reason string) {
	if !p.refused[path] {
		p.refused[path] = true
		p.plan.Refused = append(p.plan.Refused, Decision{Path: path, Cause: cause, Reason: reason})
	}
}

func (p *planner) inside(real string) bool {
	_, inside := p.bounds.ContainsResolved(real)
	return inside
}

// consider decides a name in a resolved directory inside the scheme:
// remove, keep (shared), missing (reported only when RECORD lists it), or
// refused (a directory). path is the directory joined with name, or "" to
// join when needed. It returns the name as its directory spells it, and
// whether it will be removed.
func (p *planner) consider(d *dirState, name, path string, listed bool) (string, bool) {
	i := d.find(name)
	var typ fs.FileMode
	if i >= 0 {
		typ = d.list.Types[i]
	} else {
		path = "" // another spelling may be found
		var err error
		name, typ, err = p.cache.LookupIn(d.real, name)
		switch {
		case err != nil && !osfs.Missing(err):
			p.unreachableErr(err)
			return name, false
		case err != nil:
			if listed && d.marked(-1, name)&markSeen == 0 {
				d.mark(-1, name, markSeen)
				p.plan.Missing = append(p.plan.Missing, p.f.Child(d.real, name))
			}
			return name, false
		}
		i = d.find(name) // still -1 in a directory that cannot be listed
	}
	if m := d.marked(i, name); m&markSeen != 0 {
		return name, m&markRemoved != 0
	}
	if path == "" {
		path = p.f.Child(d.real, name)
	}
	switch owner, shared := p.owners[path]; {
	case typ.IsDir():
		d.mark(i, name, markSeen)
		p.plan.Refused = append(p.plan.Refused, Decision{Path: path, Cause: CauseDirectory, Reason: "names a directory, which RECORD must not list; its content is left alone"})
		return name, false
	case shared:
		d.mark(i, name, markSeen)
		p.plan.Kept = append(p.plan.Kept, Decision{Path: path, Cause: CauseShared, Reason: "another distribution's RECORD lists it too", Owner: owner})
		return name, false
	}
	d.mark(i, name, markSeen|markRemoved)
	p.plan.Remove = append(p.plan.Remove, path)
	return name, true
}

// addBytecode plans the bytecode of stem + ".py" in d.
func (p *planner) addBytecode(d *dirState, stem string) {
	if pc := p.pycacheOf(d); pc != nil {
		for i, name := range bytecodeOf(pc.list, stem) {
			if pc.marked(i, name)&markSeen != 0 {
				continue // RECORD lists it too
			}
			// __pycache__ may be a link: bound what lies behind it.
			if real := p.f.Child(pc.real, name); p.inside(real) {
				p.consider(pc, name, real, false)
			} else {
				p.bounded(p.f.Join(d.real, "__pycache__", name), "") // refused, with the reason
			}
		}
	}
	for _, ext := range []string{".pyc", ".pyo"} {
		p.consider(d, stem+ext, "", false)
	}
}

// pycacheOf returns the state of d's __pycache__, resolved, or nil.
func (p *planner) pycacheOf(d *dirState) *dirState {
	if !d.pycacheDone {
		d.pycacheDone = true
		if real, err := p.cache.RealPath(p.f.Child(d.real, "__pycache__")); err == nil {
			d.pycache = p.state(real)
		}
	}
	return d.pycache
}

// bytecodeOf yields the index and name of each bytecode file of the
// module stem in a __pycache__ listing: <stem>.<tag>[.opt-N].pyc, for
// every interpreter tag and level. The listing is sorted, so they are the
// names from the first with the prefix "<stem>." on.
func bytecodeOf(l *osfs.Listing, stem string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		if l == nil {
			return
		}
		prefix := stem + "."
		i, _ := slices.BinarySearch(l.Names, prefix)
		for ; i < l.Len() && strings.HasPrefix(l.Names[i], prefix); i++ {
			if s, ok := bytecodeStem(l.Names[i]); ok && s == stem && !yield(i, l.Names[i]) {
				return
			}
		}
	}
}

// bytecodeStem returns the module of a bytecode file's name,
// <stem>.<tag>[.opt-N].pyc, or false for another name.
func bytecodeStem(name string) (string, bool) {
	rest, ok := strings.CutSuffix(name, ".pyc")
	if !ok {
		return "", false
	}
	if i := strings.LastIndexByte(rest, '.'); i > 0 && strings.HasPrefix(rest[i+1:], "opt-") && isDigits(rest[i+5:]) {
		rest = rest[:i]
	}
	i := strings.LastIndexByte(rest, '.')
	if i <= 0 || i == len(rest)-1 {
		return "", false // no interpreter tag
	}
	return rest[:i], true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// addScripts plans the entry-point scripts pip would remove from the
// scheme's scripts directory.
func (p *planner) addScripts() {
	if p.scripts == "" {
		return
	}
	for _, s := range p.dist.Scripts {
		names := []string{s.Name}
		if p.f.Windows() {
			script := s.Name + "-script.py"
			if s.GUI {
				script += "w"
			}
			names = append(names, s.Name+".exe", s.Name+".exe.manifest", script)
		}
		for _, n := range names {
			loc := p.f.Join(p.scripts, n)
			if real, ok := p.bounded(loc, loc); ok {
				d, name := p.at(real)
				p.consider(d, name, real, false)
			}
		}
	}
}

// indexOwners indexes the files that the other distributions of dirs list,
// and remembers what it read for the plan's basis.
func (p *planner) indexOwners(dirs []string) error {
	p.owners, p.listings, p.files = map[string]string{}, map[string]string{}, maps.Clone(p.dist.digests)
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		dir = p.f.Clean(dir)
		if _, done := p.listings[dir]; done {
			continue
		}
		dists, digest, err := installed(p.f, dir)
		switch {
		case osfs.Missing(err):
			p.listings[dir] = ""
			continue
		case err != nil:
			return err
		}
		p.listings[dir] = digest
		for _, d := range dists {
			if real, err := p.cache.RealPath(d.DistInfo); err == nil && real == p.plan.DistInfo {
				continue // this distribution, found through the same or another path
			}
			owned, err := d.ownedPaths(p.f)
			if err != nil {
				return fmt.Errorf("%s: %w", d.DistInfo, err)
			}
			maps.Copy(p.files, d.digests)
			for _, path := range owned {
				real, err := p.cache.ResolveParent(path)
				if err != nil {
					continue // cannot be one of ours: those resolve
				}
				if canonical, _, err := p.cache.Lookup(real); err == nil {
					real = canonical
				}
				if _, taken := p.owners[real]; !taken {
					p.owners[real] = d.Name + " " + d.Version
				}
			}
		}
	}
	return nil
}

// observe fills the plan's basis: the install directories' identities (on
// the host), the site directories' distributions, and the metadata files
// read, this distribution's included.
func (p *planner) observe() error {
	for _, name := range []string{"RECORD", "INSTALLER", "entry_points.txt"} {
		path := p.f.Join(p.dist.DistInfo, name)
		if _, ok := p.files[path]; !ok { // a Distribution not made by Find
			if _, err := p.dist.readMeta(p.f, path, osfs.LimitRecord); err != nil && !osfs.Missing(err) {
				return err
			}
			p.files[path] = p.dist.digests[path]
		}
	}
	for _, root := range p.plan.Roots {
		id := ""
		if info, err := p.f.Lstat(root); err == nil {
			id = confined.ID(info)
		}
		p.plan.Basis = append(p.plan.Basis, Observation{Kind: ObservedDir, Path: root, Digest: id})
	}
	for _, dir := range slices.Sorted(maps.Keys(p.listings)) {
		p.plan.Basis = append(p.plan.Basis, Observation{Kind: ObservedListing, Path: dir, Digest: p.listings[dir]})
	}
	for _, file := range slices.Sorted(maps.Keys(p.files)) {
		p.plan.Basis = append(p.plan.Basis, Observation{Kind: ObservedFile, Path: file, Digest: p.files[file]})
	}
	return nil
}

// findEmptyDirs adds the directories that hold nothing once the planned
// files are gone, deepest first, never a scheme directory or one that
// holds a scheme directory, and only inside the bounds.
func (p *planner) findEmptyDirs() {
	type candidate struct {
		d     *dirState
		depth int
	}
	var starts []*dirState
	for _, d := range p.dirs {
		if d.removed > 0 {
			starts = append(starts, d)
		}
	}
	var candidates []candidate
	for _, start := range starts {
		for dir := start.real; dir != p.f.Parent(dir) && !p.bounds.Encloses(dir) && p.inside(dir); dir = p.f.Parent(dir) {
			d := p.state(dir)
			if d.candidate {
				break
			}
			d.candidate = true
			candidates = append(candidates, candidate{d, strings.Count(dir, p.f.Sep())})
		}
	}
	// Deepest first, so that a parent sees its emptied children.
	slices.SortFunc(candidates, func(a, b candidate) int {
		if a.depth != b.depth {
			return b.depth - a.depth
		}
		return strings.Compare(a.d.real, b.d.real)
	})
	for _, c := range candidates {
		if c.d.emptied() {
			parent, name := p.at(c.d.real)
			parent.mark(parent.find(name), name, markSeen|markRemoved)
			p.plan.RemoveDirs = append(p.plan.RemoveDirs, c.d.real)
		}
	}
}
