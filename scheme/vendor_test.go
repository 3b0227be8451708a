// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/scheme"
	"github.com/pep668/pep668/venv"
)

// The reference's tables (../shared/reference/scheme.md §2, §6) for what no
// interpreter on the machine can show: 3.14, Fedora, Homebrew, PyPy.
func TestTablesFromReference(t *testing.T) {
	t313, _ := scheme.NewTable(scheme.CPython, "3.13", false, nil)
	t314, err := scheme.NewTable(scheme.CPython, "3.14", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range t313.Names() {
		a, _ := t313.Templates(name)
		b, _ := t314.Templates(name)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("3.14 %s differs from 3.13 (the reference says identical):\n%s", name, diff)
		}
	}

	brew, _ := scheme.NewTable(scheme.Homebrew, "3.14", false, nil)
	got, _ := brew.Templates("osx_framework_library")
	want := scheme.Templates{
		"stdlib":      "{installed_base}/{platlibdir}/python{py_version_short}{abi_thread}",
		"platstdlib":  "{platbase}/{platlibdir}/python{py_version_short}{abi_thread}",
		"purelib":     "/opt/homebrew/lib/python{py_version_short}{abi_thread}/site-packages",
		"platlib":     "/opt/homebrew/{platlibdir}/python{py_version_short}{abi_thread}/site-packages",
		"include":     "{installed_base}/include/python{py_version_short}{abiflags}",
		"platinclude": "{installed_platbase}/include/python{py_version_short}{abiflags}",
		"scripts":     "/opt/homebrew/bin",
		"data":        "/opt/homebrew",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Homebrew osx_framework_library mismatch (-reference +table):\n%s", diff)
	}

	fedora, _ := scheme.NewTable(scheme.Fedora, "3.12", false, nil)
	a, _ := fedora.Templates("rpm_prefix")
	b, _ := fedora.Templates("posix_prefix")
	if diff := cmp.Diff(b, a); diff != "" {
		t.Errorf("Fedora rpm_prefix is not posix_prefix:\n%s", diff)
	}

	pypy, _ := scheme.NewTable(scheme.PyPy, "3.10", false, nil)
	in := &scheme.Interpreter{Vendor: scheme.PyPy, Version: "3.10", Prefix: "/opt/pypy", ExecPrefix: "/opt/pypy",
		BasePrefix: "/opt/pypy", BaseExecPrefix: "/opt/pypy", Platlibdir: "lib"}
	paths, err := in.Paths("posix_prefix", nil)
	if err != nil || paths.Purelib != "/opt/pypy/lib/pypy3.10/site-packages" {
		t.Errorf("PyPy purelib = %q, %v", paths.Purelib, err)
	}
	if _, err := pypy.Templates("pypy"); !errors.Is(err, scheme.ErrUnknownScheme) {
		t.Errorf("PyPy 3.10 has a legacy pypy scheme (PyPy 3.8 dropped it): %v", err)
	}
}

