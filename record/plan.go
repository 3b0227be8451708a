// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"

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

	// Roots are the target scheme's directories, resolved: Apply checks
	// each path against them again just before it moves it.
	Roots []string `json:"scheme_dirs"`
	// Windows is set for Windows paths.
	Windows bool `json:"windows,omitempty"`
}

// Decision is a path and why it is kept or refused.
type Decision struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Owner is the other distribution that lists the file, for shared files.
	Owner string `json:"owner,omitempty"`
}

// Errors of NewPlan, for errors.Is.
var (
	ErrNoRecord      = errors.New("no RECORD file")
	ErrOutsideScheme = errors.New("installed outside the target scheme")
)

// An UninstallError refuses a whole uninstall.
type UninstallError struct {
	Distribution, Version string
	Installer             string // who installed it, from INSTALLER
	Err                   error  // ErrNoRecord or ErrOutsideScheme, maybe wrapping more
	Detail                string
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
	case errors.Is(e.Err, ErrNoRecord) && (e.Installer == "" || e.Installer == "pip"):
		return fmt.Sprintf("its files are unknown; reinstalling it recreates RECORD: pip install --ignore-installed --no-deps %s==%s", e.Distribution, e.Version)
	case errors.Is(e.Err, ErrNoRecord):
		return fmt.Sprintf("it was installed by %s; ask that tool to uninstall it", e.Installer)
	case errors.Is(e.Err, ErrOutsideScheme):
		return "it belongs to another installation (for example the distribution's packages); leave it to the tool that installed it"
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
// are paths, changing nothing:
//
//   - every file RECORD lists, found from the directory holding .dist-info,
//     with links among its parents resolved (a final link is removed, not
//     followed), and refused with a reason when it lies outside the
//     scheme's directories: by "..", by an absolute path elsewhere, through
//     a symlinked parent, or in a sibling whose name merely extends a
//     scheme directory's;
//   - the bytecode of every listed .py: __pycache__/<name>.<tag>[.opt-N].pyc
//     of every interpreter and optimisation level, and legacy .pyc/.pyo;
//   - the console and GUI scripts pip would remove from the scheme's
//     scripts directory;
//   - the directories emptied by all that, never a scheme directory itself.
//
// Files that another distribution's RECORD also lists are kept, naming it.
// A missing or unusable RECORD refuses the uninstall (ErrNoRecord), as the
// specification requires, and so does a .dist-info directory outside the
// scheme (ErrOutsideScheme); both are *UninstallError.
func NewPlan(dist *Distribution, paths scheme.Paths, opts *PlanOptions) (*Plan, error) {
	var o PlanOptions
	if opts != nil {
		o = *opts
	}
	refuse := func(err error, detail string) (*Plan, error) {
		return nil, &UninstallError{Distribution: dist.Name, Version: dist.Version, Installer: dist.Installer, Err: err, Detail: detail}
	}
	if dist.RecordErr != nil {
		if errors.Is(dist.RecordErr, fs.ErrNotExist) {
			return refuse(ErrNoRecord, "")
		}
		return refuse(fmt.Errorf("%w: %w", ErrNoRecord, dist.RecordErr), "RECORD cannot be used")
	}
	bounds, err := scheme.NewBounds(paths, &scheme.BoundsOptions{FS: o.FS, Windows: o.Windows})
	if err != nil {
		return nil, err
	}
	f := (&FindOptions{FS: o.FS, Windows: o.Windows}).osfs(dist.DistInfo)
	if _, inside, err := bounds.Contains(dist.DistInfo); err != nil || !inside {
		return refuse(ErrOutsideScheme, fmt.Sprintf("%s is not inside the directories of scheme %s", dist.DistInfo, o.SchemeName))
	}

	p := &planner{f: f, cache: f.NewCache(), bounds: bounds, dist: dist, seen: map[string]bool{}, removing: map[string]bool{},
		bytecode: map[string]map[string][]string{}, scripts: paths[scheme.Scripts]}
	p.plan = &Plan{Distribution: dist.Name, Version: dist.Version, DistInfo: dist.DistInfo, Scheme: o.SchemeName, Windows: o.Windows,
		Roots: bounds.Dirs()}
	// For refusal reasons: the scheme's directories as resolved and as written.
	p.lexicalRoots = slices.Clone(p.plan.Roots)
	for _, d := range paths {
		p.lexicalRoots = append(p.lexicalRoots, f.Clean(d))
	}
	p.owners = p.otherOwners(append(o.Others, paths[scheme.Purelib], paths[scheme.Platlib]))

	p.prefetch()
	for _, e := range dist.Record {
		p.addEntry(e)
	}
	p.addScripts()
	p.findEmptyDirs()
	sort.Strings(p.plan.Remove)
	return p.plan, nil
}

type planner struct {
	f        *osfs.FS
	cache    *osfs.Cache // every directory read once
	removing map[string]bool
	bytecode map[string]map[string][]string // resolved __pycache__ → module stem → file names
	bounds   *scheme.Bounds
	scripts  string // the scheme's scripts directory
	dist     *Distribution
	// lexicalRoots are the scheme's directories, resolved and as written.
	lexicalRoots []string
	plan         *Plan
	seen         map[string]bool   // resolved paths already decided
	owners       map[string]string // resolved path → another distribution listing it
}

// location joins a RECORD path to the site directory, as an OS path, not
// cleaned: ".." must meet the real parents.
func location(f *osfs.FS, siteDir, entry string) string {
	if f.Windows() {
		entry = strings.ReplaceAll(entry, "/", `\`)
	}
	if f.IsAbs(entry) {
		return entry
	}
	return f.Child(siteDir, entry)
}

// prefetch lists, concurrently, the directories the entries name and their
// __pycache__ directories, as written: for the usual tree without links
// they are the resolved directories the plan looks up.
func (p *planner) prefetch() {
	seen := map[string]bool{}
	var dirs []string
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	for _, e := range p.dist.Record {
		dir := p.f.Clean(p.f.Parent(location(p.f, p.dist.SiteDir, e.Path)))
		add(dir)
		if strings.HasSuffix(e.Path, ".py") {
			add(p.f.Child(dir, "__pycache__"))
		}
	}
	p.cache.Prefetch(dirs)
}

func (p *planner) addEntry(e Entry) {
	loc := location(p.f, p.dist.SiteDir, e.Path)
	real, ok := p.bounded(loc, e.Path)
	if !ok {
		return
	}
	if !p.consider(real, true) {
		return
	}
	if base, found := strings.CutSuffix(real, ".py"); found {
		p.addBytecode(base)
	}
}

// bounded resolves loc and refuses it, with the reason, when it lies outside
// the scheme.
func (p *planner) bounded(loc, entry string) (string, bool) {
	real, err := p.cache.ResolveParent(loc)
	if err != nil {
		p.refuse(loc, fmt.Sprintf("cannot be resolved: %v", err))
		return "", false
	}
	if _, inside := p.bounds.ContainsResolved(real); inside {
		return real, true
	}
	lexical := p.f.Clean(loc)
	lexicallyInside := p.lexicallyInside(lexical)
	switch {
	case p.f.IsAbs(strings.ReplaceAll(entry, "/", p.f.Sep())) && !lexicallyInside:
		p.refuse(real, "an absolute path outside the target scheme")
	case lexicallyInside:
		p.refuse(real, fmt.Sprintf("a symlinked parent leads outside the target scheme (%s resolves to %s)", lexical, real))
	case p.extendsRoot(lexical):
		p.refuse(real, "in a sibling directory whose name merely extends a scheme directory's")
	case slices.Contains(strings.Split(entry, "/"), ".."):
		p.refuse(real, "leaves the target scheme through ..")
	default:
		p.refuse(real, "outside the target scheme")
	}
	return "", false
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

func (p *planner) refuse(path, reason string) {
	if !p.seen[path] {
		p.seen[path] = true
		p.plan.Refused = append(p.plan.Refused, Decision{Path: path, Reason: reason})
	}
}

// consider decides a resolved path inside the scheme: remove, keep (shared),
// missing (reported only when RECORD lists it), or refused (a directory).
// It reports whether the path will be removed.
func (p *planner) consider(real string, listed bool) bool {
	if p.seen[real] {
		return p.removing[real]
	}
	p.seen[real] = true
	typ, exists := p.cache.Type(real)
	switch {
	case !exists:
		if listed {
			p.plan.Missing = append(p.plan.Missing, real)
		}
		return false
	case typ.IsDir():
		p.plan.Refused = append(p.plan.Refused, Decision{Path: real, Reason: "names a directory, which RECORD must not list; its content is left alone"})
		return false
	}
	if owner, ok := p.owners[real]; ok {
		p.plan.Kept = append(p.plan.Kept, Decision{Path: real, Reason: "another distribution's RECORD lists it too", Owner: owner})
		return false
	}
	p.plan.Remove = append(p.plan.Remove, real)
	p.removing[real] = true
	return true
}

// addBytecode plans the bytecode of base + ".py".
func (p *planner) addBytecode(base string) {
	dir := p.f.Parent(base)
	stem := strings.TrimPrefix(base[len(dir):], p.f.Sep())
	cache := p.f.Child(dir, "__pycache__")
	if real, err := p.cache.RealPath(cache); err == nil {
		for _, name := range p.pycIndex(real)[stem] {
			// __pycache__ may be a link: bound what lies behind it.
			if pyc, ok := p.bounded(p.f.Child(cache, name), ""); ok {
				p.consider(pyc, false)
			}
		}
	}
	for _, ext := range []string{".pyc", ".pyo"} {
		p.consider(base+ext, false)
	}
}

// pycIndex groups the bytecode files of a __pycache__ directory by module:
// <stem>.<tag>[.opt-N].pyc, for every interpreter tag and level.
func (p *planner) pycIndex(cacheDir string) map[string][]string {
	if idx, ok := p.bytecode[cacheDir]; ok {
		return idx
	}
	idx := map[string][]string{}
	for name := range p.cache.Names(cacheDir) {
		rest, ok := strings.CutSuffix(name, ".pyc")
		if !ok {
			continue
		}
		if i := strings.LastIndexByte(rest, '.'); i > 0 && strings.HasPrefix(rest[i+1:], "opt-") && isDigits(rest[i+5:]) {
			rest = rest[:i]
		}
		i := strings.LastIndexByte(rest, '.')
		if i <= 0 || i == len(rest)-1 {
			continue // no interpreter tag
		}
		idx[rest[:i]] = append(idx[rest[:i]], name)
	}
	p.bytecode[cacheDir] = idx
	return idx
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
				p.consider(real, false)
			}
		}
	}
}

// otherOwners indexes the files other distributions' RECORDs list in dirs.
func (p *planner) otherOwners(dirs []string) map[string]string {
	owners := map[string]string{}
	done := map[string]bool{}
	for _, dir := range dirs {
		if dir == "" || done[dir] {
			continue
		}
		done[dir] = true
		dists, err := distInfos(p.f, dir)
		if err != nil {
			continue
		}
		for _, d := range dists {
			if d.DistInfo == p.dist.DistInfo {
				continue
			}
			d.read(p.f)
			for _, e := range d.Record {
				if real, err := p.cache.ResolveParent(location(p.f, d.SiteDir, e.Path)); err == nil {
					if _, taken := owners[real]; !taken {
						owners[real] = d.Name + " " + d.Version
					}
				}
			}
		}
	}
	return owners
}

// findEmptyDirs adds the directories that hold nothing once the planned
// files are gone, deepest first, up to but never including a scheme
// directory, and only inside the scheme.
func (p *planner) findEmptyDirs() {
	removed := maps.Clone(p.removing)
	candidates := map[string]bool{}
	for _, r := range p.plan.Remove {
		for dir := p.f.Parent(r); !p.isRoot(dir) && dir != p.f.Parent(dir) && !candidates[dir]; dir = p.f.Parent(dir) {
			if _, inside := p.bounds.ContainsResolved(dir); !inside {
				break
			}
			candidates[dir] = true
		}
	}
	dirs := make([]string, 0, len(candidates))
	for d := range candidates {
		dirs = append(dirs, d)
	}
	// Deepest first, so that a parent sees its emptied children.
	sort.Slice(dirs, func(i, j int) bool {
		if a, b := strings.Count(dirs[i], p.f.Sep()), strings.Count(dirs[j], p.f.Sep()); a != b {
			return a > b
		}
		return dirs[i] < dirs[j]
	})
	for _, dir := range dirs {
		names := p.cache.Names(dir)
		if names == nil {
			continue
		}
		empty := true
		for name := range names {
			if !removed[p.f.Child(dir, name)] {
				empty = false
				break
			}
		}
		if empty {
			removed[dir] = true
			p.plan.RemoveDirs = append(p.plan.RemoveDirs, dir)
		}
	}
}

func (p *planner) isRoot(dir string) bool {
	return slices.Contains(p.plan.Roots, dir) || dir == p.dist.SiteDir
}
