// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/internal/pystr"
)

// Distribution is a distribution installed in a site directory, as its
// .dist-info directory describes it.
type Distribution struct {
	Name      string // as the directory spells it, e.g. "cfn_lint"
	Version   string
	DistInfo  string // the .dist-info directory, an absolute OS path
	SiteDir   string // the directory holding it, the base of relative RECORD paths
	Installer string // the first non-empty line of INSTALLER, or ""

	// Record is the parsed RECORD; RecordErr says why it is missing or
	// cannot be used (wrapping fs.ErrNotExist when there is none).
	Record    []Entry
	RecordErr error

	// Scripts are the console and GUI scripts of entry_points.txt.
	Scripts []Script
}

// Script is an entry point that an installer turns into an executable.
type Script struct {
	Name string
	GUI  bool
}

// ErrNotInstalled means no distribution of that name is in the directories.
var ErrNotInstalled = errors.New("record: not installed")

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
	return strings.ToLower(nameSeparators.ReplaceAllString(name, "-"))
}

var nameSeparators = regexp.MustCompile(`[-_.]+`)

// Find returns the distribution called name (compared normalised) in the
// first of siteDirs that has it.
func Find(name string, siteDirs []string, opts *FindOptions) (*Distribution, error) {
	want := NormalizeName(name)
	for _, dir := range siteDirs {
		f := opts.osfs(dir)
		dists, err := distInfos(f, dir)
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

// List reads every .dist-info directory of a site directory, sorted by
// name. A directory that cannot be read is an error; a distribution whose
// RECORD cannot be read or parsed is listed with RecordErr set.
func List(siteDir string, opts *FindOptions) ([]*Distribution, error) {
	f := opts.osfs(siteDir)
	dists, err := distInfos(f, siteDir)
	for _, d := range dists {
		d.read(f)
	}
	return dists, err
}

// distInfos returns the .dist-info directories of siteDir, sorted by name,
// without reading them.
func distInfos(f *osfs.FS, siteDir string) ([]*Distribution, error) {
	entries, err := f.ReadDir(siteDir)
	if err != nil {
		return nil, err
	}
	var dists []*Distribution
	for _, e := range entries {
		stem, ok := strings.CutSuffix(e.Name(), ".dist-info")
		if !ok || !f.IsDir(f.Join(siteDir, e.Name())) {
			continue
		}
		name, version, _ := strings.Cut(stem, "-")
		dists = append(dists, &Distribution{Name: name, Version: version, DistInfo: f.Join(siteDir, e.Name()), SiteDir: f.Clean(siteDir)})
	}
	sort.Slice(dists, func(i, j int) bool { return dists[i].Name < dists[j].Name })
	return dists, nil
}

func (d *Distribution) read(f *osfs.FS) {
	if data, err := f.ReadFile(f.Join(d.DistInfo, "INSTALLER")); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if s := pystr.Strip(line); s != "" {
				d.Installer = s
				break
			}
		}
	}
	recordPath := f.Join(d.DistInfo, "RECORD")
	data, err := f.ReadFile(recordPath)
	switch {
	case err != nil:
		d.RecordErr = err
	default:
		d.Record, d.RecordErr = Parse(recordPath, data)
	}
	if data, err := f.ReadFile(f.Join(d.DistInfo, "entry_points.txt")); err == nil {
		d.Scripts = parseScripts(string(data))
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
