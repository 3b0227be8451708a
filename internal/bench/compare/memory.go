// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// memoryRows measures the peak memory of planning the uninstall of a
// distribution whose RECORD has a million rows (half a million files on
// disk, in packages of ten modules with their bytecode): the resident set
// of the whole `pep668 uninstall --json` dry run, RECORD reading and the
// streamed JSON included, as a user's process has it.
func memoryRows(bin, pyenv string, rows int) ([]row, error) {
	tmp, err := os.MkdirTemp("", "pep668-memory-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	venvDir := filepath.Join(tmp, "venv")
	if out, err := exec.Command(pyenv, "-m", "venv", "--without-pip", venvDir).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("venv: %v: %s", err, out)
	}
	sp := filepath.Join(venvDir, "lib", "python3.11", "site-packages")
	if err := writeSyntheticDist(sp, rows); err != nil {
		return nil, err
	}
	c := exec.Command(bin, "uninstall", "--json", "--python", filepath.Join(venvDir, "bin", "python"), "pkg")
	start := time.Now()
	if out, err := c.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pep668 uninstall: %v: %.500s", err, out)
	}
	took := time.Since(start)
	peak, ok := peakRSS(c.ProcessState)
	if !ok {
		return nil, fmt.Errorf("this system does not tell a process's peak memory")
	}
	return []row{{fmt.Sprintf("peak resident memory of the `uninstall --json` dry run of a %d-row RECORD (%.1f s)", rows, took.Seconds()),
		fmt.Sprintf("%.0f MB", float64(peak)/1e6), "", "", "≤ 300 MB"}}, nil
}

// writeSyntheticDist writes the distribution "pkg" into the site
// directory: a RECORD of n rows, a .py and its bytecode for each pair,
// twenty rows to a package directory.
func writeSyntheticDist(sp string, n int) error {
	info := filepath.Join(sp, "pkg-1.0.dist-info")
	if err := os.MkdirAll(info, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(info, "RECORD"))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := 0; i < n; i += 2 {
		dir := filepath.Join(sp, "pkg", fmt.Sprintf("sub%d", i/20))
		py := fmt.Sprintf("pkg/sub%d/mod%d.py", i/20, i)
		pyc := fmt.Sprintf("pkg/sub%d/__pycache__/mod%d.cpython-311.pyc", i/20, i)
		fmt.Fprintf(w, "%s,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,%d\n%s,,\n", py, i%4096, pyc)
		if i%20 == 0 {
			if err := os.MkdirAll(filepath.Join(dir, "__pycache__"), 0o755); err != nil {
				return err
			}
		}
		for _, p := range []string{py, pyc} {
			if err := os.WriteFile(filepath.Join(sp, p), nil, 0o644); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(w, "pkg-1.0.dist-info/RECORD,,\npkg-1.0.dist-info/METADATA,,\n")
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(info, "METADATA"), []byte("Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n"), 0o644)
}
