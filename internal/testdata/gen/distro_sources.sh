#!/bin/sh
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
#
# Gather the distributors' real patched sysconfig sources and markers into
# $DISTRO_SRC (default /tmp/distro-src), one directory per row of
# distro_golden.py, for distro_golden.py to run. Nothing gathered here is
# committed: only what distro_golden.py records from running it.
#
#   Debian/Ubuntu   the packages themselves: Ubuntu 22.04 (3.10), Debian 12
#                   (3.11, the machine's own /usr/lib/python3.11), Ubuntu
#                   24.04 (3.12), Debian 13 (3.13): libpython3.Y-minimal
#                   (sysconfig) and libpython3.Y-stdlib (EXTERNALLY-MANAGED).
#   Homebrew        Homebrew/formula-patches python/3.10-sysconfig.diff,
#                   3.11-sysconfig.diff (3.11, 3.12) and 3.13-sysconfig.diff
#                   (3.13, 3.14), saved in $HOMEBREW_PATCHES, applied to
#                   upstream's source of the version (pyenv's; pyodide's for
#                   3.14) with @@HOMEBREW_PREFIX@@ replaced as the formula does.
#   Fedora          patch 00251 ("change user install location") as it reads
#                   in fedora-python/cpython fedora-3.13 (8e9a89a) and
#                   fedora-3.14 (0229b22): the fetchable mirror holds only
#                   branches up to 3.10, so fedora_00251 below makes the
#                   same three edits to upstream's source.
#   Arch, Alpine,   upstream's source; the marker is written by
#   uv, PBS, conda  distro_golden.py from its row.
set -eu
SRC=${DISTRO_SRC:-/tmp/distro-src}
PATCHES=${HOMEBREW_PATCHES:?the directory holding the N-sysconfig.diff files of Homebrew}
PYENV=$(pyenv root)/versions
PYODIDE314=${PYODIDE314:?the pyodide@314 package directory}
mkdir -p "$SRC/debs"

