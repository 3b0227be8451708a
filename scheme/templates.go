// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import (
	"regexp"
	"strings"
	"sync"
)

// The path names of a scheme, in sysconfig's order.
const (
	Stdlib      = "stdlib"
	Platstdlib  = "platstdlib"
	Purelib     = "purelib"
	Platlib     = "platlib"
	Include     = "include"
	Platinclude = "platinclude"
	Scripts     = "scripts"
	Data        = "data"
)

// PathNames lists the path names in sysconfig's order (get_path_names()
// plus platinclude, which every scheme but the user schemes has).
var PathNames = []string{Stdlib, Platstdlib, Purelib, Platlib, Include, Platinclude, Scripts, Data}

// Templates maps path names to templates such as
// "{base}/lib/python{py_version_short}/site-packages".
type Templates map[string]string

// cpython returns the schemes of upstream CPython 3.minor, verbatim from
// each version's sysconfig. venv is posix_venv or nt_venv, by windows.
func cpython(minor int, windows bool) map[string]Templates {
	// The "python3.Y" directory names, and where platlibdir enters.
	var stdlibDir, purelibDir, platlibDir, includeDir, homeDir string
	switch {
	case minor <= 8:
		stdlibDir = "lib/python{py_version_short}"
		purelibDir, platlibDir = stdlibDir, stdlibDir
		includeDir = "include/python{py_version_short}"
	case minor <= 12:
		stdlibDir = "{platlibdir}/python{py_version_short}"
		purelibDir, platlibDir = "lib/python{py_version_short}", stdlibDir
		includeDir = "include/python{py_version_short}"
	default:
		stdlibDir = "{platlibdir}/{implementation_lower}{py_version_short}{abi_thread}"
		purelibDir, platlibDir = "lib/{implementation_lower}{py_version_short}{abi_thread}", stdlibDir
		includeDir = "include/{implementation_lower}{py_version_short}"
	}
	homeDir = "python"
	if minor >= 13 {
		homeDir = "{implementation_lower}"
	}
	prefix := Templates{
		Stdlib:      "{installed_base}/" + stdlibDir,
		Platstdlib:  "{platbase}/" + stdlibDir,
		Purelib:     "{base}/" + purelibDir + "/site-packages",
		Platlib:     "{platbase}/" + platlibDir + "/site-packages",
		Include:     "{installed_base}/" + includeDir + "{abiflags}",
		Platinclude: "{installed_platbase}/" + includeDir + "{abiflags}",
		Scripts:     "{base}/bin",
		Data:        "{base}",
	}
	s := map[string]Templates{
		"posix_prefix": prefix,
		"posix_home": {
			Stdlib:      "{installed_base}/lib/" + homeDir,
			Platstdlib:  "{base}/lib/" + homeDir,
			Purelib:     "{base}/lib/" + homeDir,
			Platlib:     "{base}/lib/" + homeDir,
			Include:     "{installed_base}/include/" + homeDir,
			Platinclude: "{installed_base}/include/" + homeDir,
			Scripts:     "{base}/bin",
			Data:        "{base}",
		},
		"nt": {
			Stdlib:      "{installed_base}/Lib",
			Platstdlib:  "{base}/Lib",
			Purelib:     "{base}/Lib/site-packages",
			Platlib:     "{base}/Lib/site-packages",
			Include:     "{installed_base}/Include",
			Platinclude: "{installed_base}/Include",
			Scripts:     "{base}/Scripts",
			Data:        "{base}",
		},
	}

	// User schemes: no platinclude.
	userStdlib := stdlibDir
	userPlatlib := purelibDir // bpo-44860: {platlibdir} only on 3.9
	if minor == 9 {
		userPlatlib = platlibDir
	}
	userInclude := includeDir
	if minor >= 13 {
		userInclude += "{abi_thread}"
	}
	s["posix_user"] = Templates{
		Stdlib:     "{userbase}/" + userStdlib,
		Platstdlib: "{userbase}/" + userStdlib,
		Purelib:    "{userbase}/" + purelibDir + "/site-packages",
		Platlib:    "{userbase}/" + userPlatlib + "/site-packages",
		Include:    "{userbase}/" + userInclude,
		Scripts:    "{userbase}/bin",
		Data:       "{userbase}",
	}
	ntUser := "{userbase}/Python{py_version_nodot}"
	switch {
	case minor >= 13:
		ntUser = "{userbase}/{implementation}{py_version_nodot_plat}"
	case minor >= 10:
		ntUser = "{userbase}/Python{py_version_nodot_plat}"
	}
	s["nt_user"] = Templates{
		Stdlib:     ntUser,
		Platstdlib: ntUser,
		Purelib:    ntUser + "/site-packages",
		Platlib:    ntUser + "/site-packages",
		Include:    ntUser + "/Include",
		Scripts:    ntUser + "/Scripts",
		Data:       "{userbase}",
	}
	osxInclude := "{userbase}/include"
	switch {
	case minor >= 13:
		osxInclude = "{userbase}/include/{implementation_lower}{py_version_short}"
	case minor >= 10:
		osxInclude = "{userbase}/include/python{py_version_short}"
	}
	s["osx_framework_user"] = Templates{
		Stdlib:     "{userbase}/lib/" + homeDir,
		Platstdlib: "{userbase}/lib/" + homeDir,
		Purelib:    "{userbase}/lib/" + homeDir + "/site-packages",
		Platlib:    "{userbase}/lib/" + homeDir + "/site-packages",
		Include:    osxInclude,
		Scripts:    "{userbase}/bin",
		Data:       "{userbase}",
	}

	if minor >= 11 {
		s["posix_venv"] = prefix
		s["nt_venv"] = s["nt"]
		s["venv"] = s["posix_venv"]
		if windows {
			s["venv"] = s["nt_venv"]
		}
	}
	return s
}