func TestVendorRules(t *testing.T) {
	env := func(k, v string) func(string) (string, bool) { return environ.Map(map[string]string{k: v}) }
	fedora := &scheme.Interpreter{Vendor: scheme.Fedora, Version: "3.12", Prefix: "/usr", ExecPrefix: "/usr",
		BasePrefix: "/usr", BaseExecPrefix: "/usr", Platlibdir: "lib64", UserBase: "/home/u/.local"}
	paths, _ := fedora.Paths("posix_prefix", nil)
	want := scheme.Paths{
		Stdlib: "/usr/lib64/python3.12", Platstdlib: "/usr/local/lib64/python3.12",
		Purelib: "/usr/local/lib/python3.12/site-packages", Platlib: "/usr/local/lib64/python3.12/site-packages",
		Include: "/usr/include/python3.12", Platinclude: "/usr/include/python3.12",
		Scripts: "/usr/local/bin", Data: "/usr/local",
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("Fedora posix_prefix mismatch (-want +got):\n%s", diff)
	}
	fedora.LookupEnv = env("RPM_BUILD_ROOT", "/builddir/build/BUILDROOT/x")
	if paths, _ := fedora.Paths("posix_prefix", nil); paths.Purelib != "/usr/lib/python3.12/site-packages" {
		t.Errorf("Fedora under rpmbuild: purelib %q", paths.Purelib)
	}
	fedora.LookupEnv = nil
	if paths, _ := fedora.Paths("posix_prefix", scheme.Vars{"base": "/opt/p", "platbase": "/opt/p"}); paths.Purelib != "/opt/p/lib/python3.12/site-packages" {
		t.Errorf("Fedora --prefix: purelib %q", paths.Purelib)
	}

	brew := &scheme.Interpreter{Vendor: scheme.Homebrew, Version: "3.13", Framework: "Python",
		Prefix: "/opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13", Platlibdir: "lib"}
	brew.ExecPrefix, brew.BasePrefix, brew.BaseExecPrefix = brew.Prefix, brew.Prefix, brew.Prefix
	for key, want := range map[string]string{"prefix": "osx_framework_library", "home": "posix_home", "user": "osx_framework_user"} {
		if got, _ := brew.PreferredScheme(key); got != want {
			t.Errorf("Homebrew PreferredScheme(%s) = %q, want %q", key, got, want)
		}
	}
	brew.LookupEnv = env("ENSUREPIP_OPTIONS", "--altinstall")
	if got, _ := brew.PreferredScheme("prefix"); got != "venv" {
		t.Errorf("Homebrew with ENSUREPIP_OPTIONS: %q, want venv", got)
	}
}

