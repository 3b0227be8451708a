// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/record"
)

// TestLib64VenvOf315 uninstalls from a venv of CPython 3.15 on a lib64
// platform, where purelib (lib/python3.15/site-packages) and platlib
// (lib64/python3.15/site-packages) are two real directories, no longer one
// through a lib64 -> lib link (python/cpython gh-133951): the extension in
// platlib goes, and a file another distribution in platlib lists stays.
func TestLib64VenvOf315(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a POSIX layout; the host's own flavour is used")
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
	write("usr/bin/python3.15", "")
	write("usr/lib64/python3.15/os.py", "")
	if err := os.MkdirAll(filepath.Join(root, "usr/lib64/python3.15/lib-dynload"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("v/pyvenv.cfg", "home = "+filepath.Join(root, "usr/bin")+"\nversion = 3.15.0\n")
	write("v/bin/python", "")
	pure, plat := "v/lib/python3.15/site-packages/", "v/lib64/python3.15/site-packages/"
	write(pure+"ext/__init__.py", "")
	write(plat+"_ext.so", "")
	write(plat+"shared.so", "")
	write(pure+"ext-1.0.dist-info/METADATA", "Name: ext\n")
	write(pure+"ext-1.0.dist-info/RECORD", "ext/__init__.py,,\n../../../lib64/python3.15/site-packages/_ext.so,,\n"+
		"../../../lib64/python3.15/site-packages/shared.so,,\next-1.0.dist-info/METADATA,,\next-1.0.dist-info/RECORD,,\n")
	write(plat+"other-2.0.dist-info/METADATA", "Name: other\n")
	write(plat+"other-2.0.dist-info/RECORD", "shared.so,,\nother-2.0.dist-info/METADATA,,\nother-2.0.dist-info/RECORD,,\n")

	v, err := pep668.Check(filepath.Join(root, "v/bin/python"), &pep668.Options{Python: "3.15"})
	if err != nil {
		t.Fatal(err)
	}
	_, paths, err := v.Interpreter.DefaultPaths()
	if err != nil {
		t.Fatal(err)
	}
	wantPure, wantPlat := filepath.Join(root, pure), filepath.Join(root, plat)
	if v.Scheme != "venv" || paths.Purelib != wantPure || paths.Platlib != wantPlat {
		t.Fatalf("scheme %s, purelib %s, platlib %s; want venv, %s, %s", v.Scheme, paths.Purelib, paths.Platlib, wantPure, wantPlat)
	}
	dist, err := record.Find("ext", []string{paths.Purelib, paths.Platlib}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := record.NewPlan(dist, paths, &record.PlanOptions{SchemeName: v.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(plan.Remove, filepath.Join(wantPlat, "_ext.so")) || slices.Contains(plan.Remove, filepath.Join(wantPlat, "shared.so")) {
		t.Fatalf("plan removes %q; want platlib's _ext.so, not shared.so", plan.Remove)
	}
	if _, err := record.Apply(plan, nil); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{plat + "_ext.so": false, pure + "ext": false, plat + "shared.so": true, plat + "other-2.0.dist-info/RECORD": true} {
		if _, err := os.Lstat(filepath.Join(root, rel)); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", rel, err == nil, want)
		}
	}
}
