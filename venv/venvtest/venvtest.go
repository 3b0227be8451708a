// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package venvtest builds Python installations as files, for the tests of
// code that uses this module: a policy that must refuse Debian's system
// Python and allow a venv made from it can be tested without Debian.
//
// Each layout is shaped like the distributor's own, as its packages and its
// patched sysconfig show them: the executable, the stdlib with lib-dynload,
// the lines of sysconfig that name the distributor's schemes (nothing else
// of its source), the distributor's marker, and a virtual environment made
// from the interpreter. The module's own golden tests (TestDistributors)
// build their trees here and check them against what the real patched
// sysconfig of each distributor answers, so the fixtures stay true.
//
//	in := venvtest.Debian("3.12")
//	v, err := pep668.Check(in.Python, &pep668.Options{FS: in.FS}) // refused: Debian's marker
//	v, err = pep668.Check(in.Venv, &pep668.Options{FS: in.FS})    // allowed: a venv
package venvtest

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"
)

// An Install is a Python installation as files.
type Install struct {
	FS      fstest.MapFS // rooted at "/", or at the volume C: for Windows
	Windows bool         // Windows paths: give Options.Windows

	Python string // the interpreter's executable
	Venv   string // the executable of a virtual environment made from it
	Stdlib string // the interpreter's stdlib directory
	Marker string // the EXTERNALLY-MANAGED file, "" when the layout has none

	// CondaEnv is the executable of a conda environment beside a conda
	// base installation; "" for other layouts.
	CondaEnv string
}

// WithoutMarker removes the marker (as an image that deletes it does) and
// returns the installation.
func (in *Install) WithoutMarker() *Install {
	if in.Marker != "" {
		delete(in.FS, rel(in.Marker))
		in.Marker = ""
	}
	return in
}

// VenvDir is where every layout's virtual environment is ("/home/u/venv",
// or C:\Users\u\venv on Windows).
const VenvDir = "/home/u/venv"

// layout is what build needs to know of one installation.
type layout struct {
	prefix     string
	platlibdir string // lib or lib64
	impl       string // python or pypy
	exe        string // the executable's name; python3.Y by default
	abi        string // "t" for a free-threaded build
	sysconfig  []string
	marker     string
}

// build writes an installation of version ("3.Y" or "3.Y.Z").
func build(version string, l layout) *Install {
	short := minorOf(version)
	if l.impl == "" {
		l.impl = "python"
	}
	if l.exe == "" {
		l.exe = "python" + short + l.abi
	}
	stdlib := path.Join(l.prefix, l.platlibdir, l.impl+short+l.abi)
	in := &Install{FS: fstest.MapFS{}, Python: path.Join(l.prefix, "bin", l.exe), Stdlib: stdlib}
	in.FS[rel(in.Python)] = &fstest.MapFile{Mode: 0o755}
	in.FS[rel(stdlib)+"/os.py"] = &fstest.MapFile{}
	in.FS[rel(stdlib)+"/lib-dynload"] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
	if len(l.sysconfig) > 0 {
		source := rel(stdlib) + "/sysconfig.py"
		if minorNumber(short) >= 13 {
			source = rel(stdlib) + "/sysconfig/__init__.py"
		}
		in.FS[source] = &fstest.MapFile{Data: []byte(strings.Join(l.sysconfig, "\n") + "\n")}
	}
	if l.abi == "t" {
		in.FS[rel(stdlib)+"/_sysconfigdata_t_linux_x86_64-linux-gnu.py"] = &fstest.MapFile{
			Data: []byte("build_time_vars = {'ABIFLAGS': 't', 'Py_GIL_DISABLED': 1}\n")}
	}
	if l.marker != "" {
		in.Marker = stdlib + "/EXTERNALLY-MANAGED"
		in.FS[rel(in.Marker)] = &fstest.MapFile{Data: []byte(l.marker)}
	}
	in.Venv = VenvDir + "/bin/" + l.exe
	in.FS[rel(VenvDir)+"/pyvenv.cfg"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
		"home = %s/bin\ninclude-system-site-packages = false\nversion = %s\n", l.prefix, patchOf(version)))}
	in.FS[rel(in.Venv)] = &fstest.MapFile{Mode: 0o755}
	in.FS[rel(VenvDir)+"/lib/"+l.impl+short+l.abi+"/site-packages"] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
	return in
}

