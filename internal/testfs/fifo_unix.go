// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package testfs

import "syscall"

func mkfifo(p string) error { return syscall.Mkfifo(p, 0o644) }
