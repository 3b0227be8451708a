// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker_test

import (
	"testing"
	"testing/fstest"

	"github.com/pep668/pep668/marker"
)

// BenchmarkReadDebian reads Debian's real marker and chooses its message for
// a German user, as an installer's check does.
func BenchmarkReadDebian(b *testing.B) {
	data := readCorpus(b, "debian-python3.11")
	fsys := fstest.MapFS{"EXTERNALLY-MANAGED": {Data: data}}
	opts := marker.Options{Language: "de_DE", Prefix: "/usr"}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if m := marker.Read(fsys, "EXTERNALLY-MANAGED", opts); m.Default {
			b.Fatal(m.Problem)
		}
	}
}

// BenchmarkParseLong parses a marker with a 200 000-byte line.
func BenchmarkParseLong(b *testing.B) {
	data := readCorpus(b, "long-line")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := marker.Parse("m", data); err != nil {
			b.Fatal(err)
		}
	}
}
