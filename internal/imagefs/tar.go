// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package imagefs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// This package reads tar itself rather than with archive/tar: archive/tar
// imports os/user, whose cgo lookups make every program that links this
// package a dynamically linked one, which costs each process of the
// command line almost a millisecond at start-up. Only reading is needed:
// POSIX ustar, GNU (long names and links, sparse entries) and PAX headers.

// The entry types read.
const (
	typeReg     = '0'
	typeRegA    = 0 // an old regular file
	typeLink    = '1'
	typeSymlink = '2'
	typeDir     = '5'
	typeCont    = '7' // contiguous: a regular file
	typeGNULong = 'L'
	typeGNULink = 'K'
	typeGNUSp   = 'S'
	typePAX     = 'x'
	typePAXG    = 'g'
)

// errHeader reports a block that is no tar header.
var errHeader = errors.New("invalid tar header")

// A tarHeader is what the reader tells of an entry.
type tarHeader struct {
	Name, Linkname string
	Typeflag       byte
	Size           int64 // bytes of content in the archive
	Mode           int64
	ModTime        time.Time
	Sparse         bool // its content holds holes the archive does not: never read
}

// tarReader reads the entries of a tar stream. Content not read is
// skipped, by seeking when the stream can.
type tarReader struct {
	r         io.Reader
	left, pad int64 // content of the current entry not read yet, and the padding after it
	blk       [512]byte
}

func newTarReader(r io.Reader) *tarReader { return &tarReader{r: r} }

// maxMeta bounds the content of a long name or a PAX header.
const maxMeta = 1 << 20

// Next returns the next entry's header, io.EOF at the end of the archive.
func (t *tarReader) Next() (*tarHeader, error) {
	if err := t.skip(); err != nil {
		return nil, err
	}
	var longName, longLink string
	pax := map[string]string{}
	for {
		if _, err := io.ReadFull(t.r, t.blk[:]); err != nil {
			if err == io.EOF {
				return nil, io.EOF // an archive may end without its zero blocks
			}
			return nil, err
		}
		if isZero(t.blk[:]) {
			if _, err := io.ReadFull(t.r, t.blk[:]); err == io.EOF || err == nil && isZero(t.blk[:]) {
				return nil, io.EOF
			} else if err != nil {
				return nil, err
			}
			return nil, errHeader
		}
		h, err := t.parse()
		if err != nil {
			return nil, err
		}
		t.left, t.pad = h.Size, (512-h.Size%512)%512
		switch h.Typeflag {
		case typeGNULong, typeGNULink, typePAX, typePAXG:
			if h.Size > maxMeta {
				return nil, fmt.Errorf("%w: a %c header of %d bytes", errHeader, h.Typeflag, h.Size)
			}
			data := make([]byte, h.Size)
			if _, err := io.ReadFull(t, data); err != nil {
				return nil, unexpected(err)
			}
			if err := t.skip(); err != nil {
				return nil, err
			}
			switch h.Typeflag {
			case typeGNULong:
				longName = cString(data)
			case typeGNULink:
				longLink = cString(data)
			case typePAX:
				if err := parsePAX(data, pax); err != nil {
					return nil, err
				}
			}
			continue
		}
		if longName != "" {
			h.Name = longName
		}
		if longLink != "" {
			h.Linkname = longLink
		}
		for k, v := range pax {
			switch {
			case k == "path":
				h.Name = v
			case k == "linkpath":
				h.Linkname = v
			case k == "size":
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil || n < 0 {
					return nil, fmt.Errorf("%w: PAX size %q", errHeader, v)
				}
				h.Size = n
				t.left, t.pad = n, (512-n%512)%512
			case strings.HasPrefix(k, "GNU.sparse."):
				h.Sparse = true
			}
		}
		if name, ok := pax["GNU.sparse.name"]; ok {
			h.Name = name // a sparse file's own name, in PAX's sparse formats
		}
		if h.Typeflag == typeRegA || h.Typeflag == typeCont {
			h.Typeflag = typeReg
			if strings.HasSuffix(h.Name, "/") {
				h.Typeflag = typeDir
			}
		}
		return h, nil
	}
}

