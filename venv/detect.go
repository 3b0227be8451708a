// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pep668/pep668/internal/osfs"
)

// Kind says what made an environment.
type Kind string

// The kinds of environment Detect tells apart.
const (
	KindSystem           Kind = "system"            // an interpreter's own installation
	KindVenv             Kind = "venv"              // python -m venv, or another pyvenv.cfg without a creator key
	KindVirtualenv       Kind = "virtualenv"        // virtualenv 20 or newer (a virtualenv key)
	KindUV               Kind = "uv"                // uv venv (a uv key)
	KindLegacyVirtualenv Kind = "legacy-virtualenv" // virtualenv older than 20: orig-prefix.txt, sys.real_prefix
	KindCondaBase        Kind = "conda-base"        // conda's base (root) environment
	KindConda            Kind = "conda"             // a conda environment other than base, or pixi's
)

// Environment is what an interpreter's sys module would say about its
// environment, found from the filesystem.
type Environment struct {
	Executable     string // the executable, absolute and cleaned but not resolved
	Prefix         string // sys.prefix
	BasePrefix     string // sys.base_prefix
	ExecPrefix     string // sys.exec_prefix
	BaseExecPrefix string // sys.base_exec_prefix

	// IsVirtual is sys.prefix != sys.base_prefix: the PEP 405 test.
	IsVirtual bool

	Kind Kind

	// ConfigPath is the pyvenv.cfg that makes the environment virtual, and
	// Config its content; both are empty outside a virtual environment.
	ConfigPath string
	Config     *Config

	// RealPrefix is sys.real_prefix of a legacy virtualenv (older than 20),
	// from its orig-prefix.txt.
	RealPrefix string

	// IncludeSystemSitePackages reports whether the base installation's
	// site-packages are on sys.path: always outside a virtual environment.
	IncludeSystemSitePackages bool

	// Version is the interpreter's "X.Y", or "" when it cannot be known
	// from the files; FreeThreaded is set for a free-threaded ("t") build.
	Version      string
	FreeThreaded bool

	// PyPy reports a PyPy interpreter: its stdlib is lib/pypy3.Y.
	PyPy bool

	// Notes say where the answer rests on a guess rather than a rule.
	Notes []string
}

// InVirtualEnvironment reports whether the interpreter runs in a virtual
// environment as PEP 668's backwards-compatibility section defines it:
// sys.prefix != sys.base_prefix, or a legacy virtualenv's sys.real_prefix.
func (e *Environment) InVirtualEnvironment() bool {
	return e.IsVirtual || e.RealPrefix != ""
}

// Options describe the interpreter and where to read its files.
type Options struct {
	// FS is the filesystem to read, rooted at "/" (or at the executable's
	// volume on Windows). Nil means the host's filesystem.
	FS fs.FS

	// Windows selects Windows paths and layouts. With a nil FS it is set
	// from the host.
	Windows bool

	// Python is the interpreter's version ("3.12" or "3.12.1") when the
	// caller knows it. Otherwise it is inferred from pyvenv.cfg, the
	// executable's name and the stdlib directories. It selects the rules of
	// that version (see the package documentation).
	Python string

	// LookupEnv is the interpreter's environment, as os.LookupEnv gives
	// it (nil for none); only PYTHONHOME is read.
	LookupEnv func(string) (string, bool)
}

// ErrNoExecutable means the executable does not exist or is not a file
// (pep668.ErrNotFound is the same error).
var ErrNoExecutable = errors.New("no such interpreter")

// The problems of reading pyvenv.cfg and the other small files Detect
// reads: one that is not a regular file (a FIFO would block the reader, a
// link to /dev/zero never ends) or holds more than 1 MiB is not read.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// An Error reports why an interpreter's environment could not be found.
type Error struct {
	Executable string
	Err        error
}

func (e *Error) Error() string { return fmt.Sprintf("venv: %s: %v", e.Executable, e.Err) }

func (e *Error) Unwrap() error { return e.Err }

