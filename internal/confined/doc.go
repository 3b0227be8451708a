// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package confined changes files inside a directory tree through a handle
// on its top directory, so that the kernel, not a path looked up again,
// decides what is changed.
//
// A Dir is opened once. Every operation names a path relative to it and
// reaches it from the open handle, never from the path of the top
// directory, so a parent renamed or swapped for a link after the Dir was
// opened cannot lead an operation elsewhere.
//
// On Linux, no symbolic link is followed at all: every directory on the
// way is opened with O_NOFOLLOW, and an operation whose path now passes
// through a link fails with ErrLink. Renames and removals act on the
// directories so opened (renameat, unlinkat, linkat). Elsewhere the
// standard library's os.Root does the work: it refuses paths that leave
// the tree, but follows links that stay inside it.
package confined
