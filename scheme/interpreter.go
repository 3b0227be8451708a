// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"strings"
	"sync"

	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/venv"
)

// Interpreter holds what an interpreter's install schemes depend on: the
// values of its sys and sysconfig modules that Inspect infers from its files,
// or that Query asks it for.
type Interpreter struct {
	Vendor  Vendor
	Version string // "3.Y"
	Windows bool   // Windows paths and schemes
	PyPy    bool   // PyPy, upstream (Vendor PyPy) or a distributor's (Debian's pypy3)

	// Rules is the "3.Y" whose schemes and distributor rules apply: empty
	// or Version, except for a version newer than this package knows
	// (MaxMinor), which Inspect answers with the newest rules it has, and
	// 3.6 and 3.7, answered with 3.8's (MinMinor), whose schemes they
	// share; unless InspectOptions.StrictVersion is set. Notes then say so.
	Rules string

	Prefix, ExecPrefix, BasePrefix, BaseExecPrefix string // sys.*
	IsVirtual                                      bool   // sys.prefix != sys.base_prefix
	LegacyVirtualenv                               bool   // sys.real_prefix is set (virtualenv < 20)

	Abiflags     string // sys.abiflags: "", "d", "t", "td"; always "" on Windows
	FreeThreaded bool   // Py_GIL_DISABLED: the abi_thread "t"
	Platlibdir   string // sys.platlibdir: "lib", "lib64"; "DLLs" on Windows
	UserBase     string // site.getuserbase(); "" when unknown (no PYTHONUSERBASE or home directory)
	Framework    string // sys._framework on macOS framework builds ("Python"), else ""
	Winver       string // sys.winver on Windows ("3.12", "3.12-32"), else ""

	// HomebrewPrefix is the prefix written into Homebrew's scheme.
	HomebrewPrefix string

	// LookupEnv gives the environment variables sysconfig reads at run
	// time, as os.LookupEnv does: DEB_PYTHON_INSTALL_LAYOUT (Debian),
	// RPM_BUILD_ROOT (Fedora, which asks only whether it is set: set but
	// empty counts), ENSUREPIP_OPTIONS (Homebrew). Nil means none is set.
	LookupEnv func(string) (string, bool)

	// Queried is set when the values came from running the interpreter.
	Queried bool

	// Notes say which values Inspect could only guess.
	Notes []string
}

func (i *Interpreter) getenv(name string) string {
	v, _ := i.lookupEnv(name)
	return v
}

func (i *Interpreter) lookupEnv(name string) (string, bool) {
	if i.LookupEnv == nil {
		return "", false
	}
	return i.LookupEnv(name)
}

// minor returns the Y of the interpreter's version 3.Y, or 0.
func (i *Interpreter) minor() int {
	m, _ := versionMinor(i.Version)
	return m
}

func (i *Interpreter) isPyPy() bool { return i.PyPy || i.Vendor == PyPy }

// RulesVersion returns the version whose rules answer for the interpreter:
// Rules, or Version when Rules is empty.
func (i *Interpreter) RulesVersion() string {
	if i.Rules != "" {
		return i.Rules
	}
	return i.Version
}

// Table returns the interpreter's schemes: those of RulesVersion.
func (i *Interpreter) Table() (*Table, error) {
	return NewTable(i.Vendor, i.RulesVersion(), i.Windows, &TableOptions{HomebrewPrefix: i.HomebrewPrefix, PyPy: i.isPyPy()})
}

// ConfigVars returns the config variables sysconfig gives the schemes'
// templates, as sysconfig.get_config_vars() has them for this interpreter
// (only those variables; none from the Makefile). userbase is missing when
// UserBase is unknown.
func (i *Interpreter) ConfigVars() (Vars, error) {
	t, err := i.Table()
	if err != nil {
		return nil, err
	}
	return i.configVars(t), nil
}