// Detect finds the environment of the interpreter at executable, an OS
// path, without running it. Errors are *Error, or *ConfigError for an
// unreadable pyvenv.cfg.
func Detect(executable string, opts *Options) (*Environment, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.FS == nil && !filepath.IsAbs(executable) {
		abs, err := filepath.Abs(executable)
		if err != nil {
			return nil, &Error{Executable: executable, Err: err}
		}
		executable = abs
	}
	f := osfs.For(o.FS, o.Windows, executable).Memo() // getpath looks at the same few paths many times
	if !f.IsAbs(executable) {
		return nil, &Error{Executable: executable, Err: fmt.Errorf("not an absolute path")}
	}
	d := detector{f: f, exe: f.Clean(executable)}
	if o.LookupEnv != nil {
		d.pythonHome, _ = o.LookupEnv("PYTHONHOME")
	}
	return d.detect(o.Python)
}

type detector struct {
	pypyExe    bool // the executable is PyPy's: its stdlib comes first
	f          *osfs.FS
	exe        string
	pythonHome string
	env        Environment
	version    pyVersion
}

// pyVersion is a known or inferred 3.Y version.
type pyVersion struct {
	minor        int // 0 when unknown
	freeThreaded bool
}

func (v pyVersion) String() string {
	if v.minor == 0 {
		return ""
	}
	return "3." + strconv.Itoa(v.minor)
}

func (d *detector) note(format string, args ...any) {
	d.env.Notes = append(d.env.Notes, fmt.Sprintf(format, args...))
}

func (d *detector) detect(python string) (*Environment, error) {
	f := d.f
	if !f.IsFile(d.exe) {
		err := ErrNoExecutable
		if f.IsDir(d.exe) {
			err = fmt.Errorf("%w: it is a directory", ErrNoExecutable)
		}
		return nil, &Error{Executable: d.exe, Err: err}
	}
	d.env.Executable = d.exe
	exeDir := f.Dir(d.exe)

	// site.py (3.8–3.13) looks next to the executable, then one level up.
	siteCfg := ""
	for _, dir := range []string{exeDir, f.Dir(exeDir)} {
		if p := f.Join(dir, ConfigName); f.IsFile(p) {
			siteCfg = p
			break
		}
	}
	var cfg *Config
	if siteCfg != "" {
		var err error
		if cfg, err = d.readConfig(siteCfg); err != nil {
			return nil, err
		}
	}

	d.version = d.inferVersion(python, cfg)
	switch {
	case d.version.minor >= 14:
		d.detect314()
	default:
		d.findBase()
		if siteCfg != "" {
			// site.py makes the parent of the executable's directory the
			// prefix, wherever the file was found.
			d.env.Prefix = f.Dir(exeDir)
			d.env.ExecPrefix = d.env.Prefix
			d.env.ConfigPath, d.env.Config = siteCfg, cfg
		}
	}
	if d.env.Version == "" {
		d.env.Version = d.version.String()
		d.env.FreeThreaded = d.version.freeThreaded
	}
	d.env.PyPy = d.env.PyPy || d.pypyExe
	d.classify()
	return &d.env, nil
}

func (d *detector) readConfig(p string) (*Config, error) {
	data, err := d.f.ReadFile(p, osfs.LimitConfig)
	if err != nil {
		return nil, &Error{Executable: d.exe, Err: osfs.Public(err, ErrNotRegular, ErrTooLarge)}
	}
	return ParseConfig(p, data)
}

// getpathConfig reads the pyvenv.cfg getpath.py (3.11+) reads: one level
// above the executable first, then next to it; found is false when neither
// is there. A directory of that name is read, on POSIX, as a file without
// lines (opening a directory for reading works there, and reading it gives
// nothing: a real 3.12 looks no further); on Windows opening it fails, and
// getpath looks next to the executable.
func (d *detector) getpathConfig() (path string, cfg *Config, found bool) {
	f := d.f
	exeDir := f.Dir(d.exe)
	for _, dir := range []string{f.Dir(exeDir), exeDir} {
		p := f.Join(dir, ConfigName)
		if !f.Windows() && f.IsDir(p) {
			return p, &Config{IncludeSystemSitePackages: true}, true
		}
		if !f.IsFile(p) {
			continue
		}
		cfg, err := d.readConfig(p)
		if err != nil {
			d.note("%s cannot be read: %v", p, err)
			return "", nil, false
		}
		return p, cfg, true
	}
	return "", nil, false
}

// realExecutable is getpath's realpath of the executable: on POSIX only the
// executable's own chain of links is followed (a linked directory on the
// way stays as it is: a real 3.12 run as /l/bin/python3.12, where /l links
// to its prefix, reports the prefix /l); on Windows the whole path is
// resolved.
func (d *detector) realExecutable() string {
	resolve := d.f.FollowLinks
	if d.f.Windows() {
		resolve = d.f.RealPath
	}
	real, err := resolve(d.exe)
	if err != nil {
		return d.exe
	}
	return real
}

