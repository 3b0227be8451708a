// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package imagefs reads a root filesystem from tar archives, streaming,
// into memory: every entry's metadata, the content of the small files the
// caller asks for, and the SHA-256 of the files it wants verified. It
// reads a flat archive (docker export) and an image archive (docker save,
// or an OCI image layout as a tar): the layers are applied in the order
// the manifest gives, with whiteouts (.wh.NAME) and opaque directories
// (.wh..wh..opq) honoured. Nothing is extracted to disk, nothing is
// followed outside the tree, and no entry's content is read unless asked
// for, so special files and huge files cost nothing.
package imagefs

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Options say what to read of the entries' content.
type Options struct {
	// Keep selects the files whose content is kept in memory, by their
	// name in the tree ("usr/lib/python3.11/EXTERNALLY-MANAGED") and size.
	Keep func(name string, size int64) bool
	// Hash selects the files whose SHA-256 is computed while streaming.
	Hash func(name string) bool
	// Workers hash in parallel; 0 means runtime.NumCPU().
	Workers int

	maxKeptTotal int64 // MaxKeptTotal, or less in tests
}

// Whatever the options select, no file larger than these is kept or
// hashed: an entry may claim any size (a sparse entry reads as zeros for
// as long as it claims), and reading it must not take memory or time
// without bound. Files too large to hash are listed in FS.Unhashed.
// All kept files together are bounded by MaxKeptTotal; past it, files are
// not kept and a note says so.
const (
	MaxKeep      = 64 << 20
	MaxHash      = 1 << 30
	MaxKeptTotal = 1 << 30
)

// Errors of Read.
var (
	ErrTruncated = errors.New("imagefs: the archive is truncated or corrupt")
	ErrFormat    = errors.New("imagefs: not an archive this package reads")
	// ErrNotKept is the error of reading a file whose content was not kept.
	ErrNotKept = errors.New("content not read from the archive")
)

// FS is a tree read from an archive. It implements fs.FS, fs.ReadDirFS,
// fs.ReadFileFS, fs.StatFS and fs.ReadLinkFS; Open follows links inside
// the tree only (an absolute target is taken from the tree's root).
type FS struct {
	root *node
	// Notes say what was skipped: entries outside the tree, layers in
	// formats not read.
	Notes []string
	// Unhashed are the files not read because they are sparse, or larger
	// than MaxHash when Options.Hash selected them: they have no digest.
	Unhashed []string
}

type node struct {
	name     string
	mode     fs.FileMode
	size     int64
	modTime  time.Time
	target   string // of a link
	data     []byte // kept content
	kept     bool
	digest   *[sha256.Size]byte
	children map[string]*node
}

// Digest returns the SHA-256 of the file name computed while streaming.
func (f *FS) Digest(name string) ([sha256.Size]byte, bool) {
	n, err := f.lookup(name, true)
	if err != nil || n.digest == nil {
		return [sha256.Size]byte{}, false
	}
	return *n.digest, true
}

// Read reads an archive: a flat root filesystem, or an image archive whose
// layers it applies in the manifest's order.
func Read(r io.Reader, opts *Options) (*FS, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.maxKeptTotal <= 0 {
		o.maxKeptTotal = MaxKeptTotal
	}
	rd := &reader{opts: o, hashes: make(chan hashJob, 4*o.Workers), inFlight: newBudget(inFlightLimit),
		layers: map[string]*layer{}, small: map[string][]byte{}}
	rd.startHashers()
	flat := &layer{}
	err := rd.readTar(sourceOf(r), flat, true)
	rd.stopHashers()
	if err != nil {
		return nil, err
	}
	order, err := rd.layerOrder()
	if err != nil && len(rd.layers) == 0 {
		// No layer at all: a root filesystem that happens to hold a file
		// named manifest.json or index.json. Those files are its own.
		order, err = nil, nil
		for name, data := range rd.small {
			flat.entries = append(flat.entries, entry{name: name, node: &node{name: path.Base(name), mode: 0o644,
				size: int64(len(data)), data: data, kept: rd.opts.Keep != nil && rd.opts.Keep(name, int64(len(data)))}})
		}
	}
	if err != nil {
		return nil, err
	}
	f := &FS{root: newDir(""), Notes: rd.notes, Unhashed: rd.unhashed}
	if order == nil { // a flat archive
		f.apply(flat)
		return f, nil
	}
	for _, name := range order {
		l := rd.layers[name]
		if l == nil {
			return nil, fmt.Errorf("%w: the manifest names layer %s, which the archive does not hold", ErrTruncated, name)
		}
		f.apply(l)
	}
	return f, nil
}

