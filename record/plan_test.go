// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// tree is a small filesystem written under a temporary root: paths ending
// in "/" are directories, "-> target" values are symlinks.
type tree map[string]string

func (tr tree) write(t testing.TB, root string) {
	t.Helper()
	tr.writeLinks(t, root, false)
}

// writeLinks writes the tree; where links cannot be made (Windows without
// the privilege, Wine, whose links do not read back), it leaves the links
// out when dropLinks is set, and skips the test otherwise.
func (tr tree) writeLinks(t testing.TB, root string, dropLinks bool) {
	t.Helper()
	linksWork := canLink(t)
	for p, content := range tr {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(p, "/"):
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
		case strings.HasPrefix(content, "-> ") && !linksWork && dropLinks:
			t.Logf("links cannot be made here (Wine, or Windows without the privilege): %s left out", p)
		case strings.HasPrefix(content, "-> "):
			if !linksWork {
				t.Skip("links cannot be made here (Wine, or Windows without the privilege)")
			}
			target := strings.ReplaceAll(strings.TrimPrefix(content, "-> "), "$ROOT", root)
			if err := os.Symlink(target, full); err != nil {
				t.Fatal(err)
			}
		default:
			if err := os.WriteFile(full, []byte(strings.ReplaceAll(content, "$ROOT", root)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// canLink reports whether a link made here reads back.
func canLink(t testing.TB) bool {
	dir := t.TempDir()
	link := filepath.Join(dir, "link")
	if err := os.Symlink("target", link); err != nil {
		return false
	}
	_, err := os.Readlink(link)
	return err == nil
}

// snapshot describes every entry under root: type, mode, content or target.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		case info.IsDir():
			out[rel] = fmt.Sprintf("dir %v", info.Mode().Perm())
		default:
			data, _ := os.ReadFile(p)
			out[rel] = fmt.Sprintf("file %v %q", info.Mode().Perm(), data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:])
}

const site = "venv/lib/python3.12/site-packages"

// hostile is a venv with a distribution "evil" whose RECORD tries every
// way out of the scheme, next to a neighbour and the world outside.
// oddName is a file name that RECORD must quote: a comma, and double quotes
// where the filesystem allows them (NTFS does not).
var oddName = map[bool]string{false: `with,comma and "quotes".txt`, true: "with,comma and 'quotes'.txt"}[runtime.GOOS == "windows"]

func hostile() tree {
	record := strings.Join([]string{
		"evil/__init__.py," + digest("init") + ",4",
		"evil/mod.py,,",
		`"evil/` + strings.ReplaceAll(oddName, `"`, `""`) + `",,`,
		"evil/ünïcode wörd.txt,,",
		"",
		"evil/dangling,,",
		"evil/shared.txt,,",
		"evil/missing.py,,",
		"evil/adir,,",
		"../../../../outside.txt,,",
		"$ROOT/elsewhere/abs.txt,,",
		"evil/escape/passwd,,",
		"evil/escape/../../../../../outside.txt,,",
		"../../../../venv2/sibling.txt,,",
		"../../../bin/evil-tool,,",
		"evil-1.0.dist-info/METADATA,,",
		"evil-1.0.dist-info/INSTALLER,,",
		"evil-1.0.dist-info/RECORD,,",
		"evil-1.0.dist-info/entry_points.txt,,",
		"",
	}, "\r\n")
	return tree{
		"venv/pyvenv.cfg":                                    "home = /usr/bin\n",
		"venv/bin/evil-tool":                                 "#!python\n",
		"venv/bin/evil-gui":                                  "#!python\n",
		"venv/bin/other-tool":                                "#!python\n",
		site + "/evil/__init__.py":                           "init",
		site + "/evil/mod.py":                                "mod",
		site + "/evil/__pycache__/mod.cpython-312.pyc":       "pyc",
		site + "/evil/__pycache__/mod.cpython-311.opt-1.pyc": "pyc",
		site + "/evil/__pycache__/mod.pypy310.pyc":           "pyc",
		site + "/evil/__pycache__/module.cpython-312.pyc":    "not ours: another stem",
		site + "/evil/mod.pyc":                               "legacy pyc",
		site + "/evil/" + oddName:                            "odd",
		site + "/evil/ünïcode wörd.txt":                      "odd",
		site + "/evil/dangling":                              "-> $ROOT/nowhere",
		site + "/evil/shared.txt":                            "shared",
		site + "/evil/adir/keep.txt":                         "inside a listed directory",
		site + "/evil/escape":                                "-> $ROOT/etc",
		site + "/evil-1.0.dist-info/METADATA":                "Name: evil\n",
		site + "/evil-1.0.dist-info/INSTALLER":               "pip\n",
		site + "/evil-1.0.dist-info/RECORD":                  record,
		site + "/evil-1.0.dist-info/entry_points.txt":        "[console_scripts]\nevil-tool = evil:main\n[gui_scripts]\nevil-gui = evil:gui\n",
		site + "/neighbour/__init__.py":                      "n",
		site + "/neighbour-2.0.dist-info/RECORD":             "neighbour/__init__.py,,\nevil/shared.txt,,\nneighbour-2.0.dist-info/RECORD,,\n",
		"venv2/sibling.txt":                                  "sibling venv",
		"outside.txt":                                        "outside",
		"elsewhere/abs.txt":                                  "absolute",
		"etc/passwd":                                         "root:x:0:0",
	}
}

func venvPaths(root string) scheme.Paths {
	v, base := filepath.Join(root, "venv"), filepath.Join(root, "base")
	return scheme.Paths{
		Stdlib: filepath.Join(base, "lib", "python3.12"), Platstdlib: filepath.Join(v, "lib", "python3.12"),
		Purelib: filepath.Join(root, site), Platlib: filepath.Join(root, site),
		Include: filepath.Join(base, "include", "python3.12"), Platinclude: filepath.Join(base, "include", "python3.12"),
		Scripts: filepath.Join(v, "bin"), Data: v,
	}
}

func planHostile(t *testing.T) (root string, plan *record.Plan) {
	t.Helper()
	return planHostileLinks(t, false)
}

// planHostileLinks is planHostile, leaving the links out where they cannot
// be made when dropLinks is set.
func planHostileLinks(t *testing.T, dropLinks bool) (root string, plan *record.Plan) {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	hostile().writeLinks(t, root, dropLinks)
	dist, err := record.Find("EVIL", []string{filepath.Join(root, site)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err = record.NewPlan(dist, venvPaths(root), &record.PlanOptions{SchemeName: "venv"})
	if err != nil {
		t.Fatal(err)
	}
	return root, plan
}

func TestPlanHostile(t *testing.T) {
	root, plan := planHostile(t)
	rel := func(paths []string) []string {
		var out []string
		for _, p := range paths {
			r, _ := filepath.Rel(root, p)
			out = append(out, r)
		}
		sort.Strings(out)
		return out
	}
	s := site + "/"
	wantRemove := []string{
		"venv/bin/evil-gui", "venv/bin/evil-tool",
		s + "evil-1.0.dist-info/INSTALLER", s + "evil-1.0.dist-info/METADATA", s + "evil-1.0.dist-info/RECORD",
		s + "evil-1.0.dist-info/entry_points.txt",
		s + "evil/__init__.py", s + "evil/__pycache__/mod.cpython-311.opt-1.pyc", s + "evil/__pycache__/mod.cpython-312.pyc",
		s + "evil/__pycache__/mod.pypy310.pyc", s + "evil/dangling", s + "evil/mod.py", s + "evil/mod.pyc",
		s + "evil/" + oddName, s + "evil/ünïcode wörd.txt",
	}
	sort.Strings(wantRemove)
	if diff := cmp.Diff(wantRemove, rel(plan.Remove)); diff != "" {
		t.Errorf("Remove mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{s + "evil-1.0.dist-info"}, rel(plan.RemoveDirs)); diff != "" {
		t.Errorf("RemoveDirs mismatch (-want +got):\n%s", diff)
	}
	if len(plan.Kept) != 1 || !strings.HasSuffix(plan.Kept[0].Path, "evil/shared.txt") || plan.Kept[0].Owner != "neighbour 2.0" {
		t.Errorf("Kept = %+v, want shared.txt kept for neighbour 2.0", plan.Kept)
	}
	if diff := cmp.Diff([]string{s + "evil/missing.py"}, rel(plan.Missing)); diff != "" {
		t.Errorf("Missing mismatch (-want +got):\n%s", diff)
	}
	reasons := map[string]string{}
	for _, r := range plan.Refused {
		rp, _ := filepath.Rel(root, r.Path)
		reasons[rp] = r.Reason
		if r.Cause == "" {
			t.Errorf("Refused[%s] has no Cause", rp)
		}
	}
	for p, want := range map[string]string{
		"outside.txt":       "..",
		"elsewhere/abs.txt": "absolute path",
		"etc/passwd":        "symlinked parent",
		"venv2/sibling.txt": "sibling",
		s + "evil/adir":     "directory",
	} {
		if !strings.Contains(reasons[p], want) {
			t.Errorf("Refused[%s] = %q, want a reason with %q (all: %q)", p, reasons[p], want, reasons)
		}
	}
	// evil/escape/../../../../../outside.txt: ".." after the link climbs
	// from where it leads, not from where it is.
	found := false
	for _, r := range plan.Refused {
		if strings.HasSuffix(r.Path, "outside.txt") && r.Path != filepath.Join(root, "outside.txt") {
			found = r.Cause == record.CauseSymlinkEscape && strings.Contains(r.Reason, "symlinked parent")
		}
	}
	if !found {
		t.Errorf("the escape through a link and .. is not refused as such: %+v", plan.Refused)
	}
	if _, err := json.Marshal(plan); err != nil {
		t.Errorf("json.Marshal(plan): %v", err)
	}
}

// outsideOf returns the snapshot entries that are not removed by the plan.
func keptEntries(t *testing.T, root string, plan *record.Plan, before map[string]string) map[string]string {
	t.Helper()
	removed := map[string]bool{}
	for _, p := range append(slices.Clone(plan.Remove), plan.RemoveDirs...) {
		r, _ := filepath.Rel(root, p)
		removed[r] = true
	}
	out := map[string]string{}
	for p, v := range before {
		if !removed[p] {
			out[p] = v
		}
	}
	return out
}

func TestApplyHostile(t *testing.T) {
	root, plan := planHostileLinks(t, true)
	before := snapshot(t, root)
	res, err := record.Apply(plan, &record.ApplyOptions{LockFile: filepath.Join(root, "venv", ".lock")})
	if err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, root)
	delete(after, filepath.Join("venv", ".lock"))
	if diff := cmp.Diff(keptEntries(t, root, plan, before), after); diff != "" {
		t.Errorf("after Apply, the tree is not the old one minus the plan (-want +got):\n%s", diff)
	}
	if len(res.Removed) != len(plan.Remove) || len(res.RemovedDirs) != len(plan.RemoveDirs) {
		t.Errorf("Result %+v does not match the plan", res)
	}
}

// TestApplyRollsBackAtEveryStep fails the uninstall before each move in
// turn and checks that the tree is restored byte for byte.
func TestApplyRollsBackAtEveryStep(t *testing.T) {
	_, probe := planHostileLinks(t, true)
	for n := 0; n < len(probe.Remove); n++ {
		root, plan := planHostileLinks(t, true)
		before := snapshot(t, root)
		calls := 0
		_, err := record.Apply(plan, &record.ApplyOptions{BeforeMove: func(string) error {
			if calls++; calls > n {
				return errors.New("injected failure")
			}
			return nil
		}})
		if err == nil || !strings.Contains(err.Error(), "injected failure") {
			t.Fatalf("failure at step %d: Apply error %v", n, err)
		}
		if diff := cmp.Diff(before, snapshot(t, root)); diff != "" {
			t.Fatalf("failure at step %d: tree not restored (-before +after):\n%s", n, diff)
		}
	}
}

// TestApplyRechecks changes the tree between planning and applying.
func TestApplyRechecks(t *testing.T) {
	root, plan := planHostile(t)
	target := filepath.Join(root, site, "evil", "mod.py")
	if err := os.Remove(target); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	if _, err := record.Apply(plan, nil); !errors.Is(err, record.ErrChanged) {
		t.Errorf("Apply after a change: error %v, want ErrChanged", err)
	}
	if diff := cmp.Diff(before, snapshot(t, root)); diff != "" {
		t.Errorf("tree changed (-before +after):\n%s", diff)
	}

	// A parent replaced by a link to the outside after planning.
	root, plan = planHostile(t)
	pkg := filepath.Join(root, site, "evil")
	if err := os.Rename(pkg, filepath.Join(root, "etc", "evil")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "etc", "evil"), pkg); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, root)
	if _, err := record.Apply(plan, nil); !errors.Is(err, record.ErrChanged) {
		t.Errorf("Apply through a new link: error %v, want ErrChanged", err)
	}
	if diff := cmp.Diff(before, snapshot(t, root)); diff != "" {
		t.Errorf("tree changed (-before +after):\n%s", diff)
	}
}

func TestPlanRefusesWholeUninstall(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tree{
		site + "/norecord-1.0.dist-info/METADATA":                    "",
		site + "/norecord-1.0.dist-info/INSTALLER":                   "conda\n",
		site + "/bare-2.0.dist-info/METADATA":                        "",
		site + "/blank-1.0.dist-info/RECORD":                         "a,b\n",
		"usr/lib/python3/dist-packages/apt_pkg-1.0.dist-info/RECORD": "apt_pkg.py,,\n",
		"usr/lib/python3/dist-packages/apt_pkg.py":                   "",
	}.write(t, root)
	paths := venvPaths(root)
	for _, tt := range []struct {
		name, dir string
		want      error
		hint      string
	}{
		{"norecord", site, record.ErrNoRecord, "installed by conda"},
		{"bare", site, record.ErrNoRecord, "pip install --ignore-installed --no-deps bare==2.0"},
		{"blank", site, record.ErrFieldCount, "reinstalling"},
		{"blank", site, record.ErrBadRecord, "reinstalling"},
		{"apt-pkg", "usr/lib/python3/dist-packages", record.ErrOutsideScheme, "another installation"},
	} {
		dist, err := record.Find(tt.name, []string{filepath.Join(root, tt.dir)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = record.NewPlan(dist, paths, nil)
		var ue *record.UninstallError
		if !errors.As(err, &ue) || !errors.Is(err, tt.want) || !strings.Contains(ue.Hint(), tt.hint) {
			t.Errorf("NewPlan(%s) error %v (hint %q), want %v and a hint with %q", tt.name, err, ue.Hint(), tt.want, tt.hint)
		}
	}
	if _, err := record.Find("absent", []string{filepath.Join(root, site)}, nil); !errors.Is(err, record.ErrNotInstalled) {
		t.Errorf("Find(absent) error %v", err)
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"cfn_lint": "cfn-lint", "CFN-Lint": "cfn-lint", "zope.interface": "zope-interface",
		"a__b--c..d": "a-b-c-d", "Pillow": "pillow",
	} {
		if got := record.NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestApplyRechecksDirectories swaps, after the last file has been
// checked, the parent of a directory the plan empties for a link to the
// outside: the emptied directory there must not be removed.
func TestApplyRechecksDirectories(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tree{
		site + "/pkg/sub/a.py":             "a",
		site + "/zz.py":                    "z",
		site + "/pkg-1.0.dist-info/RECORD": "pkg/sub/a.py,,\nzz.py,,\n",
		"outside/sub/":                     "",
	}.write(t, root)
	dist, err := record.Find("pkg", []string{filepath.Join(root, site)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := record.NewPlan(dist, venvPaths(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(root, site, "pkg")
	if !slices.Contains(plan.RemoveDirs, filepath.Join(pkg, "sub")) {
		t.Fatalf("the plan does not empty pkg/sub: %v", plan.RemoveDirs)
	}
	_, err = record.Apply(plan, &record.ApplyOptions{BeforeMove: func(path string) error {
		if filepath.Base(path) == "zz.py" { // pkg/sub/a.py is already in the stash
			if err := os.Rename(pkg, pkg+".moved"); err != nil {
				return err
			}
			return os.Symlink(filepath.Join(root, "outside"), pkg)
		}
		return nil
	}})
	if !errors.Is(err, record.ErrChanged) {
		t.Fatalf("Apply through a swapped parent: error %v, want ErrChanged", err)
	}
	if info, err := os.Stat(filepath.Join(root, "outside", "sub")); err != nil || !info.IsDir() {
		t.Errorf("the directory outside the scheme was removed: %v", err)
	}
}

// TestMissingListedOnly: a path RECORD lists that is absent is reported
// missing once, whatever else looked for it first (the bytecode search
// looks for a.pyc before RECORD's row for it); absent bytecode RECORD does
// not list is not reported.
func TestMissingListedOnly(t *testing.T) {
	root := tempRoot(t)
	tree{
		site + "/m/a.py": "",
		site + "/m/b.py": "",
		site + "/m-1.0.dist-info/RECORD": "m/a.py,,\nm/a.pyc,,\nm/__pycache__/a.cpython-312.pyc,,\n" +
			"m/gone.py,,\nm/gone.py,,\nm/b.py,,\nm-1.0.dist-info/RECORD,,\n",
	}.write(t, root)
	dist, err := record.Find("m", []string{filepath.Join(root, site)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := record.NewPlan(dist, venvPaths(root), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range plan.Missing {
		r, _ := filepath.Rel(filepath.Join(root, site), p)
		got = append(got, filepath.ToSlash(r))
	}
	want := []string{"m/a.pyc", "m/__pycache__/a.cpython-312.pyc", "m/gone.py"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Missing mismatch (-want +got):\n%s", diff)
	}
}
