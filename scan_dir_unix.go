// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package pep668

import "syscall"

// openNoWait opens a FIFO at once, writer or not.
const openNoWait = syscall.O_NONBLOCK
