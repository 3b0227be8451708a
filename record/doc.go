// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package record reads the RECORD files of installed Python distributions
// and uninstalls them safely: only the files a RECORD lists, only inside
// the install directories of the scheme the installer targets, as PEP 668
// requires, never a file another distribution lists, and all or nothing,
// even when the process is killed half way. pep668.Target.Uninstall does
// all of it in one call; the steps are:
//
//	lock, err := record.Lock(venv + "/.lock") // uv's lock: plan and apply under one
//	defer lock.Unlock()
//	_, err = record.Recover(paths, nil)  // finish or undo an interrupted uninstall
//	dist, err := record.Find("requests", []string{paths.Purelib, paths.Platlib}, nil)
//	plan, err := record.NewPlan(dist, paths, &record.PlanOptions{SchemeName: "venv"})
//	// plan.Remove, plan.RemoveDirs, plan.Kept, plan.Refused, plan.Missing
//	result, err := record.Apply(plan, nil)
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
// them). Anything else is a [*ParseError] with the line. Paths are kept as
// written: on Windows '\' separates as '/' does, as the specification
// allows; on POSIX it is part of a name. [Verify] checks a file against
// its entry while streaming it.
//
// # Plans
//
// [NewPlan] changes nothing. Every path is resolved the way the OS would
// open it: links among its parents are followed, and ".." applies to where
// they lead. The final component is not followed, so a listed link is
// removed and its target is not. A path is then bounded as
// [scheme.Bounds] bounds it: it must lie in one of the scheme's install
// targets (purelib, platlib, scripts, data, and the distribution's
// headers directory when paths has it), and never in the interpreter's
// own stdlib, platstdlib, include or platinclude, even where data holds
// them (a venv's or pyenv's prefix), except the parts a target lies in
// (posix_prefix's site-packages inside stdlib). A path outside is refused
// with its reason: the interpreter's directories, "..", an absolute path
// elsewhere, a symlinked parent, or a sibling whose name merely extends a
// scheme directory's, as /venv2 does /venv. The plan also covers the
// bytecode of every listed .py for every interpreter and optimisation
// level, the entry-point scripts pip would remove, and the directories
// the removal empties, never a scheme directory nor one that holds one.
//
// A file that another distribution lists is kept, naming that
// distribution. Other RECORDs are read leniently for this: the first field
// of every row counts, whatever the rest of the row holds; an .egg-info
// lists its files in installed-files.txt. A list that exists but cannot be
// read refuses the whole uninstall. On a case- or normalization-
// insensitive filesystem (Windows, macOS) names that the filesystem takes
// for one file are one file, and a plan spells every path as its directory
// lists it.
//
// Whole uninstalls are refused with an [*UninstallError] and a hint: no
// usable RECORD, an .egg-info or distutils installation, a .dist-info
// outside the bounds (Debian's /usr/lib/python3/dist-packages when the
// target is posix_local), another distribution's unreadable list, a file
// that exists but cannot be examined (permission denied, a path too long),
// and a stash of an interrupted uninstall that is not yet recovered (a
// stash is a directory .pep668-uninstall-<id> in an install directory,
// where Apply moves files before deleting them; see Apply).
//
// A plan records its basis: the identity of each install directory, the
// distributions present in each site directory, and the digest of every
// metadata file read. [Apply] checks it again.
//
// # Apply
//
// [Apply] opens each install directory once and does everything through
// those handles, never through a path looked up again. On Linux no
// symbolic link is followed at all (each directory on the way is opened
// with O_NOFOLLOW; moves are renameat, removals unlinkat): a parent swapped
// for a link, to the outside or into another distribution, makes the
// operation fail. Elsewhere Go's os.Root does the work: a link that leaves
// the directory is refused, one that stays inside is followed.
//
// Before changing anything, Apply checks the basis, that no other
// uninstall is interrupted there, and that every planned file is still a
// file and every planned directory still a directory: any difference is
// ErrChanged, with nothing changed. It then writes a journal of every move
// into a stash directory in the install directory that holds the
// .dist-info, syncs it, and moves each file into a stash in its own install
// directory (a rename on one filesystem), the .dist-info last and RECORD at
// the very end. A file whose place was taken by a directory meanwhile is
// put back and the uninstall stops. Emptied directories are removed only
// when empty. Then the journal is marked committed, after the stashes are
// synced, and the stash is deleted one name at a time, never as a tree.
// On any failure every file is moved back, by a hard link that cannot
// replace anything that appeared meanwhile.
//
// If the process dies, the journal stays. [Recover] (and the next
// NewPlan, which refuses with ErrInterrupted until then) finds it: a
// committed uninstall is completed, any other is undone, each file moved
// back from the stash. A stash without a journal, or with one that names
// directories outside the scheme, is never deleted.
//
// [Lock] takes <venv>/.lock as uv does (flock; LockFileEx on Windows).
// Hold it from Recover to Apply: the plan is then made and applied with no
// cooperating installer in between, and Apply's basis check catches the
// rest.
//
// # What is not guaranteed
//
//   - Bind mounts and mount points: a directory mounted inside an install
//     directory is inside it, wherever its files come from. A planned file
//     on another filesystem than its install directory cannot be moved
//     into the stash; Apply then fails and restores what it moved.
//   - Hard links: removing a listed name removes that name only; another
//     name of the same file, elsewhere, keeps its content.
//   - Writers that take no lock (pip does not) can still act between
//     Apply's checks and its moves. A file they add is left alone (a
//     directory holding it is kept); a planned file they replace is
//     detected by its identity, and the uninstall is undone.
//   - On Windows and other systems without Linux's *at calls, os.Root
//     follows links that stay inside an install directory; on Windows
//     files have no identity to compare, so a replaced file is the one
//     removed.
//   - Durability on power loss relies on the filesystem making a rename
//     durable with its directory's fsync, as journaling filesystems do.
//
// # Limits
//
// Metadata is read only from regular files, never from a FIFO or a
// device, and only up to a size: RECORD and installed-files.txt 256 MiB,
// entry_points.txt 16 MiB, INSTALLER 1 MiB. A larger or special file is
// [ErrTooLarge] or [ErrNotRegular].
//
// # Where this package departs from pip
//
// pip bounds an uninstall only inside a virtual environment, and only by
// a string prefix. It removes only the running interpreter's bytecode,
// keeps dangling links, deletes files that other distributions still
// list, uninstalls .egg-info installations, reads metadata of any size
// and kind, and crashes on a blank RECORD line; its rollback is in memory
// only. Each of these is done differently here, by the rules above. On
// real distributions without such cases, the result equals pip's: the
// tests compare both on copies of the machine's installed distributions.
package record
