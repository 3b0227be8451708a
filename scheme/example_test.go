// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme_test

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"github.com/pep668/pep668/scheme"
)

func ExampleTable_Paths() {
	table, err := scheme.NewTable(scheme.CPython, "3.13", false, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	paths, err := table.Paths("posix_prefix", scheme.Vars{
		"base": "/opt/py", "platbase": "/opt/py", "installed_base": "/opt/py", "installed_platbase": "/opt/py",
		"platlibdir": "lib", "implementation_lower": "python", "py_version_short": "3.13",
		"abi_thread": "t", "abiflags": "t",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(paths.Stdlib)
	fmt.Println(paths.Purelib)
	fmt.Println(paths.Include)
	// Output:
	// /opt/py/lib/python3.13t
	// /opt/py/lib/python3.13t/site-packages
	// /opt/py/include/python3.13t
}

func ExampleResolve() {
	// A Debian python3.11, as its files show it.
	fsys := fstest.MapFS{
		"usr/bin/python3.11":              {},
		"usr/lib/python3.11/os.py":        {},
		"usr/lib/python3.11/lib-dynload":  {Mode: fs.ModeDir},
		"usr/lib/python3.11/sysconfig.py": {Data: []byte("    'posix_local': {\n")},
	}
	in, _, err := scheme.Resolve("/usr/bin/python3.11", &scheme.InspectOptions{FS: fsys})
	if err != nil {
		fmt.Println(err)
		return
	}
	name, paths, err := in.DefaultPaths()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(in.Vendor, name)
	fmt.Println("marker directory:", paths.Stdlib)
	fmt.Println("pip installs into:", paths.Purelib)
	// Output:
	// debian posix_local
	// marker directory: /usr/lib/python3.11
	// pip installs into: /usr/local/lib/python3.11/dist-packages
}

func ExampleBounds_Contains() {
	fsys := fstest.MapFS{
		"venv/lib/python3.12/site-packages/pkg/__init__.py": {},
		"venv/lib/python3.12/site-packages/evil":            {Mode: fs.ModeSymlink, Data: []byte("/etc")},
	}
	b, err := scheme.NewBounds(scheme.Paths{Purelib: "/venv/lib/python3.12/site-packages", Scripts: "/venv/bin"},
		&scheme.BoundsOptions{FS: fsys})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range []string{
		"/venv/lib/python3.12/site-packages/pkg/__init__.py",
		"/venv/lib/python3.12/site-packages/evil/passwd",
		"/venv2/bin/tool",
	} {
		if key, inside, _ := b.Contains(p); inside {
			fmt.Println(p, "is inside", key)
		} else {
			fmt.Println(p, "is outside")
		}
	}
	// Output:
	// /venv/lib/python3.12/site-packages/pkg/__init__.py is inside purelib
	// /venv/lib/python3.12/site-packages/evil/passwd is outside
	// /venv2/bin/tool is outside
}
