// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv_test

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"github.com/pep668/pep668/venv"
)

func ExampleDetect() {
	// A Debian-like python3.11 and a venv made from it with --symlinks.
	fsys := fstest.MapFS{
		"usr/bin/python3.11":             {},
		"usr/bin/python3":                {Mode: fs.ModeSymlink, Data: []byte("python3.11")},
		"usr/lib/python3.11/os.py":       {},
		"usr/lib/python3.11/lib-dynload": {Mode: fs.ModeDir},
		"home/me/.venv/bin/python":       {Mode: fs.ModeSymlink, Data: []byte("/usr/bin/python3")},
		"home/me/.venv/pyvenv.cfg":       {Data: []byte("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n")},
	}
	for _, exe := range []string{"/usr/bin/python3", "/home/me/.venv/bin/python"} {
		env, err := venv.Detect(exe, &venv.Options{FS: fsys})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %s, prefix %s, base %s, virtual %v, Python %s\n",
			exe, env.Kind, env.Prefix, env.BasePrefix, env.IsVirtual, env.Version)
	}
	// Output:
	// /usr/bin/python3: system, prefix /usr, base /usr, virtual false, Python 3.11
	// /home/me/.venv/bin/python: venv, prefix /home/me/.venv, base /usr, virtual true, Python 3.11
}

func ExampleParseConfig() {
	c, err := venv.ParseConfig("pyvenv.cfg", []byte("HOME = /usr/bin\ninclude-system-site-packages = yes\nuv = 0.5.11\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Home, c.IncludeSystemSitePackages, c.UV)
	// Output: /usr/bin false 0.5.11
}

func ExampleActivationFromEnv() {
	env := map[string]string{"CONDA_PREFIX": "/opt/conda/envs/web", "CONDA_DEFAULT_ENV": "web"}
	a := venv.ActivationFromEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	fmt.Println(a.CondaPrefix, a.CondaKind)
	// Output: /opt/conda/envs/web conda
}