func (i *Interpreter) configVars(t *Table) Vars {
	minor := t.Minor // of the rules; the version's own numbers name directories
	v := Vars{
		"prefix":             t.Clean(i.Prefix),
		"base":               t.Clean(i.Prefix),
		"exec_prefix":        t.Clean(i.ExecPrefix),
		"platbase":           t.Clean(i.ExecPrefix),
		"installed_base":     t.Clean(i.BasePrefix),
		"installed_platbase": t.Clean(i.BaseExecPrefix),
		"py_version_short":   fmt.Sprintf("3.%d", i.minor()),
		"py_version_nodot":   fmt.Sprintf("3%d", i.minor()),
		"abiflags":           i.Abiflags,
	}
	if i.UserBase != "" {
		v["userbase"] = i.UserBase
	}
	if minor >= 9 {
		v["platlibdir"] = i.Platlibdir
	}
	if minor >= 10 {
		v["py_version_nodot_plat"] = strings.ReplaceAll(i.Winver, ".", "")
	}
	// From 3.13; PyPy's sysconfig has them on every version.
	if minor >= 13 || i.isPyPy() {
		impl := "Python"
		if i.isPyPy() {
			impl = "PyPy"
		}
		v["implementation"], v["implementation_lower"] = impl, strings.ToLower(impl)
		v["abi_thread"] = ""
		if i.FreeThreaded {
			v["abi_thread"] = "t"
		}
	}
	return v
}

// ErrUnknownKey reports a preferred-scheme key other than prefix, home and
// user.
var ErrUnknownKey = errors.New("scheme: unknown key; want prefix, home or user")

// PreferredScheme returns sysconfig.get_preferred_scheme(key) for key
// "prefix", "home" or "user", with the distributors' patches: venv inside
// a virtual environment (3.11+); nt, nt_user on Windows; osx_framework_user
// for macOS framework builds; Debian's posix_local or deb_system outside a
// virtual environment, posix_prefix inside one on 3.10; Homebrew's
// osx_framework_library outside a virtual environment and without
// ENSUREPIP_OPTIONS, else venv (3.11+) or posix_prefix (3.10). CPython 3.8
// and 3.9 have no such function; their default scheme is posix_prefix, or
// nt.
func (i *Interpreter) PreferredScheme(key string) (string, error) {
	minor := i.minor()
	switch key {
	case "prefix", "home", "user":
	default:
		return "", fmt.Errorf("%w: %q", ErrUnknownKey, key)
	}
	brewVenv := i.Vendor == Homebrew && (i.IsVirtual || i.getenv("ENSUREPIP_OPTIONS") != "")
	switch {
	case key == "prefix" && minor >= 11 && (i.IsVirtual || brewVenv):
		return "venv", nil
	case key == "prefix" && minor == 10 && brewVenv:
		// Homebrew's 3.10 patch: posix_prefix in a venv or under ensurepip.
		return "posix_prefix", nil
	}
	switch {
	case i.Windows:
		return map[string]string{"prefix": "nt", "home": "posix_home", "user": "nt_user"}[key], nil
	case key == "home":
		return "posix_home", nil
	case key == "user" && i.Framework != "":
		return "osx_framework_user", nil
	case key == "user":
		return "posix_user", nil
	}
	switch i.Vendor {
	case Homebrew:
		return "osx_framework_library", nil
	case Debian:
		if i.IsVirtual || i.LegacyVirtualenv || i.Framework != "" {
			return "posix_prefix", nil
		}
		switch i.getenv("DEB_PYTHON_INSTALL_LAYOUT") {
		case "deb", "deb_system":
			return "deb_system", nil
		}
		return "posix_local", nil
	}
	return "posix_prefix", nil
}

// DefaultScheme returns sysconfig.get_default_scheme(): the preferred
// prefix scheme. The marker of PEP 668 is in its stdlib directory.
func (i *Interpreter) DefaultScheme() (string, error) {
	return i.PreferredScheme("prefix")
}

