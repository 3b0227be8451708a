// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !unix && !windows

package record

import "os"

func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

// lockFile does nothing where the system has no file locks Go can reach.
func lockFile(f *os.File) error { return nil }
