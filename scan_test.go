// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"archive/tar"
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/google/go-cmp/cmp"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/venv"
	"github.com/pep668/pep668/venv/venvtest"
)

// image is a tree as tar entries: content, "->target" for a link, ""
// with a trailing "/" in the name for a directory, "whiteout" for a
// layer's .wh. entry.
type image map[string]string

const whiteout = "\x00whiteout"

// debianImage is Debian 13 with its python3.13: the dpkg database entries
// and marker of the real packages (testdata/scan/debian-3.13), the files of
// venvtest.Debian("3.13"), and a package of the distributor's in
// /usr/lib/python3/dist-packages (without RECORD, as Debian ships them).
func debianImage(t *testing.T) image {
	t.Helper()
	img := image{}
	root := filepath.Join("testdata", "scan", "debian-3.13")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "SOURCE" {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		name := filepath.ToSlash(rel)
		if dir, base := filepath.Split(name); dir == "var/lib/dpkg/info/" {
			// dpkg's name for a Multi-Arch: same package, which Windows
			// cannot check out.
			ext := filepath.Ext(base)
			name = dir + strings.TrimSuffix(base, ext) + ":amd64" + ext
		}
		img[name] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	deb := venvtest.Debian("3.13")
	for name, f := range deb.FS {
		if strings.HasPrefix(name, "home/") {
			continue
		}
		switch {
		case f.Mode.IsDir():
			img[name+"/"] = ""
		case name == "usr/lib/python3.13/EXTERNALLY-MANAGED":
			if img[name] != string(f.Data) {
				t.Fatalf("venvtest's Debian marker is not Debian 13's")
			}
		default:
			img[name] = string(f.Data)
		}
	}
	img["usr/bin/python3"] = "->python3.13"
	img["usr/lib/python3/dist-packages/requests/__init__.py"] = "debian's requests"
	img["usr/lib/python3/dist-packages/requests-2.32.3.dist-info/METADATA"] = "Name: requests\nVersion: 2.32.3\n"
	img["usr/lib/python3/dist-packages/requests-2.32.3.dist-info/INSTALLER"] = "debian\n"
	img["usr/lib/python3/dist-packages/apt/__init__.py"] = "apt"
	return img
}

// sha is RECORD's hash of content.
func sha(content string) string {
	sum := sha256.Sum256([]byte(content))
	return "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:])
}

// addDist installs a distribution into site as pip would, RECORD with
// hashes; a file named in tamper gets other content than RECORD says.
func addDist(img image, site, name, installer string, files map[string]string, tamper ...string) {
	info := name + "-1.0.dist-info"
	var rec strings.Builder
	for _, f := range slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	}) {
		content := files[f]
		fmt.Fprintf(&rec, "%s,%s,%d\n", f, sha(content), len(content))
		if slices.Contains(tamper, f) {
			content += " changed"
		}
		img[site+"/"+f] = content
	}
	img[site+"/"+info+"/METADATA"] = "Name: " + name + "\nVersion: 1.0\n"
	img[site+"/"+info+"/INSTALLER"] = installer + "\n"
	fmt.Fprintf(&rec, "%s/METADATA,,\n%s/INSTALLER,,\n%s/RECORD,,\n", info, info, info)
	img[site+"/"+info+"/RECORD"] = rec.String()
}

// withVenvAndConda adds a venv made from the system python3.13 with a
// distribution pip installed, and a conda base installation.
func withVenvAndConda(img image) {
	img["opt/venv/pyvenv.cfg"] = "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.13.5\n"
	img["opt/venv/bin/python3"] = "->/usr/bin/python3.13"
	addDist(img, "opt/venv/lib/python3.13/site-packages", "tool", "pip", map[string]string{"tool/__init__.py": "tool", "tool/core.py": "core"})
	img["opt/conda/bin/python3.12"] = "elf"
	img["opt/conda/lib/python3.12/os.py"] = ""
	img["opt/conda/lib/python3.12/lib-dynload/"] = ""
	img["opt/conda/conda-meta/history"] = ""
	img["opt/conda/condabin/conda"] = "#!/bin/sh\n"
	img["opt/conda/lib/python3.12/site-packages/"] = ""
	img["opt/conda/envs/work/bin/python"] = "elf" // a conda environment, its interpreter named python only
	img["opt/conda/envs/work/lib/python3.12/os.py"] = ""
	img["opt/conda/envs/work/lib/python3.12/lib-dynload/"] = ""
	img["opt/conda/envs/work/conda-meta/history"] = ""
}

