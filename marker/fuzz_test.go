// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pep668/pep668/internal/pystr"
	"github.com/pep668/pep668/marker"
)

// addCorpus seeds f with every file of testdata/corpus.
func addCorpus(f *testing.F) {
	entries, err := os.ReadDir("testdata/corpus")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata", "corpus", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

var parseProblems = []error{
	marker.ErrEncoding, marker.ErrMissingSectionHeader, marker.ErrSyntax,
	marker.ErrDuplicateSection, marker.ErrDuplicateOption, marker.ErrNoSection,
}

// FuzzParse checks that whatever bytes come in, parsing never panics and the
// result is either a message from a key or the default with a problem named.
func FuzzParse(f *testing.F) {
	addCorpus(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := marker.Parse("m", data)
		if err != nil {
			var pe *marker.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse error %v is not a *ParseError", err)
			}
			known := false
			for _, p := range parseProblems {
				known = known || errors.Is(err, p)
			}
			if !known {
				t.Fatalf("Parse error %v wraps no known problem", err)
			}
			if file != nil {
				t.Fatalf("Parse returned a file with error %v", err)
			}
		} else {
			for _, k := range file.Keys() {
				v, ok := file.Lookup(k)
				if !ok {
					t.Fatalf("key %q of Keys() is not found by Lookup", k)
				}
				if v != pystr.RStrip(v) || (!strings.Contains(v, "\n") && v != pystr.Strip(v)) {
					t.Fatalf("value of %q, %q, is not stripped", k, v)
				}
			}
		}
		fsys := fstest.MapFS{"m": {Data: data}}
		for _, lang := range []string{"", "de_DE", "zh-Hant_TW"} {
			for _, match := range []bool{false, true} {
				m := marker.Read(fsys, "m", marker.Options{Language: lang, Match: match, Priority: []string{"fr"}})
				switch {
				case m.Default && (m.Problem == nil || m.Key != ""):
					t.Fatalf("Read(%s) = %+v: a default message needs a problem and no key", lang, m)
				case !m.Default && (m.Problem != nil || m.Key == ""):
					t.Fatalf("Read(%s) = %+v: a message from the file needs a key and no problem", lang, m)
				case !m.Default:
					if v, ok := file.Lookup(m.Key); !ok || v != m.Text {
						t.Fatalf("Read(%s) = %+v, but the file's %s is %q", lang, m, m.Key, v)
					}
				}
			}
		}
	})
}

// FuzzRender checks that configparser reads back what Render writes.
func FuzzRender(f *testing.F) {
	f.Add("To install Python packages system-wide, try apt install\npython3-xyz.\n\nSee README.venv.", "de_DE", "Auf Deutsch")
	f.Add("", "zh_Hant", "繁體\n\n中文")
	f.Add("a\n#b", "x", "y")
	f.Add(" ", "=", "\r")
	f.Fuzz(func(t *testing.T, msg, lang, translation string) {
		data, err := marker.Render(msg, map[string]string{lang: translation})
		if err != nil {
			if !errors.Is(err, marker.ErrUnrepresentable) {
				t.Fatalf("Render error %v is not ErrUnrepresentable", err)
			}
			return
		}
		file, err := marker.Parse("rendered", data)
		if err != nil {
			t.Fatalf("Parse(Render(%q, %q: %q)) error: %v\n%s", msg, lang, translation, err, data)
		}
		if got := file.Message(marker.Options{}); got.Text != msg || got.Key != "Error" {
			t.Fatalf("Render(%q) reads back as %+v", msg, got)
		}
		if got := file.Message(marker.Options{Language: lang}); got.Text != translation || got.Key != "Error-"+lang {
			t.Fatalf("Render(…, %q: %q) reads back as %+v", lang, translation, got)
		}
	})
}