deb() { # suite archive package
	index="$SRC/debs/Packages-$1"
	[ -f "$index" ] || curl -fsS "$2/dists/$1/main/binary-amd64/Packages.xz" | xz -dc > "$index"
	file=$(awk -v p="$3" '$0=="Package: "p{f=1} f&&/^Filename:/{print $2; exit}' "$index")
	curl -fsS -o "$SRC/debs/$(basename "$file")" "$2/$file"
	dpkg-deb -x "$SRC/debs/$(basename "$file")" "$SRC/debs/root-$1"
	echo "$3 $(basename "$file")" >> "$SRC/debs/used"
}
debian() { # row suite archive minor
	deb "$2" "$3" "libpython$4-minimal"
	deb "$2" "$3" "libpython$4-stdlib"
	mkdir -p "$SRC/$1"
	lib="$SRC/debs/root-$2/usr/lib/python$4"
	cp "$lib/sysconfig.py" "$SRC/$1/" 2>/dev/null || cp "$lib/sysconfig/__init__.py" "$SRC/$1/sysconfig.py"
	[ ! -f "$lib/EXTERNALLY-MANAGED" ] || cp "$lib/EXTERNALLY-MANAGED" "$SRC/$1/"
	grep "python$4" "$SRC/debs/used" | tail -1 > "$SRC/$1/source.txt"
}
upstream() { # minor
	case $1 in
	3.14) mkdir -p "$SRC/pyodide314" && (cd "$SRC/pyodide314" && unzip -qo "$PYODIDE314/python_stdlib.zip" 'sysconfig/*') && echo "$SRC/pyodide314/sysconfig/__init__.py" ;;
	*) v=$(ls "$PYENV" | grep "^$1\." | tail -1)
	   if [ -f "$PYENV/$v/lib/python$1/sysconfig.py" ]; then echo "$PYENV/$v/lib/python$1/sysconfig.py"; else echo "$PYENV/$v/lib/python$1/sysconfig/__init__.py"; fi ;;
	esac
}
homebrew() { # row minor diff brewprefix
	mkdir -p "$SRC/$1"
	cp "$(upstream "$2")" "$SRC/$1/sysconfig.py"
	patch -s -l "$SRC/$1/sysconfig.py" < "$PATCHES/$3-sysconfig.diff"
	sed -i "s|@@HOMEBREW_PREFIX@@|$4|g" "$SRC/$1/sysconfig.py"
	echo "Homebrew/formula-patches python/$3-sysconfig.diff" > "$SRC/$1/source.txt"
}
fedora_00251() { # row minor
	mkdir -p "$SRC/$1"
	python3 - "$(upstream "$2")" "$SRC/$1/sysconfig.py" <<'PY'
import sys
src = open(sys.argv[1]).read()
alias = "    _INSTALL_SCHEMES['venv'] = _INSTALL_SCHEMES['posix_venv']\n"
assert alias in src
src = src.replace(alias, alias + "\n_INSTALL_SCHEMES['rpm_prefix'] = _INSTALL_SCHEMES['posix_prefix']\n", 1)
local = (
    "_CONFIG_VARS_LOCAL = None\n\n\n"
    "def _config_vars_local():\n"
    "    global _CONFIG_VARS_LOCAL\n"
    "    if _CONFIG_VARS_LOCAL is None:\n"
    "        _CONFIG_VARS_LOCAL = dict(get_config_vars())\n"
    "        _CONFIG_VARS_LOCAL['base'] = '/usr/local'\n"
    "        _CONFIG_VARS_LOCAL['platbase'] = '/usr/local'\n"
    "    return _CONFIG_VARS_LOCAL\n\n\n"
    "def _expand_vars(scheme, vars):\n")
assert "def _expand_vars(scheme, vars):\n" in src
src = src.replace("def _expand_vars(scheme, vars):\n", local, 1)
start = src.index(local)
extend = "    _extend_dict(vars, get_config_vars())\n"
at = src.index(extend, start)
src = src[:at] + (
    "    if (scheme == 'posix_prefix' and\n"
    "        sys.prefix == '/usr' and\n"
    "        'RPM_BUILD_ROOT' not in os.environ):\n"
    "            _extend_dict(vars, _config_vars_local())\n"
    "    else:\n"
    "        _extend_dict(vars, get_config_vars())\n") + src[at + len(extend):]
open(sys.argv[2], "w").write(src)
PY
	echo "fedora-python/cpython patch 00251 (fedora-3.13 8e9a89a, fedora-3.14 0229b22), remade on upstream $2" > "$SRC/$1/source.txt"
}
plain() { # row minor
	mkdir -p "$SRC/$1"
	cp "$(upstream "$2")" "$SRC/$1/sysconfig.py"
	echo "upstream CPython $2" > "$SRC/$1/source.txt"
}

UBUNTU=http://archive.ubuntu.com/ubuntu
DEBIAN=http://deb.debian.org/debian
debian debian-3.10 jammy-updates $UBUNTU 3.10
mkdir -p "$SRC/debian-3.11" && cp /usr/lib/python3.11/sysconfig.py /usr/lib/python3.11/EXTERNALLY-MANAGED "$SRC/debian-3.11/" &&
	dpkg-query -W -f '${Package} ${Version}\n' libpython3.11-stdlib > "$SRC/debian-3.11/source.txt"
debian debian-3.12 noble-updates $UBUNTU 3.12
debian debian-3.13 trixie $DEBIAN 3.13
for m in 3.12 3.13 3.14; do fedora_00251 fedora-$m $m; done
for m in 3.10 3.11 3.12 3.13 3.14; do
	diff=3.11; case $m in 3.10) diff=3.10 ;; 3.13|3.14) diff=3.13 ;; esac
	homebrew homebrew-macos-$m $m $diff /opt/homebrew
	homebrew homebrew-linux-$m $m $diff /home/linuxbrew/.linuxbrew
done
plain arch-3.13 3.13
plain alpine-3.12 3.12
plain uv-3.12 3.12
plain pbs-3.12 3.12
plain conda-3.12 3.12
