// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runTool runs the tool with args and the environment variables in vars.
func runTool(t *testing.T, vars map[string]string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut strings.Builder
	status = run(args, &env{stdout: &out, stderr: &errOut, getenv: func(k string) string { return vars[k] }})
	return out.String(), errOut.String(), status
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHelpAndUsage(t *testing.T) {
	out, _, status := runTool(t, nil, "help")
	if status != exitOK || !strings.Contains(out, "pep668 marker [--json]") || !strings.Contains(out, "pep668 check") {
		t.Errorf("help: status %d, output:\n%s", status, out)
	}
	for _, args := range [][]string{nil, {"frobnicate"}, {"marker"}, {"marker", "a", "b"}, {"marker", "--bogus", "f"}} {
		out, errOut, status := runTool(t, nil, args...)
		if status != exitFailure || out != "" || errOut == "" {
			t.Errorf("pep668 %q: status %d, stdout %q, stderr %q; want status 2 and a message on stderr only", args, status, out, errOut)
		}
	}
	if _, errOut, status := runTool(t, nil, "check"); status != exitFailure || !strings.Contains(errOut, "not implemented yet") {
		t.Errorf("check: status %d, stderr %q", status, errOut)
	}
}

const translated = "[externally-managed]\nError = Use apt.\n  Really.\nError-de = Verwenden Sie apt.\n"

func TestMarkerHuman(t *testing.T) {
	file := writeFile(t, "EXTERNALLY-MANAGED", translated)
	tests := []struct {
		vars map[string]string
		args []string
		want string
	}{
		{nil, []string{file}, "Use apt.\nReally.\n"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, []string{file}, "Verwenden Sie apt.\n"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, []string{"--locale", "C", file}, "Use apt.\nReally.\n"},
		{nil, []string{file, "--locale=de_AT.UTF-8"}, "Verwenden Sie apt.\n"}, // flags after FILE
	}
	for _, tt := range tests {
		out, errOut, status := runTool(t, tt.vars, append([]string{"marker"}, tt.args...)...)
		if status != exitOK || out != tt.want || errOut != "" {
			t.Errorf("marker %q with %v: status %d, stdout %q, stderr %q; want 0, %q", tt.args, tt.vars, status, out, errOut, tt.want)
		}
	}
}

func TestMarkerJSON(t *testing.T) {
	good := writeFile(t, "EXTERNALLY-MANAGED", translated)
	broken := writeFile(t, "EXTERNALLY-MANAGED", "[externally-managed]\nError = a\nerror = b\n")
	tests := []struct {
		args   []string
		status int
		want   map[string]any
	}{
		{[]string{"--locale", "de_DE.UTF-8", good}, exitOK, map[string]any{
			"path": good, "found": true, "message": "Verwenden Sie apt.", "key": "Error-de", "default": false, "problem": nil,
		}},
		{[]string{"--prefix", "/usr", broken}, exitOK, map[string]any{
			"path": broken, "found": true, "key": nil, "default": true,
			"problem": "marker: " + broken + `:3: duplicate option: "error = b"`,
		}},
		{[]string{filepath.Dir(good)}, exitNo, map[string]any{
			"path": filepath.Dir(good), "found": false, "message": nil, "key": nil, "default": false,
			"problem": filepath.Dir(good) + " is not a regular file, so not a marker",
		}},
	}
	for _, tt := range tests {
		out, errOut, status := runTool(t, nil, append([]string{"marker", "--json"}, tt.args...)...)
		if status != tt.status || errOut != "" {
			t.Errorf("marker --json %q: status %d, stderr %q; want %d", tt.args, status, errOut, tt.status)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("marker --json %q: %v\n%s", tt.args, err, out)
		}
		if tt.want["default"] == true {
			msg, _ := got["message"].(string)
			if !strings.Contains(msg, "/usr") {
				t.Errorf("default message %q does not name the prefix", msg)
			}
			delete(got, "message")
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("marker --json %q mismatch (-want +got):\n%s", tt.args, diff)
		}
	}
}

func TestMarkerMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "EXTERNALLY-MANAGED")
	out, errOut, status := runTool(t, nil, "marker", missing)
	if status != exitNo || out != "" || !strings.Contains(errOut, "no marker") {
		t.Errorf("marker %s: status %d, stdout %q, stderr %q; want 1 and a message on stderr", missing, status, out, errOut)
	}
}
