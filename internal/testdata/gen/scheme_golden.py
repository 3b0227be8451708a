#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Record what an interpreter's own sysconfig says about install schemes.

Run it with the interpreter to record:

    $(pyenv root)/versions/3.11.7/bin/python3 internal/testdata/gen/scheme_golden.py > scheme/testdata/golden/3.11.7.json

For every pyenv CPython 3.8-3.13, /usr/bin/python3.11 (Debian), Debian's
PyPy 3.9 (/usr/bin/pypy3: system-pypy3.9.json) and, in pyodide (see
pyodide.mjs beside this file, with PYTHONUSERBASE=/home/u/.local so that
the user schemes exist), CPython 3.14.2 and 3.15.0rc1, this wrote the files
in scheme/testdata/golden/. Each holds the interpreter's
_INSTALL_SCHEMES verbatim, its scheme names, config variables, default and
preferred schemes, get_paths() for the default scheme, and the expansion of
every scheme over several variable sets: as sysconfig.get_paths(scheme, vars)
gives it (POSIX), and as Windows would (the same templates and variables,
platlibdir forced to lib from 3.11, normalised by the real ntpath.normpath).
"""
import json
import ntpath
import os
import sys
import sysconfig

MINOR = sys.version_info[1]

# Every variable any scheme of any version uses, so that no config variable
# fills a gap.
COMMON = {
    "py_version_short": "%d.%d" % sys.version_info[:2],
    "py_version_nodot": "%d%d" % sys.version_info[:2],
    "py_version_nodot_plat": "",
    "abiflags": "",
    "abi_thread": "",
    "platlibdir": "lib",
    # sysconfig's own values: "Python" on CPython, "PyPy" on PyPy.
    "implementation": "PyPy" if sys.implementation.name == "pypy" else "Python",
    "implementation_lower": "pypy" if sys.implementation.name == "pypy" else "python",
}


def varset(**kw):
    v = dict(COMMON)
    v.update(kw)
    return v


VARSETS = {
    "system": varset(base="/usr", platbase="/usr", installed_base="/usr", installed_platbase="/usr",
                     userbase="/home/u/.local"),
    "venv": varset(base="/home/u/venv", platbase="/home/u/venv", installed_base="/usr",
                   installed_platbase="/usr", userbase="/home/u/.local"),
    "separate-exec-prefix": varset(base="/B", platbase="/P", installed_base="/IB",
                                   installed_platbase="/IP", userbase="/U", platlibdir="lib64",
                                   py_version_nodot_plat="3X"),
    "odd-paths": varset(base="/a//b/./c/../d", platbase="//net/x/", installed_base="/with space/\u00fcn\u00ef",
                        installed_platbase="/x/../../..", userbase="///three/slashes/."),
    "relative": varset(base="relative/base", platbase="./p", installed_base="../up", installed_platbase="",
                       userbase="u"),
    "lib64": varset(base="/usr", platbase="/usr", installed_base="/usr", installed_platbase="/usr",
                    userbase="/home/u/.local", platlibdir="lib64"),
    "debug": varset(base="/opt/py", platbase="/opt/py", installed_base="/opt/py", installed_platbase="/opt/py",
                    userbase="/home/u/.local", abiflags="d"),
    "free-threaded": varset(base="/opt/py", platbase="/opt/py", installed_base="/opt/py",
                            installed_platbase="/opt/py", userbase="/home/u/.local", abiflags="t",
                            abi_thread="t"),
    "free-threaded-debug": varset(base="/opt/py", platbase="/opt/py", installed_base="/opt/py",
                                  installed_platbase="/opt/py", userbase="/home/u/.local", abiflags="td",
                                  abi_thread="t"),
    "windows": varset(base="C:\\Python311", platbase="c:/Py/../Py", installed_base="\\\\server\\share\\py",
                      installed_platbase="C:", userbase="C:\\Users\\Me\\AppData\\Roaming\\Python",
                      py_version_nodot_plat="311-32", platlibdir="DLLs"),
    "windows-odd": varset(base="C:/a//b/./c/../../..", platbase="\\\\?\\C:\\long", installed_base="..\\rel",
                          installed_platbase="\\rooted", userbase="D:relative\\x",
                          py_version_nodot_plat="311-arm64"),
}

CONFIG_VARS = ["prefix", "exec_prefix", "base", "platbase", "installed_base", "installed_platbase",
               "userbase", "py_version_short", "py_version_nodot", "py_version_nodot_plat", "abiflags",
               "abi_thread", "platlibdir", "implementation", "implementation_lower"]


def expand_nt(templates, vars):
    if MINOR >= 11:
        vars = dict(vars, platlibdir="lib")
    return {k: ntpath.normpath(t.format(**vars)) for k, t in templates.items()}


def preferred():
    if not hasattr(sysconfig, "get_preferred_scheme"):
        return {"prefix": sysconfig._get_default_scheme()}
    out = {}
    layouts = [None]
    if "deb_system" in sysconfig.get_scheme_names():
        layouts += ["deb", "deb_system", "standard"]
    for layout in layouts:
        saved = os.environ.pop("DEB_PYTHON_INSTALL_LAYOUT", None)
        if layout is not None:
            os.environ["DEB_PYTHON_INSTALL_LAYOUT"] = layout
        try:
            key = "" if layout is None else "DEB_PYTHON_INSTALL_LAYOUT=" + layout + " "
            for k in ("prefix", "home", "user"):
                out[key + k] = sysconfig.get_preferred_scheme(k)
        finally:
            os.environ.pop("DEB_PYTHON_INSTALL_LAYOUT", None)
            if saved is not None:
                os.environ["DEB_PYTHON_INSTALL_LAYOUT"] = saved
    return out


def main():
    schemes = sysconfig._INSTALL_SCHEMES
    cv = sysconfig.get_config_vars()
    default = (sysconfig.get_default_scheme() if hasattr(sysconfig, "get_default_scheme")
               else sysconfig._get_default_scheme())
    out = {
        "generator": "internal/testdata/gen/scheme_golden.py",
        "version": "%d.%d.%d" % sys.version_info[:3],
        "executable": sys.executable,
        "schemes": schemes,
        "names": list(sysconfig.get_scheme_names()),
        "config_vars": {k: cv.get(k) for k in CONFIG_VARS},
        "default_scheme": default,
        "preferred": preferred(),
        "paths": sysconfig.get_paths(),
        "varsets": VARSETS,
        "expansions": {
            name: {
                "posix": {s: sysconfig.get_paths(s, dict(vars)) for s in schemes},  # get_paths fills the dict it is given
                "nt": {s: expand_nt(schemes["nt_venv"] if s == "venv" else t, vars)  # venv is nt_venv on Windows
                       for s, t in schemes.items()},
            }
            for name, vars in VARSETS.items()
        },
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
