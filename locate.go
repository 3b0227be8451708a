// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/venv"
)

// Located is an interpreter found on the host for a command name such as
// python3, and how it was found.
type Located struct {
	Executable string       // the interpreter
	Command    string       // what the name led to on PATH, perhaps a launcher
	Method     LocateMethod // how, to switch on
	How        string       // in words, for the explanation
}

// LocateMethod says how Locate found an interpreter.
type LocateMethod string

// The ways Locate finds an interpreter.
const (
	LocatedByPath      LocateMethod = "path"        // the name was a path to the interpreter
	LocatedOnPATH      LocateMethod = "path-search" // found by searching PATH
	LocatedByPyenvShim LocateMethod = "pyenv-shim"  // a pyenv shim, resolved by pyenv's rules
	LocatedByLauncher  LocateMethod = "launcher"    // a launcher script, run once to ask
	LocatedScript      LocateMethod = "script"      // a script not resolved (LocateOptions.Run unset): Executable is the script
)

// LocateOptions say what Locate may look at.
type LocateOptions struct {
	// LookupEnv gives PATH, PATHEXT, PYENV_ROOT, PYENV_VERSION and HOME,
	// as os.LookupEnv does; nil for none, as everywhere in this module
	// (pass os.LookupEnv for the process's).
	LookupEnv func(string) (string, bool)
	// Dir is the working directory, where pyenv's .python-version search
	// starts; "" for the current one.
	Dir string
	// Run allows running a launcher that is not understood once, to ask it
	// for sys.executable.
	Run bool
}

// ErrNotFound means no interpreter was found: by Locate for a name, by
// Check for an executable that is not a file. It is venv.ErrNoExecutable,
// so one errors.Is serves every package.
var ErrNotFound = venv.ErrNoExecutable

// Locate finds the interpreter that running name would start. A name with
// a path separator is taken as a path; otherwise PATH is searched. PATH
// often holds a launcher, not the interpreter: a pyenv shim is resolved
// through pyenv's own rules (PYENV_VERSION, .python-version files from Dir
// upwards, $PYENV_ROOT/version, then "system"), and any other script is,
// with opts.Run, run once to print sys.executable. Windows' py.exe is not
// resolved.
func Locate(name string, opts *LocateOptions) (*Located, error) {
	var o LocateOptions
	if opts != nil {
		o = *opts
	}
	getenv := environ.Getter(o.LookupEnv)
	if o.Dir == "" {
		o.Dir, _ = os.Getwd()
	}
	cmd, err := lookPath(name, getenv("PATH"), "", getenv)
	if err != nil {
		return nil, err
	}
	loc := &Located{Executable: cmd, Command: cmd, Method: LocatedOnPATH, How: "found on PATH"}
	if strings.ContainsAny(name, pathSeparators) {
		loc.Method, loc.How = LocatedByPath, "given as a path"
	}
	head := readHead(cmd)
	if !bytes.HasPrefix(head, []byte("#!")) {
		return loc, nil // a binary: the interpreter itself
	}
	if bytes.Contains(head, []byte("pyenv")) {
		return locatePyenv(loc, filepath.Base(name), head, o.Dir, getenv)
	}
	if !o.Run {
		loc.Method = LocatedScript
		loc.How += "; it is a script, perhaps a launcher, not resolved"
		return loc, nil
	}
	out, err := exec.CommandContext(context.Background(), cmd, "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		return nil, fmt.Errorf("pep668: asking the launcher %s for its interpreter: %w", cmd, err)
	}
	loc.Executable, loc.Method = strings.TrimSpace(string(out)), LocatedByLauncher
	loc.How = fmt.Sprintf("%s is a launcher; it reported its interpreter when run once", cmd)
	return loc, nil
}

// readHead returns the first bytes of the regular file p, or nil.
func readHead(p string) []byte {
	head, _ := osfs.ReadHostHead(p, 1024)
	return head
}

// lookPath searches path for an executable file name, skipping the
// directory skip. On Windows, where files have no execute bits, an
// executable is a file whose extension is one of PATHEXT's, and a name
// without one is tried with each in turn (python → python.exe), as
// cmd.exe does.
func lookPath(name, path, skip string, getenv func(string) string) (string, error) {
	exts := executableExtensions(getenv)
	if strings.ContainsAny(name, pathSeparators) {
		abs, err := filepath.Abs(name)
		if err != nil {
			return "", err
		}
		if p, ok := findExecutable(abs, exts); ok {
			return p, nil
		}
		if info, err := os.Stat(abs); err == nil && info.IsDir() {
			return "", fmt.Errorf("pep668: %w: %s is a directory", ErrNotFound, name)
		}
		return "", fmt.Errorf("pep668: %w: %s", ErrNotFound, name)
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" || (skip != "" && filepath.Clean(dir) == filepath.Clean(skip)) {
			continue
		}
		if p, ok := findExecutable(filepath.Join(dir, name), exts); ok {
			if abs, err := filepath.Abs(p); err == nil {
				return abs, nil
			}
			return p, nil
		}
	}
	return "", fmt.Errorf("pep668: %w: %s on PATH", ErrNotFound, name)
}