// Debian is Debian's or Ubuntu's python3.Y in /usr: its sysconfig schemes
// posix_local and deb_system, and from 3.11 (Debian 12, Ubuntu 23.04) its
// marker in /usr/lib/python3.Y.
func Debian(version string) *Install {
	marker := ""
	if minorNumber(minorOf(version)) >= 11 {
		marker = DebianMarker(version)
	}
	return build(version, layout{prefix: "/usr", platlibdir: "lib", sysconfig: debianSysconfig, marker: marker})
}

// DebianPyPy is Debian's pypy3 (PyPy 7.3.11, Python 3.9) in /usr, with its
// own stdlib and marker in /usr/lib/pypy3.9.
func DebianPyPy() *Install {
	return build("3.9.16", layout{prefix: "/usr", platlibdir: "lib", impl: "pypy", exe: "pypy3", sysconfig: debianSysconfig,
		marker: "[externally-managed]\nError=To install Python packages system-wide, try apt install\n pypy3-xyz, where xyz is the package you are trying to\n install.\n"})
}

// Fedora is Fedora's python3.Y in /usr with platlibdir lib64 and its
// patched sysconfig (rpm_prefix, /usr/local outside an RPM build); Fedora
// ships no marker.
func Fedora(version string) *Install {
	return build(version, layout{prefix: "/usr", platlibdir: "lib64", sysconfig: []string{"_INSTALL_SCHEMES['rpm_prefix'] = _INSTALL_SCHEMES['posix_prefix']"}})
}

// HomebrewMacOS is Homebrew's python@3.Y framework build under
// /opt/homebrew (Apple silicon), with Homebrew's osx_framework_library
// scheme and, from 3.11, its marker.
func HomebrewMacOS(version string) *Install {
	short := minorOf(version)
	prefix := fmt.Sprintf("/opt/homebrew/Cellar/python@%s/%s/Frameworks/Python.framework/Versions/%s", short, patchOf(version), short)
	return build(version, layout{prefix: prefix, platlibdir: "lib", sysconfig: homebrewSysconfig("/opt/homebrew", short), marker: homebrewMarker(short)})
}

// HomebrewLinux is Homebrew's python@3.Y on Linux, under
// /home/linuxbrew/.linuxbrew.
func HomebrewLinux(version string) *Install {
	short := minorOf(version)
	prefix := fmt.Sprintf("/home/linuxbrew/.linuxbrew/Cellar/python@%s/%s", short, patchOf(version))
	return build(version, layout{prefix: prefix, platlibdir: "lib", sysconfig: homebrewSysconfig("/home/linuxbrew/.linuxbrew", short), marker: homebrewMarker(short)})
}

// Arch is Arch Linux's python in /usr, with Arch's marker.
func Arch(version string) *Install {
	return build(version, layout{prefix: "/usr", platlibdir: "lib", marker: ArchMarker})
}

// Alpine is Alpine Linux's python3 in /usr, with Alpine's marker (whose
// value starts on the line after "Error=").
func Alpine(version string) *Install {
	return build(version, layout{prefix: "/usr", platlibdir: "lib", marker: AlpineMarker})
}

// UV is a python-build-standalone CPython that uv installed, in uv's
// directory of managed Pythons, with the marker uv writes.
func UV(version string) *Install {
	return build(version, layout{prefix: "/home/u/.local/share/uv/python/cpython-" + patchOf(version) + "-linux-x86_64-gnu", platlibdir: "lib", marker: UVMarker})
}

// PBS is a python-build-standalone CPython unpacked in /opt/python: no marker.
func PBS(version string) *Install {
	return build(version, layout{prefix: "/opt/python", platlibdir: "lib"})
}

// Pyenv is a CPython that pyenv built in /home/u/.pyenv/versions: no marker.
func Pyenv(version string) *Install {
	return build(version, layout{prefix: "/home/u/.pyenv/versions/" + patchOf(version), platlibdir: "lib"})
}

// FreeThreaded is a free-threaded CPython 3.13 or newer (python3.Yt, its
// stdlib in lib/python3.Yt) in /opt/python: no marker.
func FreeThreaded(version string) *Install {
	return build(version, layout{prefix: "/opt/python", platlibdir: "lib", abi: "t"})
}

// Conda is a conda-forge base installation in /opt/conda (conda-meta, no
// marker) with an environment in /opt/conda/envs/work (CondaEnv), which
// is not a virtual environment: it has its own interpreter.
func Conda(version string) *Install {
	in := build(version, layout{prefix: "/opt/conda", platlibdir: "lib"})
	in.FS["opt/conda/conda-meta/history"] = &fstest.MapFile{}
	env := build(version, layout{prefix: "/opt/conda/envs/work", platlibdir: "lib"})
	for name, f := range env.FS {
		if !strings.HasPrefix(name, rel(VenvDir)) {
			in.FS[name] = f
		}
	}
	in.FS["opt/conda/envs/work/conda-meta/history"] = &fstest.MapFile{}
	in.CondaEnv = env.Python
	return in
}