// Paths returns sysconfig.get_paths(name, vars) for this interpreter: vars
// first, then its config variables for anything vars lacks. On Fedora,
// posix_prefix for sys.prefix /usr outside an RPM build goes to /usr/local
// (base and platbase), as Fedora's patched sysconfig does.
func (i *Interpreter) Paths(name string, vars Vars) (Paths, error) {
	t, err := i.Table()
	if err != nil {
		return Paths{}, err
	}
	cv := i.configVars(t)
	if i.Vendor == Fedora && name == "posix_prefix" && cv["prefix"] == "/usr" && !i.inRPMBuild() {
		cv["base"], cv["platbase"] = "/usr/local", "/usr/local"
	}
	maps.Copy(cv, vars)
	return t.Paths(name, cv)
}

// inRPMBuild reports Fedora's test for an RPM build: RPM_BUILD_ROOT is in
// the environment, whatever its value.
func (i *Interpreter) inRPMBuild() bool {
	_, set := i.lookupEnv("RPM_BUILD_ROOT")
	return set
}

// HeadersDir returns the directory pip installs the C headers of the
// distribution dist to, with paths those of the target scheme: inside a
// virtual environment <prefix>/include/site/python3.Y/<dist>, else the
// scheme's include directory joined with dist. Give it to NewBounds as
// paths.Headers.
func (i *Interpreter) HeadersDir(paths Paths, dist string) string {
	t, err := i.Table()
	if err != nil || dist == "" {
		return ""
	}
	sep := "/"
	if i.Windows {
		sep = `\`
	}
	if i.IsVirtual {
		return t.Clean(strings.Join([]string{i.Prefix, "include", "site", fmt.Sprintf("python3.%d", i.minor()), dist}, sep))
	}
	if paths.Include == "" {
		return ""
	}
	return t.Clean(paths.Include + sep + dist)
}

// DefaultPaths returns the paths of the default scheme, as
// sysconfig.get_paths() does, and the scheme's name.
func (i *Interpreter) DefaultPaths() (string, Paths, error) {
	name, err := i.DefaultScheme()
	if err != nil {
		return "", Paths{}, err
	}
	p, err := i.Paths(name, nil)
	return name, p, err
}

// InspectOptions say where to read an interpreter's files and what its
// environment holds.
type InspectOptions struct {
	// FS and Windows are as for venv.Options: the filesystem rooted at "/"
	// (nil for the host's) and the path flavour.
	FS      fs.FS
	Windows bool

	// LookupEnv is the interpreter's environment, as os.LookupEnv gives it
	// (nil for none): PYTHONUSERBASE, HOME, USERPROFILE and APPDATA make
	// userbase, and Interpreter.LookupEnv keeps it for the distributors'
	// variables.
	LookupEnv func(string) (string, bool)

	// Vendor, when set, is used instead of the one read from sysconfig.
	Vendor Vendor

	// StrictVersion refuses, with ErrUnknownVersion, a version newer or
	// older than this package knows instead of answering it with the
	// nearest rules (see Interpreter.Rules).
	StrictVersion bool
}

// Inspect builds an Interpreter from what venv.Detect found and what the
// installation's files reveal, without running it:
//
//   - the vendor, from the distributor's schemes in the stdlib's sysconfig
//     source (posix_local: Debian, rpm_prefix: Fedora, osx_framework_library:
//     Homebrew) or a PyPy stdlib;
//   - platlibdir, from where the stdlib is (lib or lib64);
//   - abiflags and free-threading, from _sysconfigdata_*.py when present,
//     else from the executable's name and the include directory;
//   - userbase, from PYTHONUSERBASE or the home directory;
//   - a macOS framework, from a Python.framework/Versions/3.Y prefix.
//
// What it cannot see is listed in Interpreter.Notes.
func Inspect(env *venv.Environment, opts *InspectOptions) (*Interpreter, error) {
	var o InspectOptions
	if opts != nil {
		o = *opts
	}
	if env.Version == "" {
		return nil, fmt.Errorf("%w: the version of %s is unknown", ErrUnknownVersion, env.Executable)
	}
	if minor, ok := versionMinor(env.Version); ok && (minor > MaxMinor || minor < MinMinor) && o.StrictVersion {
		return nil, fmt.Errorf("%w: %s is Python %s (this package knows 3.%d to 3.%d)", ErrUnknownVersion, env.Executable, env.Version, MinMinor, MaxMinor)
	}
	f := osfs.For(o.FS, o.Windows, env.BasePrefix).Memo()
	in := &Interpreter{
		Vendor: CPython, Version: env.Version, Windows: f.Windows(),
		Prefix: env.Prefix, ExecPrefix: env.ExecPrefix, BasePrefix: env.BasePrefix, BaseExecPrefix: env.BaseExecPrefix,
		IsVirtual: env.IsVirtual, LegacyVirtualenv: env.RealPrefix != "",
		FreeThreaded: env.FreeThreaded, PyPy: env.PyPy, LookupEnv: o.LookupEnv, HomebrewPrefix: DefaultHomebrewPrefix,
	}
	in.knownRulesFor(env.Version)
	getenv := in.getenv
	thread := ""
	if env.FreeThreaded {
		thread = "t"
	}

	// The stdlib directory, and platlibdir.
	stdlib := ""
	if in.Windows {
		in.Platlibdir = "DLLs"
		in.Winver = env.Version
		stdlib = f.Join(env.BasePrefix, "Lib")
		in.note("sys.winver assumed %s (32-bit and ARM builds add a suffix)", in.Winver)
	} else {
		in.Platlibdir = "lib"
		impls := []string{"python", "pypy"}
		if env.PyPy {
			impls = []string{"pypy", "python"} // a PyPy beside a CPython of the same version
		}
		for _, lib := range []string{"lib", "lib64"} {
			for _, impl := range impls {
				dir := f.Join(env.BasePrefix, lib, impl+env.Version+thread)
				if f.IsFile(f.Join(dir, "os.py")) || f.IsFile(f.Join(dir, "os.pyc")) {
					if stdlib == "" {
						stdlib, in.Platlibdir = dir, lib
						if impl == "pypy" {
							in.Vendor, in.PyPy = PyPy, true
						}
					}
				}
			}
		}
		if stdlib == "" {
			in.note("no stdlib found under %s; platlibdir assumed lib", env.BasePrefix)
		}
	}

	if stdlib != "" {
		in.readSysconfig(f, stdlib)
		if !in.Windows {
			in.readSysconfigData(f, stdlib)
		}
	}
	if o.Vendor != "" {
		in.Vendor = o.Vendor
	}
	if !in.Windows && strings.Contains(env.BasePrefix, "/Python.framework/Versions/") {
		in.Framework = "Python"
	}
	in.UserBase = userBase(in, getenv)
	return in, nil
}

// knownRulesFor sets Rules, with a note, when version is newer or older
// than this package knows: the newest rules answer a newer version; the
// oldest (3.8) answer 3.6 and 3.7, whose schemes are 3.8's.
func (i *Interpreter) knownRulesFor(version string) {
	minor, ok := versionMinor(version)
	switch {
	case ok && minor > MaxMinor:
		i.Rules = fmt.Sprintf("3.%d", MaxMinor)
		i.note("Python %s is newer than this library knows: answered with the rules of %s", version, i.Rules)
	case ok && minor < MinMinor:
		i.Rules = fmt.Sprintf("3.%d", MinMinor)
		i.note("Python %s is older than this library knows: answered with the rules of %s, whose install schemes it shares", version, i.Rules)
		if minor < 7 {
			i.note("no pip for Python %s checks the marker: pip 23.0, the first that does, needs 3.7", version)
		}
	}
}

func (i *Interpreter) note(format string, args ...any) {
	i.Notes = append(i.Notes, fmt.Sprintf(format, args...))
}

// readSysconfig finds the distributor from the schemes its sysconfig
// source defines.
func (i *Interpreter) readSysconfig(f *osfs.FS, stdlib string) {
	var src []byte
	for _, p := range []string{f.Join(stdlib, "sysconfig.py"), f.Join(stdlib, "sysconfig", "__init__.py")} {
		if data, err := f.ReadFile(p, osfs.LimitSource); err == nil {
			src = data
			break
		}
	}
	if src == nil {
		i.note("no sysconfig source in %s; vendor assumed %s", stdlib, i.Vendor)
		return
	}
	text := string(src)
	switch {
	case strings.Contains(text, "'posix_local'"):
		i.Vendor = Debian
	case strings.Contains(text, "'rpm_prefix'"):
		i.Vendor = Fedora
	case strings.Contains(text, "'osx_framework_library'"):
		i.Vendor = Homebrew
		if m := brewPurelib().FindStringSubmatch(text); m != nil {
			i.HomebrewPrefix = m[1]
		}
	}
}

var brewPurelib = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`'purelib':\s*'([^'{]+)/lib/python`) })

var (
	sysconfigData = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^_sysconfigdata_(\w*?)_.*\.py$`) })
	abiflagsVar   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`'ABIFLAGS':\s*'([^']*)'`) })
	gilVar        = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`'Py_GIL_DISABLED':\s*(\d)`) })
)

