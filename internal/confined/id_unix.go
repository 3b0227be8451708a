// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package confined

import (
	"fmt"
	"io/fs"
	"syscall"
)

// ID returns an identity of the file info describes (device and inode),
// or "" when the system gives none.
func ID(info fs.FileInfo) string {
	if info == nil {
		return ""
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("%d:%d", st.Dev, st.Ino)
	}
	return ""
}
