// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// tempRoot returns a new temporary directory, its links resolved.
func tempRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// planIn finds name in the site directory of paths and plans its
// uninstall.
func planIn(t *testing.T, name string, paths scheme.Paths) (*record.Plan, error) {
	t.Helper()
	dist, err := record.Find(name, []string{paths.Purelib}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return record.NewPlan(dist, paths, nil)
}

func reasonsOf(root string, decisions []record.Decision) map[string]string {
	out := map[string]string{}
	for _, d := range decisions {
		rel, _ := filepath.Rel(root, d.Path)
		out[filepath.ToSlash(rel)] = d.Reason
	}
	return out
}

// TestBaseIsNeverInside: a venv's scheme names the base interpreter's
// stdlib and include, and a prefix's data holds its own stdlib and
// include; none of them is the uninstall's to touch.
func TestBaseIsNeverInside(t *testing.T) {
	root := tempRoot(t)
	const vsite = "venv/lib/python3.11/site-packages"
	const psite = "py/lib/python3.11/site-packages"
	tree{
		"py/lib/python3.11/os.py":            "stdlib",
		"py/lib/python3.11/this.py":          "stdlib",
		"py/include/python3.11/Python.h":     "header",
		"py/include/python3.11/pkg/pkg.h":    "the headers pip wrote for pkg",
		"py/bin/python3.11":                  "elf",
		psite + "/pkg/__init__.py":           "",
		psite + "/pkg-1.0.dist-info/RECORD":  "pkg/__init__.py,,\n../os.py,,\n../../../include/python3.11/Python.h,,\n../../../include/python3.11/pkg/pkg.h,,\npkg-1.0.dist-info/RECORD,,\n",
		vsite + "/evil/__init__.py":          "",
		vsite + "/evil-1.0.dist-info/RECORD": "evil/__init__.py,,\n../../../../py/lib/python3.11/this.py,,\n$ROOT/py/include/python3.11/Python.h,,\n../../../../py/lib/python3.11/site-packages/pkg/__init__.py,,\nevil-1.0.dist-info/RECORD,,\n",
		"venv/pyvenv.cfg":                    "home = $ROOT/py/bin\n",
	}.write(t, root)
	for p := range map[string]bool{vsite + "/evil-1.0.dist-info/RECORD": true, psite + "/pkg-1.0.dist-info/RECORD": true} {
		data, _ := os.ReadFile(filepath.Join(root, p))
		os.WriteFile(filepath.Join(root, p), []byte(strings.ReplaceAll(string(data), "$ROOT", root)), 0o644)
	}
	py, venv := filepath.Join(root, "py"), filepath.Join(root, "venv")
	venvScheme := scheme.Paths{
		Stdlib: py + "/lib/python3.11", Platstdlib: venv + "/lib/python3.11",
		Purelib: filepath.Join(root, vsite), Platlib: filepath.Join(root, vsite),
		Include: py + "/include/python3.11", Platinclude: py + "/include/python3.11",
		Scripts: venv + "/bin", Data: venv,
	}
	prefixScheme := scheme.Paths{
		Stdlib: py + "/lib/python3.11", Platstdlib: py + "/lib/python3.11",
		Purelib: filepath.Join(root, psite), Platlib: filepath.Join(root, psite),
		Include: py + "/include/python3.11", Platinclude: py + "/include/python3.11",
		Scripts: py + "/bin", Data: py, Headers: py + "/include/python3.11/pkg",
	}
	before := snapshot(t, root)
	for _, tt := range []struct {
		name    string
		paths   scheme.Paths
		refused []string
		removed []string
	}{
		{"evil", venvScheme,
			[]string{"py/lib/python3.11/this.py", "py/include/python3.11/Python.h", psite + "/pkg/__init__.py"},
			[]string{vsite + "/evil/__init__.py"}},
		{"pkg", prefixScheme,
			[]string{"py/lib/python3.11/os.py", "py/include/python3.11/Python.h"},
			[]string{psite + "/pkg/__init__.py", "py/include/python3.11/pkg/pkg.h"}},
	} {
		plan, err := planIn(t, tt.name, tt.paths)
		if err != nil {
			t.Fatal(err)
		}
		reasons := reasonsOf(root, plan.Refused)
		for _, p := range tt.refused {
			if reasons[p] == "" {
				t.Errorf("%s: %s is not refused (refused: %q)", tt.name, p, reasons)
			}
		}
		if _, err := record.Apply(plan, nil); err != nil {
			t.Fatal(err)
		}
		for _, p := range tt.removed {
			if _, err := os.Lstat(filepath.Join(root, p)); !os.IsNotExist(err) {
				t.Errorf("%s: %s was not removed", tt.name, p)
			}
			delete(before, p)
		}
	}
	after := snapshot(t, root)
	for p, v := range before {
		if strings.HasPrefix(p, "py/") && !strings.Contains(p, "pkg") && after[p] != v {
			t.Errorf("the base interpreter's %s changed: %q → %q", p, v, after[p])
		}
	}
}

// TestOwnershipIsLenient: another distribution's RECORD with a bad row
// still protects every file it lists; one that cannot be read refuses.
func TestOwnershipIsLenient(t *testing.T) {
	root := tempRoot(t)
	rows := map[string]string{
		"size":   "shared/a.txt,,12abc\n",
		"base64": "shared/b.txt,sha256=!!!,\n",
		"fields": "shared/c.txt,,,\n",
		"utf8":   "shared/d.txt,,\n\xff\xfe,,\n",
		"blank":  "\n\nshared/e.txt,,\n",
	}
	tr := tree{site + "/mine-1.0.dist-info/RECORD": "mine-1.0.dist-info/RECORD,,\n"}
	var mine strings.Builder
	for name, row := range rows {
		file := strings.Split(row, ",")[0]
		file = strings.TrimLeft(file, "\n")
		tr[site+"/"+file] = name
		mine.WriteString(file + ",,\n")
		tr[site+"/"+name+"-1.0.dist-info/RECORD"] = row
	}
	// A setuptools .egg-info lists its files relative to itself.
	tr[site+"/shared/f.txt"] = "egg"
	mine.WriteString("shared/f.txt,,\n")
	tr[site+"/egg-2.0-py3.12.egg-info/installed-files.txt"] = "../shared/f.txt\n"
	tr[site+"/mine-1.0.dist-info/RECORD"] = mine.String() + "mine-1.0.dist-info/RECORD,,\n"
	tr.write(t, root)

	plan, err := planIn(t, "mine", venvPaths(root))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, k := range plan.Kept {
		kept = append(kept, filepath.Base(k.Path)+" "+k.Owner)
	}
	slices.Sort(kept)
	want := []string{"a.txt size 1.0", "b.txt base64 1.0", "c.txt fields 1.0", "d.txt utf8 1.0", "e.txt blank 1.0", "f.txt egg 2.0"}
	if diff := cmp.Diff(want, kept); diff != "" {
		t.Errorf("shared files kept (-want +got):\n%s", diff)
	}
	if len(plan.Remove) != 1 {
		t.Errorf("Remove = %q, want only mine's RECORD", plan.Remove)
	}

	// A RECORD that is there but cannot be read: what it lists is unknown.
	other := filepath.Join(root, site, "other-1.0.dist-info", "RECORD")
	os.MkdirAll(other, 0o755) // a directory named RECORD
	if _, err := planIn(t, "mine", venvPaths(root)); !errors.Is(err, record.ErrUnknownOwners) || !strings.Contains(err.Error(), "other-1.0.dist-info") {
		t.Errorf("NewPlan with an unreadable RECORD beside: %v, want ErrUnknownOwners naming it", err)
	}
}

// TestBasisChanged: a distribution that comes, or a RECORD that changes,
// between the plan and Apply makes Apply refuse with nothing changed.
func TestBasisChanged(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(root string) error
	}{
		{"a distribution sharing a file arrives", func(root string) error {
			dir := filepath.Join(root, site, "ns2-1.0.dist-info")
			os.MkdirAll(dir, 0o755)
			return os.WriteFile(filepath.Join(dir, "RECORD"), []byte("ns/__init__.py,,\n"), 0o644)
		}},
		{"another RECORD changes", func(root string) error {
			return os.WriteFile(filepath.Join(root, site, "other-1.0.dist-info", "RECORD"), []byte("ns/__init__.py,,\n"), 0o644)
		}},
		{"its own RECORD changes", func(root string) error {
			return os.WriteFile(filepath.Join(root, site, "ns1-1.0.dist-info", "RECORD"), []byte("ns/__init__.py,,\n"), 0o644)
		}},
		{"an entry_points.txt appears", func(root string) error {
			return os.WriteFile(filepath.Join(root, site, "ns1-1.0.dist-info", "entry_points.txt"), []byte("[console_scripts]\npip = x:y\n"), 0o644)
		}},
		{"the site directory is replaced", func(root string) error {
			sp := filepath.Join(root, site)
			if err := os.Rename(sp, sp+".old"); err != nil {
				return err
			}
			return os.Rename(sp+".old", sp) // the same directory: allowed
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := tempRoot(t)
			tree{
				site + "/ns/__init__.py":             "",
				site + "/ns/one.py":                  "",
				site + "/ns1-1.0.dist-info/RECORD":   "ns/__init__.py,,\nns/one.py,,\nns1-1.0.dist-info/RECORD,,\n",
				site + "/other-1.0.dist-info/RECORD": "other.py,,\n",
			}.write(t, root)
			plan, err := planIn(t, "ns1", venvPaths(root))
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.change(root); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, root)
			_, err = record.Apply(plan, nil)
			if tt.name == "the site directory is replaced" {
				if err != nil {
					t.Errorf("Apply after renaming the site directory back: %v", err)
				}
				return
			}
			if !errors.Is(err, record.ErrChanged) {
				t.Errorf("Apply: %v, want ErrChanged", err)
			}
			if diff := cmp.Diff(before, snapshot(t, root)); diff != "" {
				t.Errorf("the tree changed (-before +after):\n%s", diff)
			}
		})
	}
}