// findBase sets the base prefixes and, outside a virtual environment, the
// prefixes too, as getpath does on CPython 3.8–3.13.
func (d *detector) findBase() {
	f := d.f
	if d.pythonHome != "" {
		d.setFromPythonHome()
		return
	}
	var start string
	switch {
	case d.version.minor >= 8 && d.version.minor <= 10 && !f.Windows():
		// getpath.c follows the executable's own links, then reads
		// pyvenv.cfg next to the result or one level up, with its own
		// tokenizer for "home".
		argv0, err := f.FollowLinks(d.exe)
		if err != nil {
			argv0 = d.exe
		}
		start = f.Dir(argv0)
		for _, dir := range []string{start, f.Dir(start)} {
			p := f.Join(dir, ConfigName)
			if !f.IsFile(p) {
				continue
			}
			if data, err := f.ReadFile(p, osfs.LimitConfig); err == nil {
				if home, ok := legacyHome(data); ok {
					start = home
				}
			}
			break
		}
	default:
		if _, cfg, _ := d.getpathConfig(); cfg != nil && cfg.Home != "" {
			start = cfg.Home
		} else {
			start = f.Dir(d.realExecutable())
		}
	}
	d.env.BasePrefix, d.env.BaseExecPrefix = d.searchPrefixes(start)
	d.env.Prefix, d.env.ExecPrefix = d.env.BasePrefix, d.env.BaseExecPrefix
}

// setFromPythonHome applies PYTHONHOME, "prefix" or "prefix:exec_prefix"
// (';' on Windows), which getpath believes unconditionally and reports
// verbatim: "/opt/py/bin/../" stays as it is.
func (d *detector) setFromPythonHome() {
	delim := ":"
	if d.f.Windows() {
		delim = ";"
	}
	prefix, execPrefix, ok := strings.Cut(d.pythonHome, delim)
	if !ok {
		execPrefix = prefix
	}
	d.env.BasePrefix, d.env.BaseExecPrefix = prefix, execPrefix
	d.env.Prefix, d.env.ExecPrefix = d.env.BasePrefix, d.env.BaseExecPrefix
	d.note("PYTHONHOME=%s sets the base prefix", d.pythonHome)
}

// detect314 follows CPython 3.14 and newer, where getpath.py, not site.py,
// makes the environment virtual: any pyvenv.cfg it reads (one level above
// the executable first), with or without a home key (python/cpython
// gh-135773), makes the file's directory the prefix. The base comes from
// PYTHONHOME, else from home, else from where the executable's links lead.
func (d *detector) detect314() {
	cfgPath, cfg, found := d.getpathConfig()
	switch {
	case d.pythonHome != "":
		d.setFromPythonHome()
	case found && cfg.Home != "":
		d.env.BasePrefix, d.env.BaseExecPrefix = d.searchPrefixes(cfg.Home)
	default:
		d.env.BasePrefix, d.env.BaseExecPrefix = d.searchPrefixes(d.f.Dir(d.realExecutable()))
	}
	d.env.Prefix, d.env.ExecPrefix = d.env.BasePrefix, d.env.BaseExecPrefix
	if found {
		d.env.Prefix = d.f.Dir(cfgPath)
		d.env.ExecPrefix = d.env.Prefix
		d.env.ConfigPath, d.env.Config = cfgPath, cfg
	}
}

// legacyHome finds "home" as CPython 3.8–3.10's getpath.c does: the
// lower-case word home as the first whitespace-separated token, then a
// token that is exactly "=", then the rest of the line after the one
// space or tab that ended it. The first such line wins.
func legacyHome(data []byte) (string, bool) {
	for _, line := range strings.Split(string(data), "\n") {
		rest := strings.TrimLeft(line, " \t\r")
		key, rest, _ := cutAny(rest, " \t\r")
		if key != "home" {
			continue
		}
		rest = strings.TrimLeft(rest, " \t")
		eq, rest, ok := cutAny(rest, " \t")
		if eq != "=" {
			continue
		}
		if !ok {
			continue
		}
		value, _, _ := cutAny(strings.TrimLeft(rest, "\r"), "\r")
		if value != "" {
			return value, true
		}
	}
	return "", false
}

