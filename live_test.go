// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/internal/testpython"
	"github.com/pep668/pep668/marker"
)

// pipCheck runs pip's own check_externally_managed() with an interpreter,
// importing pip from pipDir, in the C locale.
const pipCheck = `
import json
from pip._internal.utils.misc import check_externally_managed
from pip._internal.exceptions import ExternallyManagedEnvironment
try:
    check_externally_managed()
    print(json.dumps({"managed": False}))
except ExternallyManagedEnvironment as e:
    ctx = e.context
    print(json.dumps({"managed": True, "message": getattr(ctx, "plain", str(ctx))}))
`

type pipAnswer struct {
	Managed bool   `json:"managed"`
	Message string `json:"message"`
}

func runPip(t *testing.T, python, pipDir string) pipAnswer {
	t.Helper()
	cmd := exec.Command(python, "-c", pipCheck)
	cmd.Env = append(os.Environ(), "PYTHONPATH="+pipDir, "LC_ALL=C", "LANG=C", "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: pip's check: %v", python, err)
	}
	var a pipAnswer
	if err := json.Unmarshal(out, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCheckAgreesWithPip compares Check with pip's check_externally_managed
// run by the same interpreter: each system interpreter of the machine, a
// venv made from each, and, for each, a copy of its prefix whose stdlib has
// a marker.
func TestCheckAgreesWithPip(t *testing.T) {
	for _, py := range testpython.All(t) {
		t.Run(py.Name, func(t *testing.T) {
			t.Parallel()
			pipDir := strings.TrimSpace(string(py.Run(t, "-c", "import os, pip; print(os.path.dirname(os.path.dirname(pip.__file__)))")))
			if wheels, _ := filepath.Glob("/usr/share/python-wheels/pip-*.whl"); strings.HasPrefix(py.Name, "system-pypy") && len(wheels) > 0 {
				pipDir = wheels[0] // PyPy's own: the pip ensurepip installs into its venvs (23.0.1 on Debian 12)
			}
			dir := t.TempDir()
			venvDir := filepath.Join(dir, "venv")
			py.Run(t, "-m", "venv", "--without-pip", venvDir)
			copied := copyPrefix(t, py, filepath.Join(dir, "copied"))

			isDebian := strings.HasPrefix(py.Name, "system-")
			for _, c := range []struct {
				exe     string
				managed bool
			}{
				{py.Path, isDebian}, // Debian's marker; pyenv's builds have none
				{filepath.Join(venvDir, "bin", "python"), false},
				{copied, true},
			} {
				exe := c.exe
				want := runPip(t, exe, pipDir)
				if want.Managed != c.managed {
					t.Fatalf("%s: pip says managed=%v; the test expects %v", exe, want.Managed, c.managed)
				}
				v, err := pep668.Check(exe, &pep668.Options{LookupEnv: os.LookupEnv})
				if err != nil {
					t.Fatalf("Check(%s): %v", exe, err)
				}
				if v.Allowed == want.Managed {
					t.Errorf("%s: Check allowed=%v (%s), pip says managed=%v", exe, v.Allowed, v.Reason, want.Managed)
					continue
				}
				if want.Managed && v.Message.Text != want.Message {
					t.Errorf("%s: message %q, pip shows %q", exe, v.Message.Text, want.Message)
				}
			}
		})
	}
}

// copyPrefix makes a new prefix whose stdlib is a directory of links to the
// interpreter's, plus a marker file of its own, with a copy of the
// executable, and returns the executable. getpath finds the stdlib there,
// so the copy's sysconfig stdlib, and its marker, are in the new prefix.
func copyPrefix(t *testing.T, py testpython.Interpreter, prefix string) string {
	t.Helper()
	var info struct {
		Stdlib, Version, Executable string
	}
	out := py.Run(t, "-c", `import json, sys, sysconfig; print(json.dumps({"Stdlib": sysconfig.get_path("stdlib"), "Version": "%d.%d" % sys.version_info[:2], "Executable": __import__("os").path.realpath(sys.executable)}))`)
	if err := json.Unmarshal(out, &info); err != nil {
		t.Fatal(err)
	}
	stdlib := filepath.Join(prefix, "lib", filepath.Base(info.Stdlib)) // python3.Y, or PyPy's pypy3.Y
	if err := os.MkdirAll(stdlib, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(info.Stdlib)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == marker.FileName {
			continue
		}
		if err := os.Symlink(filepath.Join(info.Stdlib, e.Name()), filepath.Join(stdlib, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	data, err := marker.Render("This copy of Python is managed by a test.\n\nUse a virtual environment.", map[string]string{"de": "Verwaltet."})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stdlib, marker.FileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(prefix, "bin", filepath.Base(info.Executable)) // python3.Y, or pypy3.Y
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	binary, err := os.ReadFile(info.Executable)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, binary, 0o755); err != nil {
		t.Fatal(err)
	}
	return exe
}
