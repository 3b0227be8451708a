// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package scheme holds the install schemes of CPython 3.8–3.15 and of the
// distributors that patch them, and expands them to paths exactly as
// sysconfig.get_paths does: without running Python.
//
// PEP 668 puts the EXTERNALLY-MANAGED marker in the stdlib directory of an
// interpreter's default scheme, and forbids an installer to touch files
// outside the scheme it targets. Both questions need those paths.
//
//	in, _, err := scheme.Resolve("/usr/bin/python3", nil) // venv.Detect, then Inspect
//	name, paths, err := in.DefaultPaths()
//	// Debian: "posix_local", paths.Stdlib "/usr/lib/python3.11",
//	// paths.Purelib "/usr/local/lib/python3.11/dist-packages"
//
// # Templates and expansion
//
// A [Table] holds the templates of one vendor's build of one version, for
// POSIX or Windows paths, verbatim from each version's sysconfig:
// {platlibdir} from 3.9, nt_user by py_version_nodot_plat from 3.10,
// posix_venv, nt_venv and venv from 3.11, {implementation_lower} and
// {abi_thread} from 3.13; templates of 3.14 and 3.15 are those of 3.13.
// A version newer than [MaxMinor] is answered with the newest templates,
// Interpreter.Rules naming them and a note saying so, unless
// InspectOptions.StrictVersion asks for ErrUnknownVersion. Vendors add
// theirs: Debian posix_local and deb_system, Fedora rpm_prefix, Homebrew
// osx_framework_library (its site directories written in at build time).
// PyPy's templates are CPython's of the same version with the
// implementation named ("pypy3.Y", "PyPy39"); a distributor's PyPy
// (TableOptions.PyPy, Interpreter.PyPy: Debian's pypy3) gets the
// distributor's schemes turned the same way. PyPy 3.8 and newer have no
// pypy or pypy_nt scheme.
//
// [Table.Paths] formats each template with the variables given (the
// "{name}" fields of str.format) and normalises the result like
// os.path.normpath of the table's OS. Each version's normpath is followed,
// so results do not depend on the host: POSIX keeps a leading "//", and
// Windows changed its drive rules for "\\"-prefixed paths in 3.11. On
// Windows from 3.11 the platlibdir variable is forced to "lib". A variable
// no one supplied is an [ErrUnknownVariable].
//
// # Interpreters
//
// An [Interpreter] holds what its schemes depend on: prefixes, version,
// abiflags, platlibdir, userbase, framework, vendor. [Inspect] infers them
// from venv.Detect's answer and the installation's files. It reads the
// distributor's schemes in the stdlib's sysconfig source, the build
// variables in _sysconfigdata_*.py, and the stdlib's place (lib or lib64).
// What it must guess, it lists in Interpreter.Notes. [Query] runs the
// interpreter once, for callers who accept that cost; it is the only code
// here that runs Python.
//
// [Interpreter.PreferredScheme] and [Interpreter.DefaultScheme] follow
// get_preferred_scheme per version and vendor: venv inside a virtual
// environment (3.11+), nt on Windows, osx_framework_user for a macOS
// framework's user scheme, and Debian's posix_local outside a virtual
// environment (deb_system when DEB_PYTHON_INSTALL_LAYOUT is deb or
// deb_system; posix_prefix in a 3.10 venv). Homebrew's
// osx_framework_library becomes venv (3.11+) or posix_prefix (3.10) in a
// virtual environment or when ENSUREPIP_OPTIONS is set. [Interpreter.Paths]
// fills missing variables from the config variables, like get_paths. It applies Fedora's
// /usr/local rewrite of posix_prefix for sys.prefix /usr outside an RPM
// build (RPM_BUILD_ROOT not in the environment: [Interpreter.LookupEnv]).
//
// [Interpreter.HeadersDir] gives the directory pip installs a
// distribution's C headers to, which no sysconfig scheme names: inside a
// venv <prefix>/include/site/python3.Y/<name>, else <include>/<name>.
//
// # Bounds
//
// [Bounds] tells whether a path lies inside the directories an installer
// writes for a scheme, comparing resolved paths: links among the path's
// parents are followed and ".." applies to where they lead, while a final
// link is not followed (removing a link touches only the link). Only the
// install targets count: purelib, platlib, scripts, data, and headers
// ([Headers]) when given. The interpreter's own stdlib, platstdlib,
// include and platinclude are never inside, even where a target holds
// them (data is the whole prefix of a venv or a pyenv build), except the
// parts a target lies in (posix_prefix's purelib is stdlib/site-packages):
// the innermost directory holding a path decides. A sibling whose name
// merely extends a directory's (/venv2 for /venv) is outside.
//
// # What is tested against which interpreter
//
// The templates, scheme names and expansions over ten variable sets (plain,
// venv, separate exec prefix, odd and relative paths, lib64, debug,
// free-threaded, Windows) are golden-tested against the sysconfig of
// CPython 3.8.18–3.13.0 (pyenv), Debian's 3.11, and 3.14.2 and 3.15.0rc1
// (pyodide): testdata/golden, written by
// internal/testdata/gen/scheme_golden.py. Default schemes and config
// variables of real interpreters are tested live (PEP668_LIVE=1) against
// pyenv's and Debian's. Debian's PyPy 3.9 (pypy3 7.3.11) is golden-tested
// the same way (testdata/golden/system-pypy3.9.json); other PyPy versions
// follow the same rule untested. Windows expansions use the pure-Python
// ntpath.
//
// The distributors' rules are golden-tested against their real patched
// sysconfig, loaded by the CPython of the same version with sys set as
// the installation has it (the root package's testdata/distro, written by
// internal/testdata/gen/distro_golden.py; TestDistributors checks Check,
// the default scheme and its paths in and out of a venv, and the bounds):
//
//	Debian/Ubuntu  3.10  Ubuntu 22.04 libpython3.10-minimal 3.10.12-1~22.04.18 (no marker)
//	               3.11  Debian 12 libpython3.11-stdlib 3.11.2-6+deb12u6
//	               3.12  Ubuntu 24.04 libpython3.12-stdlib 3.12.3-1ubuntu0.17
//	               3.13  Debian 13 libpython3.13-stdlib 3.13.5-2+deb13u5
//	Fedora         3.12–3.14  patch 00251 as in fedora-python/cpython fedora-3.13
//	                     (8e9a89a) and fedora-3.14 (0229b22), remade on upstream's
//	                     source; RPM_BUILD_ROOT counts when set, even empty
//	Homebrew       3.10  Homebrew/formula-patches python/3.10-sysconfig.diff
//	               3.11, 3.12  python/3.11-sysconfig.diff
//	               3.13, 3.14  python/3.13-sysconfig.diff (macOS framework and Linux)
//	Arch 3.13, Alpine 3.12, uv-managed and plain python-build-standalone
//	3.12, conda-forge 3.12 (base and an environment): upstream's schemes
//
// A macOS framework is modelled by its prefix: the patches choose the
// prefix scheme the same way on every platform.
//
// # Where this package departs from sysconfig
//
// sysconfig falls back to the process environment for a variable that is
// missing, and expands a leading "~" in a template; neither happens here
// (no template needs them). Windows paths are normalised as ntpath.normpath
// does in CPython's pure-Python implementation, which CPython runs on
// non-Windows hosts. CPython 3.11 and newer use a C implementation on
// Windows that may differ for some UNC paths. The Makefile variables of
// get_config_vars() other than the template variables are not provided.
package scheme