// cutAny cuts s around the first byte of seps.
func cutAny(s, seps string) (before, after string, found bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// libDirs are the platlibdir values tried; CPython uses its compiled-in one
// (lib64 on Fedora and SUSE), which the files do not reveal.
var libDirs = []string{"lib", "lib64"}

// searchPrefixes finds prefix and exec_prefix from dir upwards, by the
// landmarks of getpath, and reports them as getpath does: dir as given,
// shortened at its last separator at each step, so "/opt/py/bin/.." is a
// prefix of its own. The root is never searched (the parent of "/usr" is
// ""), unless dir is the root.
//
//   - 3.11 and newer search for the stdlib zip (lib/python3Y.zip) all the
//     way up first, then for lib/python3.Y/os.py (or os.pyc); 3.8–3.10
//     check os.py and os.pyc at each level.
//   - exec_prefix is the first directory up holding
//     lib/python3.Y/lib-dynload; from 3.14, the prefix itself when it holds
//     one.
//   - On Windows both are the first directory up holding Lib\os.py.
func (d *detector) searchPrefixes(dir string) (prefix, execPrefix string) {
	f := d.f
	textual := d.version.minor >= 11 || f.Windows()
	if !textual {
		dir = f.Clean(dir)
	}
	up := func(found func(string) bool) string {
		for p := dir; p != ""; {
			if found(p) {
				return p
			}
			if textual {
				parent := p[:max(0, strings.LastIndex(p, f.Sep()))]
				if parent == p {
					break
				}
				p = parent
				continue
			}
			parent := f.Dir(p)
			if parent == p || f.Dir(parent) == parent {
				break // like getpath.c, never the root
			}
			p = parent
		}
		return ""
	}
	if d.version.minor >= 11 && !f.Windows() {
		prefix = up(d.hasStdlibZip)
	}
	if prefix == "" {
		prefix = up(d.isStdlibPrefix)
	}
	switch {
	case f.Windows():
	case d.env.PyPy:
		execPrefix = prefix // PyPy has no lib-dynload: sys.exec_prefix is sys.prefix
	case d.version.minor >= 14 && prefix != "" && d.isExecPrefix(prefix):
		execPrefix = prefix
	default:
		execPrefix = up(d.isExecPrefix)
	}
	if prefix == "" {
		// CPython would fall back to its compiled-in prefix, which only the
		// binary knows; the resolved executable's location is the best guess.
		real := d.realExecutable()
		prefix = f.Dir(f.Dir(real))
		if f.Windows() {
			prefix = f.Dir(real)
		}
		d.note("no standard library found above %s; assumed the prefix %s from the executable's location", dir, prefix)
	}
	if execPrefix == "" && f.Windows() {
		execPrefix = prefix
	} else if execPrefix == "" {
		execPrefix = prefix
		d.note("no lib-dynload found above %s; CPython would use its compiled-in exec_prefix; assumed %s", dir, prefix)
	}
	d.checkPlatlibdir(prefix)
	return prefix, execPrefix
}

// checkPlatlibdir notes a prefix whose stdlib and lib-dynload are in
// different lib directories (lib and lib64): CPython searches only its
// compiled-in platlibdir, which the files do not reveal.
func (d *detector) checkPlatlibdir(prefix string) {
	f := d.f
	if f.Windows() {
		return
	}
	for i, lib := range libDirs {
		other := libDirs[1-i]
		for _, name := range d.stdlibNames(f.Join(prefix, lib)) {
			stdlib := f.Join(prefix, lib, name)
			if (f.IsFile(f.Join(stdlib, "os.py")) || f.IsFile(f.Join(stdlib, "os.pyc"))) &&
				!f.IsDir(f.Join(stdlib, "lib-dynload")) && f.IsDir(f.Join(prefix, other, name, "lib-dynload")) {
				d.note("%s holds the stdlib but %s the lib-dynload: the interpreter's compiled-in platlibdir decides which it finds", stdlib, f.Join(prefix, other, name))
				return
			}
		}
	}
}

// stdlibName matches the stdlib directories of CPython (python3.Y, and
// python3.Yt when free-threaded) and PyPy (pypy3.Y). Like every pattern of
// this module it compiles on first use: a whole check takes a few
// milliseconds, and compiling them all at start-up was a part of it.
var stdlibName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(python|pypy)3\.(\d+)(t?)$`) })

// isStdlibPrefix reports whether p holds the stdlib of the interpreter's
// version (any 3.Y when it is unknown, which then becomes known).
func (d *detector) isStdlibPrefix(p string) bool {
	f := d.f
	if f.Windows() {
		return f.IsFile(f.Join(p, "Lib", "os.py")) || f.IsFile(f.Join(p, "Lib", "os.pyc"))
	}
	for _, lib := range libDirs {
		for _, name := range d.stdlibNames(f.Join(p, lib)) {
			dir := f.Join(p, lib, name)
			if f.IsFile(f.Join(dir, "os.py")) || f.IsFile(f.Join(dir, "os.pyc")) {
				m := stdlibName().FindStringSubmatch(name)
				if d.version.minor == 0 {
					d.version.minor, _ = strconv.Atoi(m[2])
					d.version.freeThreaded = m[3] == "t"
				}
				d.env.PyPy = m[1] == "pypy"
				return true
			}
		}
	}
	return false
}

// hasStdlibZip reports the zip landmark of CPython 3.11+ under p:
// lib/python3Y.zip (or lib64), which also tells the version when it is not
// yet known.
func (d *detector) hasStdlibZip(p string) bool {
	v := d.version
	if v.minor != 0 && v.minor < 11 {
		return false
	}
	for _, lib := range libDirs {
		if v.minor == 0 {
			if entries, err := d.f.ReadDir(d.f.Join(p, lib)); err == nil {
				for _, e := range entries {
					if m := stdlibZip().FindStringSubmatch(e.Name()); m != nil && !e.IsDir() {
						d.version.minor, _ = strconv.Atoi(m[1])
						d.version.freeThreaded = m[2] == "t"
						return true
					}
				}
			}
			continue
		}
		t := ""
		if v.freeThreaded {
			t = "t"
		}
		if d.f.IsFile(d.f.Join(p, lib, fmt.Sprintf("python3%d%s.zip", v.minor, t))) {
			return true
		}
	}
	return false
}

var stdlibZip = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^python3(1\d)(t?)\.zip$`) })

