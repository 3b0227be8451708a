// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/pep668/pep668/internal/pystr"
)

// The errors a ParseError can carry, and those of Verify.
var (
	ErrFieldCount     = errors.New("want 3 fields: path, hash, size")
	ErrEmptyPath      = errors.New("empty path")
	ErrHashFormat     = errors.New("hash is not algorithm=digest")
	ErrHashAlgorithm  = errors.New("hash algorithm is not one of hashlib's guaranteed ones")
	ErrHashEncoding   = errors.New("digest is not urlsafe base64 without padding")
	ErrSize           = errors.New("size is not a base-10 integer")
	ErrEncoding       = errors.New("not valid UTF-8")
	ErrUnsupportedAlg = errors.New("record: hash algorithm not available to verify")
	ErrMismatch       = errors.New("record: file does not match its RECORD entry")
)

// A ParseError reports a RECORD row that is not valid.
type ParseError struct {
	Path string // the name given to Parse
	Line int    // 1-based line where the row starts
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("record: %s:%d: %v", e.Path, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Entry is one row of a RECORD file.
type Entry struct {
	// Path is the file, relative to the directory holding the .dist-info
	// directory (or absolute), as RECORD writes it. Its separator is '/';
	// on Windows '\' separates too, as the specification allows, while on
	// POSIX a '\' is part of a name.
	Path string
	// Hash is the algorithm and digest, or the zero Hash when empty.
	Hash Hash
	// Size is the size in bytes, or -1 when empty.
	Size int64
	// Line is where the row starts in the file.
	Line int
}

// Hash is the hash field of a RECORD row: "sha256=<urlsafe-b64-nopad>".
type Hash struct {
	Algorithm string // a name of hashlib.algorithms_guaranteed, such as "sha256"
	Digest    []byte // the decoded digest
}

// IsZero reports an empty hash field.
func (h Hash) IsZero() bool { return h.Algorithm == "" }

// String returns the hash as RECORD writes it.
func (h Hash) String() string {
	if h.IsZero() {
		return ""
	}
	return h.Algorithm + "=" + base64.RawURLEncoding.EncodeToString(h.Digest)
}

// hashlib.algorithms_guaranteed, with a constructor where the Go standard
// library has one (blake2 has none).
var algorithms = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
	"sha384": sha512.New384, "sha512": sha512.New,
	"sha3_224": func() hash.Hash { return sha3.New224() }, "sha3_256": func() hash.Hash { return sha3.New256() },
	"sha3_384": func() hash.Hash { return sha3.New384() }, "sha3_512": func() hash.Hash { return sha3.New512() },
	"blake2b": nil, "blake2s": nil, "shake_128": nil, "shake_256": nil,
}

// Parse reads a RECORD file as Python's csv module reads it (comma
// delimiter, '"' quotes with "" for a quote, fields that may span lines when
// quoted, text after a closing quote kept) and checks each row: exactly
// three fields, a non-empty path, a hash of a guaranteed algorithm with an
// urlsafe-base64 digest or nothing, a size of decimal digits or nothing.
// Blank lines are skipped. name is used in errors, which are *ParseError.
func Parse(name string, data []byte) ([]Entry, error) {
	return parse(name, string(data))
}

// parse is Parse of text, whose entries share its memory: a RECORD read
// for planning is held once.
func parse(name, text string) ([]Entry, error) {
	if i := pystr.InvalidUTF8String(text); i >= 0 {
		return nil, &ParseError{Path: name, Line: pystr.LineOf([]byte(text[:i+1]), i), Err: ErrEncoding}
	}
	// Room for the rows the lines promise, but never more than a modest
	// number up front: blank lines make no rows, so a file of newlines
	// must not reserve memory for millions.
	entries := make([]Entry, 0, min(strings.Count(text, "\n")+1, 1<<14))
	r := csvReader{text: text}
	var digests []byte // where digests are decoded: one allocation for many
	for {
		fields, line, ok := r.next()
		if !ok {
			return entries, nil
		}
		if len(fields) == 0 {
			continue // a blank line: pip crashes on it, the spec does not forbid it
		}
		e, err := entry(fields, &digests)
		if err != nil {
			return nil, &ParseError{Path: name, Line: line, Err: err}
		}
		e.Line = line
		if len(entries) == cap(entries) {
			// Grow to the rows the rest of the text holds at the density
			// seen so far (never more than it has lines): one growth for a
			// uniform RECORD, instead of doubling, and holding both
			// copies, again and again.
			rest := int64(len(entries)) * int64(len(text)-r.pos) / int64(max(r.pos, 1))
			rest = min(rest+rest/16+16, int64(strings.Count(text[r.pos:], "\n")+1))
			entries = slices.Grow(entries, max(int(rest), len(entries)/4))
		}
		entries = append(entries, e)
	}
}

// entry checks a row's fields; digests are decoded into *slab.
func entry(fields []string, slab *[]byte) (Entry, error) {
	if len(fields) != 3 {
		return Entry{}, fmt.Errorf("%w, got %d", ErrFieldCount, len(fields))
	}
	e := Entry{Path: fields[0], Size: -1}
	if e.Path == "" {
		return Entry{}, ErrEmptyPath
	}
	if h := fields[1]; h != "" {
		alg, digest, ok := strings.Cut(h, "=")
		if !ok {
			return Entry{}, fmt.Errorf("%w: %q", ErrHashFormat, h)
		}
		if _, known := algorithms[alg]; !known {
			return Entry{}, fmt.Errorf("%w: %q", ErrHashAlgorithm, alg)
		}
		d, err := decodeDigest(digest, slab)
		if err != nil {
			return Entry{}, fmt.Errorf("%w: %q", ErrHashEncoding, digest)
		}
		e.Hash = Hash{Algorithm: alg, Digest: d}
	}
	if s := fields[2]; s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || s[0] == '+' {
			return Entry{}, fmt.Errorf("%w: %q", ErrSize, s)
		}
		e.Size = n
	}
	return e, nil
}