// TestDistributorDefaultSchemes checks the default scheme inside and
// outside virtual environments against each distributor's patch to
// sysconfig's _get_preferred_schemes and get_preferred_scheme:
//
//   - Homebrew: formula-patches python/3.10-sysconfig.diff (python@3.10),
//     3.11-sysconfig.diff (python@3.11, python@3.12), homebrew-core
//     Patches/python/3.13-sysconfig.diff (python@3.13, python@3.14). 3.10:
//     osx_framework_library only when sys.prefix == sys.base_prefix and
//     ENSUREPIP_OPTIONS is unset, else posix_prefix, and a venv scheme
//     aliasing posix_prefix. 3.11+: venv when sys.prefix != sys.base_prefix
//     or ENSUREPIP_OPTIONS is set, else osx_framework_library.
//   - Debian and Ubuntu: sysconfig-debian-schemes.diff (the same in
//     3.10–3.13): posix_prefix when sys.base_prefix != sys.prefix or
//     sys.real_prefix exists (3.11+ return venv first for the former),
//     deb_system for DEB_PYTHON_INSTALL_LAYOUT deb or deb_system, else
//     posix_local.
//   - Fedora: upstream's rules; the /usr/local rewrite happens at
//     expansion (TestVendorRules).
func TestDistributorDefaultSchemes(t *testing.T) {
	env := func(k, v string) func(string) (string, bool) { return environ.Map(map[string]string{k: v}) }
	tests := []struct {
		vendor          scheme.Vendor
		version         string
		virtual, legacy bool
		env             func(string) (string, bool)
		want            string
		purelib         string // of the default scheme, when set
	}{
		{scheme.Homebrew, "3.10", false, false, nil, "osx_framework_library", "/opt/homebrew/lib/python3.10/site-packages"},
		{scheme.Homebrew, "3.10", true, false, nil, "posix_prefix", "/venv/lib/python3.10/site-packages"},
		{scheme.Homebrew, "3.10", false, false, env("ENSUREPIP_OPTIONS", "1"), "posix_prefix", ""},
		{scheme.Homebrew, "3.11", false, false, nil, "osx_framework_library", ""},
		{scheme.Homebrew, "3.11", true, false, nil, "venv", "/venv/lib/python3.11/site-packages"},
		{scheme.Homebrew, "3.12", true, false, nil, "venv", ""},
		{scheme.Homebrew, "3.12", false, false, env("ENSUREPIP_OPTIONS", "1"), "venv", ""},
		{scheme.Homebrew, "3.13", false, false, nil, "osx_framework_library", "/opt/homebrew/lib/python3.13/site-packages"},
		{scheme.Homebrew, "3.13", true, false, nil, "venv", ""},
		{scheme.Homebrew, "3.14", true, false, nil, "venv", "/venv/lib/python3.14/site-packages"},
		{scheme.Homebrew, "3.14", false, false, env("ENSUREPIP_OPTIONS", ""), "osx_framework_library", ""},
		{scheme.Debian, "3.10", false, false, nil, "posix_local", "/usr/local/lib/python3.10/dist-packages"},
		{scheme.Debian, "3.10", true, false, nil, "posix_prefix", "/venv/lib/python3.10/site-packages"},
		{scheme.Debian, "3.10", false, false, env("DEB_PYTHON_INSTALL_LAYOUT", "deb"), "deb_system", ""},
		{scheme.Debian, "3.11", true, false, nil, "venv", ""},
		{scheme.Debian, "3.11", false, true, nil, "posix_prefix", ""},
		{scheme.Debian, "3.12", false, false, env("DEB_PYTHON_INSTALL_LAYOUT", "deb_system"), "deb_system", "/usr/lib/python3/dist-packages"},
		{scheme.Debian, "3.12", false, false, env("DEB_PYTHON_INSTALL_LAYOUT", "standard"), "posix_local", ""},
		{scheme.Debian, "3.13", true, false, env("DEB_PYTHON_INSTALL_LAYOUT", "deb"), "venv", ""},
		{scheme.Fedora, "3.12", true, false, nil, "venv", ""},
		{scheme.Fedora, "3.14", false, false, nil, "posix_prefix", ""},
	}
	for _, tt := range tests {
		in := &scheme.Interpreter{Vendor: tt.vendor, Version: tt.version, Platlibdir: "lib", LookupEnv: tt.env,
			Prefix: "/usr", ExecPrefix: "/usr", BasePrefix: "/usr", BaseExecPrefix: "/usr",
			IsVirtual: tt.virtual, LegacyVirtualenv: tt.legacy, HomebrewPrefix: scheme.DefaultHomebrewPrefix}
		if tt.virtual {
			in.Prefix, in.ExecPrefix = "/venv", "/venv"
		}
		name, paths, err := in.DefaultPaths()
		if err != nil || name != tt.want {
			t.Errorf("%s %s (virtual %v, legacy %v): default scheme %q, %v; want %q", tt.vendor, tt.version, tt.virtual, tt.legacy, name, err, tt.want)
			continue
		}
		if tt.purelib != "" && paths.Purelib != tt.purelib {
			t.Errorf("%s %s (virtual %v): purelib %q, want %q", tt.vendor, tt.version, tt.virtual, paths.Purelib, tt.purelib)
		}
	}
	// pip's headers directory, which no scheme names.
	for _, tt := range []struct {
		in   scheme.Interpreter
		want string
	}{
		{scheme.Interpreter{Vendor: scheme.CPython, Version: "3.12.1", Prefix: "/venv", IsVirtual: true}, "/venv/include/site/python3.12/MarkupSafe"},
		{scheme.Interpreter{Vendor: scheme.CPython, Version: "3.12", Windows: true, Prefix: `C:\venv`, IsVirtual: true}, `C:\venv\include\site\python3.12\MarkupSafe`},
		{scheme.Interpreter{Vendor: scheme.Debian, Version: "3.11", Prefix: "/usr"}, "/usr/include/python3.11/MarkupSafe"},
	} {
		paths := scheme.Paths{Include: "/usr/include/python3.11"}
		if got := tt.in.HeadersDir(paths, "MarkupSafe"); got != tt.want {
			t.Errorf("HeadersDir(%+v) = %q, want %q", tt.in, got, tt.want)
		}
	}

	brew, _ := scheme.NewTable(scheme.Homebrew, "3.10", false, nil)
	if _, err := brew.Templates("venv"); err != nil {
		t.Errorf("Homebrew 3.10 has no venv scheme: %v", err)
	}

	win := &scheme.Interpreter{Vendor: scheme.CPython, Version: "3.12", Windows: true, Prefix: `C:\Python312`,
		ExecPrefix: `C:\Python312`, BasePrefix: `C:\Python312`, BaseExecPrefix: `C:\Python312`, Platlibdir: "DLLs",
		Winver: "3.12", UserBase: `C:\Users\me\AppData\Roaming\Python`}
	name, paths, err := win.DefaultPaths()
	if err != nil || name != "nt" || paths.Purelib != `C:\Python312\Lib\site-packages` || paths.Stdlib != `C:\Python312\Lib` {
		t.Errorf("Windows DefaultPaths = %q, %v, %v", name, paths, err)
	}
	if p, _ := win.Paths("nt_user", nil); p.Purelib != `C:\Users\me\AppData\Roaming\Python\Python312\site-packages` {
		t.Errorf("Windows nt_user purelib = %q", p.Purelib)
	}
	if _, err := win.PreferredScheme("bogus"); !errors.Is(err, scheme.ErrUnknownKey) {
		t.Errorf("PreferredScheme(bogus) error = %v", err)
	}
}

