// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker

import (
	"fmt"
	"github.com/pep668/pep668/internal/environ"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Options say which message a user should see.
type Options struct {
	// Language is the user's language code as pip derives it from the
	// LC_MESSAGES locale: "de_DE", "zh_Hant", or "" for none. See Language
	// and FromEnv.
	Language string

	// Locale is the POSIX locale name of LC_MESSAGES ("sr_RS.UTF-8@latin"),
	// used when Language is empty: the language is then
	// LanguageFor(Python, Locale), as that version's pip would see it.
	Locale string

	// Prefix is the interpreter prefix (sys.prefix) the default message
	// names; it may be empty.
	Prefix string

	// Python is the version ("3.9", "3.12.1") of the interpreter whose pip
	// would read the marker: Read reads it as that version's configparser
	// does. Only 3.8 and 3.9 differ (a section name ends at the first ']',
	// not the last); "" means 3.10 and newer.
	Python string

	// Match turns on BCP 47 matching, a departure from the specification:
	// when pip's key order finds no key but Error, the Error-<tag> keys of
	// the file are matched against Priority and then Language, and a close
	// match (same language, a compatible region or script) is used instead.
	Match bool

	// Priority lists preferred languages ahead of Language for Match, like
	// GNU gettext's LANGUAGE variable ("fr:de" is []string{"fr", "de"}).
	// Entries that are not language tags are ignored.
	Priority []string
}

// Message is the text a user should see when an installer refuses to touch
// an externally managed interpreter.
type Message struct {
	// Text is the message.
	Text string

	// Key is the key that supplied Text: spelled as looked up ("Error",
	// "Error-de_DE") when found in pip's order, or as the file spells it when
	// found by Options.Match. It is empty when Default is true.
	Key string

	// Default reports that Text is this package's own message, because the
	// marker offers none.
	Default bool

	// Problem says why Default is true: a *ParseError, or the error of
	// reading the file. It is nil when Default is false.
	Problem error
}

// DefaultMessage returns the message shown when a marker offers none. It
// names prefix, the interpreter's sys.prefix, when it is not empty.
func DefaultMessage(prefix string) string {
	where := "This Python environment"
	if prefix != "" {
		where = fmt.Sprintf("The Python environment under %s", prefix)
	}
	return where + ` is managed externally: a Python
package installer must not change it. Use the tools of whoever distributed
this Python to add packages to it, or create a virtual environment and
install into that instead:

    python3 -m venv path/to/venv
    path/to/venv/bin/python -m pip install PACKAGE`
}

func defaultMessage(opts Options, problem error) Message {
	return Message{Text: DefaultMessage(opts.Prefix), Default: true, Problem: problem}
}

// language returns the language code pip would see.
func (o Options) language() string {
	if o.Language != "" {
		return o.Language
	}
	return LanguageFor(o.Python, o.Locale)
}

// KeyOrder returns the keys pip tries for a language code, in its order: Error-
// followed by the code, by the code's part before the first '-', and by its
// part before the first '_', then Error. For "zh-Hant_TW" that is
// Error-zh-Hant_TW, Error-zh, Error-zh-Hant, Error. Only Error is tried for
// an empty code.
func KeyOrder(lang string) []string {
	if lang == "" {
		return []string{"Error"}
	}
	keys := []string{"Error-" + lang}
	for _, sep := range []string{"-", "_"} {
		if before, _, found := strings.Cut(lang, sep); found {
			keys = append(keys, "Error-"+before)
		}
	}
	return append(keys, "Error")
}

// Message chooses the message for opts: the value of the first of
// KeyOrder(opts.language()) that the file has, even if empty; with opts.Match, a
// close BCP 47 match instead of Error; otherwise the default message, with
// ErrNoKey as the Problem.
func (f *File) Message(opts Options) Message {
	opts.Language = opts.language()
	for _, key := range KeyOrder(opts.Language) {
		text, ok := f.Lookup(key)
		if !ok {
			continue
		}
		if key == "Error" && opts.Match {
			if m, ok := f.match(opts); ok {
				return m
			}
		}
		return Message{Text: text, Key: key}
	}
	if opts.Match {
		if m, ok := f.match(opts); ok {
			return m
		}
	}
	return defaultMessage(opts, &ParseError{Path: f.name, Err: ErrNoKey})
}

// minConfidence is the weakest match Options.Match accepts: the same
// language, though perhaps another region or script variant.
const minConfidence = language.High

// match finds the Error-<tag> key that best serves the languages of opts.
func (f *File) match(opts Options) (Message, bool) {
	var names []string
	var tags []language.Tag
	for _, name := range f.Keys() {
		suffix, ok := cutPrefixFold(name, "error-")
		if !ok {
			continue
		}
		if tag, err := parseTag(suffix); err == nil {
			names = append(names, name)
			tags = append(tags, tag)
		}
	}
	if len(tags) == 0 {
		return Message{}, false
	}
	var want []language.Tag
	for _, s := range append(slices.Clone(opts.Priority), opts.Language) {
		if tag, err := parseTag(s); err == nil {
			want = append(want, tag)
		}
	}
	if len(want) == 0 {
		return Message{}, false
	}
	_, i, conf := language.NewMatcher(tags).Match(want...)
	if conf < minConfidence {
		return Message{}, false
	}
	text, _ := f.Lookup(names[i])
	return Message{Text: text, Key: names[i]}, true
}

// parseTag reads a language tag written either way: "pt-BR" or "pt_BR".
func parseTag(s string) (language.Tag, error) {
	return language.Parse(strings.ReplaceAll(s, "_", "-"))
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return "", false
	}
	return s[len(prefix):], true
}

