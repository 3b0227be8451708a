// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pep668/pep668/record"
)

// TestVerify runs pypa/installer's SAMPLE_RECORDS.
func TestVerify(t *testing.T) {
	tests := []struct {
		row, data string
		ok        bool
	}{
		{"test1.py,sha256=Y0sCextp4SQtQNU-MSs7SsdxD1W-gfKJtUlEbvZ3i-4,6", "test1\n", true},
		{"test2.py,sha256=fW_Xd08Nh2JNptzxbQ09EEwxkedx--LznIau1LK_Gg8,6", "test2\n", true},
		{"test3.py,sha256=qwPDTx7OCCEf4qgDn9ZCQZmz9de1X_E7ETSzZHdsRcU,6", "test3\n", true},
		{"test4.py,sha256=Y0sCextp4SQtQNU-MSs7SsdxD1W-gfKJtUlEbvZ3i-4,", "test1\n", true},
		{"test5.py,,", "test1\n", true},
		{"test6.py,,6", "test1\n", true},
		{"test7.py,sha256=Y0sCextp4SQtQNU-MSs7SsdxD1W-gfKJtUlEbvZ3i-4,7", "test1\n", false},
		{"test7.py,sha256=Y0sCextp4SQtQNU-MSs7SsdxD1W-gfKJtUlEbvZ3i-4,", "not-test1\n", false},
		{"test8.py,,10", "test1\n", false},
		{"md5.py,md5=PncFSY6L5gUghBQJ68abwQ,", "test1\n", true},
	}
	for _, tt := range tests {
		entries, err := record.Parse("RECORD", []byte(tt.row))
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.row, err)
		}
		err = record.Verify(entries[0], strings.NewReader(tt.data))
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, record.ErrMismatch)) {
			t.Errorf("Verify(%q, %q) = %v, want ok=%v", tt.row, tt.data, err, tt.ok)
		}
	}
	entries, _ := record.Parse("RECORD", []byte("b.py,blake2b=AAAA,"))
	if err := record.Verify(entries[0], strings.NewReader("")); !errors.Is(err, record.ErrUnsupportedAlg) {
		t.Errorf("Verify(blake2b) = %v, want ErrUnsupportedAlg", err)
	}
}

// TestParseErrors covers pypa/installer's invalid rows, and more.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		data string
		want error
		line int
	}{
		{"file.py,sha256=AVTF,3144,", record.ErrFieldCount, 1},
		{"a.py,,\nb.py,,\nc.py,,\ndistribution-1.0.dist-info/RECORD,,,,", record.ErrFieldCount, 4},
		{",,", record.ErrEmptyPath, 1},
		{"a.py,,non-int", record.ErrSize, 1},
		{"a.py,,0x10", record.ErrSize, 1},
		{"a.py,,-1", record.ErrSize, 1},
		{"a.py,sha=abc,", record.ErrHashAlgorithm, 1},
		{"a.py,SHA256=abc,", record.ErrHashAlgorithm, 1},
		{"a.py,some-random-value,", record.ErrHashFormat, 1},
		{"a.py,sha256=a=b,", record.ErrHashEncoding, 1},
		{"\"multi\nline\",,\nb,c", record.ErrFieldCount, 3},
		{"ok.py,,\n\xff,,", record.ErrEncoding, 2},
	}
	for _, tt := range tests {
		_, err := record.Parse("RECORD", []byte(tt.data))
		var pe *record.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, tt.want) || pe.Line != tt.line {
			t.Errorf("Parse(%q) = %v, want %v on line %d", tt.data, err, tt.want, tt.line)
		}
	}
	// A backslash stays as written: a separator on Windows only, which
	// planning decides.
	entries, err := record.Parse("RECORD", []byte("pkg\\sub\\mod.py,sha256=,\n"))
	if err != nil || entries[0].Path != `pkg\sub\mod.py` || entries[0].Hash.Algorithm != "sha256" {
		t.Errorf("backslashes: %+v, %v", entries, err)
	}
}
