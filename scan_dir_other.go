// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !unix

package pep668

// openNoWait is nothing here: Windows has no FIFOs among a tree's files.
const openNoWait = 0
