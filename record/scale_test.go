// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// syntheticRecord returns a RECORD of n rows: modules in packages of 20,
// each with a hash, a size, and bytecode rows, like a wheel's.
func syntheticRecord(n int) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			fmt.Fprintf(&b, "pkg/sub%d/mod%d.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,%d\n", i/20, i, i%4096)
		} else {
			fmt.Fprintf(&b, "pkg/sub%d/__pycache__/mod%d.cpython-312.pyc,,\n", i/20, i-1)
		}
	}
	return []byte(b.String())
}

// BenchmarkParseRecord parses RECORDs of growing size: MB/s, and
// allocations per row, stay flat.
func BenchmarkParseRecord(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		data := syntheticRecord(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := record.Parse("RECORD", data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(testing.AllocsPerRun(1, func() { record.Parse("RECORD", data) }))/float64(n), "allocs/row")
		})
	}
}

// BenchmarkPlanScaling plans over synthetic distributions of growing size
// on disk: time and allocations per row stay flat. The 1,000,000-row case
// writes half a million files and runs only with PEP668_BENCH_HUGE=1.
func BenchmarkPlanScaling(b *testing.B) {
	sizes := []int{1_000, 10_000, 100_000}
	if os.Getenv("PEP668_BENCH_HUGE") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			root := b.TempDir()
			sp := filepath.Join(root, "venv", "lib", "python3.12", "site-packages")
			data := syntheticRecord(n)
			entries, err := record.Parse("RECORD", data)
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range entries {
				p := filepath.Join(sp, e.Path)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			info := filepath.Join(sp, "pkg-1.0.dist-info")
			os.MkdirAll(info, 0o755)
			os.WriteFile(filepath.Join(info, "RECORD"), data, 0o644)
			dist, err := record.Find("pkg", []string{sp}, nil)
			if err != nil {
				b.Fatal(err)
			}
			paths := scheme.Paths{Purelib: sp, Platlib: sp, Scripts: filepath.Join(root, "venv", "bin"), Data: filepath.Join(root, "venv")}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := record.NewPlan(dist, paths, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}
