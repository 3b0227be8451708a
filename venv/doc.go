// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package venv tells, from the filesystem alone, what sys.prefix and
// sys.base_prefix a Python interpreter would have, so an installer can ask
// "is this a virtual environment, and what is its base?" without paying for
// a Python start-up. No Python is ever run.
//
//	env, err := venv.Detect("/home/me/proj/.venv/bin/python", nil)
//	// env.Prefix "/home/me/proj/.venv", env.BasePrefix "/usr",
//	// env.IsVirtual true, env.Kind "venv", env.Version "3.11"
//
// [Detect] follows what CPython itself does at start-up, version by
// version ([PEP 405], [Python Virtual Environments]).
//
// # What is tested against which interpreter
//
//   - CPython 3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 (pyenv) and
//     Debian's 3.11: real environments made and asked for sys.prefix and
//     sys.base_prefix (testdata/golden, and live with PEP668_LIVE=1).
//   - CPython 3.11.7, 3.12.1, 3.13.0, 3.14.2 and 3.15.0rc1 (the last two in
//     pyodide): the interpreter's own frozen getpath (Modules/getpath.py,
//     the start-up code that computes sys.prefix) run over 120 layouts
//     held in memory: CPython's test_getpath.py layouts, this project's
//     edge cases, and the 54 environments a real 3.13.0 made
//     (testdata/getpath).
//   - Debian's PyPy 3.9 (pypy3 7.3.11): its system installation and venvs
//     made with links, as for CPython (testdata/golden/system-pypy3.9.json).
//     PyPy is recognised by its executable's name (pypy*), by its shared
//     library beside the executable (libpypy3*), or by a lib/pypy3.Y stdlib
//     (Environment.PyPy); it has no lib-dynload, so its exec prefix is its
//     prefix.
//   - Not tested against a real interpreter: 3.14 and 3.15 site.py on a real
//     filesystem (getpath decides their prefixes), Windows (its getpath
//     layouts are, with the file functions restated from getpath.c), other
//     PyPy versions, and build trees, macOS framework launchers and
//     __PYVENV_LAUNCHER__, which Detect does not model.
//
// # How CPython 3.8–3.13 decide
//
// site.py makes an interpreter virtual when a file pyvenv.cfg sits next to
// its executable or one directory up. The executable's own symlink is not
// resolved for this. Then sys.prefix becomes the parent of the
// executable's directory, wherever the file was. A home key is not needed,
// and an empty file counts.
//
// getpath finds sys.base_prefix: it searches upwards, from the home
// directory of pyvenv.cfg or else from the directory the executable's own
// links lead to, for a landmark (a file whose presence marks a prefix):
// the stdlib's for the prefix, and lib-dynload for the exec prefix. The
// root itself is never searched. Versions differ in the details, and
// Detect follows each:
//
//   - 3.8–3.10 resolve the executable's symlink chain first, read
//     pyvenv.cfg next to the result or one up, and accept only a lower-case
//     "home" followed by a separate "=". The landmark is
//     lib/python3.Y/os.py (or os.pyc).
//   - 3.11–3.13 read pyvenv.cfg one level up first, then next to the
//     unresolved executable; the first line whose key is home decides, even
//     with an empty value, and lines end at LF only. They look for the
//     stdlib zip lib/python3Y.zip all the way up before looking for os.py.
//     Paths are reported as written: a home of /opt/py/bin/../bin gives the
//     base prefix /opt/py/bin/.., and PYTHONHOME is taken verbatim.
//   - PYTHONHOME (Options.LookupEnv) replaces the base prefix, and getpath then
//     ignores pyvenv.cfg; site.py still makes the environment virtual.
//
// # CPython 3.14 and newer
//
// In 3.14 getpath, not site.py, makes the environment virtual: any
// pyvenv.cfg it reads (one level up first), with or without a home key
// (python/cpython gh-135773), makes the file's directory sys.prefix, and
// PYTHONHOME no longer hides the environment but becomes its base. The
// exec prefix is the prefix itself when that holds lib-dynload. 3.15.0rc1
// decides as 3.14.2 does on every layout tested; Detect applies these rules
// to every version from 3.14.
//
// # pyvenv.cfg
//
// [ParseConfig] reads the file as CPython does: one "key = value" per line,
// split at the first '=', both sides stripped, keys compared lower-cased, no
// sections, comments, quotes or escapes. include-system-site-packages is
// true by default and true only for the word "true" in any case; the last
// one wins. The keys that venv, virtualenv and uv give meaning to are typed
// fields of [Config], and every line is kept in Config.Entries.
//
// # Kinds of environment
//
// Besides venv, Detect tells virtualenv 20+ and uv environments apart by their
// pyvenv.cfg keys, legacy virtualenv (older than 20) by orig-prefix.txt (its
// sys.real_prefix; [Environment.InVirtualEnvironment] counts it, as PEP 668
// recommends), and conda by conda-meta/, a base environment by condabin/ or
// envs/. A conda environment is not a virtual environment: sys.prefix equals
// sys.base_prefix.
//
// What a shell's variables say (VIRTUAL_ENV, CONDA_PREFIX) is a different
// question with a less reliable answer; [ActivationFromEnv] reads them,
// apart from Detect.
//
// # Where Detect cannot know
//
// When no landmark is found, CPython falls back to the prefix (or exec
// prefix) compiled into its binary. Detect then assumes the resolved
// executable's location (or the prefix) and says so in Environment.Notes.
// This happens for a copied executable whose pyvenv.cfg has no usable home
// key. CPython's platlibdir is compiled in too, so Detect tries both lib
// and lib64, and notes a prefix whose stdlib and lib-dynload lie in
// different ones. Windows follows the rules of 3.11 and newer for every
// version; there a directory named pyvenv.cfg is passed over, while on
// POSIX it counts as a file without lines, as getpath reads it.
// PYTHONEXECUTABLE, __PYVENV_LAUNCHER__, ._pth files, build directories and
// the -S flag are not modelled.
//
// Detect reads pyvenv.cfg and the other small files it looks at only when
// they are regular files of at most 1 MiB ([ErrNotRegular],
// [ErrTooLarge]); CPython reads them whatever their size (getpath refuses a
// pyvenv.cfg of 32 KiB or more, and Python then does not start).
//
// [PEP 405]: https://peps.python.org/pep-0405/
// [Python Virtual Environments]: https://packaging.python.org/en/latest/specifications/virtual-environments/
package venv
