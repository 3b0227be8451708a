// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

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
	vars := varFlags{}
	fs.Var(vars, "var", "`name=value` for a template variable (repeatable)")
	rest, err := parseFlags(fs, args)
	switch {
	case err != nil:
	case len(rest) != 0:
		err = fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	case *python == "" && (*vendor == "" || *version == "" || *name == ""):
		err = fmt.Errorf("%w: give --python EXECUTABLE, or --vendor, --python-version and --scheme", errUsage)
	case *osName != "posix" && *osName != "nt":
		err = fmt.Errorf("%w: --os must be posix or nt", errUsage)
	}
	if err != nil {
		return usageError(e, "scheme", err)
	}

	var paths scheme.Paths
	var notes []string
	if *python != "" {
		paths, notes, err = interpreterPaths(*python, *name, *query, scheme.Vars(vars), e.getenv)
	} else {
		paths, err = tablePaths(scheme.Vendor(*vendor), *version, *osName == "nt", *name, scheme.Vars(vars))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pep668 scheme: %v\n", err)
		return exitFailure
	}
	if *asJSON {
		if err := writeJSON(e.stdout, paths); err != nil {
			fmt.Fprintf(e.stderr, "pep668 scheme: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	for _, key := range scheme.PathNames {
		if p, ok := paths[key]; ok {
			fmt.Fprintf(e.stdout, "%s: %s\n", key, p)
		}
	}
	for _, n := range notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	return exitOK
}

// tablePaths expands a scheme of a vendor's table with the caller's
// variables, defaulting those that follow from the version and OS, and the
// four bases from base and platbase.
func tablePaths(vendor scheme.Vendor, version string, windows bool, name string, vars scheme.Vars) (scheme.Paths, error) {
	table, err := scheme.NewTable(vendor, version, windows, nil)
	if err != nil {
		return nil, err
	}
	v := scheme.Vars{
		"py_version_short": fmt.Sprintf("3.%d", table.Minor), "py_version_nodot": fmt.Sprintf("3%d", table.Minor),
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
	var ee *scheme.ExpandError
	if errors.As(err, &ee) && errors.Is(err, scheme.ErrUnknownVariable) {
		return nil, fmt.Errorf("%s needs {%s}: give --var %s=VALUE", name, ee.Name, ee.Name)
	}
	return paths, err
}

// interpreterPaths returns the paths of a scheme of a real interpreter,
// found from its files or, with query, by running it.
func interpreterPaths(exe, name string, query bool, vars scheme.Vars, getenv func(string) string) (scheme.Paths, []string, error) {
	var in *scheme.Interpreter
	if query {
		r, err := scheme.Query(context.Background(), exe)
		if err != nil {
			return nil, nil, err
		}
		in = r.Interpreter
		in.Getenv = os.Getenv
	} else {
		var err error
		if in, _, err = scheme.Resolve(exe, &scheme.InspectOptions{Getenv: getenv}); err != nil {
			return nil, nil, err
		}
	}
	if name == "" {
		var err error
		if name, err = in.DefaultScheme(); err != nil {
			return nil, nil, err
		}
	}
	paths, err := in.Paths(name, vars)
	return paths, in.Notes, err
}
