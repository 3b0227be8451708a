// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package confined

import "errors"

// ErrLink reports a path that passes through a symbolic link, or through
// something that is not a directory, where a directory was expected.
var ErrLink = errors.New("a path component is a symbolic link or not a directory")

// maxOpenDirs bounds the directory handles a Dir keeps open for reuse.
const maxOpenDirs = 256
