// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/internal/testpython"
	"github.com/pep668/pep668/venv"
)

// TestDetectLive makes the golden environments on the spot with every
// reference interpreter of the machine (python -m venv with --copies,
// --symlinks, --system-site-packages, --without-pip, --prompt, a venv made
// from a venv, one reached through a symlinked directory, odd pyvenv.cfg
// files, PYTHONHOME) and compares Detect, on the real disk, with what each
// interpreter prints for sys.prefix and sys.base_prefix.
func TestDetectLive(t *testing.T) {
	for _, py := range testpython.All(t) {
		t.Run(py.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "result.json")
			py.Run(t, "../internal/testdata/gen/venv_golden.py", "--python", py.Path, "--keep", filepath.Join(dir, "envs"), "--out", out)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var g golden
			if err := json.Unmarshal(data, &g); err != nil {
				t.Fatal(err)
			}
			same := func(s string) string { return s }
			for _, c := range g.Cases {
				if why, ok := deviates(c.Name, g.Version); ok {
					t.Logf("%s: skipped: %s", c.Name, why)
					continue
				}
				env, err := venv.Detect(c.Executable, &venv.Options{LookupEnv: environ.Map(c.Env)})
				if err != nil {
					t.Errorf("%s: Detect(%s): %v", c.Name, c.Executable, err)
					continue
				}
				if diff := compare(env, c.Expect, same); diff != "" {
					t.Errorf("%s: Detect(%s) mismatch (-python +Detect):\n%s\nnotes: %q", c.Name, c.Executable, diff, env.Notes)
				}
			}
		})
	}
}
