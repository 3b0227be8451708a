// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pep668/pep668/internal/pystr"
)

// ErrUnrepresentable means that configparser could not read a message or
// language back unchanged from any marker file, so Render refuses it.
var ErrUnrepresentable = errors.New("marker: cannot be written so that configparser reads it back unchanged")

// Render returns a marker file whose Error key holds msg and whose
// Error-<lang> keys hold the translations, in a form configparser reads back
// to exactly these strings: one key per line, continuation lines indented by
// one space, empty lines kept, LF line ends, translations sorted by language.
//
// A message cannot start or end with whitespace, hold a carriage return, or
// have a line (after the first) that starts or ends with whitespace or starts
// with '#' or ';': configparser would strip or drop them. A language must be
// non-empty and hold no whitespace, '=', ':' or line break, and no two may
// differ only in case. Render reports such input with ErrUnrepresentable
// rather than write a file that says something else.
func Render(msg string, translations map[string]string) ([]byte, error) {
	langs := make([]string, 0, len(translations))
	for lang := range translations {
		langs = append(langs, lang)
	}
	slices.Sort(langs)

	var b strings.Builder
	b.WriteString("[" + SectionName + "]\n")
	if err := writeKey(&b, "Error", msg); err != nil {
		return nil, err
	}
	folded := make(map[string]string, len(langs))
	for _, lang := range langs {
		if err := checkLanguage(lang); err != nil {
			return nil, err
		}
		f := pystr.Lower(lang)
		if other, dup := folded[f]; dup {
			return nil, fmt.Errorf("%w: languages %q and %q differ only in case", ErrUnrepresentable, other, lang)
		}
		folded[f] = lang
		if err := writeKey(&b, "Error-"+lang, translations[lang]); err != nil {
			return nil, err
		}
	}
	return []byte(b.String()), nil
}

func checkLanguage(lang string) error {
	if lang == "" || !utf8.ValidString(lang) || strings.ContainsAny(lang, "=:\r\n") ||
		strings.IndexFunc(lang, pystr.IsSpace) >= 0 {
		return fmt.Errorf("%w: language %q", ErrUnrepresentable, lang)
	}
	return nil
}

func writeKey(b *strings.Builder, key, msg string) error {
	bad := func(line int, why string) error {
		return fmt.Errorf("%w: %s, line %d: %s", ErrUnrepresentable, key, line, why)
	}
	if !utf8.ValidString(msg) {
		return bad(1, "not valid UTF-8")
	}
	if strings.Contains(msg, "\r") {
		return bad(1, "carriage return")
	}
	lines := strings.Split(msg, "\n")
	if len(lines) > 1 && lines[len(lines)-1] == "" {
		return bad(len(lines), "the message ends with a line break")
	}
	for i, line := range lines {
		if pystr.Strip(line) != line {
			return bad(i+1, "leading or trailing whitespace")
		}
		if i > 0 && line != "" && (line[0] == '#' || line[0] == ';') {
			return bad(i+1, "starts with a comment character")
		}
	}
	b.WriteString(key + " =")
	for i, line := range lines {
		switch {
		case i == 0 && line != "":
			b.WriteString(" " + line)
		case i > 0 && line != "":
			b.WriteString("\n " + line)
		case i > 0:
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
	return nil
}
