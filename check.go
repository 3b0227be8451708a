// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/marker"
	"github.com/pep668/pep668/scheme"
	"github.com/pep668/pep668/venv"
)

// Reason says why a Verdict allows or refuses installing.
type Reason string

// The reasons of a Verdict.
const (
	// ReasonExternallyManaged: outside a virtual environment, with a marker
	// in the default scheme's stdlib. Installing is refused.
	ReasonExternallyManaged Reason = "externally-managed"
	// ReasonVirtualEnvironment: sys.prefix != sys.base_prefix, or a legacy
	// virtualenv's sys.real_prefix.
	ReasonVirtualEnvironment Reason = "virtual-environment"
	// ReasonNoMarker: no EXTERNALLY-MANAGED file where the spec looks.
	ReasonNoMarker Reason = "no-marker"
	// ReasonOverride: a marker exists, but the user overrode it
	// (--break-system-packages or an equivalent).
	ReasonOverride Reason = "override"
	// ReasonInstallMode: an install with --target, --prefix or --root,
	// which pip exempts from the check.
	ReasonInstallMode Reason = "install-mode"
)

// InstallMode is an install that does not target the interpreter's own
// scheme, which pip exempts from the check because it cannot tell which
// marker would apply.
type InstallMode string

// The install modes pip exempts.
const (
	InstallDefault InstallMode = ""
	InstallTarget  InstallMode = "--target"
	InstallPrefix  InstallMode = "--prefix"
	InstallRoot    InstallMode = "--root"
)

// Override is the user's explicit decision to install anyway.
type Override struct {
	// BreakSystemPackages overrides the marker, like pip's
	// --break-system-packages.
	BreakSystemPackages bool
	// Origin says where the decision came from, to switch on; Source
	// names it in words for the explanation: "--break-system-packages",
	// "PIP_BREAK_SYSTEM_PACKAGES=1", "/etc/pip.conf [global]", ….
	Origin OverrideOrigin
	Source string
}

// OverrideOrigin says where an Override came from.
type OverrideOrigin string

// The origins of an Override.
const (
	OriginFlag        OverrideOrigin = "flag"        // the command line: pip's --break-system-packages
	OriginEnvironment OverrideOrigin = "environment" // the variable PIP_BREAK_SYSTEM_PACKAGES
	OriginConfigFile  OverrideOrigin = "config-file" // a pip configuration file
)

// Options adjust Check. The zero value checks the host's filesystem for
// a user with no locale, as pip in the C locale would.
type Options struct {
	// FS and Windows say where the interpreter's files are: a filesystem
	// rooted at "/" (or a Windows volume), nil for the host's.
	FS      fs.FS
	Windows bool

	// LookupEnv is the interpreter's environment, as os.LookupEnv gives it
	// (PYTHONHOME, PYTHONUSERBASE, HOME, DEB_PYTHON_INSTALL_LAYOUT,
	// RPM_BUILD_ROOT, …); nil for none. A lookup, not a getter, because
	// Fedora's sysconfig asks whether RPM_BUILD_ROOT is set at all.
	LookupEnv func(string) (string, bool)

	// Python is the interpreter's version when the caller knows it.
	Python string

	// StrictVersion refuses, with scheme.ErrUnknownVersion, an interpreter
	// newer than this library knows (scheme.MaxMinor). Otherwise it is
	// answered with the newest rules known, Interpreter.Rules names them and
	// a note says so.
	StrictVersion bool

	// Message chooses the marker's message: Language, Match, Priority
	// (see marker.FromEnv). Prefix and Python are filled in by Check.
	Message marker.Options

	// Override and Mode are the user's choices.
	Override Override
	Mode     InstallMode
}

// Verdict is the answer to "may I install into this interpreter?" with
// every fact it rests on.
type Verdict struct {
	Executable string // as given
	Allowed    bool   // installing may go ahead
	Reason     Reason

	// ExternallyManaged reports that a marker is in force: Allowed is false,
	// or true only because of an override or an install mode.
	ExternallyManaged bool

	Environment *venv.Environment   // sys.prefix, sys.base_prefix, kind
	Interpreter *scheme.Interpreter // vendor, version, what the schemes depend on

	Scheme string // the default install scheme
	Stdlib string // its stdlib directory, where the marker belongs

	MarkerPath   string          // Stdlib + EXTERNALLY-MANAGED, looked at in every case
	MarkerExists bool            // a regular file is there
	Message      *marker.Message // the marker's message, when it exists

	Override Override    // the override that allowed installing, when Reason is ReasonOverride
	Mode     InstallMode // the install mode, when Reason is ReasonInstallMode

	// Notes are facts worth telling: guesses made, and what a different
	// tool would decide differently.
	Notes []string

	onHost bool // made from the host's files (Options.FS nil): Target may change them
}