// stdlibNames returns the names of the stdlib directories to look for in
// libDir: the known version's (CPython's python3.Y, then PyPy's pypy3.Y),
// or every one there.
func (d *detector) stdlibNames(libDir string) []string {
	if d.version.minor != 0 {
		if d.version.freeThreaded {
			return []string{fmt.Sprintf("python3.%dt", d.version.minor)}
		}
		names := []string{fmt.Sprintf("python3.%d", d.version.minor), fmt.Sprintf("pypy3.%d", d.version.minor)}
		if d.pypyExe {
			slices.Reverse(names) // a PyPy beside a CPython of the same version
		}
		return names
	}
	entries, err := d.f.ReadDir(libDir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if stdlibName().MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	// CPython's before PyPy's, unless the executable is PyPy's: a copied
	// "python" beside /usr/lib/python3.11 and /usr/lib/pypy3.9 is CPython.
	slices.SortStableFunc(names, func(a, b string) int {
		return cmpBool(strings.HasPrefix(a, "pypy") != d.pypyExe, strings.HasPrefix(b, "pypy") != d.pypyExe)
	})
	return names
}

func (d *detector) isExecPrefix(p string) bool {
	for _, lib := range libDirs {
		for _, name := range d.stdlibNames(d.f.Join(p, lib)) {
			if d.f.IsDir(d.f.Join(p, lib, name, "lib-dynload")) {
				return true
			}
		}
	}
	return false
}

var exeVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:python|pypy)3\.(\d+)(t?)(?:\.exe)?$`) })

// inferVersion returns the interpreter's version: from the caller, from
// pyvenv.cfg, or from the name of the executable or of the file it links
// to. It stays unknown otherwise, until the stdlib is found.
func (d *detector) inferVersion(python string, cfg *Config) pyVersion {
	parse := func(s string) (pyVersion, bool) {
		major, rest, _ := strings.Cut(s, ".")
		minor, _, _ := strings.Cut(rest, ".")
		free := strings.HasSuffix(minor, "t")
		n, err := strconv.Atoi(strings.TrimSuffix(minor, "t"))
		if major != "3" || err != nil || n <= 0 {
			return pyVersion{}, false
		}
		return pyVersion{minor: n, freeThreaded: free}, true
	}
	names := []string{d.f.Base(d.exe)}
	if real, err := d.f.RealPath(d.exe); err == nil {
		names = append(names, d.f.Base(real))
		d.pypyExe = isPyPy(d.f, real)
	}
	d.pypyExe = d.pypyExe || strings.HasPrefix(names[0], "pypy")
	if v, ok := parse(python); ok {
		return v
	}
	for _, name := range names {
		if m := exeVersion().FindStringSubmatch(name); m != nil {
			n, _ := strconv.Atoi(m[1])
			return pyVersion{minor: n, freeThreaded: m[2] == "t"}
		}
	}
	if cfg != nil {
		if v, ok := parse(cfg.Version); ok {
			return v
		}
	}
	if d.f.Windows() {
		// Windows executables carry no version; the DLL beside them does.
		real, err := d.f.RealPath(d.exe)
		if err != nil {
			real = d.exe
		}
		entries, _ := d.f.ReadDir(d.f.Dir(real))
		for _, e := range entries {
			if m := windowsDLL().FindStringSubmatch(e.Name()); m != nil {
				n, _ := strconv.Atoi(m[1])
				return pyVersion{minor: n, freeThreaded: m[2] == "t"}
			}
		}
	}
	return pyVersion{}
}

// isPyPy reports whether the resolved executable real is PyPy's: named
// pypy*, or beside PyPy's shared library (libpypy3.Y-c.so, libpypy3-c.so,
// libpypy3.Y-c.dylib, libpypy3.Y-c.dll).
func isPyPy(f *osfs.FS, real string) bool {
	if strings.HasPrefix(f.Base(real), "pypy") {
		return true
	}
	// Looked for by name, not by listing the directory: /usr/bin holds a
	// thousand names, and listing it would cost more than all the rest.
	minors := []string{""}
	if m := exeVersion().FindStringSubmatch(f.Base(real)); m != nil {
		minors = append(minors, "."+m[1])
	} else {
		for y := 7; y <= 20; y++ {
			minors = append(minors, "."+strconv.Itoa(y))
		}
	}
	dir := f.Dir(real)
	for _, minor := range minors {
		for _, ext := range []string{".so", ".dylib", ".dll"} {
			if _, err := f.Lstat(f.Join(dir, "libpypy3"+minor+"-c"+ext)); err == nil {
				return true
			}
		}
	}
	return false
}

var windowsDLL = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^python3(\d+)(t?)\.dll$`) })