// readSysconfigData reads ABIFLAGS and Py_GIL_DISABLED from the build
// variables CPython installs beside its stdlib.
func (i *Interpreter) readSysconfigData(f *osfs.FS, stdlib string) {
	if i.isPyPy() {
		return // PyPy's abiflags are empty; its _sysconfigdata.py has no ABIFLAGS
	}
	entries, _ := f.ReadDir(stdlib)
	for _, e := range entries {
		if !sysconfigData().MatchString(e.Name()) {
			continue
		}
		data, err := f.ReadFile(f.Join(stdlib, e.Name()), osfs.LimitSource)
		if err != nil {
			continue
		}
		if m := abiflagsVar().FindSubmatch(data); m != nil {
			i.Abiflags = string(m[1])
			if m := gilVar().FindSubmatch(data); m != nil {
				i.FreeThreaded = string(m[1]) == "1"
			}
			return
		}
	}
	// No build variables: the include directory's suffix is the abiflags.
	if i.FreeThreaded {
		i.Abiflags = "t"
	}
	for _, flags := range []string{"td", "d"} {
		if f.IsDir(f.Join(i.BasePrefix, "include", "python"+i.Version+flags)) {
			i.Abiflags = flags
			return
		}
	}
	i.note("no _sysconfigdata in %s; abiflags assumed %q", stdlib, i.Abiflags)
}