// damage is the layer of an image whose owner fought PEP 668: the marker
// deleted, pip run as root over the distributor's directories and the
// local scheme, a venv's files changed.
func damage(img image) image {
	upper := image{}
	upper["usr/lib/python3.13/.wh.EXTERNALLY-MANAGED"] = whiteout
	addDist(upper, "usr/lib/python3/dist-packages", "evil", "pip", map[string]string{"evil.py": "evil"})
	addDist(upper, "usr/local/lib/python3.13/dist-packages", "requests", "pip", map[string]string{"requests/__init__.py": "pip's requests"})
	addDist(upper, "opt/venv/lib/python3.13/site-packages", "tool", "pip", map[string]string{"tool/__init__.py": "tool", "tool/core.py": "core", "tool/gone.py": "gone"}, "tool/core.py")
	delete(upper, "opt/venv/lib/python3.13/site-packages/tool/gone.py")
	upper["opt/venv/lib/python3.13/site-packages/norecord-1.0.dist-info/METADATA"] = "Name: norecord\nVersion: 1.0\n"
	return upper
}

// mergeImage returns lower with upper applied (whiteouts remove).
func mergeImage(lower, upper image) image {
	out := image{}
	for k, v := range lower {
		out[k] = v
	}
	for k, v := range upper {
		if v == whiteout {
			dir, base := filepath.Split(k)
			delete(out, dir+strings.TrimPrefix(base, ".wh."))
			continue
		}
		out[k] = v
	}
	return out
}

// tarOf writes img as a tar, parents first.
func tarOf(t *testing.T, img image) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	dirs := map[string]bool{}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range img {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range names {
		for d := filepath.Dir(strings.TrimSuffix(name, "/")); d != "."; d = filepath.Dir(d) {
			dirs[filepath.ToSlash(d)] = true
		}
	}
	var parents []string
	for d := range dirs {
		parents = append(parents, d)
	}
	sort.Strings(parents)
	for _, d := range parents {
		tw.WriteHeader(&tar.Header{Name: d + "/", Typeflag: tar.TypeDir, Mode: 0o755})
	}
	for _, name := range names {
		content := img[name]
		h := &tar.Header{Name: name, Mode: 0o644, Typeflag: tar.TypeReg, Size: int64(len(content))}
		switch {
		case strings.HasSuffix(name, "/"):
			h.Typeflag, h.Mode, h.Size = tar.TypeDir, 0o755, 0
		case strings.HasPrefix(content, "->"):
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, content[2:], 0
		case content == whiteout:
			h.Size = 0
		case strings.Contains(name, "/bin/python"):
			h.Mode = 0o755
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg && content != whiteout {
			tw.Write([]byte(content))
		}
	}
	tw.Close()
	return buf.Bytes()
}

// dockerSave writes the layers as docker save does, manifest last.
func dockerSave(t *testing.T, layers ...image) []byte {
	outer := image{}
	var names []string
	for i, l := range layers {
		name := fmt.Sprintf("%064x/layer.tar", i+1)
		outer[name] = string(tarOf(t, l))
		names = append(names, `"`+name+`"`)
	}
	outer["manifest.json"] = `[{"Config":"config.json","RepoTags":["test:latest"],"Layers":[` + strings.Join(names, ",") + `]}]`
	outer["config.json"] = `{"architecture":"arm64"}`
	return tarOf(t, outer)
}

// found returns the findings as "kind path" lines, sorted.
func found(r *pep668.ScanReport) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, string(f.Kind)+" "+f.Path)
	}
	sort.Strings(out)
	return out
}

func interpreters(r *pep668.ScanReport) []string {
	var out []string
	for _, in := range r.Interpreters {
		out = append(out, fmt.Sprintf("%s %s allowed=%v", in.Executable, in.Kind, in.Allowed))
	}
	sort.Strings(out)
	return out
}

var wantInterpreters = []string{
	"/opt/conda/bin/python3.12 conda-base allowed=true",
	"/opt/conda/envs/work/bin/python conda allowed=true",
	"/opt/venv/bin/python3 venv allowed=true",
	"/usr/bin/python3.13 system allowed=false",
}