// TestLockExcludes: a second Lock waits until the first is released.
func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".lock")
	first, err := record.Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	released := false
	done := make(chan error)
	go func() {
		second, err := record.Lock(path)
		mu.Lock()
		if err == nil && !released {
			err = errors.New("the second lock was granted while the first was held")
		}
		mu.Unlock()
		second.Unlock()
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	mu.Lock()
	released = true
	first.Unlock()
	mu.Unlock()
	if err := <-done; err != nil {
		t.Error(err)
	}
	if err := os.Symlink(path, path+".link"); err == nil {
		if _, err := os.Readlink(path + ".link"); err == nil { // Wine makes no links
			if l, err := record.Lock(path + ".link"); err == nil {
				l.Unlock()
				if runtime.GOOS != "windows" {
					t.Error("Lock followed a link")
				}
			}
		}
	}
}

// errFS fails every access to one name with err, as a directory without
// permissions does.
type errFS struct {
	fstest.MapFS
	name string
	err  error
}

func (f errFS) check(op, name string) error {
	if name == f.name || strings.HasPrefix(name, f.name+"/") {
		return &fs.PathError{Op: op, Path: name, Err: f.err}
	}
	return nil
}

func (f errFS) Open(name string) (fs.File, error) {
	if err := f.check("open", name); err != nil {
		return nil, err
	}
	return f.MapFS.Open(name)
}

