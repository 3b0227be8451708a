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
//   - [github.com/pep668/pep668/record] parses RECORD files, plans
//     uninstalls bounded by a scheme, and applies them with rollback.
//
// This package composes them into the one question every installer asks:
// may I install into this interpreter, and why (not)?
//
//	v, err := pep668.Check("/usr/bin/python3", &pep668.Options{
//		LookupEnv: os.LookupEnv,                 // PYTHONHOME, DEB_PYTHON_INSTALL_LAYOUT, …
//		Message:   marker.FromEnv(os.LookupEnv), // the user's language
//	})
//	if err != nil {
//		return err // not an interpreter, or its files cannot be read
//	}
//	if !v.Allowed {
//		fmt.Fprint(os.Stderr, pep668.RenderRefusal(v)) // the marker's message, pip-style
//	}
//	for _, line := range pep668.Explain(v) { fmt.Println(line) } // why, fact by fact
//
// # The verdict
//
// [Check] follows the specification and pip. An interpreter in a virtual
// environment may always be installed into (sys.prefix != sys.base_prefix,
// or a legacy virtualenv's sys.real_prefix, as PEP 668's backwards
// compatibility section recommends). Otherwise a regular file
// EXTERNALLY-MANAGED in the stdlib directory of the default scheme refuses
// installing, whatever it holds: a broken marker still marks, with this
// library's message. A conda environment is not a virtual environment, so
// the marker rule applies to it.
//
// Overrides are explicit options, never read silently:
// [Override] is --break-system-packages, and an [InstallMode] of --target,
// --prefix or --root is exempt as pip exempts it. [PipOverride] reads
// PIP_BREAK_SYSTEM_PACKAGES and pip's configuration files for callers whose
// policy is to honour them.
//
// Every [Verdict] carries its reasons: the environment (kind, prefixes),
// the default scheme and its stdlib, the marker path looked at and whether
// it exists, the key that gave the message and any problem reading it,
// and, when installing is allowed, why. Neither pip nor uv tells users
// this. [Explain] puts it in plain lines, and [RenderRefusal] shows the
// refusal the way pip's users know it. [Locate] finds the interpreter a
// command name would run, through launchers such as pyenv's shims.
//
// A Verdict's Environment and Interpreter are always set; Message only
// when MarkerExists. Reason, Override.Origin, Verdict.Distributor and the
// record package's Decision.Cause are typed values with documented
// constants, for policies to switch on.
//
// # Uninstalling
//
// [Verdict.Target] gives the install target of an allowed verdict: the
// default scheme, its paths and the environment's lock. [Target.Uninstall]
// removes a distribution from it in one call, under the lock: recover any
// interrupted uninstall, find the distribution in purelib and platlib,
// plan, apply, all or nothing (DryRun plans only). The record package's
// steps stay public for other cases.
//
//	target, err := v.Target() // wraps ErrExternallyManaged when v refuses
//	u, err := target.Uninstall("requests", nil)
//	// u.Plan.Remove, u.Plan.Refused, u.Result.Removed
//
// # Scanning a root filesystem
//
// [Scan] reports every interpreter and environment of a root filesystem
// (any fs.FS), [ScanDir] of a directory of the host (through an os.Root,
// never waiting on a FIFO) and [ScanArchive] of a tar archive read as one stream (docker
// export, docker save, an OCI layout): each with its verdict, and the
// [Finding]s of a tree whose owner fought PEP 668 (a marker removed or
// edited, pip's packages in the distributor's directories, shadowing,
// RECORD mismatches). No Python runs, so images of any architecture work.
//
// Tests of code that uses this package can build realistic installations
// with [github.com/pep668/pep668/venv/venvtest].
//
// [PEP 668]: https://peps.python.org/pep-0668/
package pep668
