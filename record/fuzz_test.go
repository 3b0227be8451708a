// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// FuzzParse checks that any bytes parse without a panic into valid entries
// or fail with a *ParseError naming a line.
func FuzzParse(f *testing.F) {
	f.Add([]byte(hostile()[site+"/evil-1.0.dist-info/RECORD"]))
	matches, _ := filepath.Glob("/root/.pyenv/versions/3.11.*/lib/python3.11/site-packages/*.dist-info/RECORD")
	for i, m := range matches {
		if data, err := os.ReadFile(m); err == nil && i < 20 && len(data) < 1<<16 {
			f.Add(data)
		}
	}
	f.Add([]byte("\"a\"\"b\",sha256=AAAA,12\r\n\n,,\n\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := record.Parse("RECORD", data)
		if err != nil {
			var pe *record.ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %#v is not a *ParseError with a line", err)
			}
			return
		}
		for _, e := range entries {
			if e.Path == "" || e.Size < -1 || e.Line < 1 {
				t.Fatalf("invalid entry %+v", e)
			}
			if !e.Hash.IsZero() {
				if _, err := record.Parse("again", []byte(`"`+strings.ReplaceAll(e.Path, `"`, `""`)+`",`+e.Hash.String()+",")); err != nil {
					t.Fatalf("entry %+v does not round-trip: %v", e, err)
				}
			}
		}
	})
}

// FuzzPlan plans the uninstall of a distribution whose RECORD is fuzzed, in
// a venv whose scheme names a base interpreter's stdlib and include, with
// links leading out of the venv and into the base, and checks that every
// planned path lies inside the install targets once resolved: never in the
// base, another venv, or /etc.
func FuzzPlan(f *testing.F) {
	f.Add("pkg/a.py\n../../../../etc/passwd\n/etc/passwd\nout/passwd\npkg/../../../../venv2/x\nlink/../../../x")
	f.Add("pkg/a.py\n../../../bin/tool\npkg/__pycache__/a.cpython-312.pyc\n")
	f.Add("../../../../base/lib/python3.12/os.py\n/base/include/python3.12/Python.h\nstd/os.py\ninc/Python.h\n../../../include/site/python3.12/pkg/x.h")
	f.Add("PKG/A.PY\npkg\\a.py\npkg/./a.py\npkg//a.py\n./pkg/a.py\npkg/a.py/")
	f.Fuzz(func(t *testing.T, lines string) {
		link := func(target string) *fstest.MapFile {
			return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
		}
		const sp = "venv/lib/python3.12/site-packages"
		var record_ strings.Builder
		for _, l := range strings.Split(lines, "\n") {
			record_.WriteString(`"` + strings.ReplaceAll(l, `"`, `""`) + `",,` + "\n")
		}
		fsys := fstest.MapFS{
			sp + "/pkg/a.py": {},
			sp + "/pkg/__pycache__/a.cpython-312.pyc": {},
			sp + "/out":                            link("/etc"),
			sp + "/link":                           link("/venv2/deep/er"),
			sp + "/std":                            link("/base/lib/python3.12"),
			sp + "/inc":                            link("../../../../base/include/python3.12"),
			sp + "/pkg-1.0.dist-info/RECORD":       {Data: []byte(record_.String())},
			"venv/bin/tool":                        {},
			"venv/include/site/python3.12/pkg/x.h": {},
			"venv2/x":                              {},
			"venv2/deep/er/x":                      {},
			"etc/passwd":                           {},
			"base/lib/python3.12/os.py":            {},
			"base/include/python3.12/Python.h":     {},
		}
		dist, err := record.Find("pkg", []string{"/" + sp}, &record.FindOptions{FS: fsys})
		if err != nil {
			t.Fatal(err)
		}
		paths := scheme.Paths{
			Stdlib: "/base/lib/python3.12", Platstdlib: "/venv/lib/python3.12",
			Purelib: "/" + sp, Platlib: "/" + sp,
			Include: "/base/include/python3.12", Platinclude: "/base/include/python3.12",
			Scripts: "/venv/bin", Data: "/venv",
		}
		plan, err := record.NewPlan(dist, paths, &record.PlanOptions{FS: fsys})
		if err != nil {
			return // a RECORD that cannot be used refuses the whole uninstall
		}
		bounds, err := scheme.NewBounds(paths, &scheme.BoundsOptions{FS: fsys})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range append(append([]string{}, plan.Remove...), plan.RemoveDirs...) {
			if _, inside, err := bounds.Contains(p); err != nil || !inside {
				t.Fatalf("planned %s lies outside the scheme (RECORD %q)", p, lines)
			}
			if !strings.HasPrefix(p, "/venv/") || p == "/venv/lib/python3.12" || strings.HasPrefix(p, "/venv/lib/python3.12/") && !strings.HasPrefix(p, "/"+sp+"/") {
				t.Fatalf("planned %s outside the venv's install targets", p)
			}
			if slices.Contains(plan.Roots, p) {
				t.Fatalf("planned the install directory %s itself", p)
			}
		}
		// What the plan says of each path holds on the tree: removed once,
		// and a file; an emptied directory holds only what is removed;
		// a missing path is absent.
		removed := map[string]bool{}
		for _, p := range append(append([]string{}, plan.Remove...), plan.RemoveDirs...) {
			if removed[p] {
				t.Fatalf("%s planned twice (RECORD %q)", p, lines)
			}
			removed[p] = true
		}
		for _, p := range plan.Remove {
			if info, err := fs.Lstat(fsys, p[1:]); err != nil || info.IsDir() {
				t.Fatalf("planned file %s: %v, %v", p, info, err)
			}
		}
		for _, d := range plan.RemoveDirs {
			entries, err := fs.ReadDir(fsys, d[1:])
			if err != nil {
				t.Fatalf("planned directory %s: %v", d, err)
			}
			for _, e := range entries {
				if !removed[d+"/"+e.Name()] {
					t.Fatalf("planned directory %s keeps %s (RECORD %q)", d, e.Name(), lines)
				}
			}
		}
		for _, p := range plan.Missing {
			if _, err := fs.Lstat(fsys, p[1:]); err == nil {
				t.Fatalf("%s reported missing but exists (RECORD %q)", p, lines)
			}
		}
	})
}

// FuzzNormalizeName checks PyPA name normalisation: idempotent, lower case,
// no run of separators, and the same for every spelling of one name.
func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{"cfn_lint", "CFN-Lint", "zope.interface", "a__b--c..d", "", "-", "Ünïcode_Name"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		n := record.NormalizeName(name)
		if record.NormalizeName(n) != n {
			t.Fatalf("NormalizeName(%q) = %q is not a fixed point", name, n)
		}
		if strings.ContainsAny(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_.") || strings.Contains(n, "--") {
			t.Fatalf("NormalizeName(%q) = %q", name, n)
		}
		if alt := strings.NewReplacer("-", "_", ".", "-").Replace(strings.ToUpper(name)); record.NormalizeName(alt) != record.NormalizeName(strings.ToUpper(name)) {
			t.Fatalf("spellings of %q normalise differently", name)
		}
	})
}
