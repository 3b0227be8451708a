// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv_test

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/venv"
)

func file(content string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(content)} }
func dir() *fstest.MapFile                { return &fstest.MapFile{Mode: fs.ModeDir | 0o755} }
func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Mode: fs.ModeSymlink | 0o777, Data: []byte(target)}
}

// posixBase is an installation under /usr with CPython 3.11.
var posixBase = fstest.MapFS{
	"usr/bin/python3.11":                 file(""),
	"usr/bin/python3":                    link("python3.11"),
	"usr/lib/python3.11/os.py":           file(""),
	"usr/lib/python3.11/lib-dynload":     dir(),
	"usr/lib/python3/dist-packages/x.py": file(""),
}

func with(base fstest.MapFS, extra fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// want is the part of an Environment the static cases check.
type want struct {
	Prefix, BasePrefix, ExecPrefix, BaseExecPrefix string
	IsVirtual, InVirtualEnvironment                bool
	Kind                                           venv.Kind
	IncludeSystemSitePackages                      bool
	Version                                        string
	FreeThreaded                                   bool
	RealPrefix                                     string
}

func got(e *venv.Environment) want {
	return want{e.Prefix, e.BasePrefix, e.ExecPrefix, e.BaseExecPrefix, e.IsVirtual, e.InVirtualEnvironment(),
		e.Kind, e.IncludeSystemSitePackages, e.Version, e.FreeThreaded, e.RealPrefix}
}

// TestDetectStatic covers layouts the machine's interpreters cannot make:
// legacy virtualenv, conda, uv and virtualenv 20, Windows, free-threaded and
// lib64 builds, and CPython 3.14's rules.
func TestDetectStatic(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		exe  string
		opts venv.Options
		want want
	}{{
		name: "legacy virtualenv",
		fsys: with(posixBase, fstest.MapFS{
			"envs/old/bin/python":                                    file(""),
			"envs/old/lib/python3.11/os.py":                          link("/usr/lib/python3.11/os.py"),
			"envs/old/lib/python3.11/lib-dynload":                    link("/usr/lib/python3.11/lib-dynload"),
			"envs/old/lib/python3.11/orig-prefix.txt":                file("/usr\n"),
			"envs/old/lib/python3.11/no-global-site-packages.txt":    file(""),
			"envs/old/lib/python3.11/site-packages/legacy_module.py": file(""),
		}),
		exe:  "/envs/old/bin/python",
		want: want{"/envs/old", "/envs/old", "/envs/old", "/envs/old", false, true, venv.KindLegacyVirtualenv, false, "3.11", false, "/usr"},
	}, {
		name: "conda base",
		fsys: fstest.MapFS{
			"opt/conda/bin/python3.12":              file(""),
			"opt/conda/bin/python":                  link("python3.12"),
			"opt/conda/lib/python3.12/os.py":        file(""),
			"opt/conda/lib/python3.12/lib-dynload":  dir(),
			"opt/conda/conda-meta/history":          file(""),
			"opt/conda/condabin/conda":              file(""),
			"opt/conda/envs/web/conda-meta/history": file(""),
		},
		exe:  "/opt/conda/bin/python",
		want: want{"/opt/conda", "/opt/conda", "/opt/conda", "/opt/conda", false, false, venv.KindCondaBase, true, "3.12", false, ""},
	}, {
		name: "conda environment",
		fsys: fstest.MapFS{
			"opt/conda/envs/web/bin/python3.11":             file(""),
			"opt/conda/envs/web/lib/python3.11/os.py":       file(""),
			"opt/conda/envs/web/lib/python3.11/lib-dynload": dir(),
			"opt/conda/envs/web/conda-meta/history":         file(""),
		},
		exe:  "/opt/conda/envs/web/bin/python3.11",
		want: want{"/opt/conda/envs/web", "/opt/conda/envs/web", "/opt/conda/envs/web", "/opt/conda/envs/web", false, false, venv.KindConda, true, "3.11", false, ""},
	}, {
		name: "pixi environment",
		fsys: fstest.MapFS{
			"p/.pixi/envs/default/bin/python3.12":             file(""),
			"p/.pixi/envs/default/lib/python3.12/os.py":       file(""),
			"p/.pixi/envs/default/lib/python3.12/lib-dynload": dir(),
			"p/.pixi/envs/default/conda-meta/pixi":            file(""),
			"p/.pixi/envs/default/condabin":                   dir(),
		},
		exe:  "/p/.pixi/envs/default/bin/python3.12",
		want: want{"/p/.pixi/envs/default", "/p/.pixi/envs/default", "/p/.pixi/envs/default", "/p/.pixi/envs/default", false, false, venv.KindConda, true, "3.12", false, ""},
	}, {
		name: "uv venv",
		fsys: with(posixBase, fstest.MapFS{
			"p/.venv/bin/python":                   link("/usr/bin/python3.11"),
			"p/.venv/pyvenv.cfg":                   file("home = /usr/bin\nimplementation = CPython\nuv = 0.5.11\nversion_info = 3.11.2\ninclude-system-site-packages = false\n"),
			"p/.venv/lib/python3.11/site-packages": dir(),
		}),
		exe:  "/p/.venv/bin/python",
		want: want{"/p/.venv", "/usr", "/p/.venv", "/usr", true, true, venv.KindUV, false, "3.11", false, ""},
	}, {
		name: "virtualenv 20",
		fsys: with(posixBase, fstest.MapFS{
			"v/bin/python": link("/usr/bin/python3.11"),
			"v/pyvenv.cfg": file("home = /usr/bin\nimplementation = CPython\nversion_info = 3.11.2.final.0\nvirtualenv = 20.25.0\ninclude-system-site-packages = true\nbase-prefix = /usr\nbase-exec-prefix = /usr\nbase-executable = /usr/bin/python3.11\n"),
		}),
		exe:  "/v/bin/python",
		want: want{"/v", "/usr", "/v", "/usr", true, true, venv.KindVirtualenv, true, "3.11", false, ""},
	}, {
		name: "free-threaded build",
		fsys: fstest.MapFS{
			"usr/local/bin/python3.13t":                 file(""),
			"usr/local/lib/python3.13t/os.py":           file(""),
			"usr/local/lib/python3.13t/lib-dynload":     dir(),
			"usr/local/lib/python3.13/os.py":            file(""), // the default build beside it
			"usr/local/lib/python3.13/lib-dynload":      dir(),
			"usr/local/lib/python3.13t/site-packages/x": file(""),
		},
		exe:  "/usr/local/bin/python3.13t",
		want: want{"/usr/local", "/usr/local", "/usr/local", "/usr/local", false, false, venv.KindSystem, true, "3.13", true, ""},
	}, {
		name: "lib64 build",
		fsys: fstest.MapFS{
			"usr/bin/python3.12":               file(""),
			"usr/lib64/python3.12/os.py":       file(""),
			"usr/lib64/python3.12/lib-dynload": dir(),
		},
		exe:  "/usr/bin/python3.12",
		want: want{"/usr", "/usr", "/usr", "/usr", false, false, venv.KindSystem, true, "3.12", false, ""},
	}, {
		name: "separate exec prefix",
		fsys: fstest.MapFS{
			"opt/py/bin/python3.11":                 file(""),
			"opt/py/lib/python3.11/os.py":           file(""),
			"opt/py/bin/lib/python3.11/lib-dynload": dir(),
		},
		exe:  "/opt/py/bin/python3.11",
		want: want{"/opt/py", "/opt/py", "/opt/py/bin", "/opt/py/bin", false, false, venv.KindSystem, true, "3.11", false, ""},
	}, {
		name: "PYTHONHOME with an exec prefix",
		fsys: posixBase,
		exe:  "/usr/bin/python3",
		opts: venv.Options{LookupEnv: environ.Map(map[string]string{"PYTHONHOME": "/opt/a:/opt/b"})},
		want: want{"/opt/a", "/opt/a", "/opt/b", "/opt/b", false, false, venv.KindSystem, true, "3.11", false, ""},
	}, {
		name: "3.14: pyvenv.cfg next to the executable makes that directory the prefix",
		fsys: with(posixBase, fstest.MapFS{
			"v/bin/python":     link("/usr/bin/python3.11"),
			"v/bin/pyvenv.cfg": file("home = /usr/bin\n"),
		}),
		exe:  "/v/bin/python",
		opts: venv.Options{Python: "3.14"},
		want: want{"/v/bin", "/usr", "/v/bin", "/usr", true, true, venv.KindVenv, true, "3.14", false, ""},
	}, {
		name: "3.14: PYTHONHOME is the base, the venv stays",
		fsys: with(posixBase, fstest.MapFS{
			"v/bin/python": link("/usr/bin/python3.11"),
			"v/pyvenv.cfg": file("home = /usr/bin\n"),
		}),
		exe:  "/v/bin/python",
		opts: venv.Options{Python: "3.14", LookupEnv: environ.Map(map[string]string{"PYTHONHOME": "/opt/home"})},
		want: want{"/v", "/opt/home", "/v", "/opt/home", true, true, venv.KindVenv, true, "3.14", false, ""},
	}, {
		// gh-135773: getpath of 3.14.0 and newer takes a pyvenv.cfg without
		// home as a virtual environment too (golden: venv-no-home).
		name: "3.14: a pyvenv.cfg without home makes a venv",
		fsys: with(posixBase, fstest.MapFS{
			"v/bin/python": link("/usr/bin/python3.11"),
			"v/pyvenv.cfg": file("include-system-site-packages = false\n"),
		}),
		exe:  "/v/bin/python",
		opts: venv.Options{Python: "3.14"},
		want: want{"/v", "/usr", "/v", "/usr", true, true, venv.KindVenv, false, "3.14", false, ""},
	}, {
		name: "Windows installation",
		fsys: fstest.MapFS{
			"Python311/python.exe":    file(""),
			"Python311/python311.dll": file(""),
			"Python311/Lib/os.py":     file(""),
			"Python311/DLLs":          dir(),
		},
		exe:  `C:\Python311\python.exe`,
		opts: venv.Options{Windows: true},
		want: want{`C:\Python311`, `C:\Python311`, `C:\Python311`, `C:\Python311`, false, false, venv.KindSystem, true, "3.11", false, ""},
	}, {
		name: "Windows venv",
		fsys: fstest.MapFS{
			"Python311/python.exe":             file(""),
			"Python311/python311.dll":          file(""),
			"Python311/Lib/os.py":              file(""),
			"Users/me/venv/Scripts/python.exe": file(""),
			"Users/me/venv/pyvenv.cfg":         file("home = C:\\Python311\r\ninclude-system-site-packages = false\r\nversion = 3.11.4\r\n"),
			"Users/me/venv/Lib/site-packages":  dir(),
		},
		exe:  `c:\Users\me\venv\Scripts\python.exe`,
		opts: venv.Options{Windows: true},
		want: want{`C:\Users\me\venv`, `C:\Python311`, `C:\Users\me\venv`, `C:\Python311`, true, true, venv.KindVenv, false, "3.11", false, ""},
	}, {
		name: "Windows conda base",
		fsys: fstest.MapFS{
			"Miniconda3/python.exe":         file(""),
			"Miniconda3/python312.dll":      file(""),
			"Miniconda3/Lib/os.py":          file(""),
			"Miniconda3/conda-meta/history": file(""),
			"Miniconda3/condabin/conda.bat": file(""),
		},
		exe:  `C:\Miniconda3\python.exe`,
		opts: venv.Options{Windows: true},
		want: want{`C:\Miniconda3`, `C:\Miniconda3`, `C:\Miniconda3`, `C:\Miniconda3`, false, false, venv.KindCondaBase, true, "3.12", false, ""},
	}, {
		name: "Windows legacy virtualenv",
		fsys: fstest.MapFS{
			"old/Scripts/python.exe":  file(""),
			"old/Lib/os.py":           file(""),
			"old/Lib/orig-prefix.txt": file("C:\\Python27"),
		},
		exe:  `C:\old\Scripts\python.exe`,
		opts: venv.Options{Windows: true, Python: "3.7"},
		want: want{`C:\old`, `C:\old`, `C:\old`, `C:\old`, false, true, venv.KindLegacyVirtualenv, true, "3.7", false, `C:\Python27`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.FS = tt.fsys
			env, err := venv.Detect(tt.exe, &opts)
			if err != nil {
				t.Fatalf("Detect(%s): %v", tt.exe, err)
			}
			if diff := cmp.Diff(tt.want, got(env)); diff != "" {
				t.Errorf("Detect(%s) mismatch (-want +got):\n%s\nnotes: %q", tt.exe, diff, env.Notes)
			}
		})
	}
}

