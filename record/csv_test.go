// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestCSVMatchesPython compares the row splitting with Python's csv.reader
// on the cases of testdata/csv.json, written by
// internal/testdata/gen/record_csv_golden.py.
func TestCSVMatchesPython(t *testing.T) {
	data, err := os.ReadFile("testdata/csv.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Input string     `json:"input"`
		Rows  [][]string `json:"rows"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		r := csvReader{text: c.Input}
		var rows [][]string
		for {
			fields, _, ok := r.next()
			if !ok {
				break
			}
			if fields == nil {
				fields = []string{} // Python yields [] for a blank line
			}
			rows = append(rows, slices.Clone(fields)) // next reuses its slice
		}
		if diff := cmp.Diff(c.Rows, rows, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("rows of %q mismatch (-python +Go):\n%s", c.Input, diff)
		}
	}
}