// pathSeparators are the characters that make a name a path.
const pathSeparators = string(filepath.Separator) + "/"

// executableExtensions returns PATHEXT's extensions, lower-cased, on
// Windows (".com", ".exe", ".bat", ".cmd" when it is unset), and nil
// elsewhere.
func executableExtensions(getenv func(string) string) []string {
	if runtime.GOOS != "windows" {
		return nil
	}
	pathext := getenv("PATHEXT")
	if pathext == "" {
		pathext = ".COM;.EXE;.BAT;.CMD"
	}
	var exts []string
	for _, e := range strings.Split(strings.ToLower(pathext), ";") {
		if strings.HasPrefix(e, ".") {
			exts = append(exts, e)
		}
	}
	return exts
}

// findExecutable returns p, or on Windows p with one of exts appended,
// when that is an executable regular file.
func findExecutable(p string, exts []string) (string, bool) {
	if exts == nil {
		info, err := os.Stat(p)
		return p, err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0
	}
	candidates := []string{p}
	if !slices.Contains(exts, strings.ToLower(filepath.Ext(p))) {
		candidates = nil
		for _, e := range exts {
			candidates = append(candidates, p+e)
		}
	}
	for _, c := range candidates {
		if info, err := os.Stat(c); err == nil && info.Mode().IsRegular() {
			return c, true
		}
	}
	return "", false
}

// locatePyenv resolves a pyenv shim to the interpreter of the selected
// version.
func locatePyenv(loc *Located, program string, shim []byte, workDir string, getenv func(string) string) (*Located, error) {
	root := getenv("PYENV_ROOT")
	if root == "" {
		for _, line := range strings.Split(string(shim), "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "export PYENV_ROOT="); ok {
				root = strings.Trim(v, `"'`)
			}
		}
	}
	if root == "" {
		root = filepath.Join(getenv("HOME"), ".pyenv")
	}
	versions, from := pyenvVersions(root, workDir, getenv)
	for _, v := range versions {
		if v == "system" {
			p, err := lookPath(program, getenv("PATH"), filepath.Join(root, "shims"), getenv)
			if err == nil {
				loc.Executable, loc.Method = p, LocatedByPyenvShim
				loc.How = fmt.Sprintf("%s is a pyenv shim; version \"system\" (from %s) is %s on PATH", loc.Command, from, p)
				return loc, nil
			}
			continue
		}
		dir, ok := pyenvVersionDir(root, v)
		if !ok {
			continue
		}
		if p, ok := findExecutable(filepath.Join(dir, "bin", program), nil); ok {
			loc.Executable, loc.Method = p, LocatedByPyenvShim
			loc.How = fmt.Sprintf("%s is a pyenv shim; version %s (from %s)", loc.Command, filepath.Base(dir), from)
			return loc, nil
		}
	}
	return nil, fmt.Errorf("pep668: %w: the pyenv shim %s selects %q (from %s), which has no %s", ErrNotFound, loc.Command, versions, from, program)
}

// pyenvVersions returns the versions pyenv selects, and where it read them.
func pyenvVersions(root, workDir string, getenv func(string) string) ([]string, string) {
	split := func(s string) []string {
		var out []string
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == '\n' || r == ' ' || r == '\t' || r == '\r' }) {
			if !strings.HasPrefix(f, "#") {
				out = append(out, f)
			}
		}
		return out
	}
	if v := split(getenv("PYENV_VERSION")); len(v) > 0 {
		return v, "PYENV_VERSION"
	}
	for dir := workDir; dir != ""; {
		file := filepath.Join(dir, ".python-version")
		if data, err := osfs.ReadHostFile(file, osfs.LimitConfig); err == nil {
			if v := split(string(data)); len(v) > 0 {
				return v, file
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	file := filepath.Join(root, "version")
	if data, err := osfs.ReadHostFile(file, osfs.LimitConfig); err == nil {
		if v := split(string(data)); len(v) > 0 {
			return v, file
		}
	}
	return []string{"system"}, "pyenv's default"
}

// pyenvVersionDir finds versions/<v>, or, as pyenv 2.3+ does for a prefix
// such as "3.11", the newest installed versions/3.11.Z.
func pyenvVersionDir(root, v string) (string, bool) {
	dir := filepath.Join(root, "versions", v)
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return dir, true
	}
	entries, err := os.ReadDir(filepath.Join(root, "versions"))
	if err != nil {
		return "", false
	}
	var matches []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), v+".") {
			if _, err := strconv.Atoi(strings.TrimPrefix(e.Name(), v+".")); err == nil {
				matches = append(matches, e.Name())
			}
		}
	}
	if len(matches) == 0 {
		return "", false
	}
	slices.SortFunc(matches, func(a, b string) int {
		x, _ := strconv.Atoi(strings.TrimPrefix(a, v+"."))
		y, _ := strconv.Atoi(strings.TrimPrefix(b, v+"."))
		return x - y
	})
	return filepath.Join(root, "versions", matches[len(matches)-1]), true
}
