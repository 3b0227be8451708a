// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/scheme"
)

// golden is one file of testdata/golden, written by
// internal/testdata/gen/scheme_golden.py run by one real interpreter.
type golden struct {
	Version       string                                        `json:"version"`
	Executable    string                                        `json:"executable"`
	Schemes       map[string]scheme.Templates                   `json:"schemes"`
	Names         []string                                      `json:"names"`
	ConfigVars    map[string]*string                            `json:"config_vars"`
	DefaultScheme string                                        `json:"default_scheme"`
	Preferred     map[string]string                             `json:"preferred"`
	Paths         scheme.Paths                                  `json:"paths"`
	VarSets       map[string]scheme.Vars                        `json:"varsets"`
	Expansions    map[string]map[string]map[string]scheme.Paths `json:"expansions"` // varset → posix|nt → scheme → paths
}

// goldenVendor is the vendor of the interpreter behind a golden file.
func goldenVendor(name string) scheme.Vendor {
	if strings.HasPrefix(name, "system-") {
		return scheme.Debian // /usr/bin/python3.X and pypy3 on the team's Debian machines
	}
	return scheme.CPython
}

// goldenOptions are the table options of a golden file: Debian's PyPy for
// system-pypy*.
func goldenOptions(name string) *scheme.TableOptions {
	return &scheme.TableOptions{PyPy: strings.HasPrefix(name, "system-pypy")}
}

func readGoldenFiles(t testing.TB) map[string]*golden {
	t.Helper()
	files, err := filepath.Glob("testdata/golden/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	out := make(map[string]*golden)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var g golden
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out[strings.TrimSuffix(filepath.Base(file), ".json")] = &g
	}
	return out
}

// TestTemplatesMatchSysconfig checks every template of every scheme against
// the interpreter's own _INSTALL_SCHEMES, and the scheme names.
func TestTemplatesMatchSysconfig(t *testing.T) {
	for name, g := range readGoldenFiles(t) {
		t.Run(name, func(t *testing.T) {
			table, err := scheme.NewTable(goldenVendor(name), g.Version, false, goldenOptions(name))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(g.Names, table.Names()); diff != "" {
				t.Errorf("Names() mismatch (-sysconfig +table):\n%s", diff)
			}
			for s, want := range g.Schemes {
				got, err := table.Templates(s)
				if err != nil {
					t.Errorf("Templates(%s): %v", s, err)
					continue
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Templates(%s) mismatch (-sysconfig +table):\n%s", s, diff)
				}
			}
		})
	}
}

// TestPathsMatchSysconfig expands every scheme over every variable set in
// both path flavours and compares with what Python gave.
func TestPathsMatchSysconfig(t *testing.T) {
	for name, g := range readGoldenFiles(t) {
		t.Run(name, func(t *testing.T) {
			for _, flavour := range []string{"posix", "nt"} {
				table, err := scheme.NewTable(goldenVendor(name), g.Version, flavour == "nt", goldenOptions(name))
				if err != nil {
					t.Fatal(err)
				}
				for set, vars := range g.VarSets {
					for s, want := range g.Expansions[set][flavour] {
						got, err := table.Paths(s, vars)
						if err != nil {
							t.Errorf("%s %s %s: %v", flavour, set, s, err)
							continue
						}
						if diff := cmp.Diff(want, got); diff != "" {
							t.Errorf("%s, %s vars, Paths(%s) mismatch (-python +table):\n%s", flavour, set, s, diff)
						}
					}
				}
			}
		})
	}
}