// A layer is the entries of one tar stream, in order.
type layer struct {
	entries []entry
}

type entry struct {
	name     string
	whiteout bool // delete name from the layers below
	opaque   bool // empty the directory name of the layers below
	node     *node
	linkTo   string // a hard link's target name
}

type hashJob struct {
	data []byte
	buf  *[]byte // data's buffer, to recycle; nil when the data is kept
	node *node
}

type reader struct {
	opts     Options
	hashes   chan hashJob
	inFlight *budget
	buffers  sync.Pool // *[]byte read buffers for files only hashed
	wg       sync.WaitGroup
	layers   map[string]*layer // image archives: layer tars by their name in the outer archive
	small    map[string][]byte // manifest.json, index.json, JSON blobs
	kept     int64             // bytes of content kept
	keptFull bool              // MaxKeptTotal was reached
	notes    []string
	unhashed []string
}

func (rd *reader) startHashers() {
	for range rd.opts.Workers {
		rd.wg.Add(1)
		go func() {
			defer rd.wg.Done()
			for j := range rd.hashes {
				sum := sha256.Sum256(j.data)
				j.node.digest = &sum
				if j.buf != nil {
					rd.buffers.Put(j.buf)
				}
				rd.inFlight.release(int64(len(j.data)))
			}
		}()
	}
}

func (rd *reader) stopHashers() {
	close(rd.hashes)
	rd.wg.Wait()
}

// inFlightLimit bounds the bytes read and waiting to be hashed; a larger
// file is hashed while it streams, by the reader itself.
const inFlightLimit = 256 << 20

// budget is a count of bytes that may be taken and given back, waiting
// when too few are left.
type budget struct {
	mu   sync.Mutex
	cond sync.Cond
	free int64
}

func newBudget(n int64) *budget {
	b := &budget{free: n}
	b.cond.L = &b.mu
	return b
}

func (b *budget) take(n int64) {
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
}

func (b *budget) release(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// A source is the bytes of one tar stream: read by tar, and, when they
// are a file (or a part of one), read in place so that tar skips content
// by seeking and a layer is read where it lies.
type source struct {
	r  io.Reader
	at interface {
		io.ReaderAt
		io.Seeker
	} // r, when it can be read in place; else nil
}

func sourceOf(r io.Reader) source {
	at, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	})
	if !ok {
		return source{r: r}
	}
	off, err := at.Seek(0, io.SeekCurrent)
	if err != nil {
		return source{r: r} // a pipe
	}
	end, err := at.Seek(0, io.SeekEnd)
	if err != nil {
		return source{r: r}
	}
	if _, err := at.Seek(off, io.SeekStart); err != nil {
		return source{r: r}
	}
	b := &buffered{at: at, off: off, end: end}
	return source{r: b, at: b}
}

// buffered reads an io.ReaderAt from off to end through a buffer, and
// seeks without a system call: the headers of small entries, which tar
// reads one block at a time, come from one read of the buffer, and the
// content tar skips is never read.
type buffered struct {
	at       io.ReaderAt
	off, end int64  // the position, and the end of the bytes
	buf      []byte // the bytes from bufOff
	bufOff   int64
}

const bufferSize = 256 << 10

func (b *buffered) Read(p []byte) (int, error) {
	if b.off >= b.end {
		return 0, io.EOF
	}
	if b.off < b.bufOff || b.off >= b.bufOff+int64(len(b.buf)) {
		if len(p) >= bufferSize { // large reads go straight through
			n, err := b.at.ReadAt(p[:min(int64(len(p)), b.end-b.off)], b.off)
			b.off += int64(n)
			if err == io.EOF && n > 0 {
				err = nil
			}
			return n, err
		}
		if b.buf == nil {
			b.buf = make([]byte, bufferSize)
		}
		n, err := b.at.ReadAt(b.buf[:min(bufferSize, b.end-b.off)], b.off)
		b.buf, b.bufOff = b.buf[:n], b.off
		if n == 0 {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		b.buf = b.buf[:cap(b.buf)][:n]
	}
	n := copy(p, b.buf[b.off-b.bufOff:])
	b.off += int64(n)
	return n, nil
}

func (b *buffered) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += b.off
	case io.SeekEnd:
		offset += b.end
	}
	if offset < 0 {
		return 0, errors.New("imagefs: seek before the start")
	}
	b.off = offset
	return offset, nil
}

