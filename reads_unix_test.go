// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package pep668_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/internal/testfs"
	"github.com/pep668/pep668/marker"
	"github.com/pep668/pep668/venv"
)

func writeAll(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSpecialFilesAreNotRead: no file the library reads can make it
// block or exhaust memory: FIFOs and devices are refused, huge files fail
// closed, and each answer says why.
func TestSpecialFilesAreNotRead(t *testing.T) {
	for _, kind := range testfs.Kinds {
		t.Run(kind, func(t *testing.T) {
			root, _ := filepath.EvalSymlinks(t.TempDir())
			writeAll(t, root, map[string]string{
				"usr/bin/python3.11":                                           "",
				"usr/lib/python3.11/os.py":                                     "",
				"usr/lib/python3.11/lib-dynload/.keep":                         "",
				"usr/lib/python3.11/sysconfig.py":                              "    'posix_local': {\n",
				"usr/lib/python3.11/_sysconfigdata__linux_x86_64-linux-gnu.py": "build_time_vars = {'ABIFLAGS': ''}\n",
				"usr/lib/python3.11/EXTERNALLY-MANAGED":                        "[externally-managed]\nError=apt\n",
				"venv/bin/python":                                              "",
				"venv/pyvenv.cfg":                                              "home = " + root + "/usr/bin\n",
			})
			exe := filepath.Join(root, "usr", "bin", "python3.11")
			lib := filepath.Join(root, "usr", "lib", "python3.11")

			// The marker: a regular file too large to read still marks.
			testfs.Make(t, filepath.Join(lib, "EXTERNALLY-MANAGED"), testfs.Huge, 16<<20)
			testfs.Within(t, "Check with a huge marker", func() {
				v, err := pep668.Check(exe, &pep668.Options{Python: "3.11"})
				if err != nil || v.Allowed || !errors.Is(v.Message.Problem, marker.ErrTooLarge) {
					t.Errorf("Check with a 16 MB marker: %+v, %v; want refused with ErrTooLarge", v, err)
				}
			})
			if kind != testfs.Huge {
				testfs.Make(t, filepath.Join(lib, "EXTERNALLY-MANAGED"), kind, 0)
				testfs.Within(t, "marker.Read", func() {
					msg := marker.Read(os.DirFS(lib), "EXTERNALLY-MANAGED", marker.Options{})
					if !errors.Is(msg.Problem, marker.ErrNotRegular) {
						t.Errorf("marker.Read of a %s: problem %v, want ErrNotRegular", kind, msg.Problem)
					}
				})
			}

			// The distributor's sources read for facts.
			testfs.Make(t, filepath.Join(lib, "sysconfig.py"), kind, 1<<30)
			testfs.Make(t, filepath.Join(lib, "_sysconfigdata__linux_x86_64-linux-gnu.py"), kind, 1<<30)
			testfs.Within(t, "Check with special sysconfig files", func() {
				if _, err := pep668.Check(exe, &pep668.Options{Python: "3.11"}); err != nil {
					t.Errorf("Check: %v", err)
				}
			})

			// pyvenv.cfg.
			testfs.Make(t, filepath.Join(root, "venv", "pyvenv.cfg"), kind, 64<<20)
			testfs.Within(t, "venv.Detect", func() {
				_, err := venv.Detect(filepath.Join(root, "venv", "bin", "python"), &venv.Options{Python: "3.11"})
				// A FIFO or a device is no file to getpath, so no venv; a
				// huge file is one, but is not read.
				if kind == testfs.Huge && !errors.Is(err, venv.ErrTooLarge) {
					t.Errorf("Detect with a %s pyvenv.cfg: %v", kind, err)
				}
			})

			// pip's configuration.
			testfs.Make(t, filepath.Join(root, "pip.conf"), kind, 1<<30)
			testfs.Within(t, "PipOverride", func() {
				env := map[string]string{"PIP_CONFIG_FILE": filepath.Join(root, "pip.conf")}
				if o, err := pep668.PipOverride("install", &pep668.PipOptions{LookupEnv: environ.Map(env)}); err != nil || o.BreakSystemPackages {
					t.Errorf("PipOverride with a %s pip.conf: %+v, %v", kind, o, err)
				}
			})

			// pyenv's .python-version, which a cloned repository can ship.
			shims := filepath.Join(root, "pyenv", "shims")
			writeAll(t, root, map[string]string{
				"pyenv/shims/python3":               "#!/usr/bin/env bash\nexec \"/pyenv/libexec/pyenv\" exec \"$program\" \"$@\"\n",
				"pyenv/versions/3.12.1/bin/python3": "",
				"pyenv/version":                     "3.12.1\n",
			})
			testfs.Make(t, filepath.Join(root, "work", ".python-version"), kind, 1<<30)
			testfs.Within(t, "Locate", func() {
				env := map[string]string{"PATH": shims, "PYENV_ROOT": filepath.Join(root, "pyenv")}
				loc, err := pep668.Locate("python3", &pep668.LocateOptions{LookupEnv: environ.Map(env), Dir: filepath.Join(root, "work")})
				if err != nil || !strings.HasSuffix(loc.Executable, "3.12.1/bin/python3") {
					t.Errorf("Locate with a %s .python-version: %+v, %v", kind, loc, err)
				}
			})
			testfs.Make(t, filepath.Join(shims, "python3"), kind, 1<<30)
			testfs.Within(t, "Locate of a special file", func() {
				env := map[string]string{"PATH": shims}
				pep668.Locate("python3", &pep668.LocateOptions{LookupEnv: environ.Map(env)})
			})
		})
	}
}
