// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package scheme will hold the install-scheme templates of CPython 3.8–3.14,
// PyPy and the distributors (Debian, Fedora, Homebrew) and expand them to
// paths as sysconfig.get_paths does.
//
// It has no API yet.
package scheme
