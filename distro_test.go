// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/scheme"
	"github.com/pep668/pep668/venv/venvtest"
)

// distroGolden is one file of testdata/distro, written by
// internal/testdata/gen/distro_golden.py from a distributor's real patched
// sysconfig.
type distroGolden struct {
	Name, Version, Python, Vendor, Source string
	Prefix, Platlibdir                    string
	Framework, Conda                      bool
	HomebrewPrefix                        string `json:"homebrew_prefix"`
	Marker                                string
	SysconfigLines                        []string `json:"sysconfig_lines"`
	Outside                               []string
	Venv                                  string
	States                                map[string]struct {
		DefaultScheme string `json:"default_scheme"`
		Paths         scheme.Paths
		Env           map[string]string
		Prefix        string // another installation (a conda environment)
	}
}

// install builds the row's installation with venvtest, and checks that
// its marker and its sysconfig lines are the real ones of the golden file.
func (g *distroGolden) install(t *testing.T) *venvtest.Install {
	t.Helper()
	build := map[string]func(string) *venvtest.Install{
		"debian": venvtest.Debian, "fedora": venvtest.Fedora, "homebrew-macos": venvtest.HomebrewMacOS,
		"homebrew-linux": venvtest.HomebrewLinux, "arch": venvtest.Arch, "alpine": venvtest.Alpine,
		"uv": venvtest.UV, "pbs": venvtest.PBS, "conda": venvtest.Conda,
	}[strings.TrimSuffix(g.Name, "-"+g.Version)]
	version := g.Version
	if strings.HasPrefix(g.Name, "uv-") {
		version = g.Python // uv names the directory with the whole version
	}
	in := build(version)
	if in.Python != g.Prefix+"/bin/python"+g.Version || in.Venv != g.Venv+"/bin/python"+g.Version {
		t.Fatalf("venvtest: %s, venv %s; the golden row has prefix %s", in.Python, in.Venv, g.Prefix)
	}
	marker := ""
	if in.Marker != "" {
		marker = string(in.FS[strings.TrimPrefix(in.Marker, "/")].Data)
	}
	if marker != g.Marker {
		t.Errorf("venvtest's marker differs from the distributor's (-real +venvtest):\n%s", cmp.Diff(g.Marker, marker))
	}
	for name, f := range in.FS {
		if path.Base(name) == "sysconfig.py" || strings.HasSuffix(name, "sysconfig/__init__.py") {
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				if !slices.Contains(g.SysconfigLines, line) {
					t.Errorf("venvtest's sysconfig line %q is not in the distributor's source", line)
				}
			}
		}
	}
	return in
}

// TestDistributors builds each distributor's installation with venvtest and
// checks it against the golden data of its real patched sysconfig, in and out of a
// venv and under the environment variables the distributor reads: the
// verdict of Check, the default scheme and its paths, and that the
// uninstall bounds of that scheme hold its install directories and none
// of the distributor's own.
func TestDistributors(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "distro", "*.json"))
	if len(files) < 22 {
		t.Fatalf("%d distributor golden files, want 22", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var g distroGolden
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for name, s := range g.States {
			t.Run(g.Name+"/"+name, func(t *testing.T) {
				in := g.install(t)
				fsys := in.FS
				exe := g.Prefix + "/bin/python" + g.Version
				switch {
				case name == "venv":
					exe = in.Venv
				case s.Prefix != "":
					exe = in.CondaEnv
				}
				v, err := pep668.Check(exe, &pep668.Options{FS: fsys, LookupEnv: environ.Map(s.Env)})
				if err != nil {
					t.Fatal(err)
				}
				if v.Interpreter.Vendor != scheme.Vendor(g.Vendor) {
					t.Errorf("vendor %s, want %s (%s)", v.Interpreter.Vendor, g.Vendor, g.Source)
				}
				managed := g.Marker != "" && name != "venv" && s.Prefix == ""
				if v.Scheme != s.DefaultScheme || v.Stdlib != s.Paths.Stdlib || v.ExternallyManaged != managed || v.Allowed == managed {
					t.Errorf("Check: scheme %q, stdlib %s, managed %v, allowed %v; want %q, %s, managed %v (%s)",
						v.Scheme, v.Stdlib, v.ExternallyManaged, v.Allowed, s.DefaultScheme, s.Paths.Stdlib, managed, g.Source)
				}
				if want := distributorOf(g.Name); managed && v.Distributor() != want {
					t.Errorf("Distributor() = %q, want %q", v.Distributor(), want)
				}
				_, paths, err := v.Interpreter.DefaultPaths()
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(s.Paths, paths); diff != "" {
					t.Errorf("default paths (-%s +ours):\n%s", g.Source, diff)
				}

				bounds, err := scheme.NewBounds(paths, &scheme.BoundsOptions{FS: fsys})
				if err != nil {
					t.Fatal(err)
				}
				inside := func(p string) bool {
					_, in, err := bounds.Contains(p)
					if err != nil {
						t.Fatal(err)
					}
					return in
				}
				for _, dir := range []string{paths.Purelib, paths.Platlib, paths.Scripts} {
					if p := dir + "/pkg/mod.py"; !inside(p) {
						t.Errorf("%s is outside the bounds", p)
					}
				}
				outside := append([]string{paths.Stdlib, in.Stdlib}, g.Outside...)
				for _, dir := range outside {
					if holdsTarget(dir, paths) {
						continue // the scheme installs there (an RPM build, deb_system)
					}
					if p := dir + "/pkg/mod.py"; inside(p) {
						t.Errorf("%s, a directory of the distributor's, is inside the bounds", p)
					}
				}
			})
		}
	}
}

// distributorOf is who marks the row's installation.
func distributorOf(row string) pep668.Distributor {
	for prefix, d := range map[string]pep668.Distributor{
		"debian-": pep668.DistributorDebian, "homebrew-": pep668.DistributorHomebrew, "arch-": pep668.DistributorArch,
		"alpine-": pep668.DistributorAlpine, "uv-": pep668.DistributorUV,
	} {
		if strings.HasPrefix(row, prefix) {
			return d
		}
	}
	return pep668.DistributorUnknown
}

// holdsTarget reports whether dir is an install target of paths or holds one.
func holdsTarget(dir string, paths scheme.Paths) bool {
	for _, key := range scheme.Targets {
		if p, _ := paths.Get(key); p != "" && (p == dir || strings.HasPrefix(p, dir+"/")) {
			return true
		}
	}
	return false
}
