// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/internal/pystr"
)

// Distribution is a distribution installed in a site directory, as its
// metadata directory (or, for distutils, file) describes it.
type Distribution struct {
	Name      string // as the metadata's name spells it, e.g. "cfn_lint"
	Version   string
	Format    Format
	DistInfo  string // the .dist-info or .egg-info directory (or file), an OS path
	SiteDir   string // the directory holding it, the base of relative RECORD paths
	Installer string // the first non-empty line of INSTALLER, or ""

	// Record is the parsed RECORD; RecordErr says why it is missing or
	// cannot be used (wrapping fs.ErrNotExist when there is none). An
	// .egg-info distribution has no RECORD.
	Record    []Entry
	RecordErr error

	// Scripts are the console and GUI scripts of entry_points.txt.
	Scripts []Script

	// digests are the SHA-256 of the metadata files read, by path ("" for
	// an absent file): the basis of a plan.
	digests map[string]string
}

// Format is how a distribution records its installation.
type Format string

// The formats Find recognises. Only DistInfo can be uninstalled here.
const (
	// DistInfo is a .dist-info directory with RECORD (PyPA's format).
	DistInfo Format = "dist-info"
	// EggInfo is a setuptools .egg-info directory, listing its files (if
	// at all) in installed-files.txt, relative to itself.
	EggInfo Format = "egg-info"
	// Distutils is an .egg-info file written by distutils: it lists no
	// files.
	Distutils Format = "distutils"
)

// Script is an entry point that an installer turns into an executable.
type Script struct {
	Name string
	GUI  bool
}

// ErrNotInstalled means no distribution of that name is in the directories.
var ErrNotInstalled = errors.New("record: not installed")

// Errors of reading files, for errors.Is: a file that is a FIFO, a device
// or anything else but a regular file is not read, nor one larger than
// its kind can reasonably be (RECORD: 256 MiB; INSTALLER: 1 MiB;
// entry_points.txt: 16 MiB).
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// FindOptions say where to read: FS rooted at "/" (or a Windows volume),
// nil for the host's, and the path flavour.
type FindOptions struct {
	FS      fs.FS
	Windows bool
}

func (o *FindOptions) osfs(p string) *osfs.FS {
	if o == nil {
		return osfs.Host(p)
	}
	return osfs.For(o.FS, o.Windows, p)
}

// NormalizeName normalises a distribution name as PyPA specifies: lower
// case, with every run of '-', '_' and '.' replaced by one '-'.
func NormalizeName(name string) string {
	return strings.ToLower(nameSeparators().ReplaceAllString(name, "-"))
}

