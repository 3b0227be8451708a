// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !unix

package osfs

import "os"

// openNoBlock opens path for reading. Windows has no FIFOs in the
// filesystem's namespace, so an open cannot block.
func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}
