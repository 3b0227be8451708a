// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"os"
	"testing"

	"github.com/pep668/pep668"
)

// BenchmarkCheckDebian checks the machine's Debian python3.11, the whole
// composition on the real filesystem: venv, scheme, marker.
func BenchmarkCheckDebian(b *testing.B) {
	if _, err := os.Stat("/usr/lib/python3.11/EXTERNALLY-MANAGED"); err != nil {
		b.Skip("no Debian python3.11 here")
	}
	b.ReportAllocs()
	for b.Loop() {
		v, err := pep668.Check("/usr/bin/python3.11", nil)
		if err != nil || v.Allowed {
			b.Fatal(v, err)
		}
	}
}
