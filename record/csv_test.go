// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestCSVMatchesPython compares the row splitting with Python's csv.reader
// on the cases of testdata/csv-<version>.json, written by
// internal/testdata/gen/record_csv_golden.py with CPython 3.11.7, 3.14.2 and
// 3.15.0rc1.
func TestCSVMatchesPython(t *testing.T) {
	files, _ := filepath.Glob("testdata/csv-*.json")
	if len(files) < 3 {
		t.Fatalf("csv golden files %v, want 3", files)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var cases []csvCase
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatal(err)
		}
		checkCSV(t, name, cases)
	}
}

type csvCase struct {
	Input string     `json:"input"`
	Rows  [][]string `json:"rows"`
}

func checkCSV(t *testing.T, file string, cases []csvCase) {
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
			t.Errorf("%s: rows of %q mismatch (-python +Go):\n%s", file, c.Input, diff)
		}
	}
}

// TestParseReservesByLines: the entries reserved for the rest of a RECORD
// follow the density of the rows read, but never exceed the lines left: a
// dense start followed by one huge field reserves nothing for it.
func TestParseReservesByLines(t *testing.T) {
	data := strings.Repeat("a,,\n", 20000) + `"` + strings.Repeat("x", 10<<20) + "\",,\n"
	entries, err := Parse("RECORD", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 20001 || cap(entries) > 2*len(entries) {
		t.Errorf("%d entries, room for %d; want 20001, room for at most twice that", len(entries), cap(entries))
	}
}
