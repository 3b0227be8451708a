// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/internal/testpython"
	"github.com/pep668/pep668/venv"
)

// getpathGolden is one file of testdata/getpath, written by
// internal/testdata/gen/getpath_golden.py: CPython's own frozen getpath
// (3.11.7, 3.12.1 and 3.13.0 from pyenv, 3.14.2 and 3.15.0rc1 in pyodide)
// run over file trees held in memory.
type getpathGolden struct {
	Python string                                `json:"python"`
	Trees  map[string]map[string]json.RawMessage `json:"trees"` // shared by cases
	Cases  []getpathCase                         `json:"cases"`
}

type getpathCase struct {
	Name           string            `json:"name"`
	OS             string            `json:"os"`      // "nt" for Windows
	OSName         string            `json:"os_name"` // "darwin" for macOS builds
	Version        string            `json:"version"` // "3.Y", "3.Yt"
	Argv0          string            `json:"argv0"`
	Env            map[string]string `json:"env"`
	RealExecutable string            `json:"real_executable"`
	Framework      int               `json:"WITH_NEXT_FRAMEWORK"`
	Tree           json.RawMessage   `json:"tree"` // its own, or the name of one in Trees
	Result         getpathResult     `json:"result"`
}

type getpathResult struct {
	Error          string   `json:"error"`
	Executable     string   `json:"executable"`
	Prefix         string   `json:"prefix"`
	ExecPrefix     string   `json:"exec_prefix"`
	BasePrefix     string   `json:"base_prefix"`
	BaseExecPrefix string   `json:"base_exec_prefix"`
	Warnings       []string `json:"warnings"`
}

// getpathNotModelled are the golden layouts Detect does not answer, and why.
var getpathNotModelled = map[string]string{
	"test_buildpath_posix":            "a build tree (pybuilddir.txt)",
	"test_symlink_buildpath_posix":    "a build tree (pybuilddir.txt)",
	"test_buildtree_win32":            "a build tree (pybuilddir.txt)",
	"test_buildtree_pythonhome_win32": "a build tree (pybuilddir.txt)",
	"test_venv_win32":                 "__PYVENV_LAUNCHER__ names the executable",
	"test_venv_macos":                 "__PYVENV_LAUNCHER__ names the executable",
	"test_framework_macos":            "a macOS framework build finds its prefix from the library",
	"test_custom_platlibdir_posix":    "the executable is not in the tree",
	"test_venv_framework_macos":       "a macOS framework build finds its prefix from the library",
}

func readGetpathGoldens(t *testing.T) []*getpathGolden {
	t.Helper()
	files, _ := filepath.Glob("testdata/getpath/*.json")
	if len(files) < 5 {
		t.Fatalf("getpath golden files %v; want 5 (3.11 to 3.15)", files)
	}
	var out []*getpathGolden
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var g getpathGolden
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out = append(out, &g)
	}
	return out
}

