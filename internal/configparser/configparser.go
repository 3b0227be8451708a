// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package configparser reads INI files exactly as CPython's
// configparser.ConfigParser(interpolation=None) reads them from a file opened
// with encoding="utf-8", in the configuration pip uses for EXTERNALLY-MANAGED
// files and for pip.conf. Its behaviour is identical on CPython 3.8–3.13:
//
//   - Lines end at LF, CR or CRLF (Python's universal newlines); nothing else
//     ends a line.
//   - A line whose stripped text is empty is blank; one whose stripped text
//     starts with '#' or ';' is a comment. Both are skipped, except that a
//     blank line inside a multi-line value becomes an empty line of it.
//     There are no inline comments.
//   - A line indented deeper than the line that started the current option
//     continues its value; indentation counts code points of Python
//     whitespace, and values are stripped line by line.
//   - Otherwise "[name]" starts a section (the name runs to the last ']' on
//     CPython 3.10 and newer, to the first on 3.8 and 3.9; text after it is
//     ignored) and "name = value" or "name: value" sets an
//     option; the first '=' or ':' delimits. Option names are folded with
//     Python's str.lower; section names are case-sensitive.
//   - Options of the section named DEFAULT are inherited by all others.
//   - A section or option given twice is an error (strict mode), as is a
//     line that fits none of the above.
//
// Values are never unquoted, unescaped or interpolated. Errors are reported in
// the order CPython raises them: a missing section header or a duplicate stops
// the reader at once, while the first malformed line is reported only once
// the whole file has been read without either.
//
// The reader departs from CPython in one place: data that is not valid UTF-8
// is rejected before any line is read, whereas CPython decodes in 8 KiB chunks
// and could report a duplicate found earlier in a larger file first.
package configparser

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pep668/pep668/internal/pystr"
)

// DefaultSection is the name of the section whose options every other section
// inherits.
const DefaultSection = "DEFAULT"

// The errors a SyntaxError can carry, named after CPython's exceptions.
var (
	ErrEncoding             = errors.New("not valid UTF-8")                                      // UnicodeDecodeError
	ErrMissingSectionHeader = errors.New("option or text before the first section header")       // MissingSectionHeaderError
	ErrSyntax               = errors.New("line is not a section header, an option or a comment") // ParsingError
	ErrDuplicateSection     = errors.New("duplicate section")                                    // DuplicateSectionError
	ErrDuplicateOption      = errors.New("duplicate option")                                     // DuplicateOptionError
)

// A SyntaxError reports the first line CPython would have rejected.
type SyntaxError struct {
	Line int    // 1-based, counted as CPython counts lines
	Text string // the offending line, or for ErrEncoding the bytes from the first invalid one
	Err  error  // one of the Err values above
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d: %v: %q", e.Line, e.Err, e.Text)
}

func (e *SyntaxError) Unwrap() error { return e.Err }

// Config is the content of an INI file.
type Config struct {
	Defaults Section    // the options of [DEFAULT], if any
	Sections []*Section // every other section, in file order
}