func (b *buffered) ReadAt(p []byte, off int64) (int, error) {
	if off >= b.end {
		return 0, io.EOF
	}
	n, err := b.at.ReadAt(p[:min(int64(len(p)), b.end-off)], off)
	if err == nil && n < len(p) {
		err = io.EOF
	}
	return n, err
}

// readTar reads one tar stream into l. In the outer archive (outer set),
// an entry that is itself a tar (or a gzip of one) is read as a layer, and
// small JSON files are kept for the manifest.
func (rd *reader) readTar(src source, l *layer, outer bool) error {
	tr := newTarReader(src.r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrTruncated, err)
		}
		name, ok := clean(h.Name)
		if !ok {
			rd.notes = append(rd.notes, fmt.Sprintf("entry %q lies outside the tree: ignored", h.Name))
			continue
		}
		if outer && h.Typeflag == typeReg && !h.Sparse {
			var in *io.SectionReader // the entry's bytes in place
			if src.at != nil {
				if off, err := src.at.Seek(0, io.SeekCurrent); err == nil {
					in = io.NewSectionReader(src.at, off, h.Size)
				}
			}
			if handled, err := rd.outerEntry(name, h, tr, in); err != nil {
				return err
			} else if handled {
				continue
			}
		}
		if err := rd.entry(l, name, h, tr); err != nil {
			return err
		}
	}
}

// outerEntry reads an entry of the outer archive that may belong to an
// image: a layer tar, or a JSON file. It reports whether it consumed it.
// in, when not nil, is the entry's bytes read in place.
func (rd *reader) outerEntry(name string, h *tarHeader, tr io.Reader, in *io.SectionReader) (bool, error) {
	base := path.Base(name)
	isBlob := strings.HasPrefix(name, "blobs/")
	candidate := name == "manifest.json" || name == "index.json" || isBlob ||
		base == "layer.tar" || strings.HasSuffix(name, ".tar") || strings.HasSuffix(name, ".tar.gz")
	if !candidate {
		return false, nil
	}
	head := make([]byte, 512)
	var r io.Reader = tr
	if in != nil {
		n, _ := in.ReadAt(head, 0)
		head = head[:n]
		r = in
	} else {
		br := bufio.NewReaderSize(tr, 4096)
		head, _ = br.Peek(512)
		r = br
	}
	if looksLikeJSON(head) && h.Size <= 4<<20 {
		data, err := io.ReadAll(r)
		if err != nil {
			return true, fmt.Errorf("%w: %v", ErrTruncated, err)
		}
		rd.small[name] = data
		return true, nil
	}
	var layerSrc source
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		zr, err := gzip.NewReader(r)
		if err != nil {
			return true, fmt.Errorf("%w: layer %s: %v", ErrTruncated, name, err)
		}
		defer zr.Close()
		layerSrc = source{r: bufio.NewReaderSize(zr, 64<<10)}
	case len(head) >= 4 && bytes.Equal(head[:4], []byte{0x28, 0xb5, 0x2f, 0xfd}):
		rd.notes = append(rd.notes, fmt.Sprintf("layer %s is zstd-compressed, which this package does not read", name))
		return true, nil
	case len(head) >= 262 && bytes.Equal(head[257:262], []byte("ustar")):
		layerSrc = sourceOf(r)
	default:
		return isBlob, nil // a blob that is no layer (a config in another form): skipped
	}
	l := &layer{}
	if err := rd.readTar(layerSrc, l, false); err != nil {
		return true, fmt.Errorf("layer %s: %w", name, err)
	}
	rd.layers[name] = l
	return true, nil
}

func looksLikeJSON(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n")
	return len(head) > 0 && (head[0] == '{' || head[0] == '[')
}