var nameSeparators = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[-_.]+`) })

// Find returns the distribution called name (compared normalised) in the
// first of siteDirs that has it; in one directory, a .dist-info directory
// wins over an .egg-info.
func Find(name string, siteDirs []string, opts *FindOptions) (*Distribution, error) {
	want := NormalizeName(name)
	for _, dir := range siteDirs {
		f := opts.osfs(dir)
		dists, _, err := installed(f, dir)
		if err != nil {
			continue
		}
		for _, d := range dists {
			if NormalizeName(d.Name) == want {
				d.read(f)
				return d, nil
			}
		}
	}
	return nil, fmt.Errorf("%w: %s in %s", ErrNotInstalled, name, strings.Join(siteDirs, ", "))
}

// List reads every distribution of a site directory, sorted by name. A
// directory that cannot be read is an error; a distribution whose RECORD
// cannot be read or parsed is listed with RecordErr set.
func List(siteDir string, opts *FindOptions) ([]*Distribution, error) {
	f := opts.osfs(siteDir)
	dists, _, err := installed(f, siteDir)
	for _, d := range dists {
		d.read(f)
	}
	return dists, err
}

// installed returns the distributions of siteDir, sorted by name with
// .dist-info first, without reading them, and the digest of the names of
// its metadata entries (which change when a distribution comes or goes).
func installed(f *osfs.FS, siteDir string) ([]*Distribution, string, error) {
	entries, err := f.ReadDir(siteDir)
	if err != nil {
		return nil, "", err
	}
	var dists []*Distribution
	var names []string
	for _, e := range entries {
		stem, format := "", Format("")
		switch {
		case strings.HasSuffix(e.Name(), ".dist-info"):
			stem, format = strings.TrimSuffix(e.Name(), ".dist-info"), DistInfo
		case strings.HasSuffix(e.Name(), ".egg-info"):
			stem, format = strings.TrimSuffix(e.Name(), ".egg-info"), EggInfo
		case strings.HasSuffix(e.Name(), ".egg-link"), strings.HasPrefix(e.Name(), stashPrefix):
			names = append(names, e.Name())
			continue
		default:
			continue
		}
		names = append(names, e.Name())
		path := f.Join(siteDir, e.Name())
		switch {
		case f.IsDir(path):
		case format == EggInfo && f.IsFile(path):
			format = Distutils
		default:
			continue
		}
		name, version, _ := strings.Cut(stem, "-")
		version, _, _ = strings.Cut(version, "-") // egg-info: name-version-pyX.Y
		dists = append(dists, &Distribution{Name: name, Version: version, Format: format, DistInfo: path, SiteDir: f.Clean(siteDir)})
	}
	sort.SliceStable(dists, func(i, j int) bool {
		if dists[i].Name != dists[j].Name {
			return dists[i].Name < dists[j].Name
		}
		return dists[i].Format == DistInfo && dists[j].Format != DistInfo
	})
	sort.Strings(names)
	return dists, digestOf([]byte(strings.Join(names, "\x00"))), nil
}

// digestOf is how a plan's basis fingerprints what was read.
func digestOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readMeta reads a metadata file of d and remembers its digest ("" when it
// does not exist).
func (d *Distribution) readMeta(f *osfs.FS, p string, limit int64) ([]byte, error) {
	data, err := f.ReadFile(p, limit)
	err = osfs.Public(err, ErrNotRegular, ErrTooLarge)
	if d.digests == nil {
		d.digests = map[string]string{}
	}
	switch {
	case err == nil:
		d.digests[p] = digestOf(data)
	case osfs.Missing(err):
		d.digests[p] = ""
	}
	return data, err
}

func (d *Distribution) read(f *osfs.FS) {
	if d.Format != DistInfo {
		d.RecordErr = &fs.PathError{Op: "open", Path: f.Join(d.DistInfo, "RECORD"), Err: fs.ErrNotExist}
		return
	}
	if data, err := d.readMeta(f, f.Join(d.DistInfo, "INSTALLER"), osfs.LimitConfig); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if s := pystr.Strip(line); s != "" {
				d.Installer = s
				break
			}
		}
	}
	recordPath := f.Join(d.DistInfo, "RECORD")
	data, err := d.readMeta(f, recordPath, osfs.LimitRecord)
	switch {
	case err != nil:
		d.RecordErr = err
	default:
		// The entries share the text read, held once: nothing else holds
		// data or writes to it again (strings.Builder hands over its
		// buffer the same way).
		d.Record, d.RecordErr = parse(recordPath, unsafe.String(unsafe.SliceData(data), len(data)))
	}
	if data, err := d.readMeta(f, f.Join(d.DistInfo, "entry_points.txt"), osfs.LimitSource); err == nil {
		d.Scripts = parseScripts(string(data))
	}
}

// ownedPaths returns the paths d's file list names, read leniently: the
// first field of every row of RECORD, whatever the rest of the row holds
// (for .dist-info), or the lines of installed-files.txt, relative to the
// .egg-info directory (for .egg-info). A distribution without a list
// (distutils, or the list absent) names nothing; a list that exists but
// cannot be read is an error, since what it names cannot be known.
func (d *Distribution) ownedPaths(f *osfs.FS) ([]string, error) {
	var list string
	switch d.Format {
	case DistInfo:
		list = f.Join(d.DistInfo, "RECORD")
	case EggInfo:
		list = f.Join(d.DistInfo, "installed-files.txt")
	default:
		return nil, nil
	}
	data, err := d.readMeta(f, list, osfs.LimitRecord)
	switch {
	case osfs.Missing(err):
		return nil, nil
	case err != nil:
		return nil, err
	}
	var paths []string
	if d.Format == EggInfo {
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimRight(line, "\r"); line != "" {
				paths = append(paths, location(f, d.DistInfo, line))
			}
		}
		return paths, nil
	}
	r := csvReader{text: string(data)}
	for {
		fields, _, ok := r.next()
		if !ok {
			return paths, nil
		}
		if len(fields) > 0 && fields[0] != "" {
			paths = append(paths, location(f, d.SiteDir, fields[0]))
		}
	}
}

// parseScripts reads the [console_scripts] and [gui_scripts] names of an
// entry_points.txt: "name = module:function" lines, '#' and ';' comments.
func parseScripts(text string) []Script {
	var scripts []Script
	section := ""
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		line = pystr.Strip(line)
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && strings.HasSuffix(line, "]"):
			section = pystr.Strip(line[1 : len(line)-1])
		case section == "console_scripts" || section == "gui_scripts":
			if name, _, ok := strings.Cut(line, "="); ok && pystr.Strip(name) != "" {
				scripts = append(scripts, Script{Name: pystr.Strip(name), GUI: section == "gui_scripts"})
			}
		}
	}
	return scripts
}
