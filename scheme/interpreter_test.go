// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/internal/testpython"
	"github.com/pep668/pep668/scheme"
)

// fromGolden builds the Interpreter a golden file describes, from the
// config variables the interpreter reported.
func fromGolden(name string, g *golden) *scheme.Interpreter {
	cv := func(k string) string {
		if v := g.ConfigVars[k]; v != nil {
			return *v
		}
		return ""
	}
	return &scheme.Interpreter{
		Vendor: goldenVendor(name), Version: cv("py_version_short"),
		Prefix: cv("prefix"), ExecPrefix: cv("exec_prefix"), BasePrefix: cv("installed_base"), BaseExecPrefix: cv("installed_platbase"),
		Abiflags: cv("abiflags"), Platlibdir: cv("platlibdir"), UserBase: cv("userbase"), FreeThreaded: cv("abi_thread") == "t",
		PyPy: goldenOptions(name).PyPy,
	}
}

// TestRulesMatchSysconfig checks the default and preferred schemes, the
// config variables and get_paths() of each golden interpreter, given the
// values it reported.
func TestRulesMatchSysconfig(t *testing.T) {
	for name, g := range readGoldenFiles(t) {
		t.Run(name, func(t *testing.T) {
			in := fromGolden(name, g)
			if in.Platlibdir == "" {
				in.Platlibdir = "lib" // 3.8 has no platlibdir
			}
			if got, err := in.DefaultScheme(); err != nil || got != g.DefaultScheme {
				t.Errorf("DefaultScheme() = %q, %v; want %q", got, err, g.DefaultScheme)
			}
			for key, want := range g.Preferred {
				layout, k, found := strings.Cut(key, " ")
				if !found {
					k, layout = layout, ""
				}
				in.LookupEnv = nil
				if layout != "" {
					in.LookupEnv = environ.Map(map[string]string{"DEB_PYTHON_INSTALL_LAYOUT": strings.TrimPrefix(layout, "DEB_PYTHON_INSTALL_LAYOUT=")})
				}
				if got, err := in.PreferredScheme(k); err != nil || got != want {
					t.Errorf("%s: PreferredScheme(%s) = %q, %v; want %q", layout, k, got, err, want)
				}
			}
			in.LookupEnv = nil
			cv, err := in.ConfigVars()
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range g.ConfigVars {
				if want == nil {
					continue
				}
				if cv[k] != *want {
					t.Errorf("ConfigVars()[%s] = %q, want %q", k, cv[k], *want)
				}
			}
			_, paths, err := in.DefaultPaths()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(g.Paths, paths); diff != "" {
				t.Errorf("DefaultPaths() mismatch (-sysconfig +scheme):\n%s", diff)
			}
		})
	}
}

const probe = `
import json, sys, sysconfig
d = sysconfig.get_default_scheme() if hasattr(sysconfig, "get_default_scheme") else sysconfig._get_default_scheme()
cv = sysconfig.get_config_vars()
print(json.dumps({"default": d, "paths": sysconfig.get_paths(),
    "config_vars": {k: cv.get(k) for k in ("prefix", "exec_prefix", "installed_base", "installed_platbase",
        "userbase", "abiflags", "platlibdir", "abi_thread", "py_version_nodot_plat")}}))
`

// TestInspectLive inspects every reference interpreter of the machine, and
// a venv made from each, without running them, and compares the default
// scheme and its paths with what the interpreter's sysconfig prints.
func TestInspectLive(t *testing.T) {
	for _, py := range testpython.All(t) {
		t.Run(py.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			py.Run(t, "-m", "venv", "--without-pip", filepath.Join(dir, "v"))
			for _, exe := range []string{py.Path, filepath.Join(dir, "v", "bin", "python")} {
				var want struct {
					Default    string             `json:"default"`
					Paths      scheme.Paths       `json:"paths"`
					ConfigVars map[string]*string `json:"config_vars"`
				}
				run := testpython.Interpreter{Name: py.Name, Path: exe}
				if err := json.Unmarshal(run.Run(t, "-c", probe), &want); err != nil {
					t.Fatal(err)
				}
				in, _, err := scheme.Resolve(exe, &scheme.InspectOptions{LookupEnv: os.LookupEnv})
				if err != nil {
					t.Fatalf("Resolve(%s): %v", exe, err)
				}
				name, paths, err := in.DefaultPaths()
				if err != nil {
					t.Fatal(err)
				}
				if name != want.Default {
					t.Errorf("%s: default scheme %q, sysconfig says %q", exe, name, want.Default)
				}
				if diff := cmp.Diff(want.Paths, paths); diff != "" {
					t.Errorf("%s: default paths mismatch (-sysconfig +scheme):\n%s\nnotes: %q", exe, diff, in.Notes)
				}
			}
		})
	}
}

