// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNamesArePortable keeps the repository checkable on Windows: no file
// named as a device (nul, con, com1, …, with any extension), no character
// NTFS refuses, no name ending in a dot or space, and no two names in a
// directory that differ only in case.
func TestNamesArePortable(t *testing.T) {
	reserved := map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}
	for i := '1'; i <= '9'; i++ {
		reserved["com"+string(i)], reserved["lpt"+string(i)] = true, true
	}
	seen := map[string]string{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			return filepath.SkipDir
		}
		name := d.Name()
		base, _, _ := strings.Cut(strings.ToLower(name), ".")
		switch {
		case p == ".":
		case reserved[base]:
			t.Errorf("%s: a device name on Windows", p)
		case strings.ContainsAny(name, `<>:"\|?*`) || strings.ContainsFunc(name, func(r rune) bool { return r < 32 }):
			t.Errorf("%s: a character Windows refuses in names", p)
		case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
			t.Errorf("%s: Windows drops a trailing dot or space", p)
		}
		folded := strings.ToLower(p)
		if other, ok := seen[folded]; ok {
			t.Errorf("%s and %s differ only in case", p, other)
		}
		seen[folded] = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