// userBase is site.getuserbase(): PYTHONUSERBASE when set, else the
// platform's default under the home directory.
func userBase(i *Interpreter, getenv func(string) string) string {
	if b := getenv("PYTHONUSERBASE"); b != "" {
		return b
	}
	if i.Windows {
		base := getenv("APPDATA")
		if base == "" {
			base = getenv("USERPROFILE")
		}
		if base == "" {
			return ""
		}
		name := "Python"
		if i.isPyPy() && i.minor() >= 13 {
			name = "PyPy"
		}
		return normWindows(base+`\`+name, i.minor())
	}
	home := getenv("HOME")
	if home == "" {
		return ""
	}
	if i.Framework != "" {
		return normPOSIX(home + "/Library/" + i.Framework + "/" + i.Version)
	}
	return normPOSIX(home + "/.local")
}

// Resolve is Inspect for an executable path: venv.Detect, then Inspect,
// with the same filesystem and environment.
func Resolve(executable string, opts *InspectOptions) (*Interpreter, *venv.Environment, error) {
	var o InspectOptions
	if opts != nil {
		o = *opts
	}
	env, err := venv.Detect(executable, &venv.Options{FS: o.FS, Windows: o.Windows, LookupEnv: o.LookupEnv})
	if err != nil {
		return nil, nil, err
	}
	in, err := Inspect(env, &o)
	return in, env, err
}
