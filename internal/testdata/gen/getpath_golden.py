#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Run CPython's own frozen getpath over file trees held in memory, and record
what it computes: sys.prefix, sys.base_prefix, the executables and the
search path, for POSIX and Windows layouts.

CPython 3.11 and newer compute their prefixes in Modules/getpath.py, frozen
into the interpreter; _testinternalcapi.get_getpath_codeobject() hands out
its code. Executed with a namespace that supplies the build constants, the
process's inputs and the file functions getpath.c would provide, it runs
exactly as at start-up, over any tree. This script's file functions follow
getpath.c: joinpath and dirname work on the text (dirname cuts at the last
separator; no "." or ".." is removed on POSIX, where a real 3.12 reports a
home of /x/bin/../bin as the base prefix /x/bin/..; Windows combines with
PathCchCombineEx's cleaning), realpath follows the links of the file
itself, isfile and isdir follow links as the OS does, isxfile wants an
executable regular file, readlines splits at LF only and drops each
line's trailing CRs, and readlines of a directory gives no lines (a real
3.12 treats a directory named pyvenv.cfg as a file without home).

    $(pyenv root)/versions/3.12.1/bin/python3 internal/testdata/gen/getpath_golden.py
    node internal/testdata/gen/pyodide.mjs <pyodide@314 package> internal/testdata/gen/getpath_golden.py

