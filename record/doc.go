// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package record reads the RECORD files of installed Python distributions
// and uninstalls them safely: only the files a RECORD lists, only inside the
// install scheme the installer targets, as PEP 668 requires, and as one
// transaction that is rolled back on any failure.
//
//	dist, err := record.Find("requests", []string{paths[scheme.Purelib]}, nil)
//	plan, err := record.NewPlan(dist, paths, &record.PlanOptions{SchemeName: "venv"})
//	// plan.Remove, plan.RemoveDirs, plan.Kept, plan.Refused, plan.Missing
//	result, err := record.Apply(plan, &record.ApplyOptions{LockFile: venv + "/.lock"})
//
// # RECORD
//
// [Parse] reads RECORD as the PyPA specification defines it ("Recording
// installed projects"): the CSV that Python's csv module reads by default
// (quotes, doubled quotes, commas in names, fields spanning lines, CRLF),
// rows of exactly three fields, path, hash and size. A hash is
// "algorithm=digest" with an algorithm from hashlib.algorithms_guaranteed
// and an urlsafe-base64 digest without padding; a size is a base-10
// integer; both may be empty. Blank lines are skipped (pip crashes on
// them). Anything else is a [*ParseError] with the line. [Verify] checks a
// file against its entry while streaming it.
//
// # Plans
//
// [NewPlan] changes nothing. Every path is resolved the way the OS would
// open it: links among its parents are followed, and ".." applies to where
// they lead. The final component is not followed, so a listed link is
// removed and its target is not. A path is then bounded by the target
// scheme's directories, as [scheme.Bounds] compares them. A path outside is
// refused with its reason: "..", an absolute path elsewhere, a symlinked
// parent, or a sibling whose name merely extends a scheme directory's, as
// /venv2 does /venv. The plan also covers the bytecode of every listed .py
// for every interpreter and optimisation level, the entry-point scripts pip
// would remove, and the directories the removal empties. It never touches
// a scheme directory itself. A file that another distribution's RECORD
// lists is kept, naming that distribution; a listed file that is absent is
// reported. A missing RECORD, or a .dist-info directory outside the scheme
// (Debian's /usr/lib/python3/dist-packages when the target is
// posix_local), refuses the whole uninstall with an [*UninstallError] and
// a hint.
//
// # Apply
//
// [Apply] moves each planned file into a stash directory made inside the
// same scheme directory, so each move is a rename on one filesystem. Just
// before each move it checks the path again (still there, not a directory,
// still inside once resolved). It then removes the emptied directories and,
// when all went well, deletes the stash. On any failure everything goes
// back where it was. Given ApplyOptions.LockFile (<venv>/.lock, as uv
// uses), it holds that lock throughout, so the two never change one
// environment at once; on Windows the file is created but not locked.
//
// # Where this package departs from pip
//
// pip bounds an uninstall only inside a virtual environment, and only by
// a string prefix. It removes only the running interpreter's bytecode,
// keeps dangling links, deletes files that other distributions still list,
// and crashes on a blank RECORD line. Each of these is done differently
// here, by the rules above. On real distributions without such cases, the
// result equals pip's: the tests compare both on copies of the machine's
// installed distributions.
package record