// debian adds the schemes of Debian's and Ubuntu's patched sysconfig, the
// same for every version.
func debian(s map[string]Templates) {
	common := Templates{
		Stdlib:      "{installed_base}/lib/python{py_version_short}",
		Platstdlib:  "{platbase}/lib/python{py_version_short}",
		Include:     "{installed_base}/include/python{py_version_short}{abiflags}",
		Platinclude: "{installed_platbase}/include/python{py_version_short}{abiflags}",
	}
	with := func(extra Templates) Templates {
		t := Templates{}
		for k, v := range common {
			t[k] = v
		}
		for k, v := range extra {
			t[k] = v
		}
		return t
	}
	s["deb_system"] = with(Templates{
		Purelib: "{base}/lib/python3/dist-packages",
		Platlib: "{platbase}/lib/python3/dist-packages",
		Scripts: "{base}/bin",
		Data:    "{base}",
	})
	s["posix_local"] = with(Templates{
		Purelib: "{base}/local/lib/python{py_version_short}/dist-packages",
		Platlib: "{platbase}/local/lib/python{py_version_short}/dist-packages",
		Scripts: "{base}/local/bin",
		Data:    "{base}/local",
	})
}

// homebrew adds osx_framework_library, whose site directories are written
// into the template at build time under the Homebrew prefix.
func homebrew(s map[string]Templates, minor int, brewPrefix string) {
	thread := "{abi_thread}"
	if minor < 13 {
		thread = ""
	}
	lib := "python{py_version_short}" + thread
	s["osx_framework_library"] = Templates{
		Stdlib:      "{installed_base}/{platlibdir}/" + lib,
		Platstdlib:  "{platbase}/{platlibdir}/" + lib,
		Purelib:     brewPrefix + "/lib/" + lib + "/site-packages",
		Platlib:     brewPrefix + "/{platlibdir}/" + lib + "/site-packages",
		Include:     "{installed_base}/include/python{py_version_short}{abiflags}",
		Platinclude: "{installed_platbase}/include/python{py_version_short}{abiflags}",
		Scripts:     brewPrefix + "/bin",
		Data:        brewPrefix,
	}
}

// pypy turns CPython's schemes of a version into PyPy's, as PyPy's
// sysconfig has them (measured on Debian's PyPy 3.9): "python3.Y" becomes
// "{implementation_lower}3.Y" ("pypy3.9"), posix_home's and
// osx_framework_user's "python" directory "{implementation_lower}", and
// nt_user's "Python39" "{implementation}39". A distributor's schemes are
// turned the same way, except Debian's shared lib/python3/dist-packages.
// From 3.13 CPython's templates already name the implementation.
func pypy(s map[string]Templates) {
	for _, t := range s {
		for key, tmpl := range t {
			tmpl = strings.ReplaceAll(tmpl, "python{py_version_short}", "{implementation_lower}{py_version_short}")
			tmpl = pythonDir().ReplaceAllString(tmpl, "/{implementation_lower}$1")
			t[key] = strings.ReplaceAll(tmpl, "Python{py_version_nodot", "{implementation}{py_version_nodot")
		}
	}
}

// pythonDir is a directory named exactly "python".
var pythonDir = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/python(/|$)`) })
