#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Make real environments with one Python interpreter and record what it says
its sys.prefix and sys.base_prefix are, with the file trees that decide it.

    python3 internal/testdata/gen/venv_golden.py --python $(pyenv root)/versions/3.11.7/bin/python3 \
        --out venv/testdata/golden/3.11.7.json

For every pyenv CPython 3.8-3.13 and /usr/bin/python3.11, this wrote the files
in venv/testdata/golden/. Each case has the executable, the environment
variables, what the interpreter printed, and a tree: every directory, file
(content kept for pyvenv.cfg) and symlink under the scenario directory, plus
the landmarks of the base installation that CPython's getpath looks at.
Absolute paths are written as $TMP (the scenario directory) and $BASE (the
interpreter's installation prefix), so the Go tests can replay the trees in a
fake filesystem.

With --keep DIR the environments stay in DIR and the paths stay real: the Go
test TestDetectLive uses that to compare with the interpreter on the spot.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = r"""
import json, site, sys
print(json.dumps({
    "prefix": sys.prefix,
    "base_prefix": sys.base_prefix,
    "exec_prefix": sys.exec_prefix,
    "base_exec_prefix": sys.base_exec_prefix,
    "include_system_site_packages": sys.base_prefix in site.PREFIXES,
    "version": "%d.%d" % sys.version_info[:2],
    "home": getattr(sys, "_home", None),
    "implementation": sys.implementation.name,
}))
"""


def clean_env(extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYTHON") and k not in ("VIRTUAL_ENV", "CONDA_PREFIX")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra or {})
    return env


def probe(exe, extra_env=None):
    out = subprocess.run([exe, "-c", PROBE], env=clean_env(extra_env), check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def make_venv(python, dest, *args):
    subprocess.run([python, "-m", "venv", *args, dest], env=clean_env(), check=True,
                   capture_output=True)


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def fake_base(tmp, real_prefix, stdlib_name):
    """A second installation whose stdlib is a link to the real one, so that a
    home key can point somewhere that differs from the compiled-in prefix."""
    base = os.path.join(tmp, "other-base")
    os.makedirs(os.path.join(base, "bin"))
    os.makedirs(os.path.join(base, "lib"))
    os.symlink(os.path.join(real_prefix, "lib", stdlib_name), os.path.join(base, "lib", stdlib_name))
    return base


def stdlib_name(info):
    """python3.Y, or PyPy's pypy3.Y."""
    return ("pypy" if info.get("implementation") == "pypy" else "python") + info["version"]


def scenarios(python, tmp):
    """Create the environments; yield (name, executable, extra_env)."""
    info = probe(python)
    prefix, version = info["base_prefix"], info["version"]
    real = os.path.realpath(python)
    bindir = os.path.dirname(real)
    base_bin = os.path.join(prefix, "bin")
    other = fake_base(tmp, prefix, stdlib_name(info))
    # PyPy's venv --copies copies the base's whole lib directory, which
    # fails for a base in /usr: its environments are made with links only.
    kinds = ("symlinks",) if info["implementation"] == "pypy" else ("copies", "symlinks")
    other_bin = os.path.join(other, "bin")

    yield "system", python, None
    yield "system-real-executable", real, None
    yield "system-pythonhome", python, {"PYTHONHOME": prefix}

    def venv(name, *args):
        dest = os.path.join(tmp, name)
        make_venv(python, dest, *args)
        return dest

    sym = venv("symlinks", "--symlinks", "--without-pip")
    yield "venv-symlinks", os.path.join(sym, "bin", "python"), None
    yield "venv-symlinks-python3", os.path.join(sym, "bin", "python3"), None
    if "copies" in kinds:
        d = venv("copies", "--copies", "--without-pip")
        yield "venv-copies", os.path.join(d, "bin", "python3"), None
    d = venv("system-site", "--system-site-packages", "--without-pip")
    yield "venv-system-site-packages", os.path.join(d, "bin", "python"), None
    d = venv("prompt", "--without-pip", "--prompt", "My Prompt")
    yield "venv-prompt", os.path.join(d, "bin", "python"), None
    try:
        d = venv("with-pip")
    except subprocess.CalledProcessError:
        pass  # Debian's python3.11 has no ensurepip without python3-venv
    else:
        yield "venv-with-pip", os.path.join(d, "bin", "python"), None

    nested = os.path.join(tmp, "nested")
    make_venv(os.path.join(sym, "bin", "python"), nested, "--without-pip")
    yield "venv-from-venv", os.path.join(nested, "bin", "python"), None

    alias = os.path.join(tmp, "alias")
    os.symlink(sym, alias)
    yield "venv-through-symlinked-dir", os.path.join(alias, "bin", "python"), None
    yield "venv-pythonhome", os.path.join(sym, "bin", "python"), {"PYTHONHOME": prefix}

    # Odd pyvenv.cfg contents, on --copies environments (the executable is no
    # link, so only the file can lead to the base) and on --symlinks ones.
    odd = [
        ("empty", b""),
        ("no-home", b"include-system-site-packages = false\n"),
        ("home-upper", b"HOME = %s\n" % other_bin.encode()),
        ("home-no-spaces", b"home=%s\n" % other_bin.encode()),
        ("home-two-spaces", b"home =  %s\n" % other_bin.encode()),
        ("home-tabs", b"home\t=\t%s\n" % other_bin.encode()),
        ("home-indented", b"  home = %s\n" % other_bin.encode()),
        ("home-colon", b"home : %s\n" % other_bin.encode()),
        ("home-other-base", b"home = %s\n" % other_bin.encode()),
        ("home-twice-other-first", b"home = %s\nhome = %s\n" % (other_bin.encode(), base_bin.encode())),
        ("home-twice-base-first", b"home = %s\nhome = %s\n" % (base_bin.encode(), other_bin.encode())),
        ("home-nonexistent", b"home = /nonexistent/bin\n"),
        ("bom", b"\xef\xbb\xbfinclude-system-site-packages = false\nhome = %s\n" % base_bin.encode()),
        ("crlf", b"home = %s\r\ninclude-system-site-packages = false\r\n" % other_bin.encode()),
        ("include-upper", b"home = %s\nInclude-System-Site-Packages = TRUE\n" % base_bin.encode()),
        ("include-yes", b"home = %s\ninclude-system-site-packages = yes\n" % base_bin.encode()),
        ("include-comment", b"home = %s\ninclude-system-site-packages = true # comment\n" % base_bin.encode()),
        ("include-false-then-true", b"include-system-site-packages = false\ninclude-system-site-packages = true\n"),
        ("include-colon", b"include-system-site-packages : false\n"),
    ]
    for kind in kinds:
        for name, content in odd:
            d = venv("odd-%s-%s" % (kind, name), "--" + kind, "--without-pip")
            write(os.path.join(d, "pyvenv.cfg"), content)
            yield "odd-%s-%s" % (kind, name), os.path.join(d, "bin", "python"), None
        # pyvenv.cfg next to the executable rather than one level up.
        d = venv("cfg-in-bin-" + kind, "--" + kind, "--without-pip")
        os.rename(os.path.join(d, "pyvenv.cfg"), os.path.join(d, "bin", "pyvenv.cfg"))
        yield "cfg-in-bin-" + kind, os.path.join(d, "bin", "python"), None
        d = venv("cfg-in-bin-other-base-" + kind, "--" + kind, "--without-pip")
        os.remove(os.path.join(d, "pyvenv.cfg"))
        write(os.path.join(d, "bin", "pyvenv.cfg"), b"home = %s\n" % other_bin.encode())
        yield "cfg-in-bin-other-base-" + kind, os.path.join(d, "bin", "python"), None


def tree(root):
    """Every entry under root: [path, kind, data]."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        if rel.endswith("site-packages") or "/site-packages/" in rel + "/" or rel.startswith("include"):
            dirnames[:] = []
            filenames = []
        for name in sorted(dirnames + filenames):
            p = os.path.join(dirpath, name)
            if os.path.islink(p):
                out.append([p, "symlink", os.readlink(p)])
                if name in dirnames:
                    dirnames.remove(name)  # os.walk does not follow links anyway
            elif os.path.isdir(p):
                out.append([p, "dir", None])
            elif name in ("pyvenv.cfg", "orig-prefix.txt"):
                with open(p, "rb") as f:
                    out.append([p, "file", f.read().decode("utf-8", "surrogateescape")])
            else:
                out.append([p, "file", ""])
    return out


def base_landmarks(prefix, version, stdlib):
    """What getpath looks at in the base installation."""
    out = []
    bindir = os.path.join(prefix, "bin")
    for name in sorted(os.listdir(bindir)):
        if name.startswith(("python", "pypy")):
            p = os.path.join(bindir, name)
            if os.path.islink(p):
                out.append([p, "symlink", os.readlink(p)])
            elif os.path.isfile(p):
                out.append([p, "file", ""])
    for lib in ("lib", "lib64"):
        std = os.path.join(prefix, lib, stdlib)
        if os.path.islink(os.path.join(prefix, lib)):
            out.append([os.path.join(prefix, lib), "symlink", os.readlink(os.path.join(prefix, lib))])
            continue
        for p, kind in ((os.path.join(std, "os.py"), "file"),
                        (os.path.join(std, "lib-dynload"), "dir"),
                        (os.path.join(prefix, lib, "python%s.zip" % version.replace(".", "")), "file")):
            if os.path.lexists(p):
                out.append([p, kind, None if kind == "dir" else ""])
    return out


def placeholders(obj, tmp, prefix):
    """Replace the scenario and base directories with $TMP and $BASE."""
    if isinstance(obj, str):
        obj = re.sub(re.escape(tmp) + r"(?=/|$)", "$TMP", obj)
        return re.sub(re.escape(prefix) + r"(?=/|$)", "$BASE", obj)
    if isinstance(obj, list):
        return [placeholders(x, tmp, prefix) for x in obj]
    if isinstance(obj, dict):
        return {k: placeholders(v, tmp, prefix) for k, v in obj.items()}
    return obj


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--keep", help="make the environments here and keep real paths")
    args = ap.parse_args()

    tmp = args.keep or tempfile.mkdtemp(prefix="pep668-venv-")
    tmp = os.path.realpath(tmp)
    os.makedirs(tmp, exist_ok=True)
    info = probe(args.python)
    prefix, version = info["base_prefix"], info["version"]
    try:
        cases = []
        for name, exe, extra in scenarios(args.python, tmp):
            cases.append({"name": name, "executable": exe, "env": extra or {},
                          "expect": probe(exe, extra)})
        result = {
            "generator": "internal/testdata/gen/venv_golden.py",
            "python": args.python,
            "version": version,
            "base": prefix,
            "tree": tree(tmp) + base_landmarks(prefix, version, stdlib_name(info)),
            "cases": cases,
        }
        if not args.keep:
            result = placeholders(result, tmp, prefix)
            result["python"] = placeholders(args.python, tmp, prefix)
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1, sort_keys=True)
            f.write("\n")
    finally:
        if not args.keep:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
