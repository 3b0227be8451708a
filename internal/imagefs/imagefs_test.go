// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package imagefs

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// file is one tar entry: content, "->target" for a link, "=>name" for a
// hard link, "dir" for a directory.
type ent struct{ name, content string }

func tarOf(t testing.TB, files ...ent) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: 0o644}
		switch {
		case f.content == "dir":
			h.Typeflag, h.Mode = tar.TypeDir, 0o755
		case strings.HasPrefix(f.content, "->"):
			h.Typeflag, h.Linkname = tar.TypeSymlink, f.content[2:]
		case strings.HasPrefix(f.content, "=>"):
			h.Typeflag, h.Linkname = tar.TypeLink, f.content[2:]
		case f.content == "fifo":
			h.Typeflag = tar.TypeFifo
		default:
			h.Typeflag, h.Size = tar.TypeReg, int64(len(f.content))
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write([]byte(f.content))
		}
	}
	tw.Close()
	return buf.Bytes()
}

func gz(data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

var keepAll = &Options{Keep: func(string, int64) bool { return true }, Hash: func(name string) bool { return strings.HasSuffix(name, ".py") }}

// The layers of the image the tests read: the second removes a file, makes
// a directory opaque and replaces a file.
func imageLayers(t *testing.T) (lower, upper []byte) {
	lower = tarOf(t,
		ent{"etc/", "dir"}, ent{"etc/os-release", "ID=debian\n"},
		ent{"usr/lib/python3.11/EXTERNALLY-MANAGED", "[externally-managed]\nError=apt\n"},
		ent{"usr/lib/python3.11/os.py", "os"},
		ent{"usr/local/lib/python3.11/dist-packages/old/a.py", "old"},
		ent{"usr/local/lib/python3.11/dist-packages/old/b.py", "old b"},
		ent{"usr/bin/python3.11", "elf"}, ent{"usr/bin/python3", "->python3.11"})
	upper = tarOf(t,
		ent{"usr/lib/python3.11/.wh.EXTERNALLY-MANAGED", ""},
		ent{"usr/local/lib/python3.11/dist-packages/.wh..wh..opq", ""},
		ent{"usr/local/lib/python3.11/dist-packages/new.py", "new"},
		ent{"etc/os-release", "ID=changed\n"})
	return lower, upper
}

func checkImage(t *testing.T, f *FS) {
	t.Helper()
	if err := fstest.TestFS(f, "etc/os-release", "usr/lib/python3.11/os.py", "usr/local/lib/python3.11/dist-packages/new.py"); err != nil {
		t.Error(err)
	}
	if _, err := f.Lstat("usr/lib/python3.11/EXTERNALLY-MANAGED"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the whiteout did not remove the marker: %v", err)
	}
	if _, err := f.Lstat("usr/local/lib/python3.11/dist-packages/old"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the opaque directory kept a lower layer's entry: %v", err)
	}
	if data, _ := f.ReadFile("etc/os-release"); string(data) != "ID=changed\n" {
		t.Errorf("os-release %q, want the upper layer's", data)
	}
	if d, ok := f.Digest("usr/local/lib/python3.11/dist-packages/new.py"); !ok || hex.EncodeToString(d[:]) != digest([]byte("new")) {
		t.Errorf("digest of new.py: %x, %v", d, ok)
	}
	if target, err := f.ReadLink("usr/bin/python3"); err != nil || target != "python3.11" {
		t.Errorf("ReadLink = %q, %v", target, err)
	}
	if info, err := f.Stat("usr/bin/python3"); err != nil || !info.Mode().IsRegular() {
		t.Errorf("Stat through the link: %v, %v", info, err)
	}
}

func TestDockerSave(t *testing.T) {
	lower, upper := imageLayers(t)
	// manifest.json last, as docker save may write it.
	archive := tarOf(t,
		ent{"aaa/layer.tar", string(lower)}, ent{"bbb/layer.tar", string(upper)},
		ent{"cfg.json", `{"config":{}}`},
		ent{"manifest.json", `[{"Config":"cfg.json","Layers":["aaa/layer.tar","bbb/layer.tar"]}]`})
	for _, seekable := range []bool{true, false} {
		var r io.Reader = bytes.NewReader(archive)
		if !seekable {
			r = io.MultiReader(r) // hides ReaderAt and Seeker
		}
		f, err := Read(r, keepAll)
		if err != nil {
			t.Fatal(err)
		}
		checkImage(t, f)
	}
}

func TestOCILayout(t *testing.T) {
	lower, upper := imageLayers(t)
	lz, uz := gz(lower), gz(upper)
	manifest := fmt.Sprintf(`{"layers":[{"digest":"sha256:%s"},{"digest":"sha256:%s"}]}`, digest(lz), digest(uz))
	index := fmt.Sprintf(`{"manifests":[{"digest":"sha256:%s"}]}`, digest([]byte(manifest)))
	archive := tarOf(t,
		ent{"oci-layout", `{"imageLayoutVersion":"1.0.0"}`},
		ent{"blobs/sha256/" + digest(uz), string(uz)}, // the upper layer first: order comes from the manifest
		ent{"blobs/sha256/" + digest(lz), string(lz)},
		ent{"blobs/sha256/" + digest([]byte(manifest)), manifest},
		ent{"index.json", index})
	f, err := Read(bytes.NewReader(archive), keepAll)
	if err != nil {
		t.Fatal(err)
	}
	checkImage(t, f)
}

func TestFlat(t *testing.T) {
	archive := tarOf(t, ent{"./", "dir"}, ent{"./etc/", "dir"}, ent{"./etc/passwd", "root:x:0:0"},
		ent{"./etc/shadow-link", "->/etc/passwd"}, ent{"./up", "->../../../../etc/passwd"},
		ent{"../outside", "evil"}, ent{"./etc/fifo", "fifo"}, ent{"./etc/hard", "=>etc/passwd"})
	f, err := Read(bytes.NewReader(archive), keepAll)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"etc/shadow-link", "up", "etc/hard"} {
		if data, err := f.ReadFile(name); err != nil || string(data) != "root:x:0:0" {
			t.Errorf("%s: %q, %v; want the tree's own etc/passwd", name, data, err)
		}
	}
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "../outside") {
		t.Errorf("notes %q, want the entry outside the tree", f.Notes)
	}
	if _, err := f.ReadFile("etc/fifo"); !errors.Is(err, ErrNotKept) {
		t.Errorf("a FIFO read: %v", err)
	}
}

