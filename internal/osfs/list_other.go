// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build !linux

package osfs

import (
	"io/fs"
	"os"
)

// listHost reads the directory dir of the host: names and types, sorted
// by name.
func listHost(dir string) ([]string, []fs.FileMode, error) {
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil, nil, err
	}
	names, types := make([]string, len(entries)), make([]fs.FileMode, len(entries))
	for i, e := range entries {
		names[i], types[i] = e.Name(), e.Type()
	}
	return names, types, nil
}
