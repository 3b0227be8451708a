// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// cfnLintVenv copies cfn-lint (8,754 RECORD rows) from pyenv's CPython 3.11
// into a venv-shaped tree and returns the distribution and the scheme.
func cfnLintVenv(b *testing.B) (*record.Distribution, scheme.Paths) {
	b.Helper()
	_, site := reference(b)
	src, err := record.Find("cfn-lint", []string{site}, nil)
	if err != nil {
		b.Skip(err)
	}
	root := b.TempDir()
	sp := filepath.Join(root, "venv", "lib", "python3.11", "site-packages")
	copyDist(b, src, sp)
	dist, err := record.Find("cfn-lint", []string{sp}, nil)
	if err != nil {
		b.Fatal(err)
	}
	v := filepath.Join(root, "venv")
	return dist, scheme.Paths{
		Stdlib: "/usr/lib/python3.11", Platstdlib: filepath.Join(v, "lib", "python3.11"),
		Purelib: sp, Platlib: sp, Include: "/usr/include/python3.11", Platinclude: "/usr/include/python3.11",
		Scripts: filepath.Join(v, "bin"), Data: v,
	}
}

// BenchmarkPlanCfnLint plans the uninstall of a real, large distribution.
func BenchmarkPlanCfnLint(b *testing.B) {
	dist, paths := cfnLintVenv(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := record.NewPlan(dist, paths, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(dist.Record)), "ns/row")
}

// BenchmarkLstatFloor is the least any plan must do: lstat every path.
func BenchmarkLstatFloor(b *testing.B) {
	dist, _ := cfnLintVenv(b)
	for b.Loop() {
		for _, e := range dist.Record {
			os.Lstat(filepath.Join(dist.SiteDir, e.Path))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(dist.Record)), "ns/row")
}

// BenchmarkApply applies the uninstall of 1,800 files in 60 directories;
// building the tree is not timed.
func BenchmarkApply(b *testing.B) {
	b.ReportAllocs()
	var files int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		root, err := filepath.EvalSymlinks(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		crashTree().write(b, root)
		dist, err := record.Find("big", []string{filepath.Join(root, site)}, nil)
		if err != nil {
			b.Fatal(err)
		}
		plan, err := record.NewPlan(dist, venvPaths(root), nil)
		if err != nil {
			b.Fatal(err)
		}
		files = len(plan.Remove)
		b.StartTimer()
		if _, err := record.Apply(plan, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(files), "ns/file")
}

// BenchmarkApplyCfnLint applies the uninstall of a copy of cfn-lint
// (8,754 files); copying is not timed.
func BenchmarkApplyCfnLint(b *testing.B) {
	_, pyenvSite := reference(b)
	src, err := record.Find("cfn-lint", []string{pyenvSite}, nil)
	if err != nil {
		b.Skip(err)
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		root, err := filepath.EvalSymlinks(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		copyDist(b, src, filepath.Join(root, site))
		dist, err := record.Find("cfn-lint", []string{filepath.Join(root, site)}, nil)
		if err != nil {
			b.Fatal(err)
		}
		plan, err := record.NewPlan(dist, venvPaths(root), nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := record.Apply(plan, nil); err != nil {
			b.Fatal(err)
		}
	}
}