// Windows is a python.org CPython in C:\Python3Y with a marker an
// administrator placed, and a venv in C:\Users\u\venv. Paths are Windows
// paths; the FS is the volume C:.
func Windows(version string) *Install {
	short := minorOf(version)
	home := `C:\Python3` + strings.TrimPrefix(short, "3.")
	dir := "Python3" + strings.TrimPrefix(short, "3.")
	in := &Install{FS: fstest.MapFS{}, Windows: true, Python: home + `\python.exe`, Stdlib: home + `\Lib`,
		Marker: home + `\Lib\EXTERNALLY-MANAGED`, Venv: `C:\Users\u\venv\Scripts\python.exe`}
	in.FS[dir+"/python.exe"] = &fstest.MapFile{Mode: 0o755}
	in.FS[dir+"/python3"+strings.TrimPrefix(short, "3.")+".dll"] = &fstest.MapFile{}
	in.FS[dir+"/Lib/os.py"] = &fstest.MapFile{}
	in.FS[dir+"/Lib/EXTERNALLY-MANAGED"] = &fstest.MapFile{Data: []byte("[externally-managed]\nError=This Python is managed by the IT department.\n")}
	in.FS["Users/u/venv/Scripts/python.exe"] = &fstest.MapFile{Mode: 0o755}
	in.FS["Users/u/venv/pyvenv.cfg"] = &fstest.MapFile{Data: []byte("home = " + home + "\r\nversion = " + patchOf(version) + "\r\n")}
	in.FS["Users/u/venv/Lib/site-packages"] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
	return in
}

// DebianMarker is the marker of Debian's and Ubuntu's libpython3.Y-stdlib
// (Debian 12 and 13, Ubuntu 24.04: the same text but for the version).
func DebianMarker(version string) string {
	return `[externally-managed]
Error=To install Python packages system-wide, try apt install
 python3-xyz, where xyz is the package you are trying to
 install.

 If you wish to install a non-Debian-packaged Python package,
 create a virtual environment using python3 -m venv path/to/venv.
 Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make
 sure you have python3-full installed.

 If you wish to install a non-Debian packaged Python application,
 it may be easiest to use pipx install xyz, which will manage a
 virtual environment for you. Make sure you have pipx installed.

 See /usr/share/doc/python` + minorOf(version) + `/README.venv for more information.
`
}

// HomebrewMarker is the marker Homebrew's python@3.11 and newer formulas
// write (python@3.10's writes none).
const HomebrewMarker = `[externally-managed]
Error=To install Python packages system-wide, try brew install
 xyz, where xyz is the package you are trying to
 install.

 If you wish to install a Python library that isn't in Homebrew,
 use a virtual environment:

   python3 -m venv path/to/venv
   source path/to/venv/bin/activate
   python3 -m pip install xyz

 If you wish to install a Python application that isn't in Homebrew,
 it may be easiest to use 'pipx install xyz', which will manage a
 virtual environment for you. You can install pipx with

   brew install pipx

 You may restore the old behavior of pip by passing
 the '--break-system-packages' flag to pip, or by adding
 'break-system-packages = true' to your pip.conf file. The latter
 will permanently disable this error.

 If you disable this error, we STRONGLY recommend that you additionally
 pass the '--user' flag to pip, or set 'user = true' in your pip.conf
 file. Failure to do this can result in a broken Homebrew installation.

 Read more about this behavior here: <https://peps.python.org/pep-0668/>
`

// ArchMarker is Arch Linux's marker text, as pip shows it (the file's own
// indentation is not known; configparser's value is the same).
const ArchMarker = `[externally-managed]
Error=To install Python packages system-wide, try 'pacman -S
    python-xyz', where xyz is the package you are trying to
    install.

    If you wish to install a non-Arch-packaged Python package,
    create a virtual environment using 'python -m venv path/to/venv'.
    Then use path/to/venv/bin/python and path/to/venv/bin/pip.

    If you wish to install a non-Arch packaged Python application,
    it may be easiest to use 'pipx install xyz', which will manage a
    virtual environment for you. Make sure you have python-pipx
    installed via pacman.
`

