#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Record what each distributor's real patched sysconfig answers, for the
distributor trees of the root package's TestDistributors.

First gather the sources with distro_sources.sh beside this file, then run
this with the CPython of each version; it records the rows of its own
version into testdata/distro/<row>.json (of the current directory):

    for v in 3.10.13 3.11.7 3.12.1 3.13.0; do
        DISTRO_SRC=/tmp/distro-src $(pyenv root)/versions/$v/bin/python3 internal/testdata/gen/distro_golden.py
    done
    DISTRO_SRC=/tmp/distro-src PYODIDE_MOUNT=/tmp/distro-src \\
        node internal/testdata/gen/pyodide.mjs <pyodide@314 dir> internal/testdata/gen/distro_golden.py

For every state of a row (the system interpreter, a venv made from it, and
the environment variables the distributor's sysconfig reads) the
distributor's sysconfig source is loaded afresh as a module, with sys.prefix,
sys.base_prefix and sys.platlibdir set as the row's installation would have
them, and asked get_scheme_names(), get_default_scheme() and get_paths().
Only the build-variable loader (_init_posix) is stubbed: the Makefile's
variables do not enter install schemes. sys.platform stays the running one,
so a macOS framework is modelled by its prefix and sys._framework only; the
"prefix" scheme does not depend on the platform in any of these patches.
The marker is the distributor's file where it ships one, else the row's text
below (whose origin each row names). The lines of the source that name a
distributor's scheme are kept as "sysconfig_lines": the test tree's
sysconfig.py holds them, and nothing else of the source.
"""
import importlib.util
import json
import os
import re
import sys

MINOR = "%d.%d" % sys.version_info[:2]
PATCH = "%d.%d.%d" % sys.version_info[:3]
SRC = os.environ.get("DISTRO_SRC", "/tmp/distro-src")
VENV = "/home/u/venv"

HOMEBREW_MARKER = """[externally-managed]
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
"""
ARCH_MARKER = """[externally-managed]
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
"""
ALPINE_MARKER = """[externally-managed]
Error=
  The system-wide Python installation in Alpine is managed
  by using the system package manager (apk).
  It appears you are installing to this system-wide location using
  a different package manager. Please use a virtualenv instead:
    python3 -m venv /path/to/venv
    . /path/to/venv/bin/activate
    pip install mypackage
"""
UV_MARKER = "[externally-managed]\nError=This Python installation is managed by uv and should not be modified.\n"


def rows():
    """The rows: name, version, vendor the library should see, prefix,
    platlibdir, marker (None: the packaged file, or no marker), the extra
    states, and directories that must stay outside the uninstall bounds."""
    out = []
    for m in ("3.10", "3.11", "3.12", "3.13"):
        out.append(dict(name="debian-" + m, version=m, vendor="debian", prefix="/usr", platlibdir="lib",
                        extra={"DEB_PYTHON_INSTALL_LAYOUT=deb": {"DEB_PYTHON_INSTALL_LAYOUT": "deb"}},
                        outside=["/usr/lib/python3/dist-packages", "/usr/lib/python%s" % m]))
    for m in ("3.12", "3.13", "3.14"):
        out.append(dict(name="fedora-" + m, version=m, vendor="fedora", prefix="/usr", platlibdir="lib64",
                        extra={"RPM_BUILD_ROOT set, empty": {"RPM_BUILD_ROOT": ""},
                               "RPM_BUILD_ROOT=/builddir": {"RPM_BUILD_ROOT": "/builddir/build/BUILDROOT/x"}},
                        outside=["/usr/lib/python%s/site-packages" % m, "/usr/lib64/python%s/site-packages" % m]))
    for m in ("3.10", "3.11", "3.12", "3.13", "3.14"):
        cellar = "/opt/homebrew/Cellar/python@%s/%s.0/Frameworks/Python.framework/Versions/%s" % (m, m, m)
        marker = HOMEBREW_MARKER if m != "3.10" else ""  # python@3.10's formula (1a6cb29) writes none
        out.append(dict(name="homebrew-macos-" + m, version=m, vendor="homebrew", prefix=cellar, platlibdir="lib",
                        framework=True, brew="/opt/homebrew", marker=marker,
                        extra={"ENSUREPIP_OPTIONS=1": {"ENSUREPIP_OPTIONS": "1"}},
                        outside=[cellar + "/lib/python%s" % m]))
        cellar = "/home/linuxbrew/.linuxbrew/Cellar/python@%s/%s.0" % (m, m)
        out.append(dict(name="homebrew-linux-" + m, version=m, vendor="homebrew", prefix=cellar, platlibdir="lib",
                        brew="/home/linuxbrew/.linuxbrew", marker=marker,
                        extra={"ENSUREPIP_OPTIONS=1": {"ENSUREPIP_OPTIONS": "1"}},
                        outside=[cellar + "/lib/python%s" % m]))
    out.append(dict(name="arch-3.13", version="3.13", vendor="cpython", prefix="/usr", platlibdir="lib",
                    marker=ARCH_MARKER, outside=["/usr/lib/python3.13"],
                    marker_origin="reconstructed from pip's output on Arch; the configparser value is the same"))
    out.append(dict(name="alpine-3.12", version="3.12", vendor="cpython", prefix="/usr", platlibdir="lib",
                    marker=ALPINE_MARKER, outside=["/usr/lib/python3.12"],
                    marker_origin="alpinelinux/aports main/python3/externally-managed"))
    uv = "/home/u/.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu"
    out.append(dict(name="uv-3.12", version="3.12", vendor="cpython", prefix=uv, platlibdir="lib",
                    marker=UV_MARKER, outside=[uv + "/lib/python3.12"],
                    marker_origin="astral-sh/uv crates/uv-python/src/managed.rs"))
    out.append(dict(name="pbs-3.12", version="3.12", vendor="cpython", prefix="/opt/python", platlibdir="lib",
                    marker="", outside=["/opt/python/lib/python3.12"]))
    out.append(dict(name="conda-3.12", version="3.12", vendor="cpython", prefix="/opt/conda", platlibdir="lib",
                    marker="", conda=True, outside=["/opt/conda/lib/python3.12"],
                    extra_prefix={"conda env": "/opt/conda/envs/work"}))
    return out


SIGNATURE = re.compile(r"'(posix_local|deb_system|rpm_prefix|osx_framework_library)'|'purelib':\s*'/")


def ask(source, prefix, base, platlibdir, env, framework):
    """Load the source as a fresh module under the given sys values."""
    saved = (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             sys.platlibdir, dict(os.environ), getattr(sys, "_framework", None))
    try:
        sys.prefix = sys.exec_prefix = prefix
        sys.base_prefix = sys.base_exec_prefix = base
        sys.platlibdir = platlibdir
        sys._framework = "Python" if framework else ""
        os.environ.clear()
        os.environ.update({"PYTHONUSERBASE": "/home/u/.local"}, **env)
        spec = importlib.util.spec_from_file_location("distro_sysconfig", source)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod._init_posix = lambda vars: None
        default = mod.get_default_scheme()
        return {"scheme_names": list(mod.get_scheme_names()), "default_scheme": default,
                "paths": mod.get_paths(default)}
    finally:
        (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
         sys.platlibdir, environ, sys._framework) = saved
        os.environ.clear()
        os.environ.update(environ)


def main():
    os.makedirs("testdata/distro", exist_ok=True)
    for row in rows():
        if row["version"] != MINOR:
            continue
        d = os.path.join(SRC, row["name"])
        source = os.path.join(d, "sysconfig.py")
        text = open(source, encoding="utf-8").read()
        marker, origin = row.get("marker"), row.get("marker_origin", "")
        if marker is None:
            path = os.path.join(d, "EXTERNALLY-MANAGED")
            marker = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            origin = "the package's file" if marker else "the package ships none"
        elif marker == "":
            origin = row.get("marker_origin", "none shipped")
        states = {}
        framework = row.get("framework", False)
        p = row["prefix"]
        states["system"] = ask(source, p, p, row["platlibdir"], {}, framework)
        states["venv"] = ask(source, VENV, p, row["platlibdir"], {}, framework)
        for name, env in row.get("extra", {}).items():
            states[name] = dict(ask(source, p, p, row["platlibdir"], env, framework), env=env)
        for name, q in row.get("extra_prefix", {}).items():
            states[name] = dict(ask(source, q, q, row["platlibdir"], {}, framework), prefix=q)
        golden = {
            "name": row["name"], "version": row["version"], "python": PATCH, "vendor": row["vendor"],
            "source": open(os.path.join(d, "source.txt")).read().strip(),
            "prefix": p, "platlibdir": row["platlibdir"], "framework": framework,
            "homebrew_prefix": row.get("brew", ""), "conda": row.get("conda", False),
            "marker": marker, "marker_origin": origin,
            "sysconfig_lines": [l.strip() for l in text.splitlines() if SIGNATURE.search(l) and "osx_framework_user" not in l],
            "outside": row["outside"], "venv": VENV, "states": states,
        }
        with open("testdata/distro/%s.json" % row["name"], "w") as f:
            json.dump(golden, f, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", row["name"], file=sys.stderr)


main()