// Section returns the section with exactly this name, or nil.
func (c *Config) Section(name string) *Section {
	for _, s := range c.Sections {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Get returns the value of option name in section, with the [DEFAULT]
// options inherited, as configparser's section[name] does: name is folded
// with Python's str.lower before the lookup.
func (c *Config) Get(section *Section, name string) (Option, bool) {
	if o, ok := section.Lookup(name); ok {
		return o, true
	}
	return c.Defaults.Lookup(name)
}

// Section is one [name] block.
type Section struct {
	Name    string
	Line    int      // where its header is
	Options []Option // in file order
	index   map[string]int
}

// Option is one option of a section.
type Option struct {
	Key   string // the name folded by Python's str.lower, as configparser stores it
	Name  string // the name as written
	Value string // the joined, stripped value
	Line  int    // where the option starts
}

// Lookup returns the section's own option name, folded by Python's
// str.lower before the lookup.
func (s *Section) Lookup(name string) (Option, bool) {
	if i, ok := s.index[pystr.Lower(name)]; ok {
		return s.Options[i], true
	}
	return Option{}, false
}

// Options select the behaviour of an older CPython.
type Options struct {
	// FirstBracket ends a section name at the first ']', as CPython 3.9
	// and older do, rather than at the last.
	FirstBracket bool
}

// ForPython returns the Options for CPython 3.minor.
func ForPython(minor int) Options {
	return Options{FirstBracket: minor <= 9}
}

// Parse reads data as configparser would read a file holding it.
func Parse(data []byte, opts Options) (*Config, error) {
	if i := pystr.InvalidUTF8(data); i >= 0 {
		return nil, &SyntaxError{Line: pystr.LineOf(data, i), Text: string(data[i:min(i+4, len(data))]), Err: ErrEncoding}
	}
	p := parser{cfg: &Config{Defaults: Section{Name: DefaultSection}}, opt: -1, opts: opts}
	for i, line := range pystr.Lines(string(data)) {
		if err := p.line(i+1, line); err != nil {
			return nil, err
		}
	}
	p.finishValue()
	if p.firstSyntaxError != nil {
		return nil, p.firstSyntaxError
	}
	return p.cfg, nil
}

type parser struct {
	opts             Options
	cfg              *Config
	sect             *Section // current section, nil before the first header
	seenSections     map[string]bool
	seenOptions      map[optionID]bool
	opt              int      // index in sect.Options of the option whose value is being read, or -1
	optIndent        int      // indentation of the last section header or option line
	valueLines       []string // the lines of the current option's value
	firstSyntaxError *SyntaxError
}

// optionID names an option for duplicate detection: section, folded name.
type optionID struct{ section, key string }

func (p *parser) line(lineno int, line string) error {
	stripped := pystr.Strip(line)
	if stripped == "" {
		if p.inValue() {
			p.valueLines = append(p.valueLines, "")
		}
		return nil
	}
	if stripped[0] == '#' || stripped[0] == ';' {
		return nil
	}
	indent := pystr.Indent(line)
	if p.inValue() && indent > p.optIndent {
		p.valueLines = append(p.valueLines, stripped)
		return nil
	}
	p.optIndent = indent
	if name, ok := sectionHeader(stripped, p.opts.FirstBracket); ok {
		return p.startSection(lineno, line, name)
	}
	if p.sect == nil {
		return &SyntaxError{Line: lineno, Text: line, Err: ErrMissingSectionHeader}
	}
	return p.startOption(lineno, line, stripped)
}

// sectionHeader matches CPython's pattern \[(?P<header>.+)\] (3.10 and
// newer) or \[(?P<header>[^]]+)\] (3.9 and older) at the start of a stripped
// line: the name runs from after '[' to the last, or the first, ']'.
func sectionHeader(s string, firstBracket bool) (string, bool) {
	if s[0] != '[' {
		return "", false
	}
	end := strings.LastIndexByte(s, ']')
	if firstBracket {
		end = strings.IndexByte(s, ']')
	}
	if end < 2 {
		return "", false
	}
	return s[1:end], true
}

func (p *parser) startSection(lineno int, line, name string) error {
	p.finishValue()
	if name == DefaultSection {
		// CPython never reports a repeated [DEFAULT] header as a duplicate.
		p.sect = &p.cfg.Defaults
		return nil
	}
	if p.seenSections[name] {
		return &SyntaxError{Line: lineno, Text: line, Err: ErrDuplicateSection}
	}
	if p.seenSections == nil {
		p.seenSections = make(map[string]bool)
	}
	p.seenSections[name] = true
	p.sect = &Section{Name: name, Line: lineno}
	p.cfg.Sections = append(p.cfg.Sections, p.sect)
	return nil
}

// startOption reads "name = value" or "name: value".
func (p *parser) startOption(lineno int, line, stripped string) error {
	delim := strings.IndexAny(stripped, "=:")
	if delim < 0 {
		// CPython keeps reading the current value after such a line: deeper
		// lines still continue it.
		p.syntaxError(lineno, line)
		return nil
	}
	p.finishValue()
	name := pystr.RStrip(stripped[:delim])
	key := pystr.Lower(name)
	id := optionID{p.sect.Name, key}
	if p.seenOptions[id] {
		return &SyntaxError{Line: lineno, Text: line, Err: ErrDuplicateOption}
	}
	if p.seenOptions == nil {
		p.seenOptions = make(map[optionID]bool)
	}
	p.seenOptions[id] = true
	if name == "" {
		// CPython records the error but still counts the empty name, so a
		// second one is reported as a duplicate. Its value never matters:
		// the file is rejected at the end.
		p.syntaxError(lineno, line)
		return nil
	}
	if p.sect.index == nil {
		p.sect.index = make(map[string]int)
	}
	p.sect.index[key] = len(p.sect.Options)
	p.sect.Options = append(p.sect.Options, Option{Key: key, Name: name, Line: lineno})
	p.opt = len(p.sect.Options) - 1
	p.valueLines = append(p.valueLines[:0], pystr.Strip(stripped[delim+1:]))
	return nil
}

func (p *parser) inValue() bool { return p.opt >= 0 }

// finishValue stores the value being read, if any, joined as CPython joins it.
func (p *parser) finishValue() {
	if p.opt < 0 {
		return
	}
	p.sect.Options[p.opt].Value = pystr.RStrip(strings.Join(p.valueLines, "\n"))
	p.opt = -1
}

func (p *parser) syntaxError(lineno int, line string) {
	if p.firstSyntaxError == nil {
		p.firstSyntaxError = &SyntaxError{Line: lineno, Text: line, Err: ErrSyntax}
	}
}
