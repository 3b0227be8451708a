// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package pep668 implements [PEP 668], "externally managed environments",
// for programs that install Python packages without being Python: Go
// installers, uv-style tools, CI policy checks.
//
// # What PEP 668 asks of an installer
//
// A distributor (Debian, Homebrew, uv for the Pythons it manages, …) marks
// an interpreter as externally managed by putting a file named
// EXTERNALLY-MANAGED in the stdlib directory of its default install scheme,
// sysconfig.get_path("stdlib"). Before installing into an interpreter, an
// installer checks two things: is it outside a virtual environment
// (sys.prefix == sys.base_prefix), and does that file exist? If both hold,
// it refuses, showing the message the file gives in the user's language,
// unless the user overrides the check (pip's --break-system-packages).
// Whatever it installs into, an installer must never modify or delete files
// outside the install scheme it targets.
//
// # Packages
//
//   - [github.com/pep668/pep668/marker] finds and reads EXTERNALLY-MANAGED
//     exactly as pip reads it, and chooses the message for a locale.
//   - [github.com/pep668/pep668/venv] decides, from the filesystem alone,
//     what sys.prefix and sys.base_prefix an interpreter would have.
//   - [github.com/pep668/pep668/scheme] holds the install-scheme templates
//     of CPython and the distributors, expands them like sysconfig.get_paths,
//     names an interpreter's default scheme, and bounds paths to a scheme.
//   - record parses RECORD files and plans uninstalls bounded by a scheme.
//
// This package composes them into the one question every installer asks:
// may I install into this interpreter, and why (not)? Until that
// composition lands, the flow is, by hand:
//
//	stdlib := "usr/lib/python3.11" // sysconfig.get_path("stdlib") of the interpreter, in fsys
//	fsys := os.DirFS("/")
//	name, found, err := marker.Find(fsys, stdlib)
//	if err != nil || !found {
//		return err // cannot tell, or not externally managed
//	}
//	opts := marker.FromEnv(os.Getenv) // the user's language
//	opts.Prefix = "/usr"               // named by the default message
//	m := marker.Read(fsys, name, opts) // never fails: a broken marker still marks
//	fmt.Println(m.Text)                // unless sys.prefix != sys.base_prefix
//
// [PEP 668]: https://peps.python.org/pep-0668/
package pep668
