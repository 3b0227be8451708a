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
		scheme.Purelib: "/venv/lib/python3.11/site-packages",
		scheme.Platlib: "/venv/lib/python3.11/site-packages",
		scheme.Scripts: "/venv/bin",
		scheme.Data:    "/venv",
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

	win, err := scheme.NewBounds(scheme.Paths{scheme.Purelib: `C:\venv\Lib\site-packages`}, &scheme.BoundsOptions{FS: fstest.MapFS{}, Windows: true})
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