// An Error reports why Check could not decide.
type Error struct {
	Executable string
	Err        error
}

func (e *Error) Error() string { return fmt.Sprintf("pep668: %s: %v", e.Executable, e.Err) }

func (e *Error) Unwrap() error { return e.Err }

// Check decides, from the filesystem alone, whether a Python package
// installer may install into the interpreter at executable, following
// PEP 668 and pip: a virtual environment is always allowed; otherwise a
// regular file EXTERNALLY-MANAGED in the stdlib directory of the default
// install scheme refuses, unless overridden. A conda environment is not a
// virtual environment: the marker rule applies to it. Errors are *Error.
func Check(executable string, opts *Options) (*Verdict, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	env, err := venv.Detect(executable, &venv.Options{FS: o.FS, Windows: o.Windows, Python: o.Python, LookupEnv: o.LookupEnv})
	var ve *venv.Error
	if errors.As(err, &ve) {
		err = ve.Err // the path is named once, by Error
	}
	if err != nil {
		return nil, &Error{Executable: executable, Err: err}
	}
	return CheckEnvironment(env, &o)
}

// CheckEnvironment is Check for an environment already detected.
func CheckEnvironment(env *venv.Environment, opts *Options) (*Verdict, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	fail := func(err error) (*Verdict, error) { return nil, &Error{Executable: env.Executable, Err: err} }
	in, err := scheme.Inspect(env, &scheme.InspectOptions{FS: o.FS, Windows: o.Windows, LookupEnv: o.LookupEnv, StrictVersion: o.StrictVersion})
	if err != nil {
		return fail(err)
	}
	name, paths, err := in.DefaultPaths()
	if err != nil {
		return fail(err)
	}
	v := &Verdict{
		Executable: env.Executable, Environment: env, Interpreter: in,
		Scheme: name, Stdlib: paths.Stdlib, onHost: o.FS == nil,
	}
	v.Notes = append(append(v.Notes, env.Notes...), in.Notes...)

	f := osfs.For(o.FS, o.Windows, v.Stdlib)
	v.MarkerPath = f.Join(v.Stdlib, marker.FileName)
	if err := v.readMarker(f, o, env); err != nil {
		return fail(err)
	}

	switch {
	case o.Mode != InstallDefault:
		v.Allowed, v.Reason, v.Mode = true, ReasonInstallMode, o.Mode
	case env.InVirtualEnvironment():
		v.Allowed, v.Reason = true, ReasonVirtualEnvironment
		if !env.IsVirtual {
			v.note("only sys.real_prefix (virtualenv older than 20) makes this a virtual environment; pip 26.2 and newer and uv no longer accept it")
		}
	case !v.MarkerExists:
		v.Allowed, v.Reason = true, ReasonNoMarker
	case o.Override.BreakSystemPackages:
		v.Allowed, v.Reason, v.Override = true, ReasonOverride, o.Override
		v.ExternallyManaged = true
	default:
		v.Allowed, v.Reason = false, ReasonExternallyManaged
		v.ExternallyManaged = true
	}
	if v.Reason == ReasonInstallMode && v.MarkerExists && !env.InVirtualEnvironment() {
		v.ExternallyManaged = true
		if o.Mode != InstallTarget {
			v.note("pip exempts %s installs from the check, but may still uninstall an older copy from the managed site-packages", o.Mode)
		}
	}
	if env.Kind == venv.KindConda || env.Kind == venv.KindCondaBase {
		v.note("a conda environment is not a virtual environment: the marker rule applies to it")
	}
	return v, nil
}

func (v *Verdict) note(format string, args ...any) {
	v.Notes = append(v.Notes, fmt.Sprintf(format, args...))
}

// readMarker looks for the marker, as pip's os.path.isfile does, and reads
// its message.
func (v *Verdict) readMarker(f *osfs.FS, o Options, env *venv.Environment) error {
	dirName, err := f.RealName(v.Stdlib)
	if err != nil {
		return err
	}
	name, found, err := marker.Find(f.FS(), dirName)
	if err != nil {
		return err
	}
	if !found {
		if info, err := f.Lstat(v.MarkerPath); err == nil {
			v.note("%s exists but is not a regular file (%s), so it is no marker", v.MarkerPath, describeMode(info.Mode()))
		}
		return nil
	}
	v.MarkerExists = true
	mo := o.Message
	mo.Prefix, mo.Python = env.Prefix, env.Version
	m := marker.Read(f.FS(), name, mo)
	if m.Problem != nil {
		var pe *marker.ParseError
		if errors.As(m.Problem, &pe) && pe.Path == name {
			named := *pe
			named.Path = v.MarkerPath
			m.Problem = &named
		}
	}
	v.Message = &m
	return nil
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a link that leads nowhere"
	}
	return "not a regular file"
}
