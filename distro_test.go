// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/scheme"
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

// tree is the installation the golden file describes: the executable, the
// stdlib with lib-dynload, a sysconfig source holding only the lines that
// name the distributor's schemes, the marker, and a venv made from it.
func (g *distroGolden) tree() fstest.MapFS {
	fsys := fstest.MapFS{}
	install := func(prefix string) {
		fsys[strings.TrimPrefix(prefix, "/")+"/bin/python"+g.Version] = &fstest.MapFile{Mode: 0o755}
		stdlib := strings.TrimPrefix(g.stdlib(prefix), "/")
		fsys[stdlib+"/os.py"] = &fstest.MapFile{}
		fsys[stdlib+"/lib-dynload/.keep"] = &fstest.MapFile{}
		source := stdlib + "/sysconfig.py"
		if g.Version >= "3.13" {
			source = stdlib + "/sysconfig/__init__.py"
		}
		fsys[source] = &fstest.MapFile{Data: []byte(strings.Join(g.SysconfigLines, "\n") + "\n")}
		if g.Conda {
			fsys[strings.TrimPrefix(prefix, "/")+"/conda-meta/history"] = &fstest.MapFile{}
		}
	}
	install(g.Prefix)
	if g.Marker != "" {
		fsys[strings.TrimPrefix(g.stdlib(g.Prefix), "/")+"/EXTERNALLY-MANAGED"] = &fstest.MapFile{Data: []byte(g.Marker)}
	}
	for _, s := range g.States {
		if s.Prefix != "" {
			install(s.Prefix)
		}
	}
	venv := strings.TrimPrefix(g.Venv, "/")
	fsys[venv+"/pyvenv.cfg"] = &fstest.MapFile{Data: []byte("home = " + g.Prefix + "/bin\ninclude-system-site-packages = false\nversion = " + g.Python + "\n")}
	fsys[venv+"/bin/python"+g.Version] = &fstest.MapFile{Mode: 0o755}
	fsys[venv+"/lib/python"+g.Version+"/site-packages/.keep"] = &fstest.MapFile{}
	return fsys
}

func (g *distroGolden) stdlib(prefix string) string {
	return path.Join(prefix, g.Platlibdir, "python"+g.Version)
}

// TestDistributors builds a tree per distributor and version from the
// golden data of its real patched sysconfig and checks, in and out of a
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
		fsys := g.tree()
		for name, s := range g.States {
			t.Run(g.Name+"/"+name, func(t *testing.T) {
				exe := g.Prefix + "/bin/python" + g.Version
				switch {
				case name == "venv":
					exe = g.Venv + "/bin/python" + g.Version
				case s.Prefix != "":
					exe = s.Prefix + "/bin/python" + g.Version
				}
				v, err := pep668.Check(exe, &pep668.Options{FS: fsys, LookupEnv: environ.Map(s.Env)})
				if err != nil {
					t.Fatal(err)
				}
				if v.Interpreter.Vendor != scheme.Vendor(g.Vendor) {
					t.Errorf("vendor %s, want %s (%s)", v.Interpreter.Vendor, g.Vendor, g.Source)
				}
				managed := g.Marker != "" && name != "venv" && s.Prefix == ""
				if v.Scheme != s.DefaultScheme || v.Stdlib != s.Paths[scheme.Stdlib] || v.ExternallyManaged != managed || v.Allowed == managed {
					t.Errorf("Check: scheme %q, stdlib %s, managed %v, allowed %v; want %q, %s, managed %v (%s)",
						v.Scheme, v.Stdlib, v.ExternallyManaged, v.Allowed, s.DefaultScheme, s.Paths[scheme.Stdlib], managed, g.Source)
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
				for _, key := range []string{scheme.Purelib, scheme.Platlib, scheme.Scripts} {
					if p := paths[key] + "/pkg/mod.py"; !inside(p) {
						t.Errorf("%s is outside the bounds", p)
					}
				}
				outside := append([]string{paths[scheme.Stdlib], g.stdlib(g.Prefix)}, g.Outside...)
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
		if p := paths[key]; p != "" && (p == dir || strings.HasPrefix(p, dir+"/")) {
			return true
		}
	}
	return false
}
