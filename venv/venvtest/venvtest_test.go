// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venvtest_test

import (
	"errors"
	"runtime"
	"testing"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
	"github.com/pep668/pep668/venv"
	"github.com/pep668/pep668/venv/venvtest"
)

// TestLayouts checks every layout through Check: the system interpreter's
// verdict and vendor, and the venv's. TestDistributors in the root package
// checks the distributors' layouts against their real sysconfig.
func TestLayouts(t *testing.T) {
	tests := []struct {
		name    string
		in      *venvtest.Install
		allowed bool
		vendor  scheme.Vendor
		scheme  string
	}{
		{"debian 3.10", venvtest.Debian("3.10"), true, scheme.Debian, "posix_local"},
		{"debian 3.13", venvtest.Debian("3.13"), false, scheme.Debian, "posix_local"},
		{"debian 3.12 without marker", venvtest.Debian("3.12").WithoutMarker(), true, scheme.Debian, "posix_local"},
		{"debian pypy", venvtest.DebianPyPy(), false, scheme.Debian, "posix_local"},
		{"fedora", venvtest.Fedora("3.14"), true, scheme.Fedora, "posix_prefix"},
		{"homebrew macos", venvtest.HomebrewMacOS("3.14"), false, scheme.Homebrew, "osx_framework_library"},
		{"homebrew linux 3.10", venvtest.HomebrewLinux("3.10"), true, scheme.Homebrew, "osx_framework_library"},
		{"arch", venvtest.Arch("3.13"), false, scheme.CPython, "posix_prefix"},
		{"alpine", venvtest.Alpine("3.12"), false, scheme.CPython, "posix_prefix"},
		{"uv", venvtest.UV("3.12.8"), false, scheme.CPython, "posix_prefix"},
		{"pbs", venvtest.PBS("3.12"), true, scheme.CPython, "posix_prefix"},
		{"pyenv", venvtest.Pyenv("3.11.7"), true, scheme.CPython, "posix_prefix"},
		{"free-threaded", venvtest.FreeThreaded("3.14"), true, scheme.CPython, "posix_prefix"},
		{"conda", venvtest.Conda("3.12"), true, scheme.CPython, "posix_prefix"},
		{"windows", venvtest.Windows("3.13"), false, scheme.CPython, "nt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := &pep668.Options{FS: tt.in.FS, Windows: tt.in.Windows}
			v, err := pep668.Check(tt.in.Python, opts)
			if err != nil {
				t.Fatal(err)
			}
			if v.Allowed != tt.allowed || v.Interpreter.Vendor != tt.vendor || v.Scheme != tt.scheme || v.Stdlib != tt.in.Stdlib {
				t.Errorf("system: allowed %v, vendor %s, scheme %s, stdlib %s; want %v, %s, %s, %s\nnotes: %q",
					v.Allowed, v.Interpreter.Vendor, v.Scheme, v.Stdlib, tt.allowed, tt.vendor, tt.scheme, tt.in.Stdlib, v.Notes)
			}
			if tt.name == "free-threaded" && !v.Interpreter.FreeThreaded {
				t.Errorf("not free-threaded: %q", v.Notes)
			}
			env, err := pep668.Check(tt.in.Venv, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !env.Allowed || env.Environment.Kind != venv.KindVenv || env.Environment.BasePrefix != v.Environment.BasePrefix {
				t.Errorf("venv: allowed %v, kind %s, base %s", env.Allowed, env.Environment.Kind, env.Environment.BasePrefix)
			}
			if _, err := env.Target(); !errors.Is(err, pep668.ErrNotHost) {
				t.Errorf("Target of a verdict over a MapFS: %v, want ErrNotHost", err)
			}
			if tt.in.CondaEnv != "" {
				c, err := pep668.Check(tt.in.CondaEnv, opts)
				if err != nil || c.Environment.Kind != venv.KindConda || c.Environment.IsVirtual {
					t.Errorf("conda env: %+v, %v", c, err)
				}
			}
		})
	}
}

// TestWriteDir uninstalls a distribution added to a layout written to disk.
func TestWriteDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a POSIX layout on the host")
	}
	in, err := venvtest.Debian("3.12").AddDistribution("demo", "1.0", "demo/__init__.py", "demo/core.py").WriteDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	v, err := pep668.Check(in.Venv, nil)
	if err != nil {
		t.Fatal(err)
	}
	target, err := v.Target()
	if err != nil {
		t.Fatal(err)
	}
	u, err := target.Uninstall("demo", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Result.Removed) != 5 {
		t.Errorf("removed %q, want the two files and the three of dist-info", u.Result.Removed)
	}
	if _, err := record.Find("demo", []string{target.Paths.Purelib}, nil); err == nil {
		t.Error("demo is still installed")
	}
	s, err := pep668.Check(in.Python, nil)
	if err != nil || s.Allowed {
		t.Fatalf("Debian's python on disk: %+v, %v", s, err)
	}
	if _, err := s.Target(); !errors.Is(err, pep668.ErrExternallyManaged) {
		t.Errorf("Target of an externally managed interpreter: %v", err)
	}
}
