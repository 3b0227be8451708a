// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/pep668/pep668/scheme"
)

func TestBounds(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
	}
	fsys := fstest.MapFS{
		"venv/lib/python3.11/site-packages/pkg/mod.py": {},
		"venv/lib/python3.11/site-packages/escape":     link("/etc"),
		"venv/lib/python3.11/site-packages/deep":       link("/etc/ssl/certs"),
		"venv/lib/python3.11/site-packages/inside":     link("pkg"),
		"venv/bin/tool": {},
		"venv2/lib/python3.11/site-packages/x.py": {},
		"etc/passwd":           {},
		"etc/ssl/certs/ca.pem": {},
		"link-to-venv":         link("/venv"),
		"opt/linked-site":      link("/venv/lib/python3.11/site-packages"),
	}
	paths := scheme.Paths{
		Purelib: "/venv/lib/python3.11/site-packages",
		Platlib: "/venv/lib/python3.11/site-packages",
		Scripts: "/venv/bin",
		Data:    "/venv",
	}
	b, err := scheme.NewBounds(paths, &scheme.BoundsOptions{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path   string
		key    string
		inside bool
	}{
		{"/venv/lib/python3.11/site-packages/pkg/mod.py", scheme.Platlib, true},
		{"/venv/lib/python3.11/site-packages", scheme.Platlib, true},
		{"/venv/bin/tool", scheme.Scripts, true},
		{"/venv/pyvenv.cfg", scheme.Data, true},
		{"/venv2/lib/python3.11/site-packages/x.py", "", false}, // a sibling whose name extends the prefix
		{"/venv/lib/python3.11/site-packages/../../../../etc/passwd", "", false},
		{"/venv/lib/python3.11/site-packages/escape", scheme.Platlib, true}, // the link itself is inside
		{"/venv/lib/python3.11/site-packages/escape/passwd", "", false},     // through it is not
		{"/venv/lib/python3.11/site-packages/deep/../../passwd", "", false}, // ".." after a link is physical
		{"/venv/lib/python3.11/site-packages/inside/mod.py", scheme.Platlib, true},
		{"/link-to-venv/bin/tool", scheme.Scripts, true}, // resolved parents
		{"/opt/linked-site/pkg/mod.py", scheme.Platlib, true},
		{"/etc/passwd", "", false},
	}
	for _, tt := range tests {
		key, inside, err := b.Contains(tt.path)
		if err != nil || inside != tt.inside || key != tt.key {
			t.Errorf("Contains(%s) = %q, %v, %v; want %q, %v", tt.path, key, inside, err, tt.key, tt.inside)
		}
	}
	if _, _, err := b.Contains("relative/path"); err == nil {
		t.Error("Contains(relative/path) succeeded")
	}

	win, err := scheme.NewBounds(scheme.Paths{Purelib: `C:\venv\Lib\site-packages`}, &scheme.BoundsOptions{FS: fstest.MapFS{}, Windows: true})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{
		`c:\VENV\lib\Site-Packages\x.py`: true,
		`C:\venv\Lib\site-packages2\x`:   false,
		`D:\venv\Lib\site-packages\x`:    false,
	} {
		if _, inside, _ := win.Contains(p); inside != want {
			t.Errorf("Windows Contains(%s) = %v, want %v", p, inside, want)
		}
	}
}

