// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !unix

package testfs

import "errors"

func mkfifo(p string) error { return errors.ErrUnsupported }