func TestErrors(t *testing.T) {
	if _, err := scheme.NewTable("arch", "3.12", false, nil); !errors.Is(err, scheme.ErrUnknownVendor) || !strings.Contains(err.Error(), "debian") {
		t.Errorf("unknown vendor: %v", err)
	}
	for _, v := range []string{"3.7", "3.16", "2.7", "x", ""} {
		if _, err := scheme.NewTable(scheme.CPython, v, false, nil); !errors.Is(err, scheme.ErrUnknownVersion) {
			t.Errorf("NewTable(%q) error = %v", v, err)
		}
	}
	table, _ := scheme.NewTable(scheme.CPython, "3.12", false, nil)
	if _, err := table.Paths("posix_local", nil); !errors.Is(err, scheme.ErrUnknownScheme) || !strings.Contains(err.Error(), "posix_prefix") {
		t.Errorf("unknown scheme: %v", err)
	}
	_, err := table.Paths("posix_prefix", scheme.Vars{"base": "/b"})
	var ee *scheme.ExpandError
	if !errors.As(err, &ee) || !errors.Is(err, scheme.ErrUnknownVariable) || ee.Name == "" {
		t.Errorf("missing variable: %#v", err)
	}
}

// TestInspectStatic infers the vendor, platlibdir, abiflags and userbase
// from installation trees of the distributors.
func TestInspectStatic(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	dir := &fstest.MapFile{Mode: fs.ModeDir}
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		exe     string
		getenv  map[string]string
		want    scheme.Interpreter
		def     string
		purelib string
	}{{
		name: "debian",
		fsys: fstest.MapFS{
			"usr/bin/python3.11":                                     file(""),
			"usr/lib/python3.11/os.py":                               file(""),
			"usr/lib/python3.11/lib-dynload":                         dir,
			"usr/lib/python3.11/sysconfig.py":                        file("_INSTALL_SCHEMES = {\n    'posix_local': {\n"),
			"usr/lib/python3.11/_sysconfigdata__x86_64-linux-gnu.py": file("build_time_vars = {'ABIFLAGS': '',\n"),
		},
		exe:     "/usr/bin/python3.11",
		getenv:  map[string]string{"HOME": "/home/u"},
		want:    scheme.Interpreter{Vendor: scheme.Debian, Platlibdir: "lib", UserBase: "/home/u/.local"},
		def:     "posix_local",
		purelib: "/usr/local/lib/python3.11/dist-packages",
	}, {
		name: "fedora lib64",
		fsys: fstest.MapFS{
			"usr/bin/python3.12":                file(""),
			"usr/lib64/python3.12/os.py":        file(""),
			"usr/lib64/python3.12/lib-dynload":  dir,
			"usr/lib64/python3.12/sysconfig.py": file("_INSTALL_SCHEMES['rpm_prefix'] = _INSTALL_SCHEMES['posix_prefix']\n"),
		},
		exe:     "/usr/bin/python3.12",
		getenv:  map[string]string{"PYTHONUSERBASE": "/pub"},
		want:    scheme.Interpreter{Vendor: scheme.Fedora, Platlibdir: "lib64", UserBase: "/pub"},
		def:     "posix_prefix",
		purelib: "/usr/local/lib/python3.12/site-packages",
	}, {
		name: "free-threaded debug build",
		fsys: fstest.MapFS{
			"opt/py/bin/python3.13t":                                             file(""),
			"opt/py/lib/python3.13t/os.py":                                       file(""),
			"opt/py/lib/python3.13t/lib-dynload":                                 dir,
			"opt/py/lib/python3.13t/sysconfig/__init__.py":                       file("_INSTALL_SCHEMES = {}\n"),
			"opt/py/lib/python3.13t/_sysconfigdata_td_linux_x86_64-linux-gnu.py": file("build_time_vars = {'ABIFLAGS': 'td',\n 'Py_GIL_DISABLED': 1,\n"),
		},
		exe:     "/opt/py/bin/python3.13t",
		want:    scheme.Interpreter{Vendor: scheme.CPython, Platlibdir: "lib", Abiflags: "td", FreeThreaded: true},
		def:     "posix_prefix",
		purelib: "/opt/py/lib/python3.13t/site-packages",
	}, {
		name: "homebrew framework",
		fsys: fstest.MapFS{
			"opt/homebrew/Frameworks/Python.framework/Versions/3.13/bin/python3.13":             file(""),
			"opt/homebrew/Frameworks/Python.framework/Versions/3.13/lib/python3.13/os.py":       file(""),
			"opt/homebrew/Frameworks/Python.framework/Versions/3.13/lib/python3.13/lib-dynload": dir,
			"opt/homebrew/Frameworks/Python.framework/Versions/3.13/lib/python3.13/sysconfig/__init__.py": file(
				"    'osx_framework_library': {\n        'purelib': '/usr/local/lib/python{py_version_short}{abi_thread}/site-packages',\n"),
		},
		exe:     "/opt/homebrew/Frameworks/Python.framework/Versions/3.13/bin/python3.13",
		getenv:  map[string]string{"HOME": "/Users/me"},
		want:    scheme.Interpreter{Vendor: scheme.Homebrew, Platlibdir: "lib", Framework: "Python", HomebrewPrefix: "/usr/local", UserBase: "/Users/me/Library/Python/3.13"},
		def:     "osx_framework_library",
		purelib: "/usr/local/lib/python3.13/site-packages",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := venv.Detect(tt.exe, &venv.Options{FS: tt.fsys})
			if err != nil {
				t.Fatal(err)
			}
			in, err := scheme.Inspect(env, &scheme.InspectOptions{FS: tt.fsys, LookupEnv: environ.Map(tt.getenv)})
			if err != nil {
				t.Fatal(err)
			}
			got := scheme.Interpreter{Vendor: in.Vendor, Platlibdir: in.Platlibdir, UserBase: in.UserBase,
				Abiflags: in.Abiflags, FreeThreaded: in.FreeThreaded, Framework: in.Framework}
			if tt.want.HomebrewPrefix != "" {
				got.HomebrewPrefix = in.HomebrewPrefix
			}
			if diff := cmp.Diff(tt.want, got, cmp.FilterPath(func(p cmp.Path) bool {
				return p.Last().String() == ".LookupEnv"
			}, cmp.Ignore())); diff != "" {
				t.Errorf("Inspect mismatch (-want +got):\n%s\nnotes: %q", diff, in.Notes)
			}
			name, paths, err := in.DefaultPaths()
			if err != nil || name != tt.def || paths.Purelib != tt.purelib {
				t.Errorf("DefaultPaths = %q, purelib %q, %v; want %q, %q", name, paths.Purelib, err, tt.def, tt.purelib)
			}
		})
	}
}
