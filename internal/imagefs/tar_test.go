// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package imagefs

import (
	"archive/tar"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// entriesOf lists an archive's entries with the package's reader:
// "type name size linkname", and the content of regular files.
func entriesOf(data []byte) ([]string, map[string]string, error) {
	tr := newTarReader(bytes.NewReader(data))
	var out []string
	content := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out, content, nil
		}
		if err != nil {
			return out, content, err
		}
		out = append(out, string(h.Typeflag)+" "+h.Name+" "+h.Linkname)
		if h.Typeflag == typeReg && !h.Sparse {
			b, err := io.ReadAll(tr)
			if err != nil {
				return out, content, err
			}
			content[h.Name] = string(b)
		}
	}
}

// TestGNUTar reads archives GNU tar writes in each of its formats: long
// names (GNU's L entries, ustar's prefix, PAX path records), links, and a
// sparse file, which is never read.
func TestGNUTar(t *testing.T) {
	if _, err := exec.LookPath("tar"); err != nil {
		t.Skip("no tar")
	}
	dir := t.TempDir()
	long := strings.Repeat("d", 60) + "/" + strings.Repeat("e", 60) + "/" + strings.Repeat("f", 90) + ".py"
	os.MkdirAll(filepath.Join(dir, "src", filepath.Dir(long)), 0o755)
	os.WriteFile(filepath.Join(dir, "src", long), []byte("long"), 0o644)
	os.WriteFile(filepath.Join(dir, "src", "a.txt"), []byte("a"), 0o644)
	os.Symlink("a.txt", filepath.Join(dir, "src", "link"))
	os.Link(filepath.Join(dir, "src", "a.txt"), filepath.Join(dir, "src", "hard"))
	sparse, _ := os.Create(filepath.Join(dir, "src", "sparse"))
	sparse.Truncate(64 << 20)
	sparse.WriteAt([]byte("x"), 32<<20)
	sparse.Close()
	for _, format := range []string{"gnu", "posix", "ustar"} {
		archive := filepath.Join(dir, format+".tar")
		args := []string{"--format=" + format, "-S", "-cf", archive, "-C", filepath.Join(dir, "src"), "."}
		if out, err := exec.Command("tar", args...).CombinedOutput(); err != nil {
			if format == "ustar" {
				continue // a name too long for ustar: GNU tar refuses
			}
			t.Fatalf("tar %s: %v: %s", format, err, out)
		}
		data, _ := os.ReadFile(archive)
		entries, content, err := entriesOf(data)
		if err != nil {
			t.Fatalf("%s: %v (entries %q)", format, err, entries)
		}
		joined := strings.Join(entries, "\n")
		for _, want := range []string{"0 ./" + long + " ", "2 ./link a.txt"} {
			if !strings.Contains(joined, want) {
				t.Errorf("%s: no entry %q in\n%s", format, want, joined)
			}
		}
		if !strings.Contains(joined, "1 ./hard ./a.txt") && !strings.Contains(joined, "1 ./a.txt ./hard") {
			t.Errorf("%s: no hard link in\n%s", format, joined)
		}
		if content["./"+long] != "long" || content["./a.txt"]+content["./hard"] != "a" || content["./sparse"] != "" {
			t.Errorf("%s: content %q", format, content)
		}
		f, err := Read(bytes.NewReader(data), &Options{Hash: func(string) bool { return true }})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Unhashed) != 1 || f.Unhashed[0] != "sparse" {
			t.Errorf("%s: unhashed %q, want the sparse file", format, f.Unhashed)
		}
	}
}

// FuzzTarReader compares the reader with archive/tar: where archive/tar
// reads a whole archive, the reader reads the same entries.
func FuzzTarReader(f *testing.F) {
	lower, upper := imageLayers(&testing.T{})
	f.Add(lower)
	f.Add(upper)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: strings.Repeat("x", 200), Size: 3, Mode: 0o644, Format: tar.FormatPAX})
	tw.Write([]byte("abc"))
	tw.WriteHeader(&tar.Header{Name: strings.Repeat("y", 150), Typeflag: tar.TypeSymlink, Linkname: strings.Repeat("z", 150), Format: tar.FormatGNU})
	tw.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		var want []string
		tr := tar.NewReader(bytes.NewReader(data))
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return // archive/tar refuses it: nothing to compare
			}
			typ := h.Typeflag // 0 is an old regular file, as is a contiguous one
			if typ == 0 || typ == tar.TypeCont {
				typ = tar.TypeReg
				if strings.HasSuffix(h.Name, "/") {
					typ = tar.TypeDir
				}
			}
			want = append(want, string(typ)+" "+h.Name+" "+h.Linkname)
		}
		got, _, err := entriesOf(data)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Logf("archive/tar reads %q; the reader fails: %v", want, err)
			return // a stricter reader may refuse what archive/tar accepts
		}
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("entry %d: %q, archive/tar %q", i, got[i], want[i])
			}
		}
	})
}
