// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme_test

import (
	"testing"

	"github.com/pep668/pep668/scheme"
)

// BenchmarkPaths expands posix_prefix, like sysconfig.get_paths.
func BenchmarkPaths(b *testing.B) {
	table, err := scheme.NewTable(scheme.CPython, "3.13", false, nil)
	if err != nil {
		b.Fatal(err)
	}
	vars := scheme.Vars{"base": "/usr", "platbase": "/usr", "installed_base": "/usr", "installed_platbase": "/usr",
		"platlibdir": "lib", "implementation_lower": "python", "py_version_short": "3.13", "abi_thread": "", "abiflags": ""}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := table.Paths("posix_prefix", vars); err != nil {
			b.Fatal(err)
		}
	}
}