// Language returns the language code of a POSIX locale name as CPython
// 3.8–3.14 give it: the name without its ".codeset" and "@modifier" parts.
// "C" and "POSIX", with or without a codeset, and the empty name have no
// language, so the result is "". Examples: "de_DE.UTF-8" → "de_DE",
// "sr_RS@latin" → "sr_RS", "C.UTF-8" → "". See LanguageFor for 3.15.
func Language(locale string) string {
	return LanguageFor("", locale)
}

// LanguageFor returns the language code of a POSIX locale name as the
// locale.getlocale() of Python version python ("3.15", "3.15.0") gives it.
// From 3.15 (python/cpython gh-137729) the "@modifier" stays: "sr_RS@latin"
// and "sr_RS.UTF-8@latin" → "sr_RS@latin", so pip tries Error-sr_RS@latin,
// then Error-sr, then Error. The "@euro" modifier of a UTF-8 locale is
// dropped, as CPython's normalisation drops it. Versions before 3.15, and
// an empty or unreadable version, get the rule of Language; versions newer
// than 3.15 get 3.15's.
func LanguageFor(python, locale string) string {
	name, modifier, _ := strings.Cut(locale, "@")
	name, codeset, _ := strings.Cut(name, ".")
	if name == "C" || name == "POSIX" {
		return ""
	}
	if modifier == "" || !keepsModifier(python) || modifier == "euro" && isUTF8(codeset) {
		return name
	}
	return name + "@" + modifier
}

// keepsModifier reports whether getlocale() of version python keeps a
// locale's @modifier: from 3.15.
func keepsModifier(python string) bool {
	minor, ok := pyMinor(python)
	return ok && minor >= 15
}

// isUTF8 reports whether a codeset names UTF-8 as CPython's encoding aliases
// do ("UTF-8", "utf8", "UTF_8").
func isUTF8(codeset string) bool {
	return strings.EqualFold(strings.NewReplacer("-", "", "_", "").Replace(codeset), "utf8")
}

// FromEnv returns the Options a process's environment asks for, with
// lookupEnv typically os.LookupEnv. Locale is the locale of LC_MESSAGES: the first
// non-empty of LC_ALL, LC_MESSAGES and LANG; Message derives the language
// from it for Options.Python. Priority comes from LANGUAGE, which, as for
// GNU gettext, counts only when the locale has a language. Match stays off,
// and Prefix and Python empty.
func FromEnv(lookupEnv func(string) (string, bool)) Options {
	getenv := environ.Getter(lookupEnv)
	var opts Options
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if opts.Locale = getenv(name); opts.Locale != "" {
			break
		}
	}
	if Language(opts.Locale) != "" {
		for _, l := range strings.Split(getenv("LANGUAGE"), ":") {
			if l != "" {
				opts.Priority = append(opts.Priority, l)
			}
		}
	}
	return opts
}
