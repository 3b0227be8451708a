// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

func ExampleParse() {
	entries, err := record.Parse("RECORD", []byte(
		"pkg/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\r\n"+
			`"pkg/a,b.txt",,`+"\r\n"+
			"pkg-1.0.dist-info/RECORD,,\r\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range entries {
		fmt.Printf("%s %q size %d\n", e.Path, e.Hash.Algorithm, e.Size)
	}
	_, err = record.Parse("RECORD", []byte("pkg/x.py,,,\n"))
	fmt.Println(err, errors.Is(err, record.ErrFieldCount))
	// Output:
	// pkg/__init__.py "sha256" size 0
	// pkg/a,b.txt "" size -1
	// pkg-1.0.dist-info/RECORD "" size -1
	// record: RECORD:1: want 3 fields: path, hash, size, got 4 true
}

func ExampleNewPlan() {
	const sp = "venv/lib/python3.12/site-packages"
	fsys := fstest.MapFS{
		sp + "/pkg/__init__.py":                          {},
		sp + "/pkg/__pycache__/__init__.cpython-312.pyc": {},
		sp + "/pkg/__pycache__/__init__.cpython-313.pyc": {},
		sp + "/pkg-1.0.dist-info/RECORD":                 {Data: []byte("pkg/__init__.py,,\npkg-1.0.dist-info/RECORD,,\n../../../../../etc/passwd,,\n")},
		"etc/passwd":                                     {},
	}
	dist, err := record.Find("pkg", []string{"/" + sp}, &record.FindOptions{FS: fsys})
	if err != nil {
		fmt.Println(err)
		return
	}
	paths := scheme.Paths{Purelib: "/" + sp, Platlib: "/" + sp, Scripts: "/venv/bin", Data: "/venv"}
	plan, err := record.NewPlan(dist, paths, &record.PlanOptions{FS: fsys, SchemeName: "venv"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range plan.Remove {
		fmt.Println("remove", strings.TrimPrefix(p, "/"+sp+"/"))
	}
	for _, p := range plan.RemoveDirs {
		fmt.Println("remove dir", strings.TrimPrefix(p, "/"+sp+"/"))
	}
	for _, r := range plan.Refused {
		fmt.Println("refuse", r.Path+":", r.Reason)
	}
	// Output:
	// remove pkg-1.0.dist-info/RECORD
	// remove pkg/__init__.py
	// remove pkg/__pycache__/__init__.cpython-312.pyc
	// remove pkg/__pycache__/__init__.cpython-313.pyc
	// remove dir pkg/__pycache__
	// remove dir pkg
	// remove dir pkg-1.0.dist-info
	// refuse /etc/passwd: leaves the target scheme through ..
}

func ExampleApply() {
	root, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(root)
	sp := filepath.Join(root, "venv", "lib", "python3.12", "site-packages")
	os.MkdirAll(filepath.Join(sp, "pkg-1.0.dist-info"), 0o755)
	os.WriteFile(filepath.Join(sp, "pkg.py"), []byte("x = 1\n"), 0o644)
	os.WriteFile(filepath.Join(sp, "pkg-1.0.dist-info", "RECORD"), []byte("pkg.py,,\npkg-1.0.dist-info/RECORD,,\n"), 0o644)

	dist, _ := record.Find("pkg", []string{sp}, nil)
	paths := scheme.Paths{Purelib: sp, Platlib: sp, Data: filepath.Join(root, "venv")}
	plan, _ := record.NewPlan(dist, paths, nil)
	res, err := record.Apply(plan, &record.ApplyOptions{LockFile: filepath.Join(root, "venv", ".lock")})
	if err != nil {
		fmt.Println(err)
		return
	}
	left, _ := os.ReadDir(sp)
	fmt.Println(len(res.Removed), "files and", len(res.RemovedDirs), "directory removed;", len(left), "entries left in site-packages")
	_, err = os.Stat(filepath.Join(sp, "pkg.py"))
	fmt.Println(errors.Is(err, fs.ErrNotExist))
	// Output:
	// 2 files and 1 directory removed; 0 entries left in site-packages
	// true
}
