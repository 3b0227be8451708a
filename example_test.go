// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"github.com/pep668/pep668"
)

func ExampleCheck() {
	// Debian's python3.11 and a virtual environment made from it, as their
	// files show them.
	fsys := fstest.MapFS{
		"usr/bin/python3.11":                    {},
		"usr/lib/python3.11/os.py":              {},
		"usr/lib/python3.11/lib-dynload":        {Mode: fs.ModeDir},
		"usr/lib/python3.11/sysconfig.py":       {Data: []byte("    'posix_local': {\n")},
		"usr/lib/python3.11/EXTERNALLY-MANAGED": {Data: []byte("[externally-managed]\nError=To install Python packages system-wide, try apt install\n python3-xyz.\n")},
		"home/me/.venv/bin/python":              {Mode: fs.ModeSymlink, Data: []byte("/usr/bin/python3.11")},
		"home/me/.venv/pyvenv.cfg":              {Data: []byte("home = /usr/bin\n")},
	}
	for _, exe := range []string{"/usr/bin/python3.11", "/home/me/.venv/bin/python"} {
		v, err := pep668.Check(exe, &pep668.Options{FS: fsys})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: allowed %v (%s), marker %s present %v\n", exe, v.Allowed, v.Reason, v.MarkerPath, v.MarkerExists)
	}
	// Output:
	// /usr/bin/python3.11: allowed false (externally-managed), marker /usr/lib/python3.11/EXTERNALLY-MANAGED present true
	// /home/me/.venv/bin/python: allowed true (virtual-environment), marker /usr/lib/python3.11/EXTERNALLY-MANAGED present true
}

func ExampleExplain() {
	fsys := fstest.MapFS{
		"opt/py/bin/python3.12":                    {},
		"opt/py/lib/python3.12/os.py":              {},
		"opt/py/lib/python3.12/lib-dynload":        {Mode: fs.ModeDir},
		"opt/py/lib/python3.12/EXTERNALLY-MANAGED": {Data: []byte("[externally-managed]\nError=This Python installation is managed by uv and should not be modified.\n")},
	}
	v, err := pep668.Check("/opt/py/bin/python3.12", &pep668.Options{FS: fsys})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range pep668.Explain(v) {
		fmt.Println(line)
	}
	// Output:
	// installing is refused: the interpreter is marked as externally managed by uv, and it is not a virtual environment
	// python: /opt/py/bin/python3.12 (cpython 3.12)
	// environment: system; prefix /opt/py, base prefix /opt/py
	// default install scheme: posix_prefix; stdlib /opt/py/lib/python3.12
	// marker: /opt/py/lib/python3.12/EXTERNALLY-MANAGED (present)
	// message: from key Error
	// note: no sysconfig source in /opt/py/lib/python3.12; vendor assumed cpython
	// note: no _sysconfigdata in /opt/py/lib/python3.12; abiflags assumed ""
}
