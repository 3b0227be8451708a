// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pystr

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"unicode"
)

// golden is testdata/unicode.json, written by
// internal/testdata/gen/pystr_unicode.py from CPython's own str methods.
type golden struct {
	Python            string            `json:"python"`
	UnidataVersion    string            `json:"unidata_version"`
	IsSpace           [][2]rune         `json:"isspace"`
	Lower             map[string]string `json:"lower"`
	SigmaFinalAfter   [][2]rune         `json:"sigma_final_after"`
	SigmaMedialBefore [][2]rune         `json:"sigma_medial_before"`
}

func readGolden(t *testing.T) *golden {
	t.Helper()
	data, err := os.ReadFile("testdata/unicode.json")
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if g.UnidataVersion != unicode.Version {
		t.Fatalf("golden data is Unicode %s (CPython %s), Go has %s: regenerate it with a matching CPython",
			g.UnidataVersion, g.Python, unicode.Version)
	}
	return &g
}

func inRanges(r rune, rs [][2]rune) bool {
	for _, x := range rs {
		if x[0] <= r && r <= x[1] {
			return true
		}
	}
	return false
}

// eachRune calls f for every code point a Go string can hold.
func eachRune(f func(r rune)) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		f(r)
	}
}

func TestIsSpaceMatchesCPython(t *testing.T) {
	g := readGolden(t)
	eachRune(func(r rune) {
		if got, want := IsSpace(r), inRanges(r, g.IsSpace); got != want {
			t.Errorf("IsSpace(%U) = %v, want %v", r, got, want)
		}
	})
}

func TestLowerMatchesCPython(t *testing.T) {
	g := readGolden(t)
	eachRune(func(r rune) {
		want, ok := g.Lower[strconv.Itoa(int(r))]
		if !ok {
			want = string(r)
		}
		if got := Lower(string(r)); got != want {
			t.Errorf("Lower(%q) = %q, want %q", string(r), got, want)
		}
	})
}

func TestFinalSigmaContextMatchesCPython(t *testing.T) {
	g := readGolden(t)
	eachRune(func(r rune) {
		s := "A" + string(r) + "Σ"
		lowered := []rune(Lower(s))
		gotFinal := lowered[len(lowered)-1] == 'ς'
		if want := inRanges(r, g.SigmaFinalAfter); gotFinal != want {
			t.Errorf("Lower(%q) ends in final sigma = %v, want %v", s, gotFinal, want)
		}
		s = "AΣ" + string(r)
		gotMedial := []rune(Lower(s))[1] == 'σ'
		if want := inRanges(r, g.SigmaMedialBefore); gotMedial != want {
			t.Errorf("Lower(%q) has medial sigma = %v, want %v", s, gotMedial, want)
		}
	})
}

func TestStripAndIndent(t *testing.T) {
	tests := []struct {
		in                  string
		strip, lstrip, rstr string
		indent              int
	}{
		{"", "", "", "", 0},
		{"  a b  ", "a b", "a b  ", "  a b", 2},
		{"\x1fa\x1c", "a", "a\x1c", "\x1fa", 1},
		{"\u00a0\u3000x\u2028", "x", "x\u2028", "\u00a0\u3000x", 2},
		{"\ufeffx", "\ufeffx", "\ufeffx", "\ufeffx", 0}, // BOM is not whitespace
		{" \t ", "", "", "", 3},
	}
	for _, tt := range tests {
		if got := Strip(tt.in); got != tt.strip {
			t.Errorf("Strip(%q) = %q, want %q", tt.in, got, tt.strip)
		}
		if got := LStrip(tt.in); got != tt.lstrip {
			t.Errorf("LStrip(%q) = %q, want %q", tt.in, got, tt.lstrip)
		}
		if got := RStrip(tt.in); got != tt.rstr {
			t.Errorf("RStrip(%q) = %q, want %q", tt.in, got, tt.rstr)
		}
		if got := Indent(tt.in); got != tt.indent {
			t.Errorf("Indent(%q) = %d, want %d", tt.in, got, tt.indent)
		}
	}
}

func TestLowerWords(t *testing.T) {
	// Whole words, checked against CPython 3.12 by hand.
	tests := map[string]string{
		"Error-DE_de": "error-de_de",
		"ΟΔΟΣ":        "οδος",
		"ΟΔΟΣ.":       "οδος.",
		"ΟΔΟΣΑ":       "οδοσα",
		"Σ":           "σ",
		"A'Σ'":        "a'ς'",
		"İstanbul":    "i\u0307stanbul",
		"Error-K":     "error-k", // KELVIN SIGN
		"already":     "already",
	}
	for in, want := range tests {
		if got := Lower(in); got != want {
			t.Errorf("Lower(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"a", []string{"a"}},
		{"a\n", []string{"a"}},
		{"a\r\nb\rc\nd", []string{"a", "b", "c", "d"}},
		{"\n\n", []string{"", ""}},
		{"a\u2028b\x0cc\x1cd", []string{"a\u2028b\x0cc\x1cd"}}, // not line breaks in a file
		{"a\r\r\n", []string{"a", ""}},
	}
	for _, tt := range tests {
		got := Lines(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("Lines(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Lines(%q) = %q, want %q", tt.in, got, tt.want)
			}
		}
	}
	data := []byte("a\r\nb\rc\xff")
	if i := InvalidUTF8(data); i != 6 || LineOf(data, i) != 3 {
		t.Errorf("InvalidUTF8 = %d, LineOf = %d; want 6, 3", i, LineOf(data, i))
	}
	if i := InvalidUTF8([]byte("ok \xed\xa0\x80")); i != 3 {
		t.Errorf("InvalidUTF8(surrogate) = %d, want 3", i)
	}
	if i := InvalidUTF8([]byte("fine")); i != -1 {
		t.Errorf("InvalidUTF8(valid) = %d", i)
	}
}