// getpathFS builds a case's tree: paths of the root volume (or, on Windows,
// of drive C:) become names of the filesystem.
func getpathFS(t *testing.T, g *getpathGolden, c *getpathCase) fstest.MapFS {
	var tree map[string]json.RawMessage
	var shared string
	if err := json.Unmarshal(c.Tree, &shared); err == nil {
		tree = g.Trees[shared]
	} else if err := json.Unmarshal(c.Tree, &tree); err != nil {
		t.Fatalf("%s: tree: %v", c.Name, err)
	}
	fsys := fstest.MapFS{}
	for p, raw := range tree {
		name, ok := strings.CutPrefix(p, "/")
		if c.OS == "nt" {
			name, ok = strings.CutPrefix(p, `C:\`)
			name = strings.ReplaceAll(name, `\`, "/")
		}
		if !ok {
			continue // another volume: Detect is given one
		}
		var what any
		if err := json.Unmarshal(raw, &what); err != nil {
			t.Fatal(err)
		}
		switch w := what.(type) {
		case string:
			switch w {
			case "d":
				fsys[name] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
			case "x":
				fsys[name] = &fstest.MapFile{Mode: 0o755}
			default:
				fsys[name] = &fstest.MapFile{Mode: 0o644}
			}
		case []any:
			var lines []string
			for _, l := range w {
				lines = append(lines, l.(string))
			}
			fsys[name] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n")), Mode: 0o644}
		case map[string]any:
			if target, ok := w["link"].(string); ok {
				fsys[name] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
			} else {
				fsys[name] = &fstest.MapFile{Data: []byte(w["text"].(string)), Mode: 0o644}
			}
		}
	}
	return fsys
}

// fellBack reports whether getpath used a compiled-in prefix, which only
// the binary knows.
func fellBack(r getpathResult) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w, "Could not find platform") {
			return true
		}
	}
	return false
}

// siteSwitches reports whether site.py of 3.13 and older makes the
// environment virtual, and the prefix it sets: a pyvenv.cfg file beside the
// executable or one level up makes the executable's parent directory the
// prefix. The rule is golden-tested against real environments by
// TestDetectGolden.
func siteSwitches(c *getpathCase, fsys fstest.MapFS) (string, bool) {
	sep := "/"
	if c.OS == "nt" {
		sep = `\`
	}
	parent := func(p string) string { return p[:max(0, strings.LastIndex(p, sep))] }
	dir := parent(c.Result.Executable)
	for _, d := range []string{dir, parent(dir)} {
		name := strings.TrimPrefix(d+sep+"pyvenv.cfg", "/")
		if c.OS == "nt" {
			name = strings.ReplaceAll(strings.TrimPrefix(name, `C:\`), `\`, "/")
		}
		if f := follow(fsys, name); f != nil && f.Mode.IsRegular() {
			return parent(dir), true
		}
	}
	return "", false
}

// follow returns the entry at name, following links (whose targets in
// these trees are absolute, or relative to the link's directory) in every
// component; nil when there is none.
func follow(fsys fstest.MapFS, name string) *fstest.MapFile {
	parts := strings.Split(name, "/")
	for i, hops := 1, 0; i <= len(parts) && hops < 40; i++ {
		f, ok := fsys[strings.Join(parts[:i], "/")]
		switch {
		case !ok && i == len(parts):
			return nil
		case !ok: // a directory MapFS makes up
			continue
		case f.Mode&fs.ModeSymlink == 0 && i == len(parts):
			return f
		case f.Mode&fs.ModeSymlink == 0:
			continue
		}
		target := string(f.Data)
		if !strings.HasPrefix(target, "/") {
			target = strings.Join(parts[:i-1], "/") + "/" + target
		}
		parts = append(strings.Split(path.Clean(strings.TrimPrefix(target, "/")), "/"), parts[i:]...)
		i, hops = 0, hops+1
	}
	return nil
}

// TestDetectMatchesGetpath replays every getpath case through Detect: the
// prefixes getpath computes, and for 3.13 and older the prefix site.py sets.
func TestDetectMatchesGetpath(t *testing.T) {
	for _, g := range readGetpathGoldens(t) {
		t.Run(g.Python, func(t *testing.T) {
			compared := 0
			for i := range g.Cases {
				c := &g.Cases[i]
				if why, ok := getpathNotModelled[c.Name]; ok {
					t.Logf("%s: not modelled: %s", c.Name, why)
					continue
				}
				if c.Result.Error != "" {
					t.Errorf("%s: getpath failed: %s", c.Name, c.Result.Error)
					continue
				}
				fsys := getpathFS(t, g, c)
				opts := &venv.Options{FS: fsys, Windows: c.OS == "nt", Python: c.Version,
					LookupEnv: environ.Map(c.Env)}
				env, err := venv.Detect(c.Result.Executable, opts)
				if err != nil {
					t.Errorf("%s: Detect(%s): %v", c.Name, c.Result.Executable, err)
					continue
				}
				if fellBack(c.Result) {
					if len(env.Notes) == 0 {
						t.Errorf("%s: getpath used its compiled-in prefix (%v); Detect has no note", c.Name, c.Result.Warnings)
					}
					continue
				}
				want := [4]string{c.Result.Prefix, c.Result.BasePrefix, c.Result.ExecPrefix, c.Result.BaseExecPrefix}
				if minor(c.Version) <= 13 {
					if p, ok := siteSwitches(c, fsys); ok {
						want[0], want[2] = p, p
					}
				}
				got := [4]string{env.Prefix, env.BasePrefix, env.ExecPrefix, env.BaseExecPrefix}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s: Detect(%s) [prefix base_prefix exec_prefix base_exec_prefix] mismatch (-getpath +Detect):\n%s\nnotes: %q",
						c.Name, c.Result.Executable, diff, env.Notes)
				}
				compared++
			}
			if compared < 90 {
				t.Errorf("only %d cases compared", compared)
			}
		})
	}
}

func minor(version string) int {
	var m int
	for _, r := range strings.TrimSuffix(strings.TrimPrefix(version, "3."), "t") {
		m = m*10 + int(r-'0')
	}
	return m
}

// TestGetpathGoldenIsCurrent runs the generator again with every reference
// interpreter that has a committed getpath golden file (pyenv's, and
// pyodide's under $PEP668_PYODIDE) and compares: the golden data is what
// those interpreters say today.
func TestGetpathGoldenIsCurrent(t *testing.T) {
	interpreters := testpython.All(t)
	if os.Getenv(testpython.PyodideVariable) != "" {
		interpreters = append(interpreters, testpython.Pyodide(t)...)
	}
	ran := 0
	for _, py := range interpreters {
		want, err := os.ReadFile(filepath.Join("testdata", "getpath", py.Version+".json"))
		if err != nil {
			continue // no golden file for this version
		}
		t.Run(py.Name, func(t *testing.T) {
			out := t.TempDir()
			py.Run(t, "../internal/testdata/gen/getpath_golden.py", "--out", out)
			got, err := os.ReadFile(filepath.Join(out, py.Version+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("getpath of %s differs from testdata/getpath/%s.json; run the generator again", py.Name, py.Version)
			}
		})
		ran++
	}
	if ran == 0 {
		t.Skip("no interpreter with a getpath golden file")
	}
}
