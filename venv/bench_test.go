// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pep668/pep668/venv"
)

var benchConfig = []byte("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\nexecutable = /usr/bin/python3.11\ncommand = /usr/bin/python3.11 -m venv /home/me/proj/.venv\n")

func BenchmarkParseConfig(b *testing.B) {
	b.SetBytes(int64(len(benchConfig)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := venv.ParseConfig("pyvenv.cfg", benchConfig); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDetectVenv detects a venv made by python -m venv --symlinks,
// on disk: a link to the base interpreter, pyvenv.cfg, the base's stdlib.
func BenchmarkDetectVenv(b *testing.B) {
	root := b.TempDir()
	for _, d := range []string{"usr/bin", "usr/lib/python3.11/lib-dynload", "venv/bin", "venv/lib/python3.11/site-packages"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "usr/bin/python3.11"), nil, 0o755)
	os.WriteFile(filepath.Join(root, "usr/lib/python3.11/os.py"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "venv/pyvenv.cfg"), []byte("home = "+filepath.Join(root, "usr/bin")+"\nversion = 3.11.2\n"), 0o644)
	if err := os.Symlink(filepath.Join(root, "usr/bin/python3.11"), filepath.Join(root, "venv/bin/python")); err != nil {
		b.Skip(err)
	}
	exe := filepath.Join(root, "venv/bin/python")
	b.ReportAllocs()
	for b.Loop() {
		env, err := venv.Detect(exe, nil)
		if err != nil || !env.IsVirtual {
			b.Fatal(env, err)
		}
	}
}
