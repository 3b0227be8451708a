// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package osfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
}

func TestRealPathPOSIX(t *testing.T) {
	f := New(fstest.MapFS{
		"usr/bin/python3.11":        {Data: []byte("elf")},
		"usr/bin/python3":           link("python3.11"),
		"venv/bin/python":           link("/usr/bin/python3"),
		"venv/bin/python3":          link("python"),
		"linked":                    link("/venv"),
		"rel/up":                    link("../usr/bin"),
		"loop/a":                    link("b"),
		"loop/b":                    link("a"),
		"usr/lib/python3.11/os.py":  {},
		"usr/lib64":                 link("lib"),
		"opt/dangling/python":       link("/nowhere/python"),
		"opt/venv/lib64":            link("lib"),
		"opt/venv/lib/site-package": {Mode: fs.ModeDir},
	}, false, "")
	tests := []struct{ in, want string }{
		{"/venv/bin/python3", "/usr/bin/python3.11"},
		{"/linked/bin/python", "/usr/bin/python3.11"},
		{"/linked/bin/../bin/python", "/usr/bin/python3.11"},
		{"/rel/up/python3", "/usr/bin/python3.11"},
		{"/usr/lib64/python3.11/os.py", "/usr/lib/python3.11/os.py"},
		{"/opt/dangling/python", "/nowhere/python"},
		{"/does/not/exist", "/does/not/exist"},
		{"/", "/"},
	}
	for _, tt := range tests {
		if got, err := f.RealPath(tt.in); err != nil || got != tt.want {
			t.Errorf("RealPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := f.RealPath("/loop/a"); !errors.Is(err, ErrLinkLoop) {
		t.Errorf("RealPath(/loop/a) error = %v, want ErrLinkLoop", err)
	}
	// The 3.8–3.10 rule: only the executable's own chain, joined lexically.
	if got, _ := f.FollowLinks("/linked/bin/python"); got != "/usr/bin/python3.11" {
		t.Errorf("FollowLinks(/linked/bin/python) = %q", got)
	}
	if got, _ := f.FollowLinks("/venv/bin/python3"); got != "/usr/bin/python3.11" {
		t.Errorf("FollowLinks(/venv/bin/python3) = %q", got)
	}
	if !f.IsFile("/venv/bin/python") || f.IsFile("/opt/dangling/python") || !f.IsDir("/usr/lib64") {
		t.Errorf("IsFile/IsDir do not follow links")
	}
}

func TestWindowsPaths(t *testing.T) {
	f := New(fstest.MapFS{
		"Python311/python.exe":     {},
		"Python311/Lib/os.py":      {},
		"venv/Scripts/python.exe":  {},
		"venv/pyvenv.cfg":          {Data: []byte(`home = C:\Python311`)},
		"Users/me/proj/.venv-link": link(`C:\venv`),
	}, true, "c:")
	if !f.IsFile(`C:\venv\Scripts\python.exe`) || !f.IsFile(`c:/Python311/Lib/os.py`) {
		t.Errorf("IsFile on Windows paths failed")
	}
	if f.IsFile(`D:\venv\Scripts\python.exe`) {
		t.Errorf("IsFile on another volume succeeded")
	}
	if got, _ := f.RealPath(`C:\Users\me\proj\.venv-link\pyvenv.cfg`); got != `C:\venv\pyvenv.cfg` {
		t.Errorf("RealPath through a link = %q", got)
	}
	for in, want := range map[string]string{
		`C:\venv\Scripts\python.exe`: `C:\venv\Scripts`,
		`C:\venv`:                    `C:\`,
		`C:\`:                        `C:\`,
	} {
		if got := f.Dir(in); got != want {
			t.Errorf("Dir(%q) = %q, want %q", in, got, want)
		}
	}
	if got := f.Join(`C:\venv`, "Scripts", "python.exe"); got != `C:\venv\Scripts\python.exe` {
		t.Errorf("Join = %q", got)
	}
	if got := f.Base(`C:\venv\Scripts\python.exe`); got != "python.exe" {
		t.Errorf("Base = %q", got)
	}
}

func TestHostLinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "abs")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if _, err := os.Readlink(filepath.Join(dir, "abs")); err != nil {
		t.Skip("links made do not read back (Wine):", err)
	}
	f := Host(dir)
	want, _ := filepath.EvalSymlinks(filepath.Join(dir, "real"))
	if got, err := f.RealPath(filepath.Join(dir, "abs")); err != nil || got != want {
		t.Errorf("RealPath = %q, %v; want %q", got, err, want)
	}
}

func TestDotDotAfterLink(t *testing.T) {
	f := New(fstest.MapFS{
		"venv/lib/link":  link("/elsewhere/a/b"),
		"elsewhere/a/b":  {Mode: fs.ModeDir},
		"elsewhere/a/x":  {},
		"venv/lib/x":     {},
		"venv/lib/plain": {Mode: fs.ModeDir},
	}, false, "")
	tests := []struct{ in, real, parent string }{
		{"/venv/lib/link/../x", "/elsewhere/a/x", "/elsewhere/a/x"},
		{"/venv/lib/plain/../x", "/venv/lib/x", "/venv/lib/x"},
		{"/venv/lib/link", "/elsewhere/a/b", "/venv/lib/link"},
		{"/venv/lib/link/", "/elsewhere/a/b", "/elsewhere/a/b"},
		{"/venv/lib/link/..", "/elsewhere/a", "/elsewhere/a"},
	}
	for _, tt := range tests {
		if got, err := f.RealPath(tt.in); err != nil || got != tt.real {
			t.Errorf("RealPath(%q) = %q, %v; want %q", tt.in, got, err, tt.real)
		}
		if got, err := f.ResolveParent(tt.in); err != nil || got != tt.parent {
			t.Errorf("ResolveParent(%q) = %q, %v; want %q", tt.in, got, err, tt.parent)
		}
	}
	if _, err := f.RealPath("relative"); !errors.Is(err, ErrOutside) {
		t.Errorf("RealPath(relative) error = %v", err)
	}
}

// Found by FuzzPlan: a missing component must not stop resolution, or a
// later link is skipped.
func TestMissingThenLink(t *testing.T) {
	f := New(fstest.MapFS{
		"site/out":   link("/etc"),
		"etc/passwd": {},
		"a/up":       link("/b/c/../../etc"),
		"b/c":        {Mode: fs.ModeDir},
	}, false, "")
	for in, want := range map[string]string{
		"/site/missing/../out/passwd": "/etc/passwd",
		"/site/missing/more/x":        "/site/missing/more/x",
		"/a/up/passwd":                "/etc/passwd",
	} {
		if got, err := f.RealPath(in); err != nil || got != want {
			t.Errorf("RealPath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// TestCacheAgreesWithFS checks that the cache answers exactly as FS does,
// for every path of trees with links, "..", loops and missing parts.
func TestCacheAgreesWithFS(t *testing.T) {
	fsys := fstest.MapFS{
		"usr/bin/python3.11":    {},
		"usr/bin/python3":       link("python3.11"),
		"venv/bin/python":       link("/usr/bin/python3"),
		"linked":                link("/venv"),
		"rel/up":                link("../usr/bin"),
		"loop/a":                link("b"),
		"loop/b":                link("a"),
		"site/out":              link("/etc"),
		"site/pkg/__pycache__":  link("/elsewhere/cache"),
		"elsewhere/cache/m.pyc": {},
		"etc/passwd":            {},
		"a/up":                  link("/b/c/../../etc"),
		"b/c":                   {Mode: fs.ModeDir},
		"dangling":              link("/nowhere"),
	}
	paths := []string{"/", "/usr/bin/python3", "/venv/bin/python", "/linked/bin/python", "/rel/up/python3",
		"/loop/a", "/loop/a/x", "/site/out/passwd", "/site/missing/../out/passwd", "/site/pkg/__pycache__/m.pyc",
		"/a/up/passwd", "/dangling", "/dangling/x", "/usr/bin/", "/linked/", "/linked/..", "/nope/x/../../usr",
		"/venv/bin/../bin/python"}
	f := New(fsys, false, "")
	c := f.NewCache()
	for round := 0; round < 2; round++ { // the second round is answered from memory
		for _, p := range paths {
			want, wantErr := f.RealPath(p)
			got, gotErr := c.RealPath(p)
			if got != want || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("Cache.RealPath(%q) = %q, %v; FS gives %q, %v", p, got, gotErr, want, wantErr)
			}
			want, wantErr = f.ResolveParent(p)
			got, gotErr = c.ResolveParent(p)
			if got != want || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("Cache.ResolveParent(%q) = %q, %v; FS gives %q, %v", p, got, gotErr, want, wantErr)
			}
			if real, err := f.ResolveParent(p); err == nil {
				info, lerr := f.Lstat(real)
				canonical, typ, err := c.Lookup(real)
				if (err == nil) != (lerr == nil) || Missing(err) != Missing(lerr) || canonical != real || (err == nil && typ != info.Mode().Type()) {
					t.Errorf("Cache.Lookup(%q) = %q, %v, %v; Lstat gives %v", real, canonical, typ, err, lerr)
				}
			}
		}
	}
}

// TestPrefetch: lookups during a prefetch wait for their own directory
// only and see what listing would; a second batch, directories listed
// already, and a cache dropped with listings outstanding are all fine.
func TestPrefetch(t *testing.T) {
	root := t.TempDir()
	var dirs []string
	for i := range 200 {
		d := filepath.Join(root, "d", string(rune('a'+i%26)), strconv.Itoa(i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "f.py"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	c := Host(root).NewCache()
	c.Prefetch(dirs[:150])
	c.Prefetch(append(dirs[100:], filepath.Join(root, "absent"))) // overlaps the first batch
	for i := len(dirs) - 1; i >= 0; i-- {                         // the last asked for first
		name, typ, err := c.LookupIn(dirs[i], "f.py")
		if err != nil || name != "f.py" || !typ.IsRegular() {
			t.Fatalf("LookupIn(%s, f.py) = %q, %v, %v", dirs[i], name, typ, err)
		}
		if _, _, err := c.LookupIn(dirs[i], "g.py"); !errors.Is(err, ErrUnlisted) || !Missing(err) {
			t.Fatalf("LookupIn(%s, g.py): %v, want ErrUnlisted", dirs[i], err)
		}
	}
	absent := c.Dir(filepath.Join(root, "absent"))
	waiting := 0
	for _, l := range c.listings {
		if l == c.pending {
			waiting++
		}
	}
	if absent != nil || c.outstanding != 0 || waiting != 0 {
		t.Errorf("after use: absent listed as %v, %d outstanding, %d waiting", absent, c.outstanding, waiting)
	}
	Host(root).NewCache().Prefetch(dirs) // dropped at once: its workers finish alone
}

// TestListHost: the host's listings give what os.ReadDir gives, names and
// types, sorted, across many reads of the kernel's buffer.
func TestListHost(t *testing.T) {
	dir := t.TempDir()
	odd := " \\ \t" // not allowed in Windows names
	if runtime.GOOS == "windows" {
		odd = " "
	}
	for i := range 3000 { // several buffers' worth of long names
		name := fmt.Sprintf("%04d-%s-ünï%s.py", i, strings.Repeat("x", i%200), odd)
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.Symlink("sub", filepath.Join(dir, "link"))
	names, types, err := listHost(dir)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(entries) || len(types) != len(entries) {
		t.Fatalf("listHost gives %d names, %d types; os.ReadDir %d entries", len(names), len(types), len(entries))
	}
	for i, e := range entries {
		if names[i] != e.Name() || types[i] != e.Type() {
			t.Errorf("entry %d: listHost %q %v, os.ReadDir %q %v", i, names[i], types[i], e.Name(), e.Type())
		}
	}
	if _, _, err := listHost(filepath.Join(dir, "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("listHost of an absent directory: %v", err)
	}
}