// entry adds one tar entry to the layer.
func (rd *reader) entry(l *layer, name string, h *tarHeader, r io.Reader) error {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if base == ".wh..wh..opq" {
		l.entries = append(l.entries, entry{name: dir, opaque: true})
		return nil
	}
	if hidden, ok := strings.CutPrefix(base, ".wh."); ok {
		l.entries = append(l.entries, entry{name: path.Join(dir, hidden), whiteout: true})
		return nil
	}
	n := &node{name: base, size: h.Size, modTime: h.ModTime, mode: fs.FileMode(h.Mode).Perm()}
	switch h.Typeflag {
	case typeDir:
		n.children = map[string]*node{}
		n.size, n.mode = 0, n.mode|fs.ModeDir
	case typeSymlink:
		n.target = h.Linkname
		n.size, n.mode = int64(len(h.Linkname)), n.mode|fs.ModeSymlink
	case typeLink:
		target, ok := clean(h.Linkname)
		if !ok {
			rd.notes = append(rd.notes, fmt.Sprintf("hard link %q leads outside the tree: ignored", name))
			return nil
		}
		l.entries = append(l.entries, entry{name: name, node: n, linkTo: target})
		return nil
	case typeReg, typeGNUSp:
		if h.Sparse || h.Typeflag == typeGNUSp {
			// A sparse entry reads as zeros for as long as it claims, far
			// beyond what the archive holds: never read.
			rd.unhashed = append(rd.unhashed, name)
			break
		}
		if err := rd.content(name, n, r); err != nil {
			return err
		}
	default:
		n.size = 0 // devices, FIFOs: never read
		n.mode |= specialMode(h.Typeflag)
	}
	l.entries = append(l.entries, entry{name: name, node: n})
	return nil
}

// specialMode is the type of an entry that is no file, directory or link.
func specialMode(typeflag byte) fs.FileMode {
	switch typeflag {
	case '3':
		return fs.ModeDevice | fs.ModeCharDevice
	case '4':
		return fs.ModeDevice
	case '6':
		return fs.ModeNamedPipe
	}
	return fs.ModeIrregular
}

// content reads what the options ask of a regular file.
func (rd *reader) content(name string, n *node, r io.Reader) error {
	keep := rd.opts.Keep != nil && n.size <= MaxKeep && rd.opts.Keep(name, n.size)
	if keep && (rd.keptFull || rd.kept+n.size > rd.opts.maxKeptTotal) {
		keep = false // an archive of nothing but metadata must not fill memory
		if !rd.keptFull {
			rd.keptFull = true
			rd.notes = append(rd.notes, fmt.Sprintf("more than %d bytes of files to read: %s and later ones were not read", rd.opts.maxKeptTotal, name))
		}
	}
	if keep {
		rd.kept += n.size
	}
	hash := rd.opts.Hash != nil && rd.opts.Hash(name)
	if hash && n.size > MaxHash {
		hash = false
		rd.unhashed = append(rd.unhashed, name)
	}
	if !keep && !hash {
		return nil // the tar reader skips it, seeking when it can
	}
	if !keep && n.size > inFlightLimit/4 {
		h := sha256.New()
		if _, err := io.Copy(h, r); err != nil {
			return fmt.Errorf("%w: %s: %v", ErrTruncated, name, err)
		}
		var sum [sha256.Size]byte
		copy(sum[:], h.Sum(nil))
		n.digest = &sum
		return nil
	}
	var data []byte
	var buf *[]byte
	if keep {
		data = make([]byte, n.size)
	} else { // only hashed: a recycled buffer, and a share of the budget
		rd.inFlight.take(n.size)
		buf, _ = rd.buffers.Get().(*[]byte)
		if buf == nil || int64(cap(*buf)) < n.size {
			b := make([]byte, max(n.size, 64<<10))
			buf = &b
		}
		data = (*buf)[:n.size]
	}
	if _, err := io.ReadFull(r, data); err != nil {
		if buf != nil {
			rd.inFlight.release(n.size)
		}
		return fmt.Errorf("%w: %s: %v", ErrTruncated, name, err)
	}
	if keep {
		n.data, n.kept = data, true
	}
	if hash {
		if keep {
			rd.inFlight.take(n.size) // kept data counts while it waits too
		}
		rd.hashes <- hashJob{data: data, buf: buf, node: n}
	}
	return nil
}

