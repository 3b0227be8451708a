// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/record"
)

// runTool runs the tool with args and the environment variables in vars.
func runTool(t *testing.T, vars map[string]string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut strings.Builder
	status = run(args, &env{stdout: &out, stderr: &errOut, lookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok }})
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
	if _, errOut, status := runTool(t, map[string]string{"PATH": t.TempDir()}, "check"); status != exitFailure || !strings.Contains(errOut, "no such interpreter: python3 on PATH") {
		t.Errorf("check without python3: status %d, stderr %q", status, errOut)
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

// fakeInstall makes, in a temporary directory, a CPython 3.12 installation
// and a venv made from it, and returns their executables.
func fakeInstall(t *testing.T) (system, venvPython string) {
	t.Helper()
	return fakeInstallOf(t, "3.12")
}

// fakeInstallOf is fakeInstall for Python version (3.Y), with a marker.
func fakeInstallOf(t *testing.T, version string) (system, venvPython string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("a POSIX layout; TestWindowsTree runs the commands on a Windows one")
	}
	root := t.TempDir()
	mk := func(p string, dir bool) {
		p = filepath.Join(root, p)
		if dir {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mk("base/bin/python"+version, false)
	mk("base/lib/python"+version+"/os.py", false)
	mk("base/lib/python"+version+"/lib-dynload", true)
	mk("env/lib/python"+version+"/site-packages", true)
	if err := os.MkdirAll(filepath.Join(root, "env/bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	system = filepath.Join(root, "base/bin/python"+version)
	venvPython = filepath.Join(root, "env/bin/python")
	if err := os.Symlink(filepath.Join("..", "..", "base", "bin", "python"+version), venvPython); err != nil {
		t.Skip("no symlinks:", err)
	}
	cfg := "home = " + filepath.Join(root, "base/bin") + "\ninclude-system-site-packages = false\nversion = " + version + ".0\n"
	if err := os.WriteFile(filepath.Join(root, "env/pyvenv.cfg"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return system, venvPython
}

func TestVenv(t *testing.T) {
	system, venvPython := fakeInstall(t)
	root := filepath.Dir(filepath.Dir(filepath.Dir(system)))

	out, errOut, status := runTool(t, nil, "venv", "--json", venvPython)
	if status != exitOK || errOut != "" {
		t.Fatalf("venv --json %s: status %d, stderr %q", venvPython, status, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"executable": venvPython, "prefix": filepath.Join(root, "env"), "base_prefix": filepath.Join(root, "base"),
		"exec_prefix": filepath.Join(root, "env"), "base_exec_prefix": filepath.Join(root, "base"),
		"in_virtual_environment": true, "kind": "venv", "include_system_site_packages": false,
		"version": "3.12", "free_threaded": false, "implementation": "cpython", "config": filepath.Join(root, "env", "pyvenv.cfg"),
		"real_prefix": nil, "notes": []any{},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("venv --json mismatch (-want +got):\n%s", diff)
	}

	out, _, status = runTool(t, nil, "venv", system)
	if status != exitNo || !strings.Contains(out, "kind: system\n") || !strings.Contains(out, "virtual environment: no\n") {
		t.Errorf("venv %s: status %d, output:\n%s", system, status, out)
	}
	if _, errOut, status := runTool(t, nil, "venv", filepath.Join(root, "missing")); status != exitFailure || !strings.Contains(errOut, "no such interpreter") {
		t.Errorf("venv missing: status %d, stderr %q", status, errOut)
	}
	// PYTHONHOME reaches the detection.
	out, _, _ = runTool(t, map[string]string{"PYTHONHOME": "/elsewhere"}, "venv", "--json", system)
	if !strings.Contains(out, `"base_prefix": "/elsewhere"`) {
		t.Errorf("venv with PYTHONHOME: %s", out)
	}
}

func TestScheme(t *testing.T) {
	out, errOut, status := runTool(t, nil, "scheme", "--json", "--vendor", "debian", "--python-version", "3.11",
		"--os", "posix", "--scheme", "posix_local", "--var", "base=/usr")
	if status != exitOK || errOut != "" {
		t.Fatalf("scheme --json: status %d, stderr %q", status, errOut)
	}
	var got struct {
		Scheme, Rules string
		Paths         map[string]string
		Notes         []string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Scheme != "posix_local" || got.Rules != "3.11" || got.Notes == nil || len(got.Notes) != 0 {
		t.Errorf("scheme --json: scheme %q, rules %q, notes %#v", got.Scheme, got.Rules, got.Notes)
	}
	want := map[string]string{
		"stdlib": "/usr/lib/python3.11", "platstdlib": "/usr/lib/python3.11",
		"purelib": "/usr/local/lib/python3.11/dist-packages", "platlib": "/usr/local/lib/python3.11/dist-packages",
		"include": "/usr/include/python3.11", "platinclude": "/usr/include/python3.11",
		"scripts": "/usr/local/bin", "data": "/usr/local",
	}
	if diff := cmp.Diff(want, got.Paths); diff != "" {
		t.Errorf("scheme --json mismatch (-want +got):\n%s", diff)
	}

	out, _, status = runTool(t, nil, "scheme", "--vendor", "cpython", "--python-version", "3.12", "--os", "nt",
		"--scheme", "nt", "--var", `base=C:\Python312`)
	if status != exitOK || !strings.HasPrefix(out, "stdlib: C:\\Python312\\Lib\n") || !strings.Contains(out, "scripts: C:\\Python312\\Scripts\n") {
		t.Errorf("scheme nt: status %d, output:\n%s", status, out)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--vendor", "arch", "--python-version", "3.12", "--scheme", "x"}, "known: cpython, debian"},
		{[]string{"--vendor", "cpython", "--python-version", "3.12", "--scheme", "posix_local", "--var", "base=/x"}, "known: nt, nt_user"},
		{[]string{"--vendor", "cpython", "--python-version", "3.12", "--scheme", "posix_user"}, "--var userbase="},
		{[]string{"--vendor", "cpython", "--python-version", "3.99", "--scheme", "posix_user", "--strict-version"}, "known: 3.8 to 3.15"},
		{[]string{"--vendor", "cpython", "--python-version", "3.7", "--scheme", "posix_prefix"}, "known: 3.8 to 3.15"},
		{[]string{"--vendor", "cpython"}, "usage:"},
		{[]string{"--python", "/x", "--os", "mac"}, "usage:"},
		{[]string{"--var", "novalue", "--python", "/x"}, "usage:"},
	} {
		_, errOut, status := runTool(t, nil, append([]string{"scheme"}, tt.args...)...)
		if status != exitFailure || !strings.Contains(errOut, tt.want) {
			t.Errorf("scheme %q: status %d, stderr %q; want 2 and %q", tt.args, status, errOut, tt.want)
		}
	}

	// A real interpreter's files: the fake 3.12 installation.
	system, venvPython := fakeInstall(t)
	out, _, status = runTool(t, map[string]string{"HOME": "/home/me"}, "scheme", "--json", "--python", venvPython)
	env := filepath.Dir(filepath.Dir(venvPython))
	if status != exitOK || !strings.Contains(out, `"purelib": "`+env+`/lib/python3.12/site-packages"`) {
		t.Errorf("scheme --python venv: status %d, output %s", status, out)
	}
	out, _, _ = runTool(t, map[string]string{"HOME": "/home/me"}, "scheme", "--python", system, "--scheme", "posix_user")
	if !strings.Contains(out, "purelib: /home/me/.local/lib/python3.12/site-packages\n") {
		t.Errorf("scheme --python --scheme posix_user: %s", out)
	}
}

// fakePyenv makes a pyenv root with a shim and two versions, the first
// with a marker, and returns the root and the shims directory.
func fakePyenv(t *testing.T) (root, shims string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("pyenv's shims are POSIX shell scripts")
	}
	root = t.TempDir()
	write := func(p, content string, mode os.FileMode) {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []string{"3.12.1", "3.11.7"} {
		mm := v[:4]
		write("versions/"+v+"/bin/python"+mm, "\x7fELF", 0o755)
		if err := os.Symlink("python"+mm, filepath.Join(root, "versions", v, "bin", "python3")); err != nil {
			t.Skip("no symlinks:", err)
		}
		write("versions/"+v+"/lib/python"+mm+"/os.py", "", 0o644)
		if err := os.MkdirAll(filepath.Join(root, "versions", v, "lib", "python"+mm, "lib-dynload"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write("versions/3.12.1/lib/python3.12/EXTERNALLY-MANAGED", "[externally-managed]\nError = Managed by a test.\nError-de = Von einem Test verwaltet.\n", 0o644)
	write("version", "3.11.7\n", 0o644)
	write("shims/python3", "#!/usr/bin/env bash\nset -e\nexport PYENV_ROOT=\""+root+"\"\nexec \""+root+"/libexec/pyenv\" exec \"python3\" \"$@\"\n", 0o755)
	return root, filepath.Join(root, "shims")
}

func TestCheck(t *testing.T) {
	root, shims := fakePyenv(t)
	vars := map[string]string{"PATH": shims + ":/usr/bin", "PYENV_ROOT": root}

	// The global version has no marker.
	out, errOut, status := runTool(t, vars, "check")
	if status != exitOK || !strings.Contains(out, "installing is allowed: there is no EXTERNALLY-MANAGED file") ||
		!strings.Contains(out, "located: "+shims+"/python3 is a pyenv shim; version 3.11.7 (from "+root+"/version)") {
		t.Errorf("check: status %d, stderr %q, output:\n%s", status, errOut, out)
	}

	// PYENV_VERSION selects 3.12, which is externally managed.
	vars["PYENV_VERSION"] = "3.12"
	out, _, status = runTool(t, vars, "check", "--json", "--locale", "de_DE.UTF-8")
	if status != exitNo {
		t.Fatalf("check 3.12: status %d, output %s", status, out)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	stdlib := filepath.Join(root, "versions", "3.12.1", "lib", "python3.12")
	for k, want := range map[string]any{
		"python": filepath.Join(root, "versions", "3.12.1", "bin", "python3"), "externally_managed": true, "allowed": false,
		"reason": "externally-managed", "in_virtual_environment": false, "prefix": filepath.Join(root, "versions", "3.12.1"),
		"scheme": "posix_prefix", "stdlib": stdlib, "marker_path": filepath.Join(stdlib, "EXTERNALLY-MANAGED"), "marker_exists": true,
		"message": "Von einem Test verwaltet.", "key": "Error-de",
	} {
		if diff := cmp.Diff(want, got[k]); diff != "" {
			t.Errorf("check --json %s mismatch (-want +got):\n%s", k, diff)
		}
	}

	out, _, status = runTool(t, vars, "check", "--break-system-packages")
	if status != exitOK || !strings.Contains(out, "overridden by --break-system-packages") {
		t.Errorf("check --break-system-packages: status %d, output:\n%s", status, out)
	}
	vars["PIP_BREAK_SYSTEM_PACKAGES"] = "yes"
	if out, _, status = runTool(t, vars, "check", "--pip-config"); status != exitOK || !strings.Contains(out, "PIP_BREAK_SYSTEM_PACKAGES=yes") {
		t.Errorf("check --pip-config: status %d, output:\n%s", status, out)
	}
	delete(vars, "PIP_BREAK_SYSTEM_PACKAGES")
	out, _, status = runTool(t, vars, "check")
	if status != exitNo || !strings.HasPrefix(out, "error: externally-managed-environment\n") {
		t.Errorf("check refusal: status %d, output:\n%s", status, out)
	}

	if _, errOut, status := runTool(t, vars, "check", "--python", filepath.Join(root, "nope")); status != exitFailure || errOut == "" {
		t.Errorf("check missing python: status %d, stderr %q", status, errOut)
	}
}

func TestUninstall(t *testing.T) {
	_, venvPython := fakeInstall(t)
	env := filepath.Dir(filepath.Dir(venvPython))
	sp := filepath.Join(env, "lib", "python3.12", "site-packages")
	files := map[string]string{
		"demo/__init__.py":                 "",
		"demo-1.0.dist-info/METADATA":      "Name: demo\n",
		"demo-1.0.dist-info/RECORD":        "demo/__init__.py,,\ndemo-1.0.dist-info/METADATA,,\ndemo-1.0.dist-info/RECORD,,\n../../../../../outside.txt,,\n",
		"../../../../../outside.txt":       "must stay",
		"norecord-1.0.dist-info/INSTALLER": "conda\n",
	}
	for p, content := range files {
		full := filepath.Join(sp, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(sp, "../../../../../outside.txt")

	out, errOut, status := runTool(t, nil, "uninstall", "--json", "--python", venvPython, "Demo")
	if status != exitOK {
		t.Fatalf("uninstall --json: status %d, stderr %q", status, errOut)
	}
	var plan map[string]any
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatal(err)
	}
	if plan["distribution"] != "demo" || plan["applied"] != false || len(plan["remove"].([]any)) != 3 || len(plan["refused"].([]any)) != 1 {
		t.Errorf("uninstall --json plan: %s", out)
	}
	if _, err := os.Stat(filepath.Join(sp, "demo", "__init__.py")); err != nil {
		t.Errorf("the dry run removed a file: %v", err)
	}

	out, errOut, status = runTool(t, nil, "uninstall", "--apply", "--python", venvPython, "demo")
	if status != exitOK || !strings.Contains(out, "removed: "+filepath.Join(sp, "demo", "__init__.py")) {
		t.Errorf("uninstall --apply: status %d, output:\n%s%s", status, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(sp, "demo")); !os.IsNotExist(err) {
		t.Errorf("demo/ still there: %v", err)
	}
	if data, err := os.ReadFile(outside); err != nil || string(data) != "must stay" {
		t.Errorf("the file outside the scheme was touched: %q, %v", data, err)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--python", venvPython, "norecord"}, "installed by conda"},
		{[]string{"--python", venvPython, "absent"}, "not installed"},
	} {
		out, errOut, status := runTool(t, nil, append([]string{"uninstall"}, tt.args...)...)
		if status != exitNo || !strings.Contains(errOut, tt.want) {
			t.Errorf("uninstall %q: status %d, stdout %q, stderr %q; want 1 and %q", tt.args, status, out, errOut, tt.want)
		}
	}
	if out, errOut, status := runTool(t, nil, "uninstall", "--json", "--python", venvPython, "absent"); status != exitNo || out != "" || !strings.Contains(errOut, "not installed") {
		t.Errorf("uninstall --json absent: status %d, output %q", status, out)
	}
	if _, _, status := runTool(t, nil, "uninstall", "demo"); status != exitFailure {
		t.Errorf("uninstall without --python: status %d", status)
	}

	// Names from RECORD cannot forge output lines.
	hostile := map[string]string{
		"forge/__init__.py":          "",
		"forge-1.0.dist-info/RECORD": "forge/__init__.py,,\n\"forge/x\nremoved: /etc/passwd\x1b[2K\",,\nforge-1.0.dist-info/RECORD,,\n",
	}
	for p, content := range hostile {
		os.MkdirAll(filepath.Dir(filepath.Join(sp, p)), 0o755)
		os.WriteFile(filepath.Join(sp, p), []byte(content), 0o644)
	}
	out, _, status = runTool(t, nil, "uninstall", "--python", venvPython, "forge")
	if status != exitOK || strings.Contains(out, "\nremoved: /etc/passwd") || strings.Contains(out, "\x1b") || !strings.Contains(out, `\nremoved: /etc/passwd\x1b[2K"`) {
		t.Errorf("uninstall of a hostile RECORD prints names raw:\n%s", out)
	}

	// A stash of an interrupted uninstall without its journal, holding a
	// file, is left alone, and said so; nothing is planned beside it.
	os.MkdirAll(filepath.Join(sp, ".pep668-uninstall-0001"), 0o700)
	os.WriteFile(filepath.Join(sp, ".pep668-uninstall-0001", "0"), []byte("moved"), 0o600)
	out, errOut, status = runTool(t, nil, "uninstall", "--apply", "--python", venvPython, "forge")
	if status != exitNo || !strings.Contains(out, "left alone: "+filepath.Join(sp, ".pep668-uninstall-0001")) || !strings.Contains(errOut, "interrupted uninstall") {
		t.Errorf("uninstall beside a stash: status %d, output:\n%s%s", status, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(sp, "forge", "__init__.py")); err != nil {
		t.Errorf("uninstall beside a stash removed files: %v", err)
	}
}

// TestPrintPlanAfterApply: after Apply, the output says what was done, not
// what was planned: a planned directory that Apply kept is not "removed".
func TestPrintPlanAfterApply(t *testing.T) {
	var out strings.Builder
	res := uninstallResult{
		Plan:    &record.Plan{Distribution: "demo", Version: "1.0", Scheme: "venv", DistInfo: "/v/demo-1.0.dist-info", Remove: []string{"/v/demo/a.py"}, RemoveDirs: []string{"/v/demo", "/v/demo-1.0.dist-info"}},
		Applied: true,
		Result:  &record.Result{Removed: []string{"/v/demo/a.py"}, RemovedDirs: []string{"/v/demo-1.0.dist-info"}, KeptDirs: []string{"/v/demo"}},
	}
	printPlan(&env{stdout: &out}, res)
	want := "demo 1.0 from scheme venv (/v/demo-1.0.dist-info)\nremoved: /v/demo/a.py\nremoved directory: /v/demo-1.0.dist-info\nkept directory: /v/demo (not empty any more)\n1 files, 1 directories; 0 kept, 0 refused, 0 missing\n"
	if diff := cmp.Diff(want, out.String()); diff != "" {
		t.Errorf("printPlan (-want +got):\n%s", diff)
	}
}

// TestNewVersions runs the commands on trees of CPython 3.15, which the
// library knows, and 3.16, which it answers with 3.15's rules and a note,
// or refuses with --strict-version.
func TestNewVersions(t *testing.T) {
	for _, tt := range []struct {
		dir, version, rules string // dir: python3.Y or python3.Yt
		newer               bool
	}{{"3.15", "3.15", "3.15", false}, {"3.15t", "3.15", "3.15", false}, {"3.16", "3.16", "3.15", true}} {
		system, venvPython := fakeInstallOf(t, tt.dir)
		for _, exe := range []string{system, venvPython} {
			out, errOut, status := runTool(t, nil, "check", "--json", "--python", exe)
			var r struct {
				Version, Rules, Scheme string
				Notes                  []string
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil || status != exitOK {
				t.Fatalf("check %s: status %d, %v, stderr %q", exe, status, err, errOut)
			}
			newer := slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, "newer than this library knows") })
			if r.Version != tt.version || r.Rules != tt.rules || newer != tt.newer {
				t.Errorf("check %s: version %s, rules %s, notes %q", exe, r.Version, r.Rules, r.Notes)
			}
			out, _, status = runTool(t, nil, "scheme", "--json", "--python", exe)
			if status != exitOK || !strings.Contains(out, `"rules": "`+tt.rules+`"`) || !strings.Contains(out, "/lib/python"+tt.dir+"/site-packages") {
				t.Errorf("scheme %s: status %d, output %s", exe, status, out)
			}
			_, errOut, status = runTool(t, nil, "check", "--strict-version", "--python", exe)
			if (status == exitFailure) != tt.newer {
				t.Errorf("check --strict-version %s: status %d, stderr %q", exe, status, errOut)
			}
		}
		out, _, status := runTool(t, nil, "venv", "--json", venvPython)
		if status != exitOK || !strings.Contains(out, `"version": "`+tt.version+`"`) {
			t.Errorf("venv %s: status %d, output %s", venvPython, status, out)
		}
		site := filepath.Join(filepath.Dir(filepath.Dir(venvPython)), "lib", "python"+tt.dir, "site-packages")
		for name, content := range map[string]string{"demo.py": "", "demo-1.0.dist-info/RECORD": "demo.py,,\ndemo-1.0.dist-info/RECORD,,\n"} {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(site, name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out, errOut, status := runTool(t, nil, "uninstall", "--apply", "--python", venvPython, "demo")
		if _, err := os.Lstat(filepath.Join(site, "demo.py")); status != exitOK || err == nil {
			t.Errorf("uninstall in a %s venv: status %d, demo.py still there: %v\n%s%s", tt.version, status, err == nil, out, errOut)
		}
	}
	out, _, status := runTool(t, nil, "scheme", "--vendor", "cpython", "--python-version", "3.16", "--scheme", "posix_prefix", "--var", "base=/usr")
	if status != exitOK || !strings.Contains(out, "purelib: /usr/lib/python3.16/site-packages\n") || !strings.Contains(out, "note: Python 3.16 is newer") {
		t.Errorf("scheme --python-version 3.16: status %d, output %s", status, out)
	}
}

// TestWindowsTree runs check, venv, scheme and uninstall on a Windows
// installation and a venv made from it, as python.org's installer and
// python -m venv lay them out: on a Windows host only (under Wine here,
// with ../shared/tools/wine-go-test).
func TestWindowsTree(t *testing.T) {
	if runtime.GOOS != "windows" {
		t.Skip("Windows paths and layouts need a Windows host: run ../shared/tools/wine-go-test")
	}
	root := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Python312/python.exe", "MZ")
	write("Python312/python312.dll", "MZ")
	write("Python312/Lib/os.py", "")
	write("Python312/DLLs/_ctypes.pyd", "")
	write("Python312/Lib/EXTERNALLY-MANAGED", "[externally-managed]\nError = Managed by the IT department.\n")
	base := filepath.Join(root, "Python312")
	write("venv/Scripts/python.exe", "MZ")
	write("venv/pyvenv.cfg", "home = "+base+"\r\ninclude-system-site-packages = false\r\nversion = 3.12.4\r\n")
	site := "venv/Lib/site-packages/"
	write(site+"demo/__init__.py", "")
	write(site+"demo-1.0.dist-info/METADATA", "Name: demo\n")
	write(site+"demo-1.0.dist-info/RECORD", "demo/__init__.py,,\ndemo\\__init__.py,,\ndemo-1.0.dist-info/METADATA,,\ndemo-1.0.dist-info/RECORD,,\n")
	system, venvPython := filepath.Join(base, "python.exe"), filepath.Join(root, "venv", "Scripts", "python.exe")

	out, _, status := runTool(t, nil, "check", "--python", strings.TrimSuffix(system, ".exe")) // PATHEXT finds python.exe
	if status != exitNo || !strings.Contains(out, "Managed by the IT department.") {
		t.Errorf("check %s: status %d, output:\n%s", system, status, out)
	}
	out, errOut, status := runTool(t, nil, "check", "--python", venvPython)
	if status != exitOK || !strings.Contains(out, "virtual environment") {
		t.Errorf("check %s: status %d, output:\n%s%s", venvPython, status, out, errOut)
	}
	out, _, status = runTool(t, nil, "venv", "--json", venvPython)
	if status != exitOK || !strings.Contains(out, `"in_virtual_environment": true`) || !strings.Contains(out, `"version": "3.12"`) {
		t.Errorf("venv %s: status %d, output %s", venvPython, status, out)
	}
	out, _, status = runTool(t, nil, "scheme", "--json", "--python", venvPython)
	sitePackages := filepath.Join(root, "venv", "Lib", "site-packages")
	if want, _ := json.Marshal(sitePackages); status != exitOK || !strings.Contains(out, `"purelib": `+string(want)) {
		t.Errorf("scheme %s: status %d, output %s", venvPython, status, out)
	}
	out, errOut, status = runTool(t, nil, "uninstall", "--apply", "--python", venvPython, "demo")
	if _, err := os.Stat(filepath.Join(sitePackages, "demo")); status != exitOK || !os.IsNotExist(err) {
		t.Errorf("uninstall demo: status %d, demo still there: %v\n%s%s", status, err, out, errOut)
	}
}

// TestHostileText: text from files (a marker's message, pyvenv.cfg's home)
// cannot drive the terminal: control characters are printed escaped.
func TestHostileText(t *testing.T) {
	m := writeFile(t, "EXTERNALLY-MANAGED", "[externally-managed]\nError=Use apt.\x1b[2K\x1b]0;owned\x07\n line two\r\n")
	out, _, _ := runTool(t, nil, "marker", m)
	if strings.ContainsAny(out, "\x1b\x07\r") || !strings.Contains(out, `Use apt.\x1b[2K`) || !strings.Contains(out, "\nline two") {
		t.Errorf("marker prints control characters raw: %q", out)
	}
	if runtime.GOOS == "windows" {
		return
	}
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "v", "bin"), 0o755)
	os.WriteFile(filepath.Join(root, "v", "bin", "python3"), nil, 0o755)
	os.WriteFile(filepath.Join(root, "v", "pyvenv.cfg"), []byte("home = /opt/\x1b[31mred/bin\n"), 0o644)
	out, _, _ = runTool(t, nil, "venv", filepath.Join(root, "v", "bin", "python3"))
	if strings.Contains(out, "\x1b") || !strings.Contains(out, `\x1b[31mred`) {
		t.Errorf("venv prints control characters raw: %q", out)
	}
}

// TestUsageIsComplete: each command's synopsis, in the command's doc
// comment and in its usage, names every flag --help lists.
func TestUsageIsComplete(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	for name, cmd := range commands() {
		if !strings.Contains(string(src), "//\tpep668 "+cmd.usage+"\n") {
			t.Errorf("the doc comment lacks the synopsis pep668 %s", cmd.usage)
		}
		out, _, status := runTool(t, nil, name, "--help")
		if status != exitOK {
			t.Fatalf("%s --help: status %d", name, status)
		}
		for _, line := range strings.Split(out, "\n") {
			if f, ok := strings.CutPrefix(line, "  -"); ok {
				flag, _, _ := strings.Cut(f, " ")
				if !strings.Contains(cmd.usage, "--"+flag) {
					t.Errorf("the usage of %s lacks --%s", name, flag)
				}
			}
		}
	}
}

// TestScanFailOn: --fail-on decides the exit status from the findings.
func TestScanFailOn(t *testing.T) {
	system, _ := fakeInstall(t)
	root := filepath.Dir(filepath.Dir(filepath.Dir(system)))
	info := filepath.Join(root, "env", "lib", "python3.12", "site-packages", "norec-1.0.dist-info")
	os.MkdirAll(info, 0o755)
	os.WriteFile(filepath.Join(info, "METADATA"), []byte("Name: norec\nVersion: 1.0\n"), 0o644)
	for _, tt := range []struct {
		failOn string
		status int
	}{{"", exitOK}, {"no-record", exitNo}, {"all", exitNo}, {"marker-removed,shadowing", exitOK}, {"bogus", exitFailure}} {
		out, errOut, status := runTool(t, nil, "scan", "--fail-on", tt.failOn, root)
		if status != tt.status {
			t.Errorf("--fail-on %q: status %d, want %d\n%s%s", tt.failOn, status, tt.status, out, errOut)
		}
		if tt.status != exitFailure && !strings.Contains(out, "no-record: norec 1.0 has no RECORD") {
			t.Errorf("--fail-on %q: the table lacks the finding:\n%s", tt.failOn, out)
		}
	}
	if _, errOut, status := runTool(t, nil, "scan", filepath.Join(root, "nope")); status != exitFailure || errOut == "" {
		t.Errorf("a missing root: status %d, %q", status, errOut)
	}
}
