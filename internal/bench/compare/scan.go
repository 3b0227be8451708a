// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"archive/tar"
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// writeImage writes a docker save archive of about mb megabytes: a base
// layer with a Debian-like python3.11 and its marker, and a layer with a
// venv whose site-packages hold many distributions of files of mixed
// sizes, each with a RECORD that hashes them, as pip writes it.
func writeImage(path string, mb int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	outer := tar.NewWriter(w)
	rng := rand.New(rand.NewPCG(1, 2))
	layer := func(name string, fill func(tw *tar.Writer) error) error {
		tmp, err := os.CreateTemp(filepath.Dir(path), "layer-")
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		bw := bufio.NewWriterSize(tmp, 1<<20)
		tw := tar.NewWriter(bw)
		if err := fill(tw); err != nil {
			return err
		}
		if err := tw.Close(); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		info, _ := tmp.Stat()
		if _, err := tmp.Seek(0, 0); err != nil {
			return err
		}
		if err := outer.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: info.Size(), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err = bufio.NewReader(tmp).WriteTo(outer)
		return err
	}
	file := func(tw *tar.Writer, name string, data []byte, mode int64) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		_, err := tw.Write(data)
		return err
	}
	err = layer("base/layer.tar", func(tw *tar.Writer) error {
		for _, p := range []string{"usr/bin/python3.11", "usr/lib/python3.11/os.py"} {
			if err := file(tw, p, []byte("x"), 0o755); err != nil {
				return err
			}
		}
		tw.WriteHeader(&tar.Header{Name: "usr/lib/python3.11/lib-dynload/", Typeflag: tar.TypeDir, Mode: 0o755})
		return file(tw, "usr/lib/python3.11/EXTERNALLY-MANAGED", []byte("[externally-managed]\nError=apt\n"), 0o644)
	})
	if err != nil {
		return err
	}
	err = layer("venv/layer.tar", func(tw *tar.Writer) error {
		file(tw, "opt/venv/pyvenv.cfg", []byte("home = /usr/bin\nversion = 3.11.2\n"), 0o644)
		tw.WriteHeader(&tar.Header{Name: "opt/venv/bin/python3", Typeflag: tar.TypeSymlink, Linkname: "/usr/bin/python3.11", Mode: 0o777})
		site := "opt/venv/lib/python3.11/site-packages/"
		written := 0
		buf := make([]byte, 8<<20)
		for d := 0; written < mb<<20; d++ {
			name := fmt.Sprintf("dist%04d", d)
			var rec strings.Builder
			for i := range 100 {
				size := 200 + rng.IntN(20000)
				if i == 0 {
					size = 1<<20 + rng.IntN(4<<20) // an extension module
				}
				data := buf[:size]
				for j := 0; j < size; j += 64 {
					data[j] = byte(rng.Uint32())
				}
				p := fmt.Sprintf("%s/m%03d.py", name, i)
				if err := file(tw, site+p, data, 0o644); err != nil {
					return err
				}
				sum := sha256.Sum256(data)
				fmt.Fprintf(&rec, "%s,sha256=%s,%d\n", p, base64.RawURLEncoding.EncodeToString(sum[:]), size)
				written += size
			}
			info := name + "-1.0.dist-info"
			file(tw, site+info+"/METADATA", []byte("Name: "+name+"\nVersion: 1.0\n"), 0o644)
			file(tw, site+info+"/INSTALLER", []byte("pip\n"), 0o644)
			rec.WriteString(info + "/METADATA,,\n" + info + "/INSTALLER,,\n" + info + "/RECORD,,\n")
			if err := file(tw, site+info+"/RECORD", []byte(rec.String()), 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	file(outer, "manifest.json", []byte(`[{"Config":"c.json","Layers":["base/layer.tar","venv/layer.tar"]}]`), 0o644)
	if err := outer.Close(); err != nil {
		return err
	}
	return w.Flush()
}

// scanRows times pep668 scan of an image archive against reading it with
// tar, and --verify on one core against all of them.
func scanRows(rounds int, bin string, mb int, archive string) ([]row, error) {
	if archive == "" {
		dir, err := os.MkdirTemp("", "pep668-scan-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		archive = filepath.Join(dir, "image.tar")
	}
	if _, err := os.Stat(archive); err != nil {
		if err := writeImage(archive, mb); err != nil {
			return nil, err
		}
	}
	info, _ := os.Stat(archive)
	sh := func(script string, env ...string) func() error {
		return func() error {
			cmd := exec.Command("sh", "-c", script)
			cmd.Env = append(os.Environ(), env...)
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("%s: %v: %s", script, err, out)
			}
			return nil
		}
	}
	// Warm the page cache, then time.
	sh("cat " + archive + " > /dev/null")()
	readAll, err := timeIt(rounds, sh("tar -t < "+archive+" > /dev/null"))
	if err != nil {
		return nil, err
	}
	readPipe, err := timeIt(rounds, sh("cat "+archive+" | tar -t > /dev/null"))
	if err != nil {
		return nil, err
	}
	list, err := timeIt(rounds, sh("tar -tf "+archive+" > /dev/null"))
	if err != nil {
		return nil, err
	}
	scan, err := timeIt(rounds, sh(bin+" scan --json "+archive+" > /dev/null"))
	if err != nil {
		return nil, err
	}
	scanPipe, err := timeIt(rounds, sh("cat "+archive+" | "+bin+" scan --json - > /dev/null"))
	if err != nil {
		return nil, err
	}
	verifyOne, err := timeIt(max(rounds/4, 3), sh(bin+" scan --json --verify "+archive+" > /dev/null", "GOMAXPROCS=1"))
	if err != nil {
		return nil, err
	}
	verifyAll, err := timeIt(max(rounds/4, 3), sh(bin+" scan --json --verify "+archive+" > /dev/null"))
	if err != nil {
		return nil, err
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	size := fmt.Sprintf("%.2f GB", float64(info.Size())/1e9)
	return []row{
		{"`scan` of a " + size + " docker save archive, whole process, against `tar -t < archive` (reading it all)", ms(scan), ms(readAll),
			fmt.Sprintf("%.0f%% of tar's speed", 100*float64(readAll)/float64(scan)), "≥ 80%"},
		{"the same, archive piped in (`cat archive | pep668 scan -` against `cat archive | tar -t`)", ms(scanPipe), ms(readPipe),
			fmt.Sprintf("%.0f%% of tar's speed", 100*float64(readPipe)/float64(scanPipe)), "≥ 80%"},
		{"`tar -tf archive` (lists the outer archive only, seeking)", "", ms(list), "", ""},
		{fmt.Sprintf("`scan --verify`, %d cores against one (GOMAXPROCS=1)", runtime.NumCPU()), ms(verifyAll), ms(verifyOne),
			fmt.Sprintf("%.2f× faster on %d cores", float64(verifyOne)/float64(verifyAll), runtime.NumCPU()), "uses every core"},
	}, nil
}
