// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package pep668_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/venv/venvtest"
)

// TestScanSpecialFiles: FIFOs where a scan reads (a RECORD-listed file
// under --verify, a marker, a pyvenv.cfg, METADATA) and a link to
// /dev/zero neither block nor read outside the tree: the scan ends, and
// says what it could not read.
func TestScanSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	in, err := venvtest.Debian("3.12").AddDistribution("demo", "1.0", "demo/__init__.py", "demo/pipe", "demo/zero").WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "home", "u", "venv", "lib", "python3.12", "site-packages")
	fifo := func(p string) {
		os.Remove(p)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no FIFOs:", err)
		}
	}
	fifo(filepath.Join(site, "demo", "pipe"))
	// RECORD with hashes, so that --verify reads the files it lists.
	os.WriteFile(filepath.Join(site, "demo-1.0.dist-info", "RECORD"), []byte("demo/__init__.py,"+sha("demo/__init__.py")+",16\n"+
		"demo/pipe,"+sha("")+",0\ndemo/zero,"+sha("")+",0\ndemo-1.0.dist-info/RECORD,,\n"), 0o644)
	os.Remove(filepath.Join(site, "demo", "zero"))
	os.Symlink("/dev/zero", filepath.Join(site, "demo", "zero"))
	fifo(in.Marker)
	os.MkdirAll(filepath.Join(dir, "opt", "other", "bin"), 0o755)
	os.WriteFile(filepath.Join(dir, "opt", "other", "bin", "python3.12"), nil, 0o755)
	fifo(filepath.Join(dir, "opt", "other", "pyvenv.cfg"))
	os.MkdirAll(filepath.Join(site, "fifo-1.0.dist-info"), 0o755)
	fifo(filepath.Join(site, "fifo-1.0.dist-info", "METADATA"))
	// FIFOs as the package databases' files, as an interpreter, and where
	// the system's site directories should be (os.Root's FS opens a FIFO
	// for reading, which waits for a writer).
	for _, d := range []string{"var/lib/dpkg/info/python3.12-minimal.list", "var/lib/dpkg/info/python3.12-minimal.md5sums",
		"var/lib/dpkg/info/libpython3.12-stdlib.list", "lib/apk/db/installed", "opt/fifo/bin/python3.12",
		"usr/lib/python3/dist-packages", "usr/local/lib/python3.12/dist-packages"} {
		os.RemoveAll(filepath.Join(dir, d))
		os.MkdirAll(filepath.Dir(filepath.Join(dir, d)), 0o755)
		fifo(filepath.Join(dir, d))
	}

	done := make(chan *pep668.ScanReport)
	go func() {
		r, err := pep668.ScanDir(dir, &pep668.ScanOptions{Verify: true})
		if err != nil {
			t.Error(err)
		}
		done <- r
	}()
	var r *pep668.ScanReport
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the scan blocks on a special file")
	}
	if r == nil {
		return
	}
	if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, "demo/pipe: not verified: not a regular file") }) {
		t.Errorf("the FIFO listed in RECORD is not noted: %q", r.Notes)
	}
	var evidence []string
	for _, f := range r.Findings {
		evidence = append(evidence, f.Evidence...)
	}
	if !slices.ContainsFunc(evidence, func(e string) bool { return strings.HasSuffix(e, "demo/zero") }) {
		t.Errorf("the link to /dev/zero (out of the tree) is not reported: %q", evidence)
	}
}