// classify sets Kind, IsVirtual, IncludeSystemSitePackages and RealPrefix.
func (d *detector) classify() {
	f, e := d.f, &d.env
	e.IsVirtual = e.Prefix != e.BasePrefix
	if e.Config != nil {
		e.IncludeSystemSitePackages = e.Config.IncludeSystemSitePackages
		switch {
		case e.Config.UV != "":
			e.Kind = KindUV
		case e.Config.Virtualenv != "":
			e.Kind = KindVirtualenv
		default:
			e.Kind = KindVenv
		}
		return
	}
	e.IncludeSystemSitePackages = true
	if dir := d.legacyLibDir(); dir != "" {
		if data, err := f.ReadFile(f.Join(dir, "orig-prefix.txt"), osfs.LimitConfig); err == nil {
			e.Kind = KindLegacyVirtualenv
			e.RealPrefix = strings.TrimSpace(string(data))
			e.IncludeSystemSitePackages = !f.IsFile(f.Join(dir, "no-global-site-packages.txt"))
			return
		}
	}
	if f.IsDir(f.Join(e.Prefix, "conda-meta")) {
		e.Kind = KindConda
		if !f.IsFile(f.Join(e.Prefix, "conda-meta", "pixi")) &&
			(f.IsDir(f.Join(e.Prefix, "condabin")) || f.IsDir(f.Join(e.Prefix, "envs"))) {
			e.Kind = KindCondaBase
		}
		return
	}
	e.Kind = KindSystem
}

// legacyLibDir returns the directory where virtualenv < 20 keeps
// orig-prefix.txt: lib/python3.Y (Lib on Windows) of the prefix.
func (d *detector) legacyLibDir() string {
	f := d.f
	if f.Windows() {
		return f.Join(d.env.Prefix, "Lib")
	}
	for _, lib := range libDirs {
		for _, name := range d.stdlibNames(f.Join(d.env.Prefix, lib)) {
			if dir := f.Join(d.env.Prefix, lib, name); f.IsFile(f.Join(dir, "orig-prefix.txt")) {
				return dir
			}
		}
	}
	return ""
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
