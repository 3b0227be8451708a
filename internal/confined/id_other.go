// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !unix

package confined

import "io/fs"

// ID returns an identity of the file info describes, or "" when the
// system gives none in a FileInfo (Windows: only os.SameFile can tell).
func ID(info fs.FileInfo) string { return "" }