func (f errFS) Lstat(name string) (fs.FileInfo, error) {
	if err := f.check("lstat", name); err != nil {
		return nil, err
	}
	return f.MapFS.Lstat(name)
}

func (f errFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.check("readdir", name); err != nil {
		return nil, err
	}
	return f.MapFS.ReadDir(name)
}

// TestUnreachableRefuses: a listed file that cannot be examined is not a
// missing one; the whole uninstall is refused, naming it.
func TestUnreachableRefuses(t *testing.T) {
	const sp = "venv/lib/python3.12/site-packages"
	fsys := errFS{MapFS: fstest.MapFS{
		sp + "/pkg/a.py":                 {},
		sp + "/locked/b.py":              {},
		sp + "/pkg-1.0.dist-info/RECORD": {Data: []byte("pkg/a.py,,\nlocked/b.py,,\npkg-1.0.dist-info/RECORD,,\n")},
	}, name: sp + "/locked", err: fs.ErrPermission}
	dist, err := record.Find("pkg", []string{"/" + sp}, &record.FindOptions{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	paths := scheme.Paths{Purelib: "/" + sp, Platlib: "/" + sp, Scripts: "/venv/bin", Data: "/venv"}
	_, err = record.NewPlan(dist, paths, &record.PlanOptions{FS: fsys})
	if !errors.Is(err, record.ErrUnreachable) || !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "/"+sp+"/locked") {
		t.Errorf("NewPlan with an unreadable directory: %v, want ErrUnreachable naming /%s/locked", err, sp)
	}
}

// TestBackslashes: on POSIX a backslash is part of a name; on Windows it
// separates.
func TestBackslashes(t *testing.T) {
	if runtime.GOOS != "windows" { // a name with a backslash cannot be made on Windows
		posixBackslashes(t)
	}
	windowsBackslashes(t)
}

func posixBackslashes(t *testing.T) {
	root := tempRoot(t)
	tree{
		site + `/bsl\mod.py`:               "literal",
		site + "/bsl/mod.py":               "not listed",
		site + "/bsl-1.0.dist-info/RECORD": "bsl\\mod.py,,\nbsl-1.0.dist-info/RECORD,,\n",
	}.write(t, root)
	plan, err := planIn(t, "bsl", venvPaths(root))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(plan.Remove, filepath.Join(root, site, `bsl\mod.py`)) || slices.Contains(plan.Remove, filepath.Join(root, site, "bsl", "mod.py")) {
		t.Errorf("POSIX plan removes %q, want bsl\\mod.py and not bsl/mod.py", plan.Remove)
	}
}

func windowsBackslashes(t *testing.T) {
	const sp = "venv/Lib/site-packages"
	fsys := fstest.MapFS{
		sp + "/bsl/mod.py":               {},
		sp + "/bsl-1.0.dist-info/RECORD": {Data: []byte("bsl\\mod.py,,\nbsl-1.0.dist-info/RECORD,,\n")},
	}
	opts := &record.FindOptions{FS: fsys, Windows: true}
	dist, err := record.Find("bsl", []string{`C:\venv\Lib\site-packages`}, opts)
	if err != nil {
		t.Fatal(err)
	}
	paths := scheme.Paths{Purelib: `C:\venv\Lib\site-packages`, Platlib: `C:\venv\Lib\site-packages`, Scripts: `C:\venv\Scripts`, Data: `C:\venv`}
	plan, err := record.NewPlan(dist, paths, &record.PlanOptions{FS: fsys, Windows: true})
	if err != nil || !slices.Contains(plan.Remove, `C:\venv\Lib\site-packages\bsl\mod.py`) {
		t.Errorf("Windows plan removes %q, %v; want bsl\\mod.py", plan.Remove, err)
	}
}

// foldFS is a case-insensitive view of a MapFS, as on Windows and macOS:
// a name finds the entry whose name differs only in case.
type foldFS struct{ fstest.MapFS }

func (f foldFS) real(name string) string {
	if name == "." {
		return name
	}
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		dir = "."
	}
	dir = f.real(dir)
	entries, err := f.MapFS.ReadDir(dir)
	if err != nil {
		return path.Join(dir, base)
	}
	for _, e := range entries {
		if strings.EqualFold(e.Name(), base) {
			return path.Join(dir, e.Name())
		}
	}
	return path.Join(dir, base)
}