// clean turns an archive name into a tree name ("usr/bin", "." for the
// root), or reports that it leaves the tree (a ".." component).
func clean(name string) (string, bool) {
	var parts []string
	for _, part := range strings.Split(name, "/") {
		switch part {
		case "", ".":
		case "..":
			return "", false
		default:
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		return ".", true
	}
	return strings.Join(parts, "/"), true
}

// layerOrder returns the layers of an image archive in order, from
// manifest.json (docker save) or index.json (OCI); nil for a flat archive.
func (rd *reader) layerOrder() ([]string, error) {
	if data, ok := rd.small["manifest.json"]; ok {
		var m []struct {
			Layers []string `json:"Layers"`
		}
		if err := json.Unmarshal(data, &m); err != nil || len(m) == 0 {
			return nil, fmt.Errorf("%w: manifest.json: %v", ErrFormat, err)
		}
		if len(m) > 1 {
			rd.notes = append(rd.notes, fmt.Sprintf("the archive holds %d images: the first is read", len(m)))
		}
		var out []string
		for _, l := range m[0].Layers {
			name, _ := clean(l)
			out = append(out, name)
		}
		return out, nil
	}
	data, ok := rd.small["index.json"]
	if !ok {
		return nil, nil
	}
	blob := func(digest string) string {
		alg, hex, _ := strings.Cut(digest, ":")
		return "blobs/" + alg + "/" + hex
	}
	type descriptor struct {
		MediaType string `json:"mediaType"`
		Digest    string `json:"digest"`
	}
	var index struct {
		Manifests []descriptor `json:"manifests"`
	}
	if err := json.Unmarshal(data, &index); err != nil || len(index.Manifests) == 0 {
		return nil, fmt.Errorf("%w: index.json: %v", ErrFormat, err)
	}
	// An index may point at another index (a multi-platform image): the
	// first manifest that has layers is read.
	for depth, todo := 0, index.Manifests; depth < 4 && len(todo) > 0; depth++ {
		var next []descriptor
		for _, d := range todo {
			data, ok := rd.small[blob(d.Digest)]
			if !ok {
				continue
			}
			var m struct {
				Layers    []descriptor `json:"layers"`
				Manifests []descriptor `json:"manifests"`
			}
			if json.Unmarshal(data, &m) != nil {
				continue
			}
			if len(m.Layers) > 0 {
				var out []string
				for _, l := range m.Layers {
					out = append(out, blob(l.Digest))
				}
				return out, nil
			}
			next = append(next, m.Manifests...)
		}
		todo = next
	}
	return nil, fmt.Errorf("%w: index.json names no manifest with layers", ErrFormat)
}

func newDir(name string) *node {
	return &node{name: name, mode: fs.ModeDir | 0o755, children: map[string]*node{}}
}

// apply lays a layer over the tree: its whiteouts and opaque directories
// first (they hide the layers below, not this one), then its entries.
func (f *FS) apply(l *layer) {
	for _, e := range l.entries {
		switch {
		case e.opaque:
			if d := f.dir(e.name, false); d != nil {
				d.children = map[string]*node{}
			}
		case e.whiteout:
			dir, base := path.Split(e.name)
			if d := f.dir(strings.TrimSuffix(dir, "/"), false); d != nil {
				delete(d.children, base)
			}
		}
	}
	for _, e := range l.entries {
		if e.whiteout || e.opaque {
			continue
		}
		n := e.node
		if e.linkTo != "" {
			t, err := f.lookup(e.linkTo, false)
			if err != nil || !t.mode.IsRegular() {
				continue // a hard link to nothing this tree holds
			}
			c := *t
			c.name = n.name
			n = &c
		}
		if e.name == "." {
			if n.children != nil {
				f.root.mode, f.root.modTime = n.mode, n.modTime
			}
			continue
		}
		dir, base := path.Split(e.name)
		d := f.dir(strings.TrimSuffix(dir, "/"), true)
		if d == nil {
			continue // a parent is not a directory
		}
		if old, ok := d.children[base]; ok && old.children != nil && n.children != nil {
			old.mode, old.modTime = n.mode, n.modTime // a directory again: its content stays
			continue
		}
		d.children[base] = n
	}
}

// dir returns the directory name (no links followed), creating missing
// ones when create is set; nil when a component is not a directory.
func (f *FS) dir(name string, create bool) *node {
	d := f.root
	if name == "" || name == "." {
		return d
	}
	for _, part := range strings.Split(name, "/") {
		c, ok := d.children[part]
		if !ok {
			if !create {
				return nil
			}
			c = newDir(part)
			d.children[part] = c
		}
		if c.children == nil {
			return nil
		}
		d = c
	}
	return d
}

const maxLinks = 40

// lookup finds name, following links among its parents, and the last one
// too when follow is set; links lead inside the tree only.
func (f *FS) lookup(name string, follow bool) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, fs.ErrInvalid
	}
	parts := []string{}
	if name != "." {
		parts = strings.Split(name, "/")
	}
	var stack []*node // the directories walked, for ".."
	cur := f.root
	links := 0
	for i := 0; i < len(parts); i++ {
		part := parts[i]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(stack) > 0 {
				cur, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
			continue
		}
		if cur.children == nil {
			return nil, fs.ErrNotExist
		}
		c, ok := cur.children[part]
		if !ok {
			return nil, fs.ErrNotExist
		}
		last := i == len(parts)-1
		if c.mode&fs.ModeSymlink != 0 && (!last || follow) {
			links++
			if links > maxLinks {
				return nil, errors.New("too many levels of symbolic links")
			}
			rest := append(strings.Split(c.target, "/"), parts[i+1:]...)
			if strings.HasPrefix(c.target, "/") {
				cur, stack = f.root, nil
			}
			parts, i = rest, -1
			continue
		}
		stack = append(stack, cur)
		cur = c
	}
	return cur, nil
}

