// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Vendor names who built a Python, which decides its schemes.
type Vendor string

// The vendors whose schemes this package knows.
const (
	CPython  Vendor = "cpython"  // upstream CPython, also pyenv, python.org and uv builds
	Debian   Vendor = "debian"   // Debian and Ubuntu: posix_local, deb_system
	Fedora   Vendor = "fedora"   // Fedora, RHEL, CentOS: rpm_prefix and the /usr/local rewrite
	Homebrew Vendor = "homebrew" // Homebrew: osx_framework_library
	PyPy     Vendor = "pypy"
)

// Vendors lists the known vendors.
var Vendors = []Vendor{CPython, Debian, Fedora, Homebrew, PyPy}

// The oldest and newest CPython versions with known templates.
const (
	MinMinor = 8
	MaxMinor = 15
)

// DefaultHomebrewPrefix is where Homebrew lives on Apple silicon; Intel
// macOS uses /usr/local and Linux /home/linuxbrew/.linuxbrew.
const DefaultHomebrewPrefix = "/opt/homebrew"

// Errors of NewTable and Table.Paths, usable with errors.Is.
var (
	ErrUnknownVendor  = errors.New("scheme: unknown vendor")
	ErrUnknownVersion = errors.New("scheme: unknown Python version")
	ErrUnknownScheme  = errors.New("scheme: unknown scheme")
)

// Table holds the install schemes of one kind of Python: a vendor's build
// of a version, for an OS flavour.
type Table struct {
	Vendor  Vendor
	Minor   int  // the Y of 3.Y
	Windows bool // Windows paths, and the nt flavour of venv
	PyPy    bool // PyPy's templates (lib/pypy3.Y): vendor PyPy, or a distributor's PyPy
	schemes map[string]Templates
}

// TableOptions adjust a Table.
type TableOptions struct {
	// HomebrewPrefix replaces DefaultHomebrewPrefix in Homebrew's scheme.
	HomebrewPrefix string

	// PyPy selects a distributor's build of PyPy rather than of CPython:
	// the distributor's schemes over PyPy's templates (Debian's pypy3).
	// Vendor PyPy, upstream PyPy, implies it.
	PyPy bool
}

// NewTable returns the schemes of vendor's Python version ("3.11" or
// "3.11.7") for Windows or POSIX paths. opts may be nil.
func NewTable(vendor Vendor, version string, windows bool, opts *TableOptions) (*Table, error) {
	minor, err := parseMinor(version)
	if err != nil {
		return nil, err
	}
	t := &Table{Vendor: vendor, Minor: minor, Windows: windows, PyPy: vendor == PyPy || opts != nil && opts.PyPy}
	switch vendor {
	case CPython:
		t.schemes = cpython(minor, windows)
	case Debian:
		t.schemes = cpython(minor, windows)
		debian(t.schemes)
	case Fedora:
		t.schemes = cpython(minor, windows)
		t.schemes["rpm_prefix"] = t.schemes["posix_prefix"]
	case Homebrew:
		prefix := DefaultHomebrewPrefix
		if opts != nil && opts.HomebrewPrefix != "" {
			prefix = opts.HomebrewPrefix
		}
		t.schemes = cpython(minor, windows)
		homebrew(t.schemes, minor, strings.TrimRight(prefix, "/"))
		if minor == 10 {
			t.schemes["venv"] = t.schemes["posix_prefix"] // Homebrew's 3.10 patch adds it
		}
	case PyPy:
		t.schemes = cpython(minor, windows)
	default:
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownVendor, vendor, joinVendors())
	}
	if t.PyPy {
		pypy(t.schemes)
	}
	return t, nil
}

func joinVendors() string {
	var s []string
	for _, v := range Vendors {
		s = append(s, string(v))
	}
	return strings.Join(s, ", ")
}

// parseMinor reads "3.Y" or "3.Y.Z" (a trailing "t" is allowed) and checks
// that templates are known for it.
func parseMinor(version string) (int, error) {
	minor, ok := versionMinor(version)
	if !ok || minor < MinMinor || minor > MaxMinor {
		return 0, fmt.Errorf("%w %q (known: 3.%d to 3.%d)", ErrUnknownVersion, version, MinMinor, MaxMinor)
	}
	return minor, nil
}

// versionMinor reads the Y of "3.Y" or "3.Y.Z" (a trailing "t" is allowed),
// whatever its value.
func versionMinor(version string) (int, bool) {
	major, rest, _ := strings.Cut(version, ".")
	minorStr, _, _ := strings.Cut(rest, ".")
	minor, err := strconv.Atoi(strings.TrimSuffix(minorStr, "t"))
	return minor, major == "3" && err == nil && minor >= 0
}

// Names returns the scheme names, sorted like sysconfig.get_scheme_names().
func (t *Table) Names() []string {
	return slices.Sorted(maps.Keys(t.schemes))
}

// Templates returns a copy of the templates of a scheme.
func (t *Table) Templates(name string) (Templates, error) {
	s, ok := t.schemes[name]
	if !ok {
		return nil, fmt.Errorf("%w %q for %s 3.%d (known: %s)", ErrUnknownScheme, name, t.Vendor, t.Minor, strings.Join(t.Names(), ", "))
	}
	return maps.Clone(s), nil
}

// Paths expands a scheme with vars as sysconfig.get_paths(name, vars) does
// when vars holds every variable it needs: each template is formatted with
// vars, then normalised like os.path.normpath of the table's OS flavour.
// On Windows, from 3.11, platlibdir is "lib" whatever vars say. Any error
// is an *ExpandError or wraps ErrUnknownScheme.
//
// sysconfig also fills variables missing from vars with the running
// interpreter's config variables; Interpreter.Paths does that. Unlike
// sysconfig, Paths never falls back to the process environment for an
// unknown variable, and it does not expand a leading "~" (no template
// starts with one).
func (t *Table) Paths(name string, vars Vars) (Paths, error) {
	templates, err := t.Templates(name)
	if err != nil {
		return Paths{}, err
	}
	if t.Windows && t.Minor >= 11 {
		vars = maps.Clone(vars)
		vars["platlibdir"] = "lib"
	}
	var paths Paths
	for _, key := range PathNames {
		tmpl, ok := templates[key]
		if !ok {
			continue
		}
		s, field, err := format(tmpl, vars)
		if err != nil {
			return Paths{}, &ExpandError{Scheme: name, Path: key, Template: tmpl, Name: field, Err: err}
		}
		paths.Set(key, t.Clean(s))
	}
	return paths, nil
}

// Clean normalises p as os.path.normpath does on the table's OS.
func (t *Table) Clean(p string) string {
	if t.Windows {
		return normWindows(p, t.Minor)
	}
	return normPOSIX(p)
}