func (f foldFS) Open(name string) (fs.File, error)          { return f.MapFS.Open(f.real(name)) }
func (f foldFS) Lstat(name string) (fs.FileInfo, error)     { return f.MapFS.Lstat(f.real(name)) }
func (f foldFS) ReadDir(name string) ([]fs.DirEntry, error) { return f.MapFS.ReadDir(f.real(name)) }
func (f foldFS) ReadLink(name string) (string, error)       { return f.MapFS.ReadLink(f.real(name)) }
func (f foldFS) Stat(name string) (fs.FileInfo, error)      { return f.MapFS.Stat(f.real(name)) }

// TestCaseInsensitive: on a case-insensitive filesystem, names that differ
// only in case are one file, for ownership and for what exists.
func TestCaseInsensitive(t *testing.T) {
	const sp = "venv/lib/python3.12/site-packages"
	for _, windows := range []bool{false, true} {
		fsys := foldFS{fstest.MapFS{
			sp + "/shared/mod.py":              {},
			sp + "/own/file.py":                {},
			sp + "/own/ünï.py":                 {},
			sp + "/own-1.0.dist-info/RECORD":   {Data: []byte("shared/mod.py,,\nOWN/FILE.PY,,\nOWN/ÜNÏ.py,,\nown/BIG/F7.PY,,\nown-1.0.dist-info/RECORD,,\n")},
			sp + "/other-1.0.dist-info/RECORD": {Data: []byte("SHARED/MOD.PY,,\n")},
		}}
		// A directory too large to search name by name: found through
		// the index of folded names.
		for i := range 100 {
			fsys.MapFS[fmt.Sprintf("%s/own/big/f%d.py", sp, i)] = &fstest.MapFile{}
		}
		site, paths := "/"+sp, scheme.Paths{Purelib: "/" + sp, Platlib: "/" + sp, Scripts: "/venv/bin", Data: "/venv"}
		if windows {
			site = strings.ReplaceAll(`C:/`+sp, "/", `\`)
			paths = scheme.Paths{Purelib: site, Platlib: site, Scripts: `C:\venv\Scripts`, Data: `C:\venv`}
		}
		dist, err := record.Find("own", []string{site}, &record.FindOptions{FS: fsys, Windows: windows})
		if err != nil {
			t.Fatal(err)
		}
		plan, err := record.NewPlan(dist, paths, &record.PlanOptions{FS: fsys, Windows: windows})
		if err != nil {
			t.Fatal(err)
		}
		sep := "/"
		if windows {
			sep = `\`
		}
		if len(plan.Kept) != 1 || !strings.HasSuffix(plan.Kept[0].Path, "shared"+sep+"mod.py") {
			t.Errorf("windows=%v: Kept = %+v, want shared/mod.py kept for other", windows, plan.Kept)
		}
		for _, want := range []string{"file.py", "ünï.py", "big" + sep + "f7.py"} {
			if !slices.Contains(plan.Remove, site+sep+"own"+sep+want) {
				t.Errorf("windows=%v: Remove = %q; want own/%s removed under its own spelling", windows, plan.Remove, want)
			}
		}
		if !slices.Contains(plan.Remove, site+sep+"own"+sep+"file.py") || len(plan.Missing) != 0 {
			t.Errorf("windows=%v: Remove = %q, Missing = %q; want own/file.py removed under its own spelling", windows, plan.Remove, plan.Missing)
		}
	}
}

// TestLegacyInstalls: .egg-info installations are found and refused with
// the reason, as pip refuses a distutils one.
func TestLegacyInstalls(t *testing.T) {
	root := tempRoot(t)
	tree{
		site + "/eggy-1.0-py3.12.egg-info/installed-files.txt": "../eggy.py\n",
		site + "/eggy.py":                 "",
		site + "/old-2.0-py3.12.egg-info": "Metadata-Version: 1.0\nName: old\n",
	}.write(t, root)
	for name, want := range map[string]string{"eggy": "setuptools .egg-info", "old": "distutils"} {
		dist, err := record.Find(name, []string{filepath.Join(root, site)}, nil)
		if err != nil {
			t.Fatalf("Find(%s): %v", name, err)
		}
		_, err = record.NewPlan(dist, venvPaths(root), nil)
		var ue *record.UninstallError
		if !errors.As(err, &ue) || !errors.Is(err, record.ErrLegacyInstall) || !strings.Contains(err.Error(), want) || ue.Hint() == "" {
			t.Errorf("NewPlan(%s): %v, want ErrLegacyInstall saying %q", name, err, want)
		}
	}
}

// TestErrorsNamePaths: errors name OS paths, with their leading "/".
func TestErrorsNamePaths(t *testing.T) {
	const sp = "venv/lib/python3.12/site-packages"
	fsys := fstest.MapFS{sp + "/pkg-1.0.dist-info/RECORD/": {Mode: fs.ModeDir}}
	dist, err := record.Find("pkg", []string{"/" + sp}, &record.FindOptions{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if dist.RecordErr == nil || !strings.Contains(dist.RecordErr.Error(), "/"+sp+"/pkg-1.0.dist-info/RECORD") {
		t.Errorf("RecordErr = %v, want the OS path", dist.RecordErr)
	}
}

// TestInterruptedStash: a stash left by a killed Apply blocks planning
// until Recover; a stash without a journal, or with a journal naming
// directories outside the scheme, is never deleted.
func TestInterruptedStash(t *testing.T) {
	root := tempRoot(t)
	tree{
		site + "/pkg/a.py":                       "a",
		site + "/pkg-1.0.dist-info/RECORD":       "pkg/a.py,,\npkg-1.0.dist-info/RECORD,,\n",
		site + "/.pep668-uninstall-0001/0":       "a file of unknown origin",
		site + "/.pep668-uninstall-0002/journal": `{"header":{"id":"0002","distribution":"x 1","roots":["/etc"],"primary":0}}` + "\n",
		site + "/.pep668-uninstall-0003/journal": "not json\n",
		"venv/bin/.pep668-uninstall-0004/f":      "",
	}.write(t, root)
	if _, err := planIn(t, "pkg", venvPaths(root)); !errors.Is(err, record.ErrInterrupted) {
		t.Errorf("NewPlan beside a stash: %v, want ErrInterrupted", err)
	}
	before := snapshot(t, root)
	rec, err := record.Recover(venvPaths(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Kept) != 4 || len(rec.RolledBack)+len(rec.Completed) != 0 {
		t.Errorf("Recover = %+v, want the four stashes kept", rec)
	}
	if diff := cmp.Diff(before, snapshot(t, root)); diff != "" {
		t.Errorf("Recover changed the tree (-before +after):\n%s", diff)
	}
}

// TestUnstartedStash: an Apply killed while making its stash leaves it
// empty, or with only the torn start of its journal; Recover removes
// exactly those, and keeps any stash holding anything else.
func TestUnstartedStash(t *testing.T) {
	root := tempRoot(t)
	stash := site + "/.pep668-uninstall-"
	tree{
		stash + "0005/":         "",
		stash + "0006/journal":  "",
		stash + "0007/journal":  `{"header":{"id":"0007","distri`,
		stash + "0008/journal":  `{"header":{"id":"0099"`,
		stash + "0009/journal":  `{"hea`,
		stash + "0009/0":        "moved",
		stash + "000a/journal":  "{\"header\"\n",
		stash + "000b/journal/": "", // a directory named journal
	}.write(t, root)
	before := snapshot(t, root)
	rec, err := record.Recover(venvPaths(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, k := range rec.Kept {
		kept = append(kept, filepath.Base(k.Path))
	}
	slices.Sort(kept)
	if want := []string{".pep668-uninstall-0008", ".pep668-uninstall-0009", ".pep668-uninstall-000a", ".pep668-uninstall-000b"}; !slices.Equal(kept, want) {
		t.Errorf("kept %v, want %v", kept, want)
	}
	for name := range before {
		if strings.Contains(name, "uninstall-0005") || strings.Contains(name, "uninstall-0006") || strings.Contains(name, "uninstall-0007") {
			delete(before, name)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, root)); diff != "" {
		t.Errorf("Recover removed more than the unstarted stashes (-want +got):\n%s", diff)
	}
}

// crashTree is a distribution of many files in many directories.
func crashTree() tree {
	tr := tree{site + "/other-1.0.dist-info/RECORD": "big/shared.py,,\n", site + "/big/shared.py": "shared"}
	var rec strings.Builder
	for d := range 60 {
		for f := range 30 {
			name := fmt.Sprintf("big/d%02d/f%02d.py", d, f)
			tr[site+"/"+name] = name
			rec.WriteString(name + ",,\n")
		}
		pyc := fmt.Sprintf("big/d%02d/__pycache__/f00.cpython-312.pyc", d)
		tr[site+"/"+pyc] = "bytecode"
	}
	rec.WriteString("big/shared.py,,\n")
	tr[site+"/big-1.0.dist-info/METADATA"] = "Name: big\n"
	tr[site+"/big-1.0.dist-info/RECORD"] = rec.String() + "big-1.0.dist-info/METADATA,,\nbig-1.0.dist-info/RECORD,,\n"
	return tr
}

// iterations returns n, or long when PEP668_LONG is set.
func iterations(n, long int) int {
	if os.Getenv("PEP668_LONG") != "" {
		return long
	}
	return n
}

// TestSymlinkedSchemePaths: scheme paths that pass through links (lib64
// to lib, a linked venv) plan and apply on the resolved directories.
func TestSymlinkedSchemePaths(t *testing.T) {
	root := tempRoot(t)
	tree{
		site + "/pkg/a.py":                 "a",
		site + "/pkg-1.0.dist-info/RECORD": "pkg/a.py,,\npkg-1.0.dist-info/RECORD,,\n",
		"linked":                           "-> $ROOT/venv",
	}.write(t, root)
	paths := venvPaths(root)
	for k, v := range paths.All() {
		paths.Set(k, strings.Replace(v, filepath.Join(root, "venv"), filepath.Join(root, "linked"), 1))
	}
	plan, err := planIn(t, "pkg", paths)
	if err != nil {
		t.Fatal(err)
	}
	// Found through the link, indexed through the resolved path: still one
	// distribution, not a second one owning the same files.
	dist, _ := record.Find("pkg", []string{paths.Purelib}, nil)
	if p2, err := record.NewPlan(dist, paths, &record.PlanOptions{Others: []string{filepath.Join(root, site)}}); err != nil || len(p2.Kept) != 0 {
		t.Errorf("NewPlan with the site directory also given resolved: kept %+v, %v", p2.Kept, err)
	}
	if !strings.HasPrefix(plan.DistInfo, filepath.Join(root, "venv")) {
		t.Errorf("plan.DistInfo = %s, want it resolved", plan.DistInfo)
	}
	if _, err := record.Apply(plan, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, site, "pkg")); !os.IsNotExist(err) {
		t.Errorf("pkg is still there: %v", err)
	}
}

// TestRollbackNeverReplaces: when a file appears at the origin of a moved
// file before the rollback, the rollback keeps it, keeps the original in
// the stash with its journal, and says so; Recover then does the same.
func TestRollbackNeverReplaces(t *testing.T) {
	root := tempRoot(t)
	tree{
		site + "/pkg/a.py":                 "original a",
		site + "/pkg/b.py":                 "original b",
		site + "/pkg-1.0.dist-info/RECORD": "pkg/a.py,,\npkg/b.py,,\npkg-1.0.dist-info/RECORD,,\n",
	}.write(t, root)
	plan, err := planIn(t, "pkg", venvPaths(root))
	if err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(root, site, "pkg", "a.py")
	_, err = record.Apply(plan, &record.ApplyOptions{BeforeMove: func(path string) error {
		if filepath.Base(path) == "b.py" { // a.py is in the stash now
			if err := os.WriteFile(a, []byte("newcomer"), 0o644); err != nil {
				return err
			}
			return errors.New("injected failure")
		}
		return nil
	}})
	if !errors.Is(err, record.ErrRollback) || !strings.Contains(err.Error(), "something new is there") {
		t.Fatalf("Apply: %v, want ErrRollback saying something new is there", err)
	}
	if data, _ := os.ReadFile(a); string(data) != "newcomer" {
		t.Errorf("a.py = %q, want the newcomer kept", data)
	}
	if _, err := planIn(t, "pkg", venvPaths(root)); !errors.Is(err, record.ErrInterrupted) {
		t.Errorf("NewPlan after an incomplete rollback: %v, want ErrInterrupted", err)
	}
	if _, err := record.Recover(venvPaths(root), nil); !errors.Is(err, record.ErrRollback) {
		t.Errorf("Recover: %v, want ErrRollback", err)
	}
	if data, _ := os.ReadFile(a); string(data) != "newcomer" {
		t.Errorf("after Recover a.py = %q, want the newcomer kept", data)
	}
	// Once the user moves the newcomer away, Recover puts the original back.
	os.Remove(a)
	if rec, err := record.Recover(venvPaths(root), nil); err != nil || len(rec.RolledBack) != 1 {
		t.Fatalf("Recover: %+v, %v", rec, err)
	}
	if data, _ := os.ReadFile(a); string(data) != "original a" {
		t.Errorf("after Recover a.py = %q, want the original", data)
	}
}

// TestDistInfoMovesLast: until the very end, the distribution is still
// found and still lists its files: its .dist-info moves last, RECORD at the
// very end.
func TestDistInfoMovesLast(t *testing.T) {
	_, plan := planHostile(t)
	var order []string
	if _, err := record.Apply(plan, &record.ApplyOptions{BeforeMove: func(p string) error {
		order = append(order, p)
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	seenInfo := false
	for i, p := range order {
		inInfo := strings.Contains(p, "evil-1.0.dist-info")
		if seenInfo && !inInfo {
			t.Errorf("%s moved after the .dist-info began to move", p)
		}
		seenInfo = seenInfo || inInfo
		if filepath.Base(p) == "RECORD" && i != len(order)-1 {
			t.Errorf("RECORD moved at %d of %d", i+1, len(order))
		}
	}
}
