// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pystr

import (
	"strings"
	"unicode/utf8"
)

// Lines splits text into lines as Python reads a text file with universal
// newlines: at LF, CRLF and lone CR, and at nothing else (not at U+2028,
// form feed or the other characters str.splitlines knows). The line breaks
// are dropped, and there is no empty line after a final break.
func Lines(text string) []string {
	var lines []string
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			return append(lines, text)
		}
		lines = append(lines, text[:i])
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
	}
	return lines
}

// InvalidUTF8 returns the offset of the first byte of b that does not start
// a valid UTF-8 sequence, or -1 when b is valid. Python's UTF-8 decoder
// rejects what Go's does: surrogates, overlong forms, truncated sequences.
func InvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// InvalidUTF8String is InvalidUTF8 of a string.
func InvalidUTF8String(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// LineOf returns the 1-based line, counted with universal newlines, that
// holds byte offset of b.
func LineOf(b []byte, offset int) int {
	return len(Lines(string(b[:offset]) + "x")) // "x" stands for the byte at offset
}