func TestScanClean(t *testing.T) {
	img := debianImage(t)
	withVenvAndConda(img)
	for _, form := range []struct {
		name string
		data []byte
	}{{"flat", tarOf(t, img)}, {"docker save", dockerSave(t, img)}} {
		r, err := pep668.ScanArchive(bytes.NewReader(form.data), &pep668.ScanOptions{Verify: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := interpreters(r); !slices.Equal(got, wantInterpreters) {
			t.Errorf("%s: interpreters %q, want %q\nnotes: %q", form.name, got, wantInterpreters, r.Notes)
		}
		if len(r.Findings) != 0 {
			t.Errorf("%s: findings in a clean image: %q", form.name, found(r))
		}
	}
}

var wantDamage = []string{
	"marker-removed /usr/lib/python3.13/EXTERNALLY-MANAGED",
	"no-record /opt/venv/lib/python3.13/site-packages/norecord-1.0.dist-info",
	"pip-in-distributor-dir /usr/lib/python3/dist-packages/evil-1.0.dist-info",
	"record-mismatch /opt/venv/lib/python3.13/site-packages/tool-1.0.dist-info/RECORD",
	"shadowing /usr/local/lib/python3.13/dist-packages/requests",
}

func TestScanDamaged(t *testing.T) {
	img := debianImage(t)
	withVenvAndConda(img)
	upper := damage(img)
	for _, form := range []struct {
		name string
		data []byte
	}{{"flat", tarOf(t, mergeImage(img, upper))}, {"docker save", dockerSave(t, img, upper)}} {
		r, err := pep668.ScanArchive(bytes.NewReader(form.data), &pep668.ScanOptions{Verify: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := found(r); !slices.Equal(got, wantDamage) {
			t.Errorf("%s: findings\n%s\nwant\n%s\nnotes: %q", form.name, strings.Join(got, "\n"), strings.Join(wantDamage, "\n"), r.Notes)
		}
		for _, f := range r.Findings {
			if f.Kind == pep668.FindingRecordMismatch && !slices.Equal(f.Evidence, []string{
				"missing: /opt/venv/lib/python3.13/site-packages/tool/gone.py",
				"hash differs: /opt/venv/lib/python3.13/site-packages/tool/core.py"}) {
				t.Errorf("%s: record-mismatch evidence %q", form.name, f.Evidence)
			}
		}
		// Without Verify, RECORD's hashes are not read.
		r, err = pep668.ScanArchive(bytes.NewReader(form.data), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := found(r); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "record-mismatch") }) {
			t.Errorf("%s: record-mismatch without Verify", form.name)
		}
	}
}

// TestScanDirectory scans the damaged image extracted to a directory,
// through os.Root: the same findings, and nothing read outside it.
func TestScanDirectory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a POSIX tree with links")
	}
	img := debianImage(t)
	withVenvAndConda(img)
	img = mergeImage(img, damage(img))
	dir := t.TempDir()
	for name, content := range img {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		switch {
		case strings.HasSuffix(name, "/"):
			os.MkdirAll(p, 0o755)
		case strings.HasPrefix(content, "->"):
			if err := os.Symlink(content[2:], p); err != nil {
				t.Skip(err)
			}
		default:
			os.WriteFile(p, []byte(content), 0o755)
		}
	}
	// A link out of the tree must not lead the scan there.
	os.Symlink("/etc", filepath.Join(dir, "opt", "escape"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	viaFS, err := pep668.Scan(root.FS(), &pep668.ScanOptions{Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := found(viaFS); !slices.Equal(got, wantDamage) {
		t.Errorf("findings\n%s\nwant\n%s\nnotes: %q", strings.Join(got, "\n"), strings.Join(wantDamage, "\n"), viaFS.Notes)
	}
	// ScanDir answers as Scan of the tree's fs.FS does.
	viaDir, err := pep668.ScanDir(dir, &pep668.ScanOptions{Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.MarshalIndent(viaFS, "", " ")
	b, _ := json.MarshalIndent(viaDir, "", " ")
	if diff := cmp.Diff(string(a), string(b)); diff != "" {
		t.Errorf("ScanDir differs from Scan of os.Root's FS (-Scan +ScanDir):\n%s", diff)
	}
}

// TestScanMarkerEdited: a marker whose content differs from dpkg's md5sums.
func TestScanMarkerEdited(t *testing.T) {
	img := debianImage(t)
	img["usr/lib/python3.13/EXTERNALLY-MANAGED"] = "[externally-managed]\nError=edited\n"
	r, err := pep668.ScanArchive(bytes.NewReader(tarOf(t, img)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := found(r); !slices.Equal(got, []string{"marker-edited /usr/lib/python3.13/EXTERNALLY-MANAGED"}) {
		t.Errorf("findings %q", got)
	}
}

// TestScanAlpine: apk's database of installed packages owns the marker.
func TestScanAlpine(t *testing.T) {
	in := venvtest.Alpine("3.12")
	img := image{}
	for name, f := range in.FS {
		if !f.Mode.IsDir() && !strings.HasPrefix(name, "home/") {
			img[name] = string(f.Data)
		}
	}
	sum := sha1.Sum([]byte(venvtest.AlpineMarker))
	img["lib/apk/db/installed"] = "C:Q1abc=\nP:python3\nV:3.12.12-r0\nF:usr/lib/python3.12\nR:EXTERNALLY-MANAGED\nZ:Q1" +
		base64.StdEncoding.EncodeToString(sum[:]) + "\nR:os.py\nZ:Q1xyz=\n\n"
	for _, tt := range []struct {
		name   string
		marker string
		want   []string
	}{
		{"intact", venvtest.AlpineMarker, nil},
		{"edited", "[externally-managed]\nError=mine\n", []string{"marker-edited /usr/lib/python3.12/EXTERNALLY-MANAGED"}},
		{"removed", "", []string{"marker-removed /usr/lib/python3.12/EXTERNALLY-MANAGED"}},
	} {
		img["usr/lib/python3.12/EXTERNALLY-MANAGED"] = tt.marker
		if tt.marker == "" {
			delete(img, "usr/lib/python3.12/EXTERNALLY-MANAGED")
		}
		r, err := pep668.ScanArchive(bytes.NewReader(tarOf(t, img)), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := found(r); !slices.Equal(got, tt.want) {
			t.Errorf("%s: findings %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestScanBadArchives: a truncated or corrupt archive is an error, never a
// hang or a crash.
func TestScanBadArchives(t *testing.T) {
	img := debianImage(t)
	data := tarOf(t, img)
	for _, bad := range [][]byte{data[:len(data)/2], append([]byte("not a tar at all"), data[:700]...), {0x1f, 0x8b, 1, 2, 3}} {
		if _, err := pep668.ScanArchive(bytes.NewReader(bad), nil); err == nil {
			t.Errorf("a bad archive of %d bytes scanned without error", len(bad))
		}
	}
}

// TestScanFS scans an fstest.MapFS: the interface is any fs.FS.
func TestScanFS(t *testing.T) {
	in := venvtest.UV("3.12")
	r, err := pep668.Scan(in.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []venv.Kind
	for _, i := range r.Interpreters {
		kinds = append(kinds, i.Kind)
	}
	if len(r.Interpreters) != 2 || r.Interpreters[1].Distributor != pep668.DistributorUV && r.Interpreters[0].Distributor != pep668.DistributorUV {
		t.Errorf("interpreters %+v (%v)", r.Interpreters, kinds)
	}
	if _, err := pep668.Scan(fstest.MapFS{}, nil); err != nil {
		t.Errorf("an empty tree: %v", err)
	}
}

// FuzzScanArchive scans arbitrary bytes as an image archive: an error or
// a report, never a panic or a hang; the package databases' formats
// (dpkg's lists and md5sums, apk's installed) are read from the seeds.
func FuzzScanArchive(f *testing.F) {
	t := &testing.T{}
	// Small trees: the fuzzer mutates small inputs far faster.
	img := image{
		"usr/bin/python3.13": "", "usr/lib/python3.13/os.py": "", "usr/lib/python3.13/lib-dynload/": "",
		"usr/lib/python3.13/EXTERNALLY-MANAGED":          "[externally-managed]\nError=apt\n",
		"var/lib/dpkg/info/libpython3.13-stdlib.list":    "/.\n/usr/lib/python3.13/EXTERNALLY-MANAGED\n",
		"var/lib/dpkg/info/libpython3.13-stdlib.md5sums": "00000000000000000000000000000000  usr/lib/python3.13/EXTERNALLY-MANAGED\n",
		"opt/venv/pyvenv.cfg":                            "home = /usr/bin\n",
		"opt/venv/bin/python3":                           "->/usr/bin/python3.13",
	}
	addDist(img, "opt/venv/lib/python3.13/site-packages", "tool", "pip", map[string]string{"tool.py": "tool"})
	f.Add(tarOf(t, img))
	f.Add(dockerSave(t, img, image{"usr/lib/python3.13/.wh.EXTERNALLY-MANAGED": whiteout}))
	f.Add(tarOf(t, image{"lib/apk/db/installed": "P:python3\nF:usr/lib/python3.12\nR:EXTERNALLY-MANAGED\nZ:Q1AAAA\n",
		"usr/lib/python3.12/EXTERNALLY-MANAGED": "x", "usr/bin/python3.12": "", "usr/lib/python3.12/os.py": ""}))
	f.Fuzz(func(t *testing.T, data []byte) {
		pep668.ScanArchive(bytes.NewReader(data), &pep668.ScanOptions{Verify: true})
	})
}