// TestQueryLive checks that Query's answer, turned back into paths by this
// package, is what the interpreter itself printed.
func TestQueryLive(t *testing.T) {
	for _, py := range testpython.All(t) {
		t.Run(py.Name, func(t *testing.T) {
			t.Parallel()
			r, err := scheme.Query(t.Context(), py.Path)
			if err != nil {
				t.Fatal(err)
			}
			name, paths, err := r.Interpreter.DefaultPaths()
			if err != nil {
				t.Fatal(err)
			}
			if name != r.DefaultScheme {
				t.Errorf("DefaultScheme %q, interpreter says %q", name, r.DefaultScheme)
			}
			if diff := cmp.Diff(r.Paths, paths); diff != "" {
				t.Errorf("DefaultPaths mismatch (-interpreter +scheme):\n%s", diff)
			}
			table, _ := r.Interpreter.Table()
			if diff := cmp.Diff(r.Names, table.Names()); diff != "" {
				t.Errorf("Names mismatch (-interpreter +table):\n%s", diff)
			}
		})
	}
	if _, err := scheme.Query(t.Context(), "/nonexistent/python"); err == nil {
		t.Error("Query(/nonexistent/python) succeeded")
	}
}

// TestOlderVersions: CPython 3.6 and 3.7 are answered with 3.8's rules and a
// note, or refused with StrictVersion.
func TestOlderVersions(t *testing.T) {
	fsys := fstest.MapFS{
		"opt/py37/bin/python3.7":                  {Mode: 0o755},
		"opt/py37/lib/python3.7/os.py":            {},
		"opt/py37/lib/python3.7/lib-dynload/x.so": {},
	}
	in, _, err := scheme.Resolve("/opt/py37/bin/python3.7", &scheme.InspectOptions{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if in.Rules != "3.8" || len(in.Notes) == 0 || !strings.Contains(strings.Join(in.Notes, "\n"), "older than this library knows") {
		t.Errorf("Rules %q, notes %q; want 3.8 and a note", in.Rules, in.Notes)
	}
	if _, paths, err := in.DefaultPaths(); err != nil || paths.Purelib != "/opt/py37/lib/python3.7/site-packages" {
		t.Errorf("DefaultPaths: %v, %v", paths, err)
	}
	if _, _, err := scheme.Resolve("/opt/py37/bin/python3.7", &scheme.InspectOptions{FS: fsys, StrictVersion: true}); !errors.Is(err, scheme.ErrUnknownVersion) {
		t.Errorf("StrictVersion: %v, want ErrUnknownVersion", err)
	}
}

// TestOlderVersionsLive compares the schemes of pyenv's CPython 3.6 and 3.7
// with what their sysconfig says.
func TestOlderVersionsLive(t *testing.T) {
	testpython.Live(t)
	root := testpython.PyenvRoot()
	exes, _ := filepath.Glob(filepath.Join(root, "versions", "3.[67].*", "bin", "python3"))
	if len(exes) == 0 {
		t.Skip("no pyenv CPython 3.6 or 3.7")
	}
	const probe = `import json, sysconfig
print(json.dumps({s: sysconfig.get_paths(s) for s in ("posix_prefix", "posix_home", "posix_user")}))`
	for _, exe := range exes {
		cmd := exec.Command(exe, "-c", probe)
		cmd.Env = append(os.Environ(), "HOME=/home/u", "PYTHONUSERBASE=")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", exe, err)
		}
		var want map[string]scheme.Paths
		if err := json.Unmarshal(out, &want); err != nil {
			t.Fatal(err)
		}
		in, _, err := scheme.Resolve(exe, &scheme.InspectOptions{LookupEnv: environ.Map(map[string]string{"HOME": "/home/u"})})
		if err != nil {
			t.Fatal(err)
		}
		for name, w := range want {
			got, err := in.Paths(name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("%s %s (-sysconfig +ours):\n%s", exe, name, diff)
			}
		}
	}
}
