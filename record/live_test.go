// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/internal/testpython"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// reference is pyenv's CPython 3.11, which carries pip 23.2.1 and real
// installed distributions.
func reference(t testing.TB) (python, site string) {
	t.Helper()
	testpython.Live(t)
	root := testpython.PyenvRoot()
	matches, _ := filepath.Glob(filepath.Join(root, "versions", "3.11.*", "bin", "python3.11"))
	for _, python := range matches {
		site := filepath.Join(filepath.Dir(filepath.Dir(python)), "lib", "python3.11", "site-packages")
		if _, err := os.Stat(filepath.Join(site, "pip")); err == nil {
			return python, site
		}
	}
	t.Skip("no pyenv CPython 3.11 with pip")
	return "", ""
}

// copyDist copies the files a distribution's RECORD lists, as they lie
// relative to site, into the venv whose site-packages is dst.
func copyDist(t testing.TB, dist *record.Distribution, dst string) {
	t.Helper()
	for _, e := range dist.Record {
		from := filepath.Join(dist.SiteDir, e.Path)
		to := filepath.Join(dst, e.Path)
		in, err := os.Open(from)
		if err != nil {
			continue // listed but absent, like RECORD's own bytecode entries
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		out.Close()
	}
}

// TestUninstallLikePip copies real distributions into two fresh venvs,
// uninstalls them with pip in one and with this package in the other, and
// compares what is left.
func TestUninstallLikePip(t *testing.T) {
	python, site := reference(t)
	for _, name := range []string{
		"idna",         // small package
		"six",          // a single module
		"jmespath",     // a script with its bytecode in bin/__pycache__
		"markupsafe",   // a C extension
		"pyyaml",       // two top-level names, a C extension
		"cryptography", // a large C extension package
		"cfn-lint",     // 8,754 RECORD rows, a console script
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dist, err := record.Find(name, []string{site}, nil)
			if err != nil {
				t.Skip(err)
			}
			root, err := filepath.EvalSymlinks(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []string{"pip", "go"} {
				venvDir := filepath.Join(root, v, "venv") // one base name: it is the prompt
				cmd := exec.Command(python, "-m", "venv", "--without-pip", venvDir)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("venv: %v\n%s", err, out)
				}
				s := filepath.Join(venvDir, "lib", "python3.11", "site-packages")
				copyDist(t, dist, s)
				// Something else in site-packages, so that it is not emptied:
				// pip would then delete site-packages itself (pip #7226).
				if err := os.WriteFile(filepath.Join(s, "other.pth"), []byte("\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}

			cmd := exec.Command(python, "-m", "pip", "--python", filepath.Join(root, "pip", "venv", "bin", "python"), "uninstall", "-y", name)
			cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PIP_BREAK_SYSTEM_PACKAGES=0")
			if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "Successfully uninstalled") {
				t.Fatalf("pip uninstall: %v\n%s", err, out)
			}

			exe := filepath.Join(root, "go", "venv", "bin", "python")
			in, _, err := scheme.Resolve(exe, nil)
			if err != nil {
				t.Fatal(err)
			}
			schemeName, paths, err := in.DefaultPaths()
			if err != nil {
				t.Fatal(err)
			}
			ours, err := record.Find(name, []string{paths.Purelib}, nil)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := record.NewPlan(ours, paths, &record.PlanOptions{SchemeName: schemeName})
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Refused) > 0 || len(plan.Kept) > 0 {
				t.Errorf("plan refuses %v and keeps %v", plan.Refused, plan.Kept)
			}
			if _, err := record.Apply(plan, &record.ApplyOptions{LockFile: filepath.Join(root, "go", "venv", ".lock")}); err != nil {
				t.Fatal(err)
			}

			left := func(venv string) map[string]string {
				dir := filepath.Join(root, venv, "venv")
				s := snapshot(t, dir)
				delete(s, ".lock")
				delete(s, ".")
				for k, v := range s { // activate scripts and pyvenv.cfg name the venv
					s[k] = strings.ReplaceAll(v, dir, "$VENV")
				}
				return s
			}
			if diff := cmp.Diff(left("pip"), left("go")); diff != "" {
				t.Errorf("after uninstalling %s (%d RECORD rows), the venvs differ (-pip +pep668):\n%s", name, len(dist.Record), diff)
			}
		})
	}
}