// parse reads the header block.
func (t *tarReader) parse() (*tarHeader, error) {
	b := t.blk[:]
	stored, err := parseNumeric(b[148:156])
	if err != nil {
		return nil, err
	}
	var unsigned, signed int64
	for i, c := range b {
		if i >= 148 && i < 156 {
			c = ' '
		}
		unsigned += int64(c)
		signed += int64(int8(c))
	}
	if stored != unsigned && stored != signed {
		return nil, fmt.Errorf("%w: bad checksum", errHeader)
	}
	h := &tarHeader{Typeflag: b[156], Name: cString(b[0:100]), Linkname: cString(b[157:257])}
	if h.Mode, err = parseNumeric(b[100:108]); err != nil {
		return nil, err
	}
	if h.Size, err = parseNumeric(b[124:136]); err != nil || h.Size < 0 {
		return nil, fmt.Errorf("%w: size", errHeader)
	}
	mtime, err := parseNumeric(b[136:148])
	if err != nil {
		return nil, err
	}
	h.ModTime = time.Unix(mtime, 0)
	if string(b[257:263]) == "ustar\x00" && cString(b[345:500]) != "" { // POSIX: a prefix for long names
		h.Name = cString(b[345:500]) + "/" + h.Name
	}
	if h.Typeflag == typeGNUSp {
		h.Sparse = true
		// An old GNU sparse header may go on in more blocks: skipped.
		for ext := b[482] != 0; ext; ext = t.blk[504] != 0 {
			if _, err := io.ReadFull(t.r, t.blk[:]); err != nil {
				return nil, unexpected(err)
			}
		}
	}
	return h, nil
}

// Read reads the current entry's content.
func (t *tarReader) Read(p []byte) (int, error) {
	if t.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > t.left {
		p = p[:t.left]
	}
	n, err := t.r.Read(p)
	t.left -= int64(n)
	if err == io.EOF && t.left > 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// skip passes what is left of the current entry and its padding: by
// seeking to its last byte and reading that one, so that a truncated
// archive is found out as archive/tar finds it; by reading otherwise.
func (t *tarReader) skip() error {
	n := t.left + t.pad
	t.left, t.pad = 0, 0
	if n == 0 {
		return nil
	}
	if s, ok := t.r.(io.Seeker); ok && n > 1 {
		if _, err := s.Seek(n-1, io.SeekCurrent); err == nil {
			n = 1
		}
	}
	if _, err := io.CopyN(io.Discard, t.r, n); err != nil {
		return unexpected(err)
	}
	return nil
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func isZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// cString is b up to its first NUL.
func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// parseNumeric reads a numeric field: octal text, or GNU's base-256 when
// its first bit is set.
func parseNumeric(b []byte) (int64, error) {
	if len(b) > 0 && b[0]&0x80 != 0 {
		if b[0]&0x40 != 0 {
			return 0, fmt.Errorf("%w: a negative number", errHeader)
		}
		var n int64
		for i, c := range b {
			if i == 0 {
				c &= 0x7f
			}
			if n > (1<<63-1)>>8 {
				return 0, fmt.Errorf("%w: a number too large", errHeader)
			}
			n = n<<8 | int64(c)
		}
		return n, nil
	}
	s := strings.Trim(cString(b), " ")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 8, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %q is no octal number", errHeader, s)
	}
	return n, nil
}

// parsePAX reads PAX records ("<length> <key>=<value>\n") into records.
func parsePAX(data []byte, records map[string]string) error {
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 {
			return fmt.Errorf("%w: a PAX record", errHeader)
		}
		n, err := strconv.Atoi(string(data[:sp]))
		if err != nil || n <= sp+1 || n > len(data) || data[n-1] != '\n' {
			return fmt.Errorf("%w: a PAX record", errHeader)
		}
		k, v, ok := strings.Cut(string(data[sp+1:n-1]), "=")
		if !ok {
			return fmt.Errorf("%w: a PAX record", errHeader)
		}
		records[k] = v
		data = data[n:]
	}
	return nil
}