func TestDetectErrors(t *testing.T) {
	fsys := with(posixBase, fstest.MapFS{
		"bad/bin/python": link("/usr/bin/python3.11"),
		"bad/pyvenv.cfg": file("home = /usr/bin\n\xff\n"),
		"dir/bin/python": dir(),
	})
	tests := []struct {
		exe  string
		want error
	}{
		{"/missing/bin/python", venv.ErrNoExecutable},
		{"/dir/bin/python", venv.ErrNoExecutable},
		{"relative/bin/python", nil},
		{"/bad/bin/python", venv.ErrEncoding},
	}
	for _, tt := range tests {
		env, err := venv.Detect(tt.exe, &venv.Options{FS: fsys})
		if err == nil || env != nil {
			t.Errorf("Detect(%s) = %v, %v; want an error", tt.exe, env, err)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("Detect(%s) error = %v, want %v", tt.exe, err, tt.want)
		}
	}
	var ce *venv.ConfigError
	if _, err := venv.Detect("/bad/bin/python", &venv.Options{FS: fsys}); !errors.As(err, &ce) || ce.Line != 2 {
		t.Errorf("Detect(/bad) error = %#v, want a *ConfigError on line 2", err)
	}
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name, data string
		want       venv.Config
	}{
		{"empty", "", venv.Config{IncludeSystemSitePackages: true}},
		{"venv 3.13", "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.13.0\nexecutable = /usr/bin/python3.13\ncommand = /usr/bin/python3 -m venv --prompt=\"x\" /v\nprompt = 'x'\n",
			venv.Config{Home: "/usr/bin", HasHome: true, Version: "3.13.0", Executable: "/usr/bin/python3.13", Command: "/usr/bin/python3 -m venv --prompt=\"x\" /v", Prompt: "'x'"}},
		{"case and spaces", "  HOME   =   /usr/bin  \nInclude-System-Site-Packages = TRUE\n", venv.Config{Home: "/usr/bin", HasHome: true, IncludeSystemSitePackages: true}},
		{"no spaces", "home=/a=b\n", venv.Config{Home: "/a=b", HasHome: true, IncludeSystemSitePackages: true}},
		{"first home, last include", "home = /a\nhome = /b\ninclude-system-site-packages = false\ninclude-system-site-packages = true\n", venv.Config{Home: "/a", HasHome: true, IncludeSystemSitePackages: true}},
		{"yes is not true", "include-system-site-packages = yes\n", venv.Config{}},
		{"no inline comments", "include-system-site-packages = true # c\n", venv.Config{}},
		{"colon is no delimiter", "include-system-site-packages : false\nhome: /x\n", venv.Config{IncludeSystemSitePackages: true}},
		{"comment line with =", "# home = /x\n", venv.Config{IncludeSystemSitePackages: true}},
		{"BOM glued to the first key", "\ufeffinclude-system-site-packages = false\n", venv.Config{IncludeSystemSitePackages: true}},
		{"CRLF and CR", "home = /x\r\ninclude-system-site-packages = false\rversion = 3.12.1\r\n", venv.Config{Home: "/x", HasHome: true, Version: "3.12.1"}},
		{"first home wins even empty", "home =\nhome = /b\n", venv.Config{HasHome: true, IncludeSystemSitePackages: true}},
		{"getpath splits at LF only", "x = 1\rhome = /a\r", venv.Config{IncludeSystemSitePackages: true}},
		{"version_info", "version_info = 3.8.16.final.0\n", venv.Config{Version: "3.8.16.final.0", IncludeSystemSitePackages: true}},
		{"version wins over version_info", "version = 3.12.1\nversion_info = 3.12.0.final.0\n", venv.Config{Version: "3.12.1", IncludeSystemSitePackages: true}},
		{"creators", "uv = 0.5.0\nvirtualenv = 20.1\nimplementation = PyPy\nbase-prefix = /p\nbase-exec-prefix = /q\nbase-executable = /p/bin/pypy3\n",
			venv.Config{UV: "0.5.0", Virtualenv: "20.1", Implementation: "PyPy", BasePrefix: "/p", BaseExecPrefix: "/q", BaseExecutable: "/p/bin/pypy3", IncludeSystemSitePackages: true}},
	}
	for _, tt := range tests {
		c, err := venv.ParseConfig("pyvenv.cfg", []byte(tt.data))
		if err != nil {
			t.Errorf("%s: ParseConfig error: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, *c, cmpopts.IgnoreFields(venv.Config{}, "Entries")); diff != "" {
			t.Errorf("%s: ParseConfig mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	c, _ := venv.ParseConfig("pyvenv.cfg", []byte("Home = /a\nfoo\nX-Custom = 1 = 2\n"))
	wantEntries := []venv.Entry{{Key: "home", Name: "Home", Value: "/a", Line: 1}, {Key: "x-custom", Name: "X-Custom", Value: "1 = 2", Line: 3}}
	if diff := cmp.Diff(wantEntries, c.Entries); diff != "" {
		t.Errorf("Entries mismatch (-want +got):\n%s", diff)
	}
	if v, ok := c.Get("X-CUSTOM"); !ok || v != "1 = 2" {
		t.Errorf("Get(X-CUSTOM) = %q, %v", v, ok)
	}
}

func TestActivationFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want venv.Activation
	}{
		{nil, venv.Activation{}},
		{map[string]string{"VIRTUAL_ENV": "/v"}, venv.Activation{VirtualEnv: "/v"}},
		{map[string]string{"CONDA_PREFIX": "/opt/conda", "CONDA_DEFAULT_ENV": "base"}, venv.Activation{CondaPrefix: "/opt/conda", CondaKind: venv.KindCondaBase}},
		{map[string]string{"CONDA_PREFIX": "/opt/conda/envs/web", "CONDA_DEFAULT_ENV": "web"}, venv.Activation{CondaPrefix: "/opt/conda/envs/web", CondaKind: venv.KindConda}},
		{map[string]string{"CONDA_PREFIX": "/p/env", "CONDA_DEFAULT_ENV": "/p/env"}, venv.Activation{CondaPrefix: "/p/env", CondaKind: venv.KindConda}},
		{map[string]string{"CONDA_PREFIX": "/p/env"}, venv.Activation{CondaPrefix: "/p/env", CondaKind: venv.KindConda}},
		{map[string]string{"CONDA_PREFIX": "/opt/conda", "_CONDA_ROOT": "/opt/conda", "CONDA_DEFAULT_ENV": "conda"}, venv.Activation{CondaPrefix: "/opt/conda", CondaKind: venv.KindCondaBase}},
		{map[string]string{"CONDA_PREFIX": `C:\Miniconda3\envs\web`, "CONDA_DEFAULT_ENV": "web"}, venv.Activation{CondaPrefix: `C:\Miniconda3\envs\web`, CondaKind: venv.KindConda}},
	}
	for _, tt := range tests {
		if got := venv.ActivationFromEnv(environ.Map(tt.env)); got != tt.want {
			t.Errorf("ActivationFromEnv(%v) = %+v, want %+v", tt.env, got, tt.want)
		}
	}
}
