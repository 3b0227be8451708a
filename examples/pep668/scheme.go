// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pep668/pep668/scheme"
)

// varFlags collects repeated --var name=value flags.
type varFlags scheme.Vars

func (v varFlags) String() string { return "" }

func (v varFlags) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("want name=value, got %q", s)
	}
	v[name] = value
	return nil
}

func runScheme(e *env, args []string) int {
	fs := newFlagSet("scheme")
	asJSON := fs.Bool("json", false, "print a JSON object from path name to path")
	vendor := fs.String("vendor", "", "cpython, debian, fedora, homebrew or pypy")
	version := fs.String("python-version", "", "Python version `X.Y`")
	osName := fs.String("os", "posix", "path flavour: posix or nt")
	name := fs.String("scheme", "", "scheme `NAME` (default with --python: the interpreter's default scheme)")
	python := fs.String("python", "", "a real interpreter's `EXECUTABLE`, inspected without running it")
	query := fs.Bool("query", false, "with --python: run the interpreter once and use what its sysconfig says")
	strict := fs.Bool("strict-version", false, "refuse a Python newer than the library knows instead of answering with the newest rules")
	vars := varFlags{}
	fs.Var(vars, "var", "`name=value` for a template variable (repeatable)")
	rest, err := parseFlags(fs, args)
	switch {
	case err != nil:
	case len(rest) != 0:
		err = fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	case *python == "" && (*vendor == "" || *version == "" || *name == ""):
		err = fmt.Errorf("%w: give --python EXECUTABLE, or --vendor, --python-version and --scheme", errUsage)
	case *python != "" && (isSet(fs, "python-version") || isSet(fs, "os")):
		err = fmt.Errorf("%w: --python-version and --os describe a vendor's Python; with --python they come from the interpreter", errUsage)
	case *python != "" && *query && *vendor != "":
		err = fmt.Errorf("%w: --vendor and --query: the interpreter that runs says what it is", errUsage)
	case *osName != "posix" && *osName != "nt":
		err = fmt.Errorf("%w: --os must be posix or nt", errUsage)
	case *version != "" && !validVersion(*version):
		err = fmt.Errorf("%w: --python-version %q is not a version like 3.12", errUsage, *version)
	}
	if err != nil {
		return usageError(e, "scheme", fs, err)
	}

	var r *schemeResult
	if *python != "" {
		r, err = interpreterPaths(*python, *name, *query, *strict, scheme.Vendor(*vendor), scheme.Vars(vars), e.lookupEnv)
	} else {
		r, err = tablePaths(scheme.Vendor(*vendor), *version, *osName == "nt", *strict, *name, scheme.Vars(vars))
	}
	if err != nil {
		printError(e, "scheme", err)
		return exitFailure
	}
	paths, notes := r.Paths, r.Notes
	if *asJSON {
		if err := writeJSON(e.stdout, r); err != nil {
			printError(e, "scheme", err)
			return exitFailure
		}
		return exitOK
	}
	for key, p := range paths.All() {
		fmt.Fprintf(e.stdout, "%s: %s\n", key, quote(p))
	}
	for _, n := range notes {
		fmt.Fprintf(e.stdout, "note: %s\n", quote(n))
	}
	return exitOK
}

// schemeResult is the JSON output of pep668 scheme.
type schemeResult struct {
	Scheme string       `json:"scheme"`
	Rules  string       `json:"rules"` // the version whose templates answered: the version, or the newest known
	Paths  scheme.Paths `json:"paths"`
	Notes  []string     `json:"notes"`
}

// newerThanKnown returns the newest version this library has rules for
// when version is newer than that, else "".
func newerThanKnown(version string) string {
	_, rest, _ := strings.Cut(version, ".")
	minor, _, _ := strings.Cut(rest, ".")
	if n, err := strconv.Atoi(strings.TrimSuffix(minor, "t")); err == nil && strings.HasPrefix(version, "3.") && n > scheme.MaxMinor {
		return fmt.Sprintf("3.%d", scheme.MaxMinor)
	}
	return ""
}