// AlpineMarker is alpinelinux/aports main/python3/externally-managed.
const AlpineMarker = `[externally-managed]
Error=
  The system-wide Python installation in Alpine is managed
  by using the system package manager (apk).
  It appears you are installing to this system-wide location using
  a different package manager. Please use a virtualenv instead:
    python3 -m venv /path/to/venv
    . /path/to/venv/bin/activate
    pip install mypackage
`

// UVMarker is the marker uv writes into the Pythons it manages.
const UVMarker = "[externally-managed]\nError=This Python installation is managed by uv and should not be modified.\n"

// The lines of Debian's patched sysconfig that name its schemes.
var debianSysconfig = []string{"'deb_system': {", "'posix_local': {"}

// homebrewSysconfig is the lines of Homebrew's patched sysconfig that name
// its scheme and the prefix written into it.
func homebrewSysconfig(brewPrefix, short string) []string {
	thread := ""
	if minorNumber(short) >= 13 {
		thread = "{abi_thread}"
	}
	return []string{"'osx_framework_library': {",
		"'purelib': '" + brewPrefix + "/lib/python{py_version_short}" + thread + "/site-packages',"}
}

func homebrewMarker(short string) string {
	if minorNumber(short) < 11 {
		return ""
	}
	return HomebrewMarker
}

// rel is an absolute slash path as a MapFS name.
func rel(p string) string { return strings.TrimPrefix(p, "/") }

// minorOf returns "3.Y" of "3.Y" or "3.Y.Z".
func minorOf(version string) string {
	parts := strings.SplitN(version, ".", 3)
	if len(parts) < 2 {
		return version
	}
	return parts[0] + "." + parts[1]
}

// patchOf returns "3.Y.Z", with Z 0 when version has none.
func patchOf(version string) string {
	if strings.Count(version, ".") >= 2 {
		return version
	}
	return version + ".0"
}

func minorNumber(short string) int {
	var n int
	fmt.Sscanf(strings.TrimPrefix(short, "3."), "%d", &n)
	return n
}

// AddDistribution installs a distribution into the venv's site-packages, as
// pip would: each file (a path relative to site-packages) with its name as
// content, and name-version.dist-info with METADATA, INSTALLER and a
// RECORD listing them all. It returns the installation.
func (in *Install) AddDistribution(name, version string, files ...string) *Install {
	site := rel(VenvDir) + "/lib/python"
	for p := range in.FS {
		if strings.HasPrefix(p, site) && strings.HasSuffix(p, "/site-packages") {
			site = p
		}
	}
	if in.Windows {
		site = "Users/u/venv/Lib/site-packages"
	}
	info := strings.ReplaceAll(name, "-", "_") + "-" + version + ".dist-info"
	var record strings.Builder
	for _, f := range files {
		in.FS[site+"/"+f] = &fstest.MapFile{Data: []byte(f)}
		record.WriteString(f + ",,\n")
	}
	in.FS[site+"/"+info+"/METADATA"] = &fstest.MapFile{Data: []byte("Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n")}
	in.FS[site+"/"+info+"/INSTALLER"] = &fstest.MapFile{Data: []byte("pip\n")}
	record.WriteString(info + "/METADATA,,\n" + info + "/INSTALLER,,\n" + info + "/RECORD,,\n")
	in.FS[site+"/"+info+"/RECORD"] = &fstest.MapFile{Data: []byte(record.String())}
	return in
}

// WriteDir writes the installation's files under the directory root of the
// host (a POSIX layout: the record package's Apply works on the host's
// files) and returns it with every path under root and FS nil, the host's.
func (in *Install) WriteDir(root string) (*Install, error) {
	if in.Windows {
		return nil, fmt.Errorf("venvtest: a Windows layout cannot be written to a host directory")
	}
	out := *in
	out.FS = nil
	for name, f := range in.FS {
		full := filepath.Join(root, filepath.FromSlash(name))
		if f.Mode.IsDir() {
			if err := os.MkdirAll(full, 0o755); err != nil {
				return nil, err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		data := f.Data
		if strings.HasSuffix(name, "pyvenv.cfg") {
			data = []byte(strings.ReplaceAll(string(data), "home = /", "home = "+filepath.ToSlash(root)+"/"))
		}
		if err := os.WriteFile(full, data, f.Mode.Perm()|0o600); err != nil {
			return nil, err
		}
	}
	for _, p := range []*string{&out.Python, &out.Venv, &out.Stdlib, &out.Marker, &out.CondaEnv} {
		if *p != "" {
			*p = filepath.Join(root, filepath.FromSlash(*p))
		}
	}
	return &out, nil
}
