// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/venv"
)

// golden is one file of testdata/golden, written by
// internal/testdata/gen/venv_golden.py from one real interpreter.
type golden struct {
	Python  string       `json:"python"`
	Version string       `json:"version"`
	Base    string       `json:"base"`
	Tree    []treeEntry  `json:"tree"`
	Cases   []goldenCase `json:"cases"`
}

// treeEntry is [path, "dir" | "file" | "symlink", content or link target].
type treeEntry struct {
	Path, Kind, Data string
}

func (e *treeEntry) UnmarshalJSON(b []byte) error {
	var a [3]*string
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	e.Path, e.Kind = *a[0], *a[1]
	if a[2] != nil {
		e.Data = *a[2]
	}
	return nil
}

type goldenCase struct {
	Name       string            `json:"name"`
	Executable string            `json:"executable"`
	Env        map[string]string `json:"env"`
	Expect     expectation       `json:"expect"`
}

// expectation is what the interpreter printed.
type expectation struct {
	Prefix                    string  `json:"prefix"`
	BasePrefix                string  `json:"base_prefix"`
	ExecPrefix                string  `json:"exec_prefix"`
	BaseExecPrefix            string  `json:"base_exec_prefix"`
	IncludeSystemSitePackages bool    `json:"include_system_site_packages"`
	Version                   string  `json:"version"`
	Home                      *string `json:"home"`
	Implementation            string  `json:"implementation"` // "pypy", "cpython"; "" in files of CPython only
}

// staticDeviations are the golden cases Detect cannot answer from files
// alone: CPython falls back to its compiled-in prefix, which only the binary
// knows. Each names the interpreter versions ("" for all) and the reason.
var staticDeviations = map[string]struct{ versions, why string }{
	"odd-copies-empty":                   {"", "a copied executable and no home key"},
	"odd-copies-no-home":                 {"", "a copied executable and no home key"},
	"odd-copies-include-false-then-true": {"", "a copied executable and no home key"},
	"odd-copies-include-colon":           {"", "a copied executable and no home key"},
	"odd-copies-home-colon":              {"", "'home :' is not a home key"},
	"odd-copies-home-nonexistent":        {"", "home leads to no stdlib"},
	"odd-copies-home-upper":              {"3.8 3.9 3.10", "getpath.c reads only a lower-case home"},
	"odd-copies-home-no-spaces":          {"3.8 3.9 3.10", "getpath.c needs '=' as a word of its own"},
	"odd-copies-home-two-spaces":         {"3.8 3.9 3.10", "getpath.c keeps the second space in the value"},
}

// deviates reports whether case name of an interpreter version is a known
// static deviation, and why.
func deviates(name, version string) (string, bool) {
	d, ok := staticDeviations[name]
	if !ok || (d.versions != "" && !slices.Contains(strings.Fields(d.versions), version)) {
		return "", false
	}
	return d.why, true
}

// readGoldenFiles returns every file of testdata/golden.
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

// replay places $TMP at /tmp/envs and $BASE at /opt/base.
var replay = strings.NewReplacer("$TMP", "/tmp/envs", "$BASE", "/opt/base")

// replayFS builds the golden tree in memory.
func replayFS(g *golden) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, e := range g.Tree {
		name := strings.TrimPrefix(replay.Replace(e.Path), "/")
		switch e.Kind {
		case "dir":
			fsys[name] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
		case "file":
			fsys[name] = &fstest.MapFile{Data: []byte(replay.Replace(e.Data)), Mode: 0o644}
		case "symlink":
			fsys[name] = &fstest.MapFile{Data: []byte(replay.Replace(e.Data)), Mode: fs.ModeSymlink | 0o777}
		}
	}
	return fsys
}

// compare returns the differences between what Detect found and what the
// interpreter printed, or "".
func compare(env *venv.Environment, want expectation, path func(string) string) string {
	type facts struct {
		Prefix, BasePrefix, ExecPrefix, BaseExecPrefix string
		IsVirtual, IncludeSystemSitePackages           bool
		Version                                        string
		PyPy                                           bool
	}
	w := facts{path(want.Prefix), path(want.BasePrefix), path(want.ExecPrefix), path(want.BaseExecPrefix),
		want.Prefix != want.BasePrefix, want.IncludeSystemSitePackages, want.Version, want.Implementation == "pypy"}
	g := facts{env.Prefix, env.BasePrefix, env.ExecPrefix, env.BaseExecPrefix,
		env.IsVirtual, env.IncludeSystemSitePackages, env.Version, env.PyPy}
	return cmp.Diff(w, g)
}

// TestDetectGolden replays the environments each reference interpreter made
// and checks that Detect, reading only the files, says what the interpreter
// said.
func TestDetectGolden(t *testing.T) {
	for name, g := range readGoldenFiles(t) {
		t.Run(name, func(t *testing.T) {
			fsys := replayFS(g)
			if len(g.Cases) < 30 {
				t.Errorf("only %d cases", len(g.Cases))
			}
			for _, c := range g.Cases {
				if why, ok := deviates(c.Name, g.Version); ok {
					t.Logf("%s: skipped: CPython uses its compiled-in prefix: %s", c.Name, why)
					continue
				}
				opts := &venv.Options{FS: fsys, LookupEnv: func(k string) (string, bool) { v, ok := c.Env[k]; return replay.Replace(v), ok }}
				env, err := venv.Detect(replay.Replace(c.Executable), opts)
				if err != nil {
					t.Errorf("%s: Detect(%s): %v", c.Name, c.Executable, err)
					continue
				}
				if diff := compare(env, c.Expect, replay.Replace); diff != "" {
					t.Errorf("%s: Detect(%s) mismatch (-python +Detect):\n%s\nnotes: %q", c.Name, c.Executable, diff, env.Notes)
				}
			}
		})
	}
}