// tablePaths expands a scheme of a vendor's table with the caller's
// variables, defaulting those that follow from the version and OS, and the
// four bases from base and platbase. A version newer than the library
// knows gets the newest templates, and a note, unless strict.
func tablePaths(vendor scheme.Vendor, version string, windows, strict bool, name string, vars scheme.Vars) (*schemeResult, error) {
	r := &schemeResult{Scheme: name, Rules: version, Notes: []string{}}
	if newest := newerThanKnown(version); newest != "" && !strict {
		r.Rules = newest
		r.Notes = append(r.Notes, fmt.Sprintf("Python %s is newer than this library knows: answered with the rules of %s", version, newest))
	}
	table, err := scheme.NewTable(vendor, r.Rules, windows, nil)
	if err != nil {
		return nil, err
	}
	minor := table.Minor
	if r.Rules != version {
		_, rest, _ := strings.Cut(version, ".")
		m, _, _ := strings.Cut(rest, ".")
		minor, _ = strconv.Atoi(strings.TrimSuffix(m, "t"))
	}
	v := scheme.Vars{
		"py_version_short": fmt.Sprintf("3.%d", minor), "py_version_nodot": fmt.Sprintf("3%d", minor),
		"py_version_nodot_plat": "", "abiflags": "", "abi_thread": "", "platlibdir": "lib",
		"implementation": "Python", "implementation_lower": "python",
	}
	if windows {
		v["py_version_nodot_plat"] = v["py_version_nodot"]
	}
	if vendor == scheme.PyPy {
		v["implementation"], v["implementation_lower"] = "PyPy", "pypy"
	}
	for k, val := range vars {
		v[k] = val
	}
	defaultTo := func(name, from string) {
		if _, ok := v[name]; !ok {
			if val, ok := v[from]; ok {
				v[name] = val
			}
		}
	}
	defaultTo("platbase", "base")
	defaultTo("installed_base", "base")
	defaultTo("installed_platbase", "platbase")
	paths, err := table.Paths(name, v)
	if missing := missingVars(table, name, v, err); len(missing) > 0 {
		return nil, fmt.Errorf("%s needs {%s}: give --var %s=VALUE", name, strings.Join(missing, "}, {"), strings.Join(missing, "=VALUE --var "))
	}
	r.Paths = paths
	return r, err
}

// missingVars lists every variable the scheme needs that vars lacks, given
// the error of a first expansion: expansion stops at the first, so each
// is filled in turn to find the next.
func missingVars(table *scheme.Table, name string, vars scheme.Vars, err error) []string {
	var missing []string
	vars = maps.Clone(vars)
	for {
		var ee *scheme.ExpandError
		if !errors.As(err, &ee) || !errors.Is(err, scheme.ErrUnknownVariable) || slices.Contains(missing, ee.Name) {
			return missing
		}
		missing = append(missing, ee.Name)
		vars[ee.Name] = "/x"
		_, err = table.Paths(name, vars)
	}
}

// validVersion reports whether v reads as a Python version: 3.Y or 3.Y.Z,
// perhaps with a "t" for free-threaded.
func validVersion(v string) bool {
	return versionPattern().MatchString(v)
}

var versionPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^3\.[0-9]{1,3}(\.[0-9]{1,4})?t?$`) })

// interpreterPaths returns the paths of a scheme of a real interpreter,
// found from its files or, with query, by running it.
func interpreterPaths(exe, name string, query, strict bool, vendor scheme.Vendor, vars scheme.Vars, lookupEnv func(string) (string, bool)) (*schemeResult, error) {
	var in *scheme.Interpreter
	if query {
		r, err := scheme.Query(context.Background(), exe)
		if err != nil {
			return nil, err
		}
		if name == "" && len(vars) == 0 {
			// What the interpreter itself answered, not a computation.
			return &schemeResult{Scheme: r.DefaultScheme, Rules: r.Interpreter.RulesVersion(), Paths: r.Paths,
				Notes: []string{"the paths sysconfig.get_paths() gave when the interpreter ran"}}, nil
		}
		in = r.Interpreter
		in.LookupEnv = lookupEnv
	} else {
		var err error
		if in, _, err = scheme.Resolve(exe, &scheme.InspectOptions{LookupEnv: lookupEnv, StrictVersion: strict, Vendor: vendor}); err != nil {
			return nil, err
		}
	}
	if name == "" {
		var err error
		if name, err = in.DefaultScheme(); err != nil {
			return nil, err
		}
	}
	paths, err := in.Paths(name, vars)
	if err != nil {
		return nil, err
	}
	return &schemeResult{Scheme: name, Rules: in.RulesVersion(), Paths: paths, Notes: append([]string{}, in.Notes...)}, nil
}
