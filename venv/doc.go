// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package venv will decide, from the filesystem alone, what sys.prefix and
// sys.base_prefix a Python interpreter would have: pyvenv.cfg, conda, and
// legacy virtualenv environments, without running Python.
//
// It has no API yet.
package venv
