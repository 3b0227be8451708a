// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package testpython finds the reference Python interpreters of the machine
// for tests that compare this module with Python itself: the CPython
// versions under pyenv and the distribution's own python3. Tests that need
// them skip when there are none.
package testpython

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// LiveVariable is the environment variable that asks for live tests:
// tests that run the machine's Python interpreters (and pip). go test
// ./... runs none; .ci/run sets it.
const LiveVariable = "PEP668_LIVE"

// Live skips the test unless live tests are asked for, or under -short.
func Live(t testing.TB) {
	t.Helper()
	if os.Getenv(LiveVariable) == "" || testing.Short() {
		t.Skip("runs the machine's Python; set " + LiveVariable + "=1 to run it")
	}
}

// Interpreter is a Python found on this machine.
type Interpreter struct {
	Name    string // "3.11.7" for pyenv's, "system-3.11" for the distribution's, "pyodide-3.14.2"
	Version string // "3.11.7", "3.11"
	Path    string // executable; node for pyodide

	// Pyodide is the directory of an npm pyodide package, whose CPython
	// runs under Node by internal/testdata/gen/pyodide.mjs.
	Pyodide string
}

// Run runs the interpreter with args and returns its standard output.
func (i Interpreter) Run(t testing.TB, args ...string) []byte {
	t.Helper()
	if i.Pyodide != "" {
		args = append([]string{runner(), i.Pyodide}, args...)
	}
	cmd := exec.Command(i.Path, args...)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PYTHONIOENCODING=utf-8")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", i.Path, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// PyenvRoot is pyenv's directory: $PYENV_ROOT, else ~/.pyenv.
func PyenvRoot() string {
	if root := os.Getenv("PYENV_ROOT"); root != "" {
		return root
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".pyenv")
}

// All returns pyenv's CPython 3.8 and newer and the distribution's python3.X
// and pypy3.X executables in /usr/bin (named "system-3.11",
// "system-pypy3.9"). It skips the test unless live tests are asked
// for (Live), or when none is found.
func All(t testing.TB) []Interpreter {
	t.Helper()
	Live(t)
	var found []Interpreter
	versions, _ := filepath.Glob(filepath.Join(PyenvRoot(), "versions", "3.*", "bin", "python3"))
	for _, p := range versions {
		v := filepath.Base(filepath.Dir(filepath.Dir(p)))
		if minor(v) >= 8 {
			found = append(found, Interpreter{Name: v, Version: v, Path: p})
		}
	}
	system, _ := filepath.Glob("/usr/bin/python3.[0-9]*")
	pypy, _ := filepath.Glob("/usr/bin/pypy3.[0-9]*")
	for _, p := range append(system, pypy...) {
		name := filepath.Base(p)
		v := strings.TrimPrefix(strings.TrimPrefix(name, "python"), "pypy")
		if !strings.Contains(v, "-") && minor(v) >= 8 {
			label := "system-" + v // system-3.11; PyPy's system-pypy3.9
			if strings.HasPrefix(name, "pypy") {
				label = "system-pypy" + v
			}
			found = append(found, Interpreter{Name: label, Version: v, Path: p})
		}
	}
	if len(found) == 0 {
		t.Skip("no reference Python interpreter found (pyenv or /usr/bin/python3.X)")
	}
	slices.SortFunc(found, func(a, b Interpreter) int { return strings.Compare(a.Name, b.Name) })
	return found
}

// PyodideVariable names a directory holding npm pyodide packages
// (<dir>/<anything>/node_modules/pyodide), for live tests that compare
// with CPython 3.14 and 3.15 (pyodide@314, pyodide@315.0.0-alpha.2).
const PyodideVariable = "PEP668_PYODIDE"

// Pyodide returns the pyodide packages under $PEP668_PYODIDE, run by the
// machine's node. It skips the test unless live tests are asked for, or
// when there are none.
func Pyodide(t testing.TB) []Interpreter {
	t.Helper()
	Live(t)
	dir := os.Getenv(PyodideVariable)
	node, err := exec.LookPath("node")
	if dir == "" || err != nil {
		t.Skip("no pyodide: set " + PyodideVariable + " to a directory of npm pyodide packages, with node on PATH")
	}
	pkgs, _ := filepath.Glob(filepath.Join(dir, "*", "node_modules", "pyodide", "package.json"))
	var found []Interpreter
	for _, p := range pkgs {
		pkg := filepath.Dir(p)
		i := Interpreter{Path: node, Pyodide: pkg}
		out := i.Run(t, "-c", "import sys; print(sys.version.split()[0])")
		i.Version = strings.TrimSpace(string(out))
		i.Name = "pyodide-" + i.Version
		found = append(found, i)
	}
	if len(found) == 0 {
		t.Skip("no pyodide package under " + dir)
	}
	return found
}

// runner returns the path of internal/testdata/gen/pyodide.mjs.
func runner() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "gen", "pyodide.mjs")
}

// minor returns Y of a version "3.Y[.Z]", or -1.
func minor(v string) int {
	parts := strings.Split(v, ".")
	if len(parts) < 2 || parts[0] != "3" {
		return -1
	}
	n := 0
	for _, c := range parts[1] {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
