#!/bin/sh
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
#
# Write testdata/scan/debian-3.13: the dpkg database entries and the marker
# of Debian 13's CPython 3.13 packages, from the packages themselves, for
# TestScan's image trees. Run from the module's root:
#
#   internal/testdata/gen/scan_fixtures.sh
#
# It downloads libpython3.13-minimal and libpython3.13-stdlib from Debian 13
# (trixie), and writes, as dpkg would have them after installing: the file
# lists (var/lib/dpkg/info/<pkg>:amd64.list), the md5sums from the control
# archives, and usr/lib/python3.13/EXTERNALLY-MANAGED. Nothing of CPython's
# code is kept: the test trees hold empty stand-ins for its files.
set -eu
out=testdata/scan/debian-3.13
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
index="$work/Packages"
curl -fsS http://deb.debian.org/debian/dists/trixie/main/binary-amd64/Packages.xz | xz -dc > "$index"
rm -rf "$out"
mkdir -p "$out/var/lib/dpkg/info" "$out/usr/lib/python3.13"
for pkg in libpython3.13-minimal libpython3.13-stdlib; do
	file=$(awk -v p="$pkg" '$0=="Package: "p{f=1} f&&/^Filename:/{print $2; exit}' "$index")
	version=$(awk -v p="$pkg" '$0=="Package: "p{f=1} f&&/^Version:/{print $2; exit}' "$index")
	curl -fsS -o "$work/$pkg.deb" "http://deb.debian.org/debian/$file"
	mkdir -p "$work/$pkg/control" "$work/$pkg/root"
	dpkg-deb -e "$work/$pkg.deb" "$work/$pkg/control"
	dpkg-deb -x "$work/$pkg.deb" "$work/$pkg/root"
	# dpkg names them <pkg>:amd64.* for these Multi-Arch: same packages;
	# the ":" is left out here (Windows refuses it in names) and put back
	# by the test.
	cp "$work/$pkg/control/md5sums" "$out/var/lib/dpkg/info/$pkg.md5sums"
	# dpkg's list: every path of the package, directories included, "/."
	# first, as dpkg -L prints it.
	(cd "$work/$pkg/root" && find . | sed 's|^\./|/|; s|^\.$|/.|') > "$out/var/lib/dpkg/info/$pkg.list"
	echo "$pkg $version" >> "$out/SOURCE"
	[ ! -f "$work/$pkg/root/usr/lib/python3.13/EXTERNALLY-MANAGED" ] ||
		cp "$work/$pkg/root/usr/lib/python3.13/EXTERNALLY-MANAGED" "$out/usr/lib/python3.13/"
done