writes venv/testdata/getpath/<python version>.json (--out DIR writes it to
DIR instead: the live test TestGetpathGoldenIsCurrent compares that with
the committed file). It was run with pyenv's
3.11.7, 3.12.1 and 3.13.0 and with 3.14.2 and 3.15.0rc1 in pyodide (see
pyodide.mjs beside this file). The cases are CPython's own test_getpath.py
layouts (restated as trees, with the real version instead of 9.8) and this
project's: pyvenv.cfg edge cases, PYTHONHOME, zip and lib-dynload landmarks,
lib64 and free-threaded layouts, and the 54 environments a real CPython
3.13.0 made for venv_golden.py (venv/testdata/golden/3.13.0.json). Trees use {V} for "3.Y", {VV} for "3Y"
and {T} for the free-threaded "t" of the case; the output has them expanded.
A case's tree is either its own or the name of one in the output's "trees".
"""
import json
import ntpath
import os
import posixpath
import sys

import _testinternalcapi

CODE = _testinternalcapi.get_getpath_codeobject()
MAJOR, MINOR = sys.version_info[:2]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "..", "venv", "testdata", "getpath")

# The PyConfig fields getpath reads or writes, unset.
CONFIG = dict(
    home=None, platlibdir=None, pythonpath=None, program_name=None, prefix=None,
    exec_prefix=None, base_prefix=None, base_exec_prefix=None, executable=None,
    base_executable="", stdlib_dir=None, platstdlib_dir=None, module_search_paths=None,
    module_search_paths_set=0, pythonpath_env=None, argv=None, orig_argv=None,
    isolated=0, use_environment=1, use_site=1,
)

RESULT_KEYS = ["executable", "base_executable", "prefix", "exec_prefix", "base_prefix",
               "base_exec_prefix", "stdlib_dir", "platstdlib_dir", "module_search_paths", "home"]


class Tree:
    """A file tree: directories, files with content, executables and links."""

    def __init__(self, nt, entries):
        self.nt = nt
        self.sep = "\\" if nt else "/"
        self.files, self.xfiles, self.links, self.dirs = {}, set(), {}, set()
        for path, what in entries.items():
            if what == "d":
                self.add_dir(path)
            elif isinstance(what, dict) and "link" in what:
                self.links[self.key(path)] = what["link"]
                self.add_dir(self.parent(path))
            else:
                data = b""
                if isinstance(what, list):
                    data = "\n".join(what).encode()
                elif isinstance(what, dict):
                    data = what["text"].encode("utf-8", "surrogateescape")
                self.files[self.key(path)] = data
                if what == "x":
                    self.xfiles.add(self.key(path))
                self.add_dir(self.parent(path))

    def key(self, path):
        return path.casefold() if self.nt else path

    def parent(self, path):
        return path.rstrip(self.sep).rpartition(self.sep)[0]

    def add_dir(self, path):
        p = path.rstrip(self.sep)
        while p:
            self.dirs.add(self.key(p))
            p = p.rpartition(self.sep)[0]

    def resolve(self, path, depth=0):
        """The path as the OS finds it: every link in it followed, "." and
        ".." taken as they come; None for a loop."""
        if depth > 40:
            return None
        parts = path.split(self.sep)
        out = parts[0]
        for i, part in enumerate(parts[1:], 1):
            if part in ("", "."):
                continue
            if part == "..":
                out = out.rpartition(self.sep)[0] or parts[0]
                continue
            cur = out + self.sep + part
            target = self.links.get(self.key(cur))
            if target is not None:
                if not self.isabs(target):
                    target = out + self.sep + target
                rest = self.sep.join(parts[i + 1:])
                return self.resolve(target + (self.sep + rest if rest else ""), depth + 1)
            out = cur
        return out or self.sep

    def norm(self, path):
        return ntpath.normpath(path) if self.nt else posixpath.normpath(path)

    def isabs(self, path):
        if self.nt:
            return path[1:3] in (":\\", ":/") or path.startswith("\\\\")
        return path.startswith("/")

    # The functions getpath.c gives getpath.py.

    def abspath(self, path):
        path = self.norm(path)  # _Py_abspath(_Py_normpath(path))
        if self.isabs(path):
            return path
        return self.joinpath("C:\\Absolute" if self.nt else "/Absolute", path)

    def basename(self, path):
        return path.rpartition(self.sep)[2]

    def dirname(self, path):
        return path.rpartition(self.sep)[0]

    def hassuffix(self, path, suffix):
        if self.nt:
            return path.casefold().endswith(suffix.casefold())
        return path.endswith(suffix)

    def isdir(self, path):
        p = self.resolve(path)
        return p is not None and self.key(p.rstrip(self.sep)) in self.dirs

    def isfile(self, path):
        p = self.resolve(path)
        return p is not None and self.key(p) in self.files

    def isxfile(self, path):
        p = self.resolve(path)
        if p is None:
            return False
        if self.nt:
            return self.key(p) in self.files and p.casefold().endswith(".exe")
        return self.key(p) in self.xfiles

    def joinpath(self, *parts):
        if self.nt:
            out = ""
            for p in parts:
                if p:
                    out = ntpath.join(out, p) if out else p
            return ntpath.normpath(out) if out else out
        out = ""
        for p in parts:
            if not p:
                continue
            if p.startswith("/") or not out:
                out = p
            elif out.endswith("/"):
                out += p
            else:
                out += "/" + p
        return out

    def readlines(self, path):
        p = self.resolve(path)
        if p is not None and self.key(p.rstrip(self.sep)) in self.dirs:
            return []  # fopen of a directory works on Linux; fread gives nothing
        if p is None or self.key(p) not in self.files:
            raise FileNotFoundError(path)
        data = self.files[self.key(p)]
        if len(data) >= 32 * 1024:
            raise MemoryError("cannot read file larger than 32KB during initialization")
        parts = data.decode("utf-8", "surrogateescape").split("\n")
        # Each line loses its trailing CRs; a last line without LF is kept as is.
        return [line.rstrip("\r") for line in parts[:-1]] + ([parts[-1]] if parts[-1] else [])

    def realpath(self, path):
        if self.nt:
            p = self.resolve(path)
            if p is None:
                raise OSError("too many links")
            return p
        seen = 0
        while True:
            target = self.links.get(self.key(path))
            if target is None:
                return path
            seen += 1
            if seen > 40:
                raise OSError("too many links")
            path = target if target.startswith("/") else posixpath.normpath(self.dirname(path) + "/" + target)


class NoRegistry:
    """winreg with no keys."""
    HKEY_LOCAL_MACHINE = "HKLM"
    HKEY_CURRENT_USER = "HKCU"

    def OpenKeyEx(self, hkey, subkey):
        raise FileNotFoundError(subkey)

    def CloseKey(self, hkey):
        pass

    def EnumKey(self, hkey, i):
        raise OSError("no keys")

    def QueryValue(self, hkey, subkey):
        raise OSError("no keys")


def expand(s, thread):
    return (s.replace("{V}", "%d.%d" % (MAJOR, MINOR)).replace("{VV}", "%d%d" % (MAJOR, MINOR))
            .replace("{T}", thread))


def run(case):
    nt = case.get("os") == "nt"
    thread = "t" if case.get("free_threaded") else ""
    def expand_value(v):
        if isinstance(v, dict):
            return {k: expand(x, thread) for k, x in v.items()}
        return v
    tree = case["tree"]
    if isinstance(tree, str):
        tree = SHARED_TREES[tree]
    tree_spec = {expand(k, thread): expand_value(v) for k, v in tree.items()}
    tree = Tree(nt, tree_spec)
    env = {k: expand(v, thread) for k, v in case.get("env", {}).items()}
    ns = dict(
        PREFIX=expand(case.get("PREFIX", ""), thread), EXEC_PREFIX=expand(case.get("EXEC_PREFIX", ""), thread),
        PYTHONPATH="",
        VPATH="..\\.." if nt else "", PLATLIBDIR=case.get("PLATLIBDIR", "DLLs" if nt else "lib"),
        PYDEBUGEXT="", VERSION_MAJOR=MAJOR, VERSION_MINOR=MINOR, ABI_THREAD=thread,
        PYWINVER="%d.%d" % (MAJOR, MINOR) if nt else None, EXE_SUFFIX=None,
        ENV_PATH=env.get("PATH", ""), ENV_PYTHONHOME=env.get("PYTHONHOME", ""),
        ENV_PYTHONEXECUTABLE=env.get("PYTHONEXECUTABLE", ""),
        ENV___PYVENV_LAUNCHER__=env.get("__PYVENV_LAUNCHER__", ""),
        py_setpath="", real_executable=expand(case.get("real_executable", ""), thread),
        executable_dir="", library=expand(case.get("library", ""), thread),
        winreg=NoRegistry() if nt else None, build_prefix=None, venv_prefix=None,
        os_name=case.get("os_name", "nt" if nt else "posix"),
        WITH_NEXT_FRAMEWORK=case.get("WITH_NEXT_FRAMEWORK", 0),
        config=dict(CONFIG, orig_argv=[expand(case["argv0"], thread)]),
    )
    for name in ("abspath", "basename", "dirname", "hassuffix", "isabs", "isdir", "isfile",
                 "isxfile", "joinpath", "readlines", "realpath"):
        ns[name] = getattr(tree, name)
    warnings = []
    ns["warn"] = warnings.append
    try:
        exec(CODE, ns)
    except Exception as e:  # getpath refuses the layout: Python would not start
        return tree_spec, env, {"error": "%s: %s" % (type(e).__name__, e)}
    result = {k: ns["config"].get(k) for k in RESULT_KEYS}
    result["warnings"] = warnings
    return tree_spec, env, result


POSIX_BASE = {"/usr/bin/python{V}{T}": "x", "/usr/bin/python3": {"link": "python{V}{T}"},
              "/usr/lib/python{V}{T}/os.py": "f", "/usr/lib/python{V}{T}/lib-dynload": "d"}
OPT_BASE = {"/opt/py/bin/python{V}{T}": "x", "/opt/py/lib/python{V}{T}/os.py": "f",
            "/opt/py/lib/python{V}{T}/lib-dynload": "d"}


def venv(cfg, base=OPT_BASE, exe_link="/opt/py/bin/python{V}{T}", where="/v/pyvenv.cfg", extra=None):
    tree = dict(base)
    tree["/v/bin/python"] = {"link": exe_link} if exe_link else "x"
    if cfg is not None:
        tree[where] = {"text": cfg}
    tree.update(extra or {})
    return tree


CASES = [
    # CPython's Lib/test/test_getpath.py layouts, POSIX.
    dict(name="test_normal_posix", PREFIX="/usr", argv0="python", env={"PATH": "/usr/bin"},
         tree={"/usr/bin/python": "x", "/usr/lib/python{V}/os.py": "f", "/usr/lib/python{V}/lib-dynload": "d"}),
    dict(name="test_buildpath_posix", PREFIX="/usr/local", argv0="/home/cpython/python",
         tree={"/home/cpython/python": "x", "/usr/local/bin/python": "x",
               "/home/cpython/pybuilddir.txt": ["build/lib.linux-x86_64-{V}"],
               "/home/cpython/Lib/os.py": "f", "/home/cpython/lib-dynload": "d"}),
    dict(name="test_venv_posix", PREFIX="/usr", argv0="python", env={"PATH": "/venv/bin:/usr/bin"},
         tree={"/usr/bin/python": "x", "/venv/bin/python": "x", "/usr/lib/python{V}/os.py": "f",
               "/usr/lib/python{V}/lib-dynload": "d", "/venv/pyvenv.cfg": ["home = /usr/bin"]}),
    dict(name="test_venv_changed_name_posix", PREFIX="/usr", argv0="python", env={"PATH": "/venv/bin:/usr/bin"},
         tree={"/usr/bin/python3": "x", "/venv/bin/python": {"link": "/usr/bin/python3"},
               "/usr/lib/python{V}/os.py": "f", "/usr/lib/python{V}/lib-dynload": "d",
               "/venv/pyvenv.cfg": ["home = /usr/bin"]}),
    dict(name="test_venv_changed_name_copy_posix", PREFIX="/usr", argv0="python", env={"PATH": "/venv/bin:/usr/bin"},
         tree={"/usr/bin/python3": "x", "/venv/bin/python": "x", "/usr/lib/python{V}/os.py": "f",
               "/usr/lib/python{V}/lib-dynload": "d", "/venv/pyvenv.cfg": ["home = /usr/bin"]}),
    dict(name="test_symlink_normal_posix", PREFIX="/usr", argv0="/linkfrom/python",
         tree={"/usr/bin/python": "x", "/linkfrom/python": {"link": "/usr/bin/python"},
               "/usr/lib/python{V}/os.py": "f", "/usr/lib/python{V}/lib-dynload": "d"}),
    dict(name="test_symlink_buildpath_posix", PREFIX="/usr/local", argv0="/linkfrom/python",
         tree={"/home/cpython/python": "x", "/linkfrom/python": {"link": "/home/cpython/python"},
               "/usr/local/bin/python": "x", "/home/cpython/pybuilddir.txt": ["build/lib.linux-x86_64-{V}"],
               "/home/cpython/Lib/os.py": "f", "/home/cpython/lib-dynload": "d"}),
    dict(name="test_custom_platlibdir_posix", PREFIX="/usr", argv0="/linkfrom/python", PLATLIBDIR="lib64",
         tree={"/usr/bin/python": "x", "/usr/lib64/python{V}/os.py": "f", "/usr/lib64/python{V}/lib-dynload": "d"}),
    dict(name="test_venv_non_installed_zip_path_posix", PREFIX="/path/to/installed", argv0="/venv/bin/python",
         tree={"/path/to/non-installed/bin/python": "x", "/path/to/non-installed/lib/python{V}/os.py": "f",
               "/path/to/non-installed/lib/python{V}/lib-dynload": "d",
               "/venv/bin/python": {"link": "/path/to/non-installed/bin/python"},
               "/venv/pyvenv.cfg": ["home = /path/to/non-installed"]}),
    dict(name="test_venv_posix_without_home_key", PREFIX="/usr", argv0="/venv/bin/python3",
         tree={"/usr/bin/python3": "x", "/venv/bin/python3": {"link": "/usr/bin/python3"},
               "/usr/lib/python{V}/os.py": "f", "/usr/lib/python{V}/lib-dynload": "d", "/venv/pyvenv.cfg": []}),
    dict(name="test_PYTHONHOME_in_venv", PREFIX="/usr", argv0="/venv/bin/python",
         env={"PYTHONHOME": "/pythonhome"},
         tree={"/usr/bin/python": "x", "/venv/bin/python": {"link": "/usr/bin/python"},
               "/usr/lib/python{V}/os.py": "f", "/usr/lib/python{V}/lib-dynload": "d",
               "/pythonhome/lib/python{V}/os.py": "f", "/pythonhome/lib/python{V}/lib-dynload": "d",
               "/venv/pyvenv.cfg": ["home = /usr/bin"]}),
    dict(name="test_venv_macos", os_name="darwin", PREFIX="/usr", argv0="/usr/bin/python",
         env={"__PYVENV_LAUNCHER__": "/framework/Python{V}/python"}, real_executable="/usr/bin/python",
         tree={"/usr/bin/python": "x", "/framework/Python{V}/python": "x", "/usr/lib/python{V}/os.py": "f",
               "/usr/lib/python{V}/lib-dynload": "d", "/framework/Python{V}/pyvenv.cfg": ["home = /usr/bin"]}),
    dict(name="test_symlink_normal_macos", os_name="darwin", PREFIX="/usr", argv0="python",
         env={"PATH": "/linkfrom:/usr/bin"}, real_executable="/linkfrom/python",
         tree={"/usr/bin/python": "x", "/linkfrom/python": {"link": "/usr/bin/python"},
               "/usr/lib/python{V}/os.py": "f", "/usr/lib/python{V}/lib-dynload": "d"}),
    dict(name="test_framework_macos", os_name="darwin", WITH_NEXT_FRAMEWORK=1,
         PREFIX="/Library/Frameworks/Python.framework/Versions/{V}",
         EXEC_PREFIX="/Library/Frameworks/Python.framework/Versions/{V}",
         argv0="/Library/Frameworks/Python.framework/Versions/{V}/Resources/Python.app/Contents/MacOS/Python",
         env={"__PYVENV_LAUNCHER__": "/Library/Frameworks/Python.framework/Versions/{V}/bin/python{V}"},
         real_executable="/Library/Frameworks/Python.framework/Versions/{V}/Resources/Python.app/Contents/MacOS/Python",
         library="/Library/Frameworks/Python.framework/Versions/{V}/Python",
         tree={"/Library/Frameworks/Python.framework/Versions/{V}/Resources/Python.app/Contents/MacOS/Python": "x",
               "/Library/Frameworks/Python.framework/Versions/{V}/bin/python{V}": "x",
               "/Library/Frameworks/Python.framework/Versions/{V}/lib/python{V}/lib-dynload": "d",
               "/Library/Frameworks/Python.framework/Versions/{V}/lib/python{V}/os.py": "f"}),
    dict(name="test_venv_framework_macos", os_name="darwin", WITH_NEXT_FRAMEWORK=1,
         PREFIX="/Library/Frameworks/Python.framework/Versions/{V}",
         EXEC_PREFIX="/Library/Frameworks/Python.framework/Versions/{V}",
         argv0="/Library/Frameworks/Python.framework/Versions/{V}/Resources/Python.app/Contents/MacOS/Python",
         env={"__PYVENV_LAUNCHER__": "/tmp/workdir/venv/bin/python"},
         real_executable="/Library/Frameworks/Python.framework/Versions/{V}/Resources/Python.app/Contents/MacOS/Python",
         library="/Library/Frameworks/Python.framework/Versions/{V}/Python",
         tree={"/tmp/workdir/venv/lib/python{V}": "d", "/tmp/workdir/venv/bin/python": "x",
               "/Library/Frameworks/Python.framework/Versions/{V}/Resources/Python.app/Contents/MacOS/Python": "x",
               "/Library/Frameworks/Python.framework/Versions/{V}/bin/python{V}": "x",
               "/Library/Frameworks/Python.framework/Versions/{V}/lib/python{V}/lib-dynload": "d",
               "/Library/Frameworks/Python.framework/Versions/{V}/lib/python{V}/os.py": "x",
               "/tmp/workdir/venv/pyvenv.cfg": ["home = /Library/Frameworks/Python.framework/Versions/{V}/bin"]}),

    # CPython's Lib/test/test_getpath.py layouts, Windows.
    dict(name="test_normal_win32", os="nt", argv0="C:\\Python\\python.exe", real_executable="C:\\Python\\python.exe",
         tree={"C:\\Python\\python.exe": "x", "C:\\Python\\Lib\\os.py": "f", "C:\\Python\\DLLs": "d"}),
    dict(name="test_buildtree_win32", os="nt", argv0="C:\\CPython\\PCbuild\\amd64\\python.exe",
         real_executable="C:\\CPython\\PCbuild\\amd64\\python.exe",
         tree={"C:\\CPython\\PCbuild\\amd64\\python.exe": "x", "C:\\CPython\\Lib\\os.py": "f",
               "C:\\CPython\\PCbuild\\amd64\\pybuilddir.txt": [""]}),
    dict(name="test_venv_win32", os="nt", argv0="C:\\Python\\python.exe", real_executable="C:\\Python\\python.exe",
         env={"__PYVENV_LAUNCHER__": "C:\\venv\\Scripts\\python.exe"},
         tree={"C:\\Python\\python.exe": "x", "C:\\venv\\Scripts\\python.exe": "x", "C:\\Python\\Lib\\os.py": "f",
               "C:\\Python\\DLLs": "d", "C:\\venv\\pyvenv.cfg": ["home = C:\\Python"]}),
    dict(name="test_symlink_normal_win32", os="nt", argv0="C:\\LinkedFrom\\python.exe",
         real_executable="C:\\Python\\python.exe",
         tree={"C:\\Python\\python.exe": "x", "C:\\LinkedFrom\\python.exe": {"link": "C:\\Python\\python.exe"},
               "C:\\Python\\Lib\\os.py": "f", "C:\\Python\\DLLs": "d"}),
    dict(name="test_buildtree_pythonhome_win32", os="nt", argv0="C:\\Out\\python.exe",
         real_executable="C:\\Out\\python.exe", env={"PYTHONHOME": "C:\\CPython"},
         tree={"C:\\Out\\python.exe": "x", "C:\\CPython\\Lib\\os.py": "f", "C:\\Out\\pybuilddir.txt": [""]}),
    dict(name="test_no_dlls_win32", os="nt", argv0="C:\\Python\\python.exe", real_executable="C:\\Python\\python.exe",
         tree={"C:\\Python\\python.exe": "x", "C:\\Python\\Lib\\os.py": "f"}),

    # This project's cases: a venv at /v over a base at /opt/py, with a
    # compiled-in prefix (/usr/local) that holds nothing.
    dict(name="venv", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("home = /opt/py/bin\n")),
    dict(name="venv-copy", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("home = /opt/py/bin\n", exe_link=None)),
    dict(name="venv-cfg-beside-executable", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("home = /opt/py/bin\n", where="/v/bin/pyvenv.cfg")),
    dict(name="venv-no-home", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("include-system-site-packages = false\n")),
    dict(name="venv-empty-cfg", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("")),
    dict(name="venv-empty-home", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("home =\n")),
    dict(name="venv-empty-home-first", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("home =\nhome = /elsewhere/bin\n", extra={"/elsewhere/lib/python{V}/os.py": "f"})),
    dict(name="venv-first-home-wins", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("home = /opt/py/bin\nhome = /elsewhere/bin\n", extra={"/elsewhere/lib/python{V}/os.py": "f"})),
    dict(name="venv-bom-before-home", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("\ufeffhome = /opt/py/bin\n")),
    dict(name="venv-home-upper-case", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("HOME = /opt/py/bin\n")),
    dict(name="venv-home-crlf", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("include-system-site-packages = false\r\nhome = /opt/py/bin\r\n")),
    dict(name="venv-home-cr-only", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("include-system-site-packages = false\rhome = /opt/py/bin\r")),
    dict(name="venv-home-trailing-slash", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("home = /opt/py/bin/\n")),
    dict(name="venv-home-dotdot", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("home = /opt/py/bin/../bin\n")),
    dict(name="venv-home-missing", PREFIX="/usr/local", argv0="/v/bin/python", tree=venv("home = /nonexistent/bin\n")),
    dict(name="venv-home-without-stdlib", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("home = /srv/empty/bin\n", extra={"/srv/empty/bin/python3": "x"})),
    dict(name="venv-no-home-hides-beside", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv("", extra={"/v/bin/pyvenv.cfg": {"text": "home = /elsewhere/bin\n"},
                             "/elsewhere/lib/python{V}/os.py": "f"})),
    dict(name="venv-cfg-is-directory", PREFIX="/usr/local", argv0="/v/bin/python",
         tree=venv(None, extra={"/v/pyvenv.cfg": "d", "/v/bin/pyvenv.cfg": {"text": "home = /opt/py/bin\n"}})),
    dict(name="venv-pythonhome", PREFIX="/usr/local", argv0="/v/bin/python", env={"PYTHONHOME": "/opt/py"},
         tree=venv("home = /opt/py/bin\n")),
    dict(name="venv-pythonhome-two-parts", PREFIX="/usr/local", argv0="/v/bin/python",
         env={"PYTHONHOME": "/opt/py:/opt/exec"}, tree=venv("home = /opt/py/bin\n", extra={"/opt/exec/lib/python{V}/lib-dynload": "d"})),
    dict(name="pythonhome-verbatim", PREFIX="/usr/local", argv0="/opt/py/bin/python{V}",
         env={"PYTHONHOME": "/opt/py/bin/../"}, tree=dict(OPT_BASE)),
    dict(name="system", PREFIX="/usr/local", argv0="/opt/py/bin/python{V}", tree=dict(OPT_BASE)),
    dict(name="system-through-link", PREFIX="/usr/local", argv0="/usr/local/bin/py",
         tree=dict(OPT_BASE, **{"/usr/local/bin/py": {"link": "../../../opt/py/bin/python{V}"}})),
    dict(name="system-link-chain", PREFIX="/usr/local", argv0="/a/python",
         tree=dict(OPT_BASE, **{"/a/python": {"link": "/b/python"}, "/b/python": {"link": "/opt/py/bin/python{V}"}})),
    dict(name="system-linked-directory", PREFIX="/usr/local", argv0="/l/bin/python{V}",
         tree=dict(OPT_BASE, **{"/l": {"link": "/opt/py"}})),
    dict(name="system-no-stdlib", PREFIX="/usr/local", argv0="/srv/bin/python3", tree={"/srv/bin/python3": "x"}),
    dict(name="system-os-pyc-only", PREFIX="/usr/local", argv0="/opt/py/bin/python{V}",
         tree={"/opt/py/bin/python{V}": "x", "/opt/py/lib/python{V}/os.pyc": "f", "/opt/py/lib/python{V}/lib-dynload": "d"}),
    dict(name="system-zip-only", PREFIX="/usr/local", argv0="/opt/py/bin/python{V}",
         tree={"/opt/py/bin/python{V}": "x", "/opt/py/lib/python{VV}.zip": "f", "/opt/py/lib/python{V}/lib-dynload": "d"}),
    dict(name="system-zip-above-os-py", PREFIX="/usr/local", argv0="/opt/py/sub/bin/python{V}",
         tree={"/opt/py/sub/bin/python{V}": "x", "/opt/py/lib/python{VV}.zip": "f",
               "/opt/py/sub/lib/python{V}/os.py": "f", "/opt/py/sub/lib/python{V}/lib-dynload": "d"}),
    dict(name="system-no-lib-dynload", PREFIX="/usr/local", argv0="/opt/py/bin/python{V}",
         tree={"/opt/py/bin/python{V}": "x", "/opt/py/lib/python{V}/os.py": "f"}),
    dict(name="system-lib-dynload-elsewhere", PREFIX="/usr/local", argv0="/opt/py/bin/python{V}",
         tree={"/opt/py/bin/python{V}": "x", "/opt/py/lib/python{V}/os.py": "f", "/opt/lib/python{V}/lib-dynload": "d"}),
    dict(name="system-lib-dynload-in-prefix-and-below", PREFIX="/usr/local", argv0="/opt/py/sub/bin/python{V}",
         tree={"/opt/py/sub/bin/python{V}": "x", "/opt/py/lib/python{VV}.zip": "f",
               "/opt/py/lib/python{V}/lib-dynload": "d", "/opt/py/sub/lib/python{V}/lib-dynload": "d"}),
    dict(name="system-lib64", PREFIX="/usr/local", PLATLIBDIR="lib64", argv0="/usr/bin/python{V}",
         tree={"/usr/bin/python{V}": "x", "/usr/lib64/python{V}/os.py": "f", "/usr/lib64/python{V}/lib-dynload": "d"}),
    dict(name="system-lib64-stdlib-in-lib", PREFIX="/usr/local", PLATLIBDIR="lib64", argv0="/usr/bin/python{V}",
         tree={"/usr/bin/python{V}": "x", "/usr/lib/python{V}/os.py": "f", "/usr/lib64/python{V}/lib-dynload": "d"}),
    dict(name="system-root-prefix", PREFIX="/usr/local", argv0="/bin/python{V}",
         tree={"/bin/python{V}": "x", "/lib/python{V}/os.py": "f", "/lib/python{V}/lib-dynload": "d"}),
    dict(name="system-free-threaded", free_threaded=True, PREFIX="/usr/local", argv0="/opt/py/bin/python{V}t",
         tree={"/opt/py/bin/python{V}t": "x", "/opt/py/lib/python{V}t/os.py": "f", "/opt/py/lib/python{V}t/lib-dynload": "d"}),
    dict(name="venv-free-threaded", free_threaded=True, PREFIX="/usr/local", argv0="/v/bin/python",
         tree={"/opt/py/bin/python{V}t": "x", "/opt/py/lib/python{V}t/os.py": "f",
               "/opt/py/lib/python{V}t/lib-dynload": "d", "/v/bin/python": {"link": "/opt/py/bin/python{V}t"},
               "/v/pyvenv.cfg": {"text": "home = /opt/py/bin\n"}}),
    dict(name="venv-lib64", PREFIX="/usr/local", PLATLIBDIR="lib64", argv0="/v/bin/python",
         tree={"/usr/bin/python{V}": "x", "/usr/lib64/python{V}/os.py": "f", "/usr/lib64/python{V}/lib-dynload": "d",
               "/v/bin/python": {"link": "/usr/bin/python{V}"}, "/v/pyvenv.cfg": {"text": "home = /usr/bin\n"},
               "/v/lib64/python{V}/site-packages": "d", "/v/lib/python{V}/site-packages": "d"}),
    dict(name="venv-in-base-prefix", PREFIX="/usr/local", argv0="/opt/py/bin/python{V}",
         tree=dict(OPT_BASE, **{"/opt/py/pyvenv.cfg": {"text": "home = /opt/py/bin\n"}})),
    dict(name="venv-nested-exe", PREFIX="/usr/local", argv0="/v/bin/sub/python",
         tree=venv("home = /opt/py/bin\n", extra={"/v/bin/sub/python": {"link": "/opt/py/bin/python{V}"}})),
    dict(name="windows-system", os="nt", argv0="C:\\Py\\python.exe", real_executable="C:\\Py\\python.exe",
         tree={"C:\\Py\\python.exe": "x", "C:\\Py\\Lib\\os.py": "f", "C:\\Py\\DLLs": "d"}),
    dict(name="windows-venv", os="nt", argv0="C:\\v\\Scripts\\python.exe", real_executable="C:\\v\\Scripts\\python.exe",
         tree={"C:\\Py\\python.exe": "x", "C:\\Py\\Lib\\os.py": "f", "C:\\Py\\DLLs": "d",
               "C:\\v\\Scripts\\python.exe": "x", "C:\\v\\pyvenv.cfg": ["home = C:\\Py"]}),
    dict(name="windows-venv-no-home", os="nt", argv0="C:\\v\\Scripts\\python.exe",
         real_executable="C:\\v\\Scripts\\python.exe",
         tree={"C:\\Py\\python.exe": "x", "C:\\Py\\Lib\\os.py": "f", "C:\\v\\Scripts\\python.exe": "x",
               "C:\\v\\pyvenv.cfg": ["include-system-site-packages = false"]}),
    dict(name="windows-venv-home-case", os="nt", argv0="C:\\v\\Scripts\\python.exe",
         real_executable="C:\\v\\Scripts\\python.exe",
         tree={"C:\\Py\\python.exe": "x", "C:\\Py\\Lib\\os.py": "f", "C:\\v\\Scripts\\python.exe": "x",
               "C:\\v\\pyvenv.cfg": ["Home = C:\\Py\\"]}),
    dict(name="windows-pythonhome", os="nt", argv0="C:\\Py\\python.exe", real_executable="C:\\Py\\python.exe",
         env={"PYTHONHOME": "D:\\Home"},
         tree={"C:\\Py\\python.exe": "x", "C:\\Py\\Lib\\os.py": "f", "D:\\Home\\Lib\\os.py": "f"}),
]


def real_environments():
    """The environments venv_golden.py recorded from a real CPython 3.13.0
    (venv/testdata/golden/3.13.0.json: venv copies and symlinks, odd
    pyvenv.cfg files, PYTHONHOME), as cases of the running version: $TMP at
    /tmp/envs, $BASE at /opt/base, 3.13 renamed."""
    with open(os.path.join(HERE, "..", "..", "..", "venv", "testdata", "golden", "3.13.0.json"), encoding="utf-8") as f:
        g = json.load(f)

    def fix(s):
        return (s.replace("$TMP", "/tmp/envs").replace("$BASE", "/opt/base")
                .replace("3.13", "{V}").replace("python313", "python{VV}"))

    tree = {}
    for path, kind, data in g["tree"]:
        path = fix(path)
        if kind == "dir":
            tree[path] = "d"
        elif kind == "symlink":
            tree[path] = {"link": fix(data)}
        elif posixpath.basename(posixpath.dirname(path)) == "bin":
            tree[path] = "x"
        else:
            tree[path] = {"text": fix(data or "")}
    SHARED_TREES["real"] = tree
    return [dict(name="real/" + c["name"], PREFIX="/usr/local", argv0=fix(c["executable"]),
                 env={k: fix(v) for k, v in c["env"].items()}, tree="real")
            for c in g["cases"]]


# Trees several cases share, written once in the output's "trees".
SHARED_TREES = {}


def main():
    cases = CASES + real_environments()
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    out = {
        "generator": "internal/testdata/gen/getpath_golden.py",
        "python": sys.version.split()[0],
        "trees": {},
        "cases": [],
    }
    for case in cases:
        if case.get("free_threaded") and MINOR < 13:
            continue  # free-threaded builds begin with 3.13
        tree, env, result = run(case)
        rec = {k: v for k, v in case.items() if k not in ("tree", "env")}
        if isinstance(case["tree"], str):
            out["trees"][case["tree"]] = tree
            tree = case["tree"]
        rec.update(version="%d.%d" % (MAJOR, MINOR) + ("t" if case.get("free_threaded") else ""),
                   argv0=expand(case["argv0"], "t" if case.get("free_threaded") else ""),
                   env=env, tree=tree, result=result)
        out["cases"].append(rec)
    out_dir = sys.argv[2] if sys.argv[1:2] == ["--out"] else OUT
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, out["python"] + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True, ensure_ascii=True)
        f.write("\n")
    print(f"{len(out['cases'])} cases written to {path}")


if __name__ == "__main__":
    main()