// TestBoundsExcludeInterpreterDirs checks that the interpreter's own
// directories are never inside, even where a target holds them, except the
// parts a target lies in.
func TestBoundsExcludeInterpreterDirs(t *testing.T) {
	fsys := fstest.MapFS{}
	tests := []struct {
		name  string
		paths scheme.Paths
		cases map[string]bool
	}{{
		// A venv's stdlib and include are the base interpreter's.
		name: "venv",
		paths: scheme.Paths{
			Stdlib: "/opt/py/lib/python3.11", Platstdlib: "/venv/lib/python3.11",
			Purelib: "/venv/lib/python3.11/site-packages", Platlib: "/venv/lib/python3.11/site-packages",
			Include: "/opt/py/include/python3.11", Platinclude: "/opt/py/include/python3.11",
			Scripts: "/venv/bin", Data: "/venv",
		},
		cases: map[string]bool{
			"/opt/py/lib/python3.11/this.py":        false,
			"/opt/py/include/python3.11/Python.h":   false,
			"/venv/lib/python3.11/site-packages/x":  true,
			"/venv/lib/python3.11/orphan.py":        false, // platstdlib, inside data
			"/venv/include/site/python3.11/pkg/x.h": true,
			"/venv/pyvenv.cfg":                      true,
		},
	}, {
		// pyenv: data is the prefix, which holds stdlib and include.
		name: "prefix",
		paths: scheme.Paths{
			Stdlib: "/opt/py/lib/python3.11", Platstdlib: "/opt/py/lib/python3.11",
			Purelib: "/opt/py/lib/python3.11/site-packages", Platlib: "/opt/py/lib/python3.11/site-packages",
			Include: "/opt/py/include/python3.11", Platinclude: "/opt/py/include/python3.11",
			Scripts: "/opt/py/bin", Data: "/opt/py",
			Headers: "/opt/py/include/python3.11/pkg",
		},
		cases: map[string]bool{
			"/opt/py/lib/python3.11/os.py":                  false,
			"/opt/py/lib/python3.11/site-packages/pkg/a.py": true,
			"/opt/py/include/python3.11/Python.h":           false,
			"/opt/py/include/python3.11/pkg/pkg.h":          true, // the headers an installer wrote
			"/opt/py/include/python3.11/other/other.h":      false,
			"/opt/py/share/man/man1/pkg.1":                  true,
			"/opt/py/bin/pkg-tool":                          true,
			"/opt/py/lib/python3.11/lib-dynload/_ssl.so":    false,
			"/opt/py/lib/python3.11/site-packages/../os.py": false,
		},
	}, {
		// Debian's posix_local, as --break-system-packages targets it.
		name: "debian",
		paths: scheme.Paths{
			Stdlib: "/usr/lib/python3.11", Platstdlib: "/usr/lib/python3.11",
			Purelib: "/usr/local/lib/python3.11/dist-packages", Platlib: "/usr/local/lib/python3.11/dist-packages",
			Include: "/usr/include/python3.11", Platinclude: "/usr/include/python3.11",
			Scripts: "/usr/local/bin", Data: "/usr/local",
		},
		cases: map[string]bool{
			"/usr/lib/python3.11/os.py":                 false,
			"/usr/include/python3.11/Python.h":          false,
			"/usr/local/lib/python3.11/dist-packages/x": true,
			"/usr/lib/python3/dist-packages/apt.py":     false,
		},
	}, {
		// posix_home with base = installed_base: stdlib is purelib; the
		// target wins.
		name: "home",
		paths: scheme.Paths{
			Stdlib: "/home/u/lib/python", Purelib: "/home/u/lib/python", Platlib: "/home/u/lib/python",
			Include: "/home/u/include/python", Scripts: "/home/u/bin", Data: "/home/u",
		},
		cases: map[string]bool{
			"/home/u/lib/python/pkg.py":    true,
			"/home/u/include/python/x.h":   false,
			"/home/u/share/doc/pkg/README": true,
		},
	}}
	for _, tt := range tests {
		b, err := scheme.NewBounds(tt.paths, &scheme.BoundsOptions{FS: fsys})
		if err != nil {
			t.Fatal(err)
		}
		for p, want := range tt.cases {
			if _, inside, err := b.Contains(p); err != nil || inside != want {
				t.Errorf("%s: Contains(%s) = %v, %v; want %v", tt.name, p, inside, err, want)
			}
		}
		for _, d := range tt.paths.All() {
			if !b.Encloses(d) || !b.Encloses("/") {
				t.Errorf("%s: Encloses(%s) is false", tt.name, d)
			}
		}
		if b.Encloses(tt.paths.Purelib + "/pkg") {
			t.Errorf("%s: a package directory counts as a scheme directory", tt.name)
		}
	}
}
