// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/pep668/pep668/internal/configparser"
	"github.com/pep668/pep668/internal/osfs"
)

// FileName is the name of the marker file.
const FileName = "EXTERNALLY-MANAGED"

// SectionName is the section of the marker that holds the messages.
const SectionName = "externally-managed"

// The problems a ParseError can carry. The first five are the errors of
// CPython's configparser; the last two mean the file was read but offers no
// message.
var (
	ErrEncoding             = errors.New("not valid UTF-8")
	ErrMissingSectionHeader = errors.New("option or text before the first section header")
	ErrSyntax               = errors.New("line is not a section header, an option or a comment")
	ErrDuplicateSection     = errors.New("duplicate section")
	ErrDuplicateOption      = errors.New("duplicate option")
	ErrNoSection            = errors.New("no [" + SectionName + "] section")
	ErrNoKey                = errors.New("no Error key")
)

// The problems of reading a marker that Read reports. A marker is never
// read when it is not a regular file (a FIFO would block the reader, a
// link to /dev/zero never ends) or holds more than 1 MiB; it still marks
// the interpreter, with the default message.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// fromConfigparser returns the error of this package for one of the
// configparser reader's.
func fromConfigparser(err error) error {
	switch err {
	case configparser.ErrEncoding:
		return ErrEncoding
	case configparser.ErrMissingSectionHeader:
		return ErrMissingSectionHeader
	case configparser.ErrSyntax:
		return ErrSyntax
	case configparser.ErrDuplicateSection:
		return ErrDuplicateSection
	case configparser.ErrDuplicateOption:
		return ErrDuplicateOption
	}
	return err
}

// A ParseError says why a marker file gives no message of its own.
type ParseError struct {
	Path string // the name given to Parse
	Line int    // 1-based; 0 when the problem is not on one line
	Text string // the offending line, when there is one
	Err  error  // one of the Err values of this package
}

func (e *ParseError) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("marker: %s: %v", e.Path, e.Err)
	case e.Text == "":
		return fmt.Sprintf("marker: %s:%d: %v", e.Path, e.Line, e.Err)
	default:
		return fmt.Sprintf("marker: %s:%d: %v: %q", e.Path, e.Line, e.Err, e.Text)
	}
}

func (e *ParseError) Unwrap() error { return e.Err }

// File is a parsed marker: its [externally-managed] section, with the
// [DEFAULT] options it inherits.
type File struct {
	name string
	cfg  *configparser.Config
	sect *configparser.Section
}

var utf8BOM = []byte("\ufeff")

// Parse reads the content of a marker file as the configparser of CPython
// 3.10 and newer does. name is used in errors only. Any error is a
// *ParseError.
func Parse(name string, data []byte) (*File, error) {
	return ParseFor("", name, data)
}

// ParseFor is Parse for the configparser of a given Python version ("3.9",
// "3.12.1"); see Options.Python.
func ParseFor(python, name string, data []byte) (*File, error) {
	cfg, err := configparser.Parse(bytes.TrimPrefix(data, utf8BOM), configparserFor(python))
	if err != nil {
		var se *configparser.SyntaxError
		if errors.As(err, &se) {
			return nil, &ParseError{Path: name, Line: se.Line, Text: se.Text, Err: fromConfigparser(se.Err)}
		}
		return nil, &ParseError{Path: name, Err: err}
	}
	sect := cfg.Section(SectionName)
	if sect == nil {
		return nil, &ParseError{Path: name, Err: ErrNoSection}
	}
	return &File{name: name, cfg: cfg, sect: sect}, nil
}

// Lookup returns the value of a key of the [externally-managed] section
// as configparser gives it: the key is matched without regard to case (by
// Python's str.lower), and a key of [DEFAULT] counts unless the section has
// its own.
func (f *File) Lookup(key string) (string, bool) {
	o, ok := f.cfg.Get(f.sect, key)
	return o.Value, ok
}

// Keys returns the keys of the [externally-managed] section as the file
// spells them, followed by the inherited [DEFAULT] keys it does not
// override, each in file order.
func (f *File) Keys() []string {
	var keys []string
	for _, o := range f.sect.Options {
		keys = append(keys, o.Name)
	}
	for _, o := range f.cfg.Defaults.Options {
		if _, own := f.sect.Lookup(o.Key); !own {
			keys = append(keys, o.Name)
		}
	}
	return keys
}

// Find reports whether the directory dir of fsys holds a marker, and the
// marker's path in fsys. As for pip, only a regular file, or a symlink that
// leads to one, is a marker: a directory of that name or a dangling link is
// not. An error is returned only when it cannot be told, for example when
// dir cannot be searched.
func Find(fsys fs.FS, dir string) (name string, found bool, err error) {
	name = path.Join(dir, FileName)
	info, err := fs.Stat(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return name, false, nil
	case err != nil:
		return name, false, err
	}
	return name, info.Mode().IsRegular(), nil
}

// Read reads the marker file name of fsys and chooses its message. It cannot
// fail: when the file cannot be read (among other reasons because it is no
// regular file, ErrNotRegular, or too large, ErrTooLarge) or offers no
// message, the result is the default message, with the reason in Problem.
func Read(fsys fs.FS, name string, opts Options) Message {
	data, err := osfs.ReadFile(fsys, name, osfs.LimitConfig)
	if err != nil {
		return defaultMessage(opts, osfs.Public(err, ErrNotRegular, ErrTooLarge))
	}
	f, err := ParseFor(opts.Python, name, data)
	if err != nil {
		return defaultMessage(opts, err)
	}
	return f.Message(opts)
}

// configparserFor returns the configparser options of a Python version
// "3.Y" or "3.Y.Z"; the newest behaviour for anything else.
func configparserFor(version string) configparser.Options {
	if minor, ok := pyMinor(version); ok {
		return configparser.ForPython(minor)
	}
	return configparser.Options{}
}

// pyMinor returns the Y of a version "3.Y", "3.Y.Z" or "3.Yt".
func pyMinor(version string) (int, bool) {
	major, rest, _ := strings.Cut(version, ".")
	minor, _, _ := strings.Cut(rest, ".")
	n, err := strconv.Atoi(strings.TrimSuffix(minor, "t"))
	return n, err == nil && major == "3"
}
