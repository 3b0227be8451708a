// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !unix

package main

import "os"

// peakRSS returns the peak resident memory of a finished process; this
// system does not tell it.
func peakRSS(*os.ProcessState) (int64, bool) { return 0, false }
