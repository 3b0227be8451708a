// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/json from the tool's output")

// TestJSONGolden runs every subcommand with --json on one installation (a
// base interpreter with a marker, a venv made from it, a distribution in
// the venv) and compares its output with testdata/json/<name>.json, the
// temporary directory written as $ROOT. It also checks that no list is
// null: null stands only for an absent value.
func TestJSONGolden(t *testing.T) {
	system, venvPython := fakeInstall(t)
	root := filepath.Dir(filepath.Dir(filepath.Dir(system)))
	stdlib := filepath.Join(root, "base", "lib", "python3.12")
	marker := writeFile(t, "EXTERNALLY-MANAGED", "[externally-managed]\nError=Use the distributor's tools.\nError-de=Verwenden Sie die Werkzeuge der Distribution.\n")
	data, _ := os.ReadFile(marker)
	os.WriteFile(filepath.Join(stdlib, "EXTERNALLY-MANAGED"), data, 0o644)
	sp := filepath.Join(root, "env", "lib", "python3.12", "site-packages")
	for p, content := range map[string]string{
		"demo/__init__.py":            "",
		"demo-1.0.dist-info/METADATA": "Name: demo\n",
		"demo-1.0.dist-info/RECORD":   "demo/__init__.py,,\ndemo-1.0.dist-info/METADATA,,\ndemo-1.0.dist-info/RECORD,,\n",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(sp, p)), 0o755)
		os.WriteFile(filepath.Join(sp, p), []byte(content), 0o644)
	}
	vars := map[string]string{"HOME": "/home/u", "LANG": "de_DE.UTF-8", "PATH": ""}
	tests := []struct {
		name   string
		status int
		args   []string
	}{
		{"check", exitNo, []string{"check", "--json", "--python", system}},
		{"check-venv", exitOK, []string{"check", "--json", "--python", venvPython}},
		{"marker", exitOK, []string{"marker", "--json", filepath.Join(stdlib, "EXTERNALLY-MANAGED")}},
		{"venv", exitOK, []string{"venv", "--json", venvPython}},
		{"scheme", exitOK, []string{"scheme", "--json", "--python", venvPython}},
		{"scheme-vendor", exitOK, []string{"scheme", "--json", "--vendor", "debian", "--python-version", "3.12", "--scheme", "posix_local",
			"--var", "base=/usr", "--var", "platbase=/usr", "--var", "installed_base=/usr", "--var", "installed_platbase=/usr", "--var", "abiflags=", "--var", "platlibdir=lib"}},
		{"scan", exitOK, []string{"scan", "--json", root}},
		{"uninstall", exitOK, []string{"uninstall", "--json", "--python", venvPython, "demo"}},
		{"uninstall-apply", exitOK, []string{"uninstall", "--json", "--apply", "--python", venvPython, "demo"}},
	}
	for _, tt := range tests {
		out, errOut, status := runTool(t, vars, tt.args...)
		if status != tt.status || errOut != "" {
			t.Errorf("%s: status %d, stderr %q; want %d", tt.name, status, errOut, tt.status)
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("%s: not one JSON value: %v\n%s", tt.name, err, out)
			continue
		}
		if p := nullList(v, ""); p != "" {
			t.Errorf("%s: %s is null", tt.name, p)
		}
		// A basis digest names inodes and times: only its presence is golden.
		got := []byte(digest.ReplaceAllString(strings.ReplaceAll(out, root, "$ROOT"), `"digest": "…"`))
		file := filepath.Join("testdata", "json", tt.name+".json")
		if *update {
			os.MkdirAll(filepath.Dir(file), 0o755)
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (go test -run TestJSONGolden -update writes it)", err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s: output differs from %s (-want +got):\n%s", tt.name, file, cmp.Diff(string(want), string(got)))
		}
	}
}

var digest = regexp.MustCompile(`"digest": "[^"]*"`)

// nullable are the keys whose value may be null: an absent scalar.
var nullable = map[string]bool{
	"message": true, "key": true, "problem": true, "override": true, "version": true,
	"config": true, "real_prefix": true,
}

// nullList returns the path of a null that is not an absent scalar, or "".
func nullList(v any, path string) string {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if x == nil && !nullable[k] {
				return path + "." + k
			}
			if p := nullList(x, path+"."+k); p != "" {
				return p
			}
		}
	case []any:
		for _, x := range v {
			if p := nullList(x, path+"[]"); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestStreamJSON: writeJSON writes what encoding/json's indented Encoder
// does, for the shapes the commands print.
func TestStreamJSON(t *testing.T) {
	type inner struct {
		A string   `json:"a"`
		B []string `json:"b,omitempty"`
	}
	type embedded struct {
		E int `json:"e"`
	}
	type outer struct {
		*embedded
		Name   string            `json:"name"`
		Skip   string            `json:"-"`
		Nil    []string          `json:"nil"`
		Empty  []inner           `json:"empty"`
		List   []inner           `json:"list"`
		Ptr    *inner            `json:"ptr,omitempty"`
		NilPtr *inner            `json:"nil_ptr"`
		Map    map[string]string `json:"map"`
		Struct inner             `json:"struct,omitempty"`
		Flag   bool              `json:"flag,omitempty"`
		HTML   string            `json:"html"`
	}
	for _, v := range []any{
		outer{Name: "x", List: []inner{{A: "1"}, {A: "2", B: []string{"<&>", "é\n"}}}, Empty: []inner{}, Map: map[string]string{"b": "2", "a": "1"}, HTML: "<a&b>"},
		outer{embedded: &embedded{E: 3}, Ptr: &inner{}},
		[]string{}, []int{1, 2}, map[string]any{}, (*outer)(nil), "plain",
	} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(v)
		if err := writeJSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("writeJSON(%#v) differs from encoding/json (-want +got):\n%s", v, cmp.Diff(want.String(), got.String()))
		}
	}
}

// FuzzJSONString: strings are written as encoding/json writes them.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\s", "\b\f\n\r\t\x00\x1f\x7f", "<&>", "\u2028\u2029é", "bad\xff\xfeutf8", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		if got := string(appendJSONString(nil, s)) + "\n"; got != want.String() {
			t.Fatalf("%q: %s, encoding/json %s", s, got, want.String())
		}
	})
}