// decodeDigest decodes an urlsafe base64 digest into *slab, which grows by
// chunks: a digest is a slice of its own length and capacity, so appending
// to one never reaches another.
func decodeDigest(s string, slab *[]byte) ([]byte, error) {
	n := base64.RawURLEncoding.DecodedLen(len(s))
	if cap(*slab)-len(*slab) < n {
		*slab = make([]byte, 0, max(n, 16<<10))
	}
	b := *slab
	d := b[len(b) : len(b)+n : len(b)+n]
	m, err := base64.RawURLEncoding.Decode(d, []byte(s))
	if err != nil {
		return nil, err
	}
	*slab = b[:len(b)+m]
	return d[:m:m], nil
}

// Verify reads r to its end and checks its size and hash against e; an
// entry without either always matches. It streams: the file is never held
// in memory.
func Verify(e Entry, r io.Reader) error {
	var h hash.Hash
	if !e.Hash.IsZero() {
		newHash := algorithms[e.Hash.Algorithm]
		if newHash == nil {
			return fmt.Errorf("%w: %s", ErrUnsupportedAlg, e.Hash.Algorithm)
		}
		h = newHash()
	}
	w := io.Discard
	if h != nil {
		w = h
	}
	n, err := io.Copy(w, r)
	if err != nil {
		return err
	}
	if e.Size >= 0 && n != e.Size {
		return fmt.Errorf("%w: %s has %d bytes, RECORD says %d", ErrMismatch, e.Path, n, e.Size)
	}
	if h != nil && !bytes.Equal(h.Sum(nil), e.Hash.Digest) {
		return fmt.Errorf("%w: %s hashes to %s, RECORD says %s", ErrMismatch, e.Path,
			Hash{e.Hash.Algorithm, h.Sum(nil)}, e.Hash)
	}
	return nil
}

// csvReader splits text into rows as Python's csv.reader does for a file
// opened with newline=” in the default (excel) dialect.
type csvReader struct {
	text   string
	pos    int
	line   int      // lines started so far
	fields []string // reused between rows
}

const (
	startRecord = iota
	startField
	inField
	inQuoted
	quoteInQuoted
)

// next returns the next row, the line it starts on, and false at the end.
// The row's slice is reused by the following call.
func (r *csvReader) next() (fields []string, line int, ok bool) {
	if r.pos >= len(r.text) {
		return nil, 0, false
	}
	r.line++
	line = r.line
	// Fast path: a line without quotes is its fields, cut out of the text.
	if end := strings.IndexAny(r.text[r.pos:], "\"\r\n"); end < 0 || r.text[r.pos+end] != '"' {
		if end < 0 {
			end = len(r.text) - r.pos
		}
		row := r.text[r.pos : r.pos+end]
		r.pos += end
		if r.pos < len(r.text) { // skip the line break, CRLF as one
			if r.text[r.pos] == '\r' && r.pos+1 < len(r.text) && r.text[r.pos+1] == '\n' {
				r.pos++
			}
			r.pos++
		}
		if row == "" {
			return nil, line, true // a blank line
		}
		r.fields = r.fields[:0]
		for {
			i := strings.IndexByte(row, ',')
			if i < 0 {
				r.fields = append(r.fields, row)
				return r.fields, line, true
			}
			r.fields = append(r.fields, row[:i])
			row = row[i+1:]
		}
	}
	var field strings.Builder
	state := startRecord
	save := func() {
		fields = append(fields, field.String())
		field.Reset()
	}
	for r.pos < len(r.text) {
		c := r.text[r.pos]
		r.pos++
		if c == '\r' && r.pos < len(r.text) && r.text[r.pos] == '\n' && state != inQuoted {
			r.pos++ // CRLF ends the line once
		}
		eol := c == '\n' || c == '\r'
		switch state {
		case startRecord:
			if eol {
				return nil, line, true // a blank line
			}
			state = startField
			fallthrough
		case startField:
			switch {
			case eol:
				save()
				return fields, line, true
			case c == '"':
				state = inQuoted
			case c == ',':
				save()
			default:
				field.WriteByte(c)
				state = inField
			}
		case inField:
			switch {
			case eol:
				save()
				return fields, line, true
			case c == ',':
				save()
				state = startField
			default:
				field.WriteByte(c)
			}
		case inQuoted:
			if c == '"' {
				state = quoteInQuoted
			} else {
				if c == '\n' || (c == '\r' && !(r.pos < len(r.text) && r.text[r.pos] == '\n')) {
					r.line++
				}
				field.WriteByte(c)
			}
		case quoteInQuoted:
			switch {
			case c == '"':
				field.WriteByte('"')
				state = inQuoted
			case c == ',':
				save()
				state = startField
			case eol:
				save()
				return fields, line, true
			default:
				field.WriteByte(c) // Python's non-strict reader keeps it
				state = inField
			}
		}
	}
	save() // the end of the data ends the record in progress
	return fields, line, true
}