func TestTruncated(t *testing.T) {
	lower, _ := imageLayers(t)
	for _, n := range []int{100, 600, len(lower) - 1100} {
		if _, err := Read(bytes.NewReader(lower[:n]), keepAll); !errors.Is(err, ErrTruncated) {
			t.Errorf("cut at %d: %v, want ErrTruncated", n, err)
		}
	}
	archive := tarOf(t, ent{"l/layer.tar", string(lower[:700])}, ent{"manifest.json", `[{"Layers":["l/layer.tar"]}]`})
	if _, err := Read(bytes.NewReader(archive), keepAll); !errors.Is(err, ErrTruncated) {
		t.Errorf("a truncated layer: %v, want ErrTruncated", err)
	}
	missing := tarOf(t, ent{"manifest.json", `[{"Layers":["gone/layer.tar"]}]`})
	if _, err := Read(bytes.NewReader(missing), keepAll); err == nil {
		t.Error("a manifest naming a missing layer is read")
	}
}

func TestLinkLoop(t *testing.T) {
	f, err := Read(bytes.NewReader(tarOf(t, ent{"a", "->b"}, ent{"b", "->a"})), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Stat("a"); err == nil {
		t.Error("a link loop resolved")
	}
}

// FuzzRead reads arbitrary bytes as an archive: an error or a tree, never
// a panic or a hang.
func FuzzRead(f *testing.F) {
	lower, upper := imageLayers(&testing.T{})
	f.Add(lower)
	f.Add(tarOf(&testing.T{}, ent{"l/layer.tar", string(upper)}, ent{"manifest.json", `[{"Layers":["l/layer.tar"]}]`}))
	f.Add(gz(lower))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys, err := Read(bytes.NewReader(data), keepAll)
		if err != nil {
			return
		}
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				fsys.Stat(p)
			}
			return nil
		})
	})
}

// TestFlatWithJSON: a root filesystem holding files named like an image's
// metadata is read as the root filesystem it is.
func TestFlatWithJSON(t *testing.T) {
	archive := tarOf(t, ent{"etc/passwd", "root"}, ent{"index.json", `{"app":"config"}`}, ent{"manifest.json", `[]`})
	f, err := Read(bytes.NewReader(archive), keepAll)
	if err != nil {
		t.Fatal(err)
	}
	if data, err := f.ReadFile("index.json"); err != nil || string(data) != `{"app":"config"}` {
		t.Errorf("index.json: %q, %v", data, err)
	}
	if _, err := f.Stat("etc/passwd"); err != nil {
		t.Error(err)
	}
}

// TestKeptTotal: past the budget of kept content, files are not kept and
// a note says so.
func TestKeptTotal(t *testing.T) {
	archive := tarOf(t, ent{"a", strings.Repeat("a", 600)}, ent{"b", strings.Repeat("b", 600)}, ent{"c", "c"})
	f, err := Read(bytes.NewReader(archive), &Options{Keep: keepAll.Keep, maxKeptTotal: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReadFile("a"); err != nil {
		t.Errorf("a: %v", err)
	}
	for _, name := range []string{"b", "c"} {
		if _, err := f.ReadFile(name); !errors.Is(err, ErrNotKept) {
			t.Errorf("%s, past the budget: %v, want ErrNotKept", name, err)
		}
	}
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "b and later") {
		t.Errorf("notes %q", f.Notes)
	}
}