func (f *FS) open(op, name string, follow bool) (*node, error) {
	n, err := f.lookup(name, follow)
	if err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	return n, nil
}

// Open opens name, following links inside the tree.
func (f *FS) Open(name string) (fs.File, error) {
	n, err := f.open("open", name, true)
	if err != nil {
		return nil, err
	}
	return &file{n: n, name: name}, nil
}

// Stat describes name, following links.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	n, err := f.open("stat", name, true)
	if err != nil {
		return nil, err
	}
	return info{n}, nil
}

// Lstat describes name without following a final link.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	n, err := f.open("lstat", name, false)
	if err != nil {
		return nil, err
	}
	return info{n}, nil
}

// ReadLink returns the target of the link name.
func (f *FS) ReadLink(name string) (string, error) {
	n, err := f.open("readlink", name, false)
	if err != nil {
		return "", err
	}
	if n.mode&fs.ModeSymlink == 0 {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return n.target, nil
}

// ReadFile returns the kept content of name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	n, err := f.open("read", name, true)
	if err != nil {
		return nil, err
	}
	if !n.mode.IsRegular() || !n.kept {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotKept}
	}
	return bytes.Clone(n.data), nil
}

// ReadDir lists the directory name, sorted by name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := f.open("readdir", name, true)
	if err != nil {
		return nil, err
	}
	if n.children == nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	out := make([]fs.DirEntry, 0, len(n.children))
	for _, c := range n.children {
		out = append(out, fs.FileInfoToDirEntry(info{c}))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

type info struct{ n *node }

func (i info) Name() string {
	if i.n.name == "" {
		return "."
	}
	return i.n.name
}
func (i info) Size() int64        { return i.n.size }
func (i info) Mode() fs.FileMode  { return i.n.mode }
func (i info) ModTime() time.Time { return i.n.modTime }
func (i info) IsDir() bool        { return i.n.children != nil }
func (i info) Sys() any           { return nil }

type file struct {
	n    *node
	name string
	off  int
	dir  []fs.DirEntry
	read bool
}

func (f *file) Stat() (fs.FileInfo, error) { return info{f.n}, nil }
func (f *file) Close() error               { return nil }

func (f *file) Read(p []byte) (int, error) {
	if f.n.children != nil {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: errors.New("is a directory")}
	}
	if !f.n.kept {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: ErrNotKept}
	}
	if f.off >= len(f.n.data) {
		return 0, io.EOF
	}
	n := copy(p, f.n.data[f.off:])
	f.off += n
	return n, nil
}

func (f *file) ReadDir(count int) ([]fs.DirEntry, error) {
	if f.n.children == nil {
		return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: errors.New("not a directory")}
	}
	if !f.read {
		for _, c := range f.n.children {
			f.dir = append(f.dir, fs.FileInfoToDirEntry(info{c}))
		}
		sort.Slice(f.dir, func(i, j int) bool { return f.dir[i].Name() < f.dir[j].Name() })
		f.read = true
	}
	if count <= 0 {
		out := f.dir
		f.dir = nil
		return out, nil
	}
	if len(f.dir) == 0 {
		return nil, io.EOF
	}
	n := min(count, len(f.dir))
	out := f.dir[:n]
	f.dir = f.dir[n:]
	return out, nil
}
