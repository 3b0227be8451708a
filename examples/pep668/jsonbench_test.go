package main

import (
	"io"
	"testing"

	"github.com/pep668/pep668/record"
)

// BenchmarkWriteJSON writes a plan the size of cfn-lint's: 9,000 files
// and 3,700 directories.
func BenchmarkWriteJSON(b *testing.B) {
	p := &record.Plan{Distribution: "x", Version: "1", Remove: []string{}, RemoveDirs: []string{}, Kept: []record.Decision{}, Refused: []record.Decision{}, Missing: []string{}}
	for range 9000 {
		p.Remove = append(p.Remove, "/tmp/venv/lib/python3.11/site-packages/cfnlint/data/schemas/providers/us_east_1/aws-ec2-instance.json")
	}
	for range 3700 {
		p.RemoveDirs = append(p.RemoveDirs, "/tmp/venv/lib/python3.11/site-packages/cfnlint/data/schemas/providers/us_east_1")
	}
	b.ReportAllocs()
	for b.Loop() {
		writeJSON(io.Discard, p)
	}
}
