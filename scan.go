// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pep668/pep668/internal/imagefs"
	"github.com/pep668/pep668/internal/osfs"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
	"github.com/pep668/pep668/venv"
)

// ScanOptions adjust Scan and ScanArchive.
type ScanOptions struct {
	// Verify checks every file of every RECORD: present, and with the
	// hash RECORD gives. It reads every such file, using every core.
	Verify bool
	// Workers bounds the parallel work; 0 means runtime.NumCPU().
	Workers int
}

// A ScanReport is the PEP 668 state of a root filesystem: every Python
// interpreter and environment in it, and what is wrong.
type ScanReport struct {
	Interpreters []ScannedInterpreter `json:"interpreters"`
	Findings     []Finding            `json:"findings"`
	// Notes say what the scan could not look at.
	Notes []string `json:"notes"`
}

// A ScannedInterpreter is one interpreter or environment found, with the
// verdict Check gives for it (the tree taken as "/").
type ScannedInterpreter struct {
	Executable string   `json:"executable"`
	Verdict    *Verdict `json:"-"`

	// The verdict's facts, for the JSON form.
	Kind              venv.Kind     `json:"kind"`
	Prefix            string        `json:"prefix"`
	BasePrefix        string        `json:"base_prefix"`
	Version           string        `json:"version"`
	Vendor            scheme.Vendor `json:"vendor"`
	Allowed           bool          `json:"allowed"`
	ExternallyManaged bool          `json:"externally_managed"`
	MarkerPath        string        `json:"marker_path"`
	MarkerExists      bool          `json:"marker_exists"`
	Distributor       Distributor   `json:"distributor"`
	// Scheme and Paths are the default install scheme and its paths.
	Scheme string       `json:"scheme"`
	Paths  scheme.Paths `json:"paths"`
	// SiteDirs are the directories sys.path would hold, in its order.
	SiteDirs []string `json:"site_dirs"`
}

// FindingKind names a kind of finding.
type FindingKind string

// The kinds of finding.
const (
	// The distributor's package database lists the marker, and it is gone.
	FindingMarkerRemoved FindingKind = "marker-removed"
	// The marker differs from what the package database recorded.
	FindingMarkerEdited FindingKind = "marker-edited"
	// A distribution installed by pip lies in a directory the distributor's
	// package manager owns, outside any virtual environment.
	FindingPipInDistributorDir FindingKind = "pip-in-distributor-dir"
	// An import name is installed both in the local scheme and in the
	// distributor's directories: the one earlier in sys.path wins.
	FindingShadowing FindingKind = "shadowing"
	// A file RECORD lists is missing, or its hash differs (Verify only).
	FindingRecordMismatch FindingKind = "record-mismatch"
	// A .dist-info directory has no RECORD.
	FindingNoRecord FindingKind = "no-record"
)

// FindingKinds lists every kind.
var FindingKinds = []FindingKind{FindingMarkerRemoved, FindingMarkerEdited, FindingPipInDistributorDir,
	FindingShadowing, FindingRecordMismatch, FindingNoRecord}

// A Finding is one problem, with the evidence for it.
type Finding struct {
	Kind        FindingKind `json:"kind"`
	Interpreter string      `json:"interpreter"` // the executable it concerns, "" when none
	Path        string      `json:"path"`
	Detail      string      `json:"detail"`
	Evidence    []string    `json:"evidence"`
}

// Scan reports every Python interpreter and environment in the root
// filesystem root (an extracted image, a mounted disk, an fstest.MapFS),
// each with its verdict, default scheme and site directories, and the
// findings. Nothing outside root is read, and no Python runs: the tree may
// be of another architecture. For a directory of the host, ScanDir is
// safer than Scan of its fs.FS: an fs.FS may open a FIFO swapped in for a
// file and wait for a writer.
func Scan(root fs.FS, opts *ScanOptions) (*ScanReport, error) {
	var o ScanOptions
	if opts != nil {
		o = *opts
	}
	s := newScanner(root, o)
	if o.Verify {
		s.digest = s.hashFile
	}
	return s.run()
}

// ScanArchive scans a tar archive, read once as a stream: a flat root
// filesystem (docker export), an image archive (docker save or an OCI image
// layout as a tar, its layers applied in order with their whiteouts), or
// either compressed with gzip. Only the small files the scan needs are
// kept in memory; with Verify, the files RECORDs may list are hashed while
// they stream, in parallel.
func ScanArchive(r io.Reader, opts *ScanOptions) (*ScanReport, error) {
	var o ScanOptions
	if opts != nil {
		o = *opts
	}
	// A file is read in place (tar then skips content by seeking); any
	// other stream through a buffer. Either way the first bytes tell gzip.
	head := make([]byte, 2)
	at, inPlace := r.(interface {
		io.ReaderAt
		io.Seeker
	})
	var off int64
	if inPlace {
		var err error
		off, err = at.Seek(0, io.SeekCurrent)
		inPlace = err == nil // a pipe is a file that cannot seek
	}
	if inPlace {
		n, _ := at.ReadAt(head, off)
		head = head[:n]
	} else {
		br := bufio.NewReaderSize(r, 64<<10)
		head, _ = br.Peek(2)
		r = br
	}
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("pep668: %w", err)
		}
		defer zr.Close()
		r = bufio.NewReaderSize(zr, 64<<10)
	}
	img, err := imagefs.Read(r, &imagefs.Options{Keep: keepForScan(o.Verify), Hash: hashForScan(o.Verify), Workers: o.Workers})
	if err != nil {
		return nil, fmt.Errorf("pep668: %w", err)
	}
	s := newScanner(img, o)
	s.notes = append(s.notes, img.Notes...)
	if o.Verify {
		s.digest = func(p string) ([]byte, error) {
			d, ok := img.Digest(strings.TrimPrefix(p, "/"))
			if !ok {
				return nil, errNotHashed
			}
			return d[:], nil
		}
		for _, u := range img.Unhashed {
			s.notes = append(s.notes, "not verified (sparse, or larger than 1 GiB): /"+u)
		}
	}
	return s.run()
}

var errNotHashed = errors.New("not hashed")

// keepForScan selects the files whose content the scan reads; RECORDs only
// to verify them (their existence is enough otherwise).
func keepForScan(verify bool) func(name string, size int64) bool {
	return func(name string, size int64) bool {
		if path.Base(name) == "RECORD" {
			return verify && size <= 256<<20
		}
		return keepSmall(name, size)
	}
}

// keepSmall selects the small files every scan reads.
func keepSmall(name string, size int64) bool {
	base := path.Base(name)
	switch base {
	case "EXTERNALLY-MANAGED", "pyvenv.cfg", "INSTALLER", "METADATA", "PKG-INFO", "entry_points.txt",
		"installed-files.txt", "orig-prefix.txt", "sysconfig.py", "history":
		return size <= 16<<20
	}
	switch {
	case strings.HasPrefix(base, "_sysconfigdata") && strings.HasSuffix(base, ".py"),
		strings.HasSuffix(name, "/sysconfig/__init__.py"):
		return size <= 16<<20
	case strings.HasPrefix(name, "var/lib/dpkg/info/") && isPythonPackage(strings.TrimSuffix(strings.TrimSuffix(base, ".list"), ".md5sums")):
		return size <= 64<<20
	case name == "lib/apk/db/installed":
		return size <= 256<<20
	}
	return false
}

// isPythonPackage reports a dpkg package that may ship a marker.
func isPythonPackage(pkg string) bool {
	pkg, _, _ = strings.Cut(pkg, ":") // multi-arch qualifier
	return strings.HasPrefix(pkg, "libpython3") || strings.HasPrefix(pkg, "python3") || strings.HasPrefix(pkg, "pypy3") || strings.HasPrefix(pkg, "libpypy3")
}

// hashForScan selects, with verify, the files a RECORD may list: those in
// a site directory and in the bin directories beside them.
func hashForScan(verify bool) func(string) bool {
	if !verify {
		return nil
	}
	return func(name string) bool {
		return strings.Contains(name, "/site-packages/") || strings.Contains(name, "/dist-packages/") ||
			strings.Contains(name, "/bin/") || strings.Contains(name, "/include/") || strings.Contains(name, "/share/")
	}
}

type scanner struct {
	root    fs.FS
	opts    ScanOptions
	digest  func(p string) ([]byte, error) // the SHA-256 of a file, for Verify
	report  ScanReport
	notes   []string
	venvs   []string // directories holding pyvenv.cfg
	conda   []string // prefixes holding conda-meta
	bins    []string // interpreter executables outside venvs
	dpkg    []string // .list files of Python packages
	hasRPM  bool
	hasAPK  bool
	workers int
	sites   map[string]bool // site directories read
}

func newScanner(root fs.FS, o ScanOptions) *scanner {
	s := &scanner{root: root, opts: o, workers: o.Workers}
	if s.workers <= 0 {
		s.workers = runtime.NumCPU()
	}
	return s
}

// interpreterName matches the executables of CPython and PyPy installations.
var interpreterName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(python3\.[0-9]+t?|pypy3\.[0-9]+)$`) })

// skipDir reports the directories never walked: a live root's kernel
// trees, and bytecode caches.
func skipDir(name string) bool {
	switch name {
	case "proc", "sys", "dev", "run":
		return true
	}
	return path.Base(name) == "__pycache__"
}

func (s *scanner) run() (*ScanReport, error) {
	if err := s.walk(); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var exes []string
	for _, dir := range s.venvs {
		if exe := s.venvExecutable(dir); exe != "" {
			exes = append(exes, exe)
		}
	}
	exes = append(exes, s.bins...)
	// A conda environment's interpreter may be named python alone.
	for _, prefix := range s.conda {
		if exe := s.venvExecutable(prefix); exe != "" && !slices.Contains(exes, exe) {
			exes = append(exes, exe)
		}
	}
	for _, exe := range exes {
		v, err := Check(exe, &Options{FS: s.root})
		if err != nil {
			s.notes = append(s.notes, strings.TrimPrefix(err.Error(), "pep668: ")) // it names exe
			continue
		}
		key := v.Environment.Prefix + "\x00" + v.Stdlib
		if seen[key] {
			continue // another name of an interpreter already scanned
		}
		seen[key] = true
		paths, err := v.Interpreter.Paths(v.Scheme, nil)
		if err != nil {
			s.notes = append(s.notes, fmt.Sprintf("%s: %v", exe, err))
			continue
		}
		s.report.Interpreters = append(s.report.Interpreters, ScannedInterpreter{
			Executable: exe, Verdict: v, Kind: v.Environment.Kind, Prefix: v.Environment.Prefix, BasePrefix: v.Environment.BasePrefix,
			Version: v.Interpreter.Version, Vendor: v.Interpreter.Vendor, Allowed: v.Allowed, ExternallyManaged: v.ExternallyManaged,
			MarkerPath: v.MarkerPath, MarkerExists: v.MarkerExists, Distributor: v.Distributor(),
			Scheme: v.Scheme, Paths: paths, SiteDirs: s.siteDirs(v, paths)})
	}
	s.markerFindings()
	for i := range s.report.Interpreters {
		in := &s.report.Interpreters[i]
		s.distributionFindings(in)
		s.shadowingFindings(in)
	}
	if s.hasRPM {
		s.notes = append(s.notes, "an rpm database is present: it cannot be read without rpm, so the markers' ownership is not checked")
	}
	s.report.Notes = append([]string{}, s.notes...)
	if s.report.Interpreters == nil {
		s.report.Interpreters = []ScannedInterpreter{}
	}
	if s.report.Findings == nil {
		s.report.Findings = []Finding{}
	}
	return &s.report, nil
}

// walk finds the venvs, conda prefixes, interpreters and package databases.
func (s *scanner) walk() error {
	err := fs.WalkDir(s.root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			return nil // unreadable: skipped
		}
		if d.IsDir() {
			if skipDir(name) {
				return fs.SkipDir
			}
			if d.Name() == "conda-meta" {
				s.conda = append(s.conda, "/"+path.Dir(name))
			}
			return nil
		}
		base := d.Name()
		switch {
		case base == "pyvenv.cfg":
			s.venvs = append(s.venvs, "/"+path.Dir(name))
		case interpreterName().MatchString(base) && path.Base(path.Dir(name)) == "bin":
			s.bins = append(s.bins, "/"+name)
		case strings.HasPrefix(name, "var/lib/dpkg/info/") && strings.HasSuffix(base, ".list") && isPythonPackage(strings.TrimSuffix(base, ".list")):
			s.dpkg = append(s.dpkg, name)
		case name == "lib/apk/db/installed":
			s.hasAPK = true
		case strings.HasPrefix(name, "var/lib/rpm/") || strings.HasPrefix(name, "usr/lib/sysimage/rpm/"):
			s.hasRPM = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("pep668: scanning: %w", err)
	}
	// An interpreter inside a venv is the venv's: scanned through it.
	s.bins = slices.DeleteFunc(s.bins, func(exe string) bool {
		return slices.ContainsFunc(s.venvs, func(v string) bool { return strings.HasPrefix(exe, v+"/") })
	})
	return nil
}

// venvExecutable returns the interpreter of the venv dir.
func (s *scanner) venvExecutable(dir string) string {
	for _, sub := range []string{"bin", "Scripts"} {
		entries, err := osfs.ReadDir(s.root, strings.TrimPrefix(dir+"/"+sub, "/"))
		if err != nil {
			continue
		}
		var names []string
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "python") || strings.HasPrefix(e.Name(), "pypy") {
				names = append(names, e.Name())
			}
		}
		for _, want := range []string{"python3", "python", "python.exe", "pypy3"} {
			if slices.Contains(names, want) {
				return dir + "/" + sub + "/" + want
			}
		}
		if len(names) > 0 {
			return dir + "/" + sub + "/" + names[0]
		}
	}
	return ""
}

// siteDirs returns the site directories of an interpreter in sys.path order.
func (s *scanner) siteDirs(v *Verdict, paths scheme.Paths) []string {
	env, in := v.Environment, v.Interpreter
	short := "python" + in.Version
	var dirs []string
	add := func(ds ...string) {
		for _, d := range ds {
			if d != "" && !slices.Contains(dirs, d) {
				dirs = append(dirs, d)
			}
		}
	}
	if env.InVirtualEnvironment() {
		add(paths.Platlib, paths.Purelib)
		if !env.IncludeSystemSitePackages {
			return dirs
		}
	}
	base := env.BasePrefix
	switch in.Vendor {
	case scheme.Debian:
		add(base+"/local/lib/"+short+"/dist-packages", base+"/lib/python3/dist-packages", base+"/lib/"+short+"/dist-packages")
	case scheme.Fedora:
		if base == "/usr" {
			add("/usr/local/lib64/"+short+"/site-packages", "/usr/local/lib/"+short+"/site-packages")
		}
		add(base+"/lib64/"+short+"/site-packages", base+"/lib/"+short+"/site-packages")
	default:
		system, err := in.Paths("posix_prefix", scheme.Vars{"base": base, "platbase": env.BaseExecPrefix})
		if err == nil && !in.Windows {
			add(system.Platlib, system.Purelib)
		} else {
			add(paths.Platlib, paths.Purelib)
		}
	}
	return dirs
}

// distributorDirs are the site directories of an interpreter that its
// distributor's package manager owns: Debian's dist-packages, Fedora's
// /usr/lib(64) site-packages, or the system site-packages of any
// interpreter the distributor marked. None in a venv.
func distributorDirs(v *Verdict, siteDirs []string) []string {
	if v.Environment.InVirtualEnvironment() {
		return nil
	}
	var out []string
	for _, d := range siteDirs {
		switch v.Interpreter.Vendor {
		case scheme.Debian, scheme.Fedora:
			if !strings.Contains(d, "/local/") {
				out = append(out, d)
			}
		default:
			if v.MarkerExists && !strings.Contains(d, "/local/") {
				out = append(out, d)
			}
		}
	}
	return out
}

// localDirs are the site directories of the local scheme, where pip
// installs on Debian and Fedora outside a venv.
func localDirs(v *Verdict, siteDirs []string) []string {
	if v.Environment.InVirtualEnvironment() {
		return nil
	}
	var out []string
	for _, d := range siteDirs {
		if strings.Contains(d, "/local/") {
			out = append(out, d)
		}
	}
	return out
}

// markerFindings compares the markers the package databases list with
// what the tree holds.
func (s *scanner) markerFindings() {
	type owned struct {
		path, pkg, evidence string
		sum                 func([]byte) string // of the file's content, as the database writes it
		want                string
	}
	var markers []owned
	for _, list := range s.dpkg {
		data, err := osfs.ReadFile(s.root, list, osfs.LimitRecord)
		if err != nil {
			continue
		}
		pkg := strings.TrimSuffix(path.Base(list), ".list")
		sums := map[string]string{}
		if md5s, err := osfs.ReadFile(s.root, strings.TrimSuffix(list, ".list")+".md5sums", osfs.LimitRecord); err == nil {
			for _, line := range strings.Split(string(md5s), "\n") {
				if sum, p, ok := strings.Cut(line, "  "); ok {
					sums["/"+p] = sum
				}
			}
		}
		for _, line := range strings.Split(string(data), "\n") {
			if path.Base(line) == "EXTERNALLY-MANAGED" {
				markers = append(markers, owned{path: line, pkg: pkg, evidence: "/" + list + " lists it (package " + pkg + ")",
					sum: func(b []byte) string { h := md5.Sum(b); return hex.EncodeToString(h[:]) }, want: sums[line]})
			}
		}
	}
	if s.hasAPK {
		if data, err := osfs.ReadFile(s.root, "lib/apk/db/installed", osfs.LimitRecord); err == nil {
			var pkg, dir, file string
			for _, line := range strings.Split(string(data), "\n") {
				key, val, _ := strings.Cut(line, ":")
				switch key {
				case "P":
					pkg = val
				case "F":
					dir = val
				case "R":
					file = val
				case "Z":
					if file == "EXTERNALLY-MANAGED" && strings.HasPrefix(val, "Q1") {
						markers = append(markers, owned{path: "/" + dir + "/" + file, pkg: pkg, evidence: "/lib/apk/db/installed lists it (package " + pkg + ")",
							sum: func(b []byte) string { h := sha1.Sum(b); return "Q1" + base64.StdEncoding.EncodeToString(h[:]) }, want: val})
					}
				}
			}
		}
	}
	for _, m := range markers {
		exe := s.interpreterOfStdlib(path.Dir(m.path))
		info, err := fs.Stat(s.root, strings.TrimPrefix(m.path, "/"))
		switch {
		case err != nil || !info.Mode().IsRegular():
			s.add(Finding{Kind: FindingMarkerRemoved, Interpreter: exe, Path: m.path,
				Detail: "the marker the package " + m.pkg + " installed is gone: installers will not refuse to change this Python", Evidence: []string{m.evidence}})
		case m.want != "":
			data, err := osfs.ReadFile(s.root, strings.TrimPrefix(m.path, "/"), osfs.LimitConfig)
			if err == nil && m.sum(data) != m.want {
				s.add(Finding{Kind: FindingMarkerEdited, Interpreter: exe, Path: m.path,
					Detail: "the marker differs from what the package " + m.pkg + " installed", Evidence: []string{m.evidence, "recorded checksum " + m.want + ", found " + m.sum(data)}})
			}
		}
	}
}

// interpreterOfStdlib returns the executable of the scanned system
// interpreter whose stdlib is dir, or "".
func (s *scanner) interpreterOfStdlib(dir string) string {
	for _, in := range s.report.Interpreters {
		if in.Verdict.Stdlib == dir && !in.Verdict.Environment.InVirtualEnvironment() {
			return in.Executable
		}
	}
	return ""
}

// distributionFindings reads every distribution of the interpreter's site
// directories: pip's in the distributor's, a .dist-info without RECORD,
// and, with Verify, files that do not match RECORD.
func (s *scanner) distributionFindings(in *ScannedInterpreter) {
	owned := distributorDirs(in.Verdict, in.SiteDirs)
	for _, dir := range in.SiteDirs {
		if s.scannedSite(dir) {
			continue
		}
		dists, err := record.List(dir, &record.FindOptions{FS: s.root})
		if err != nil {
			continue
		}
		for _, d := range dists {
			if d.Format != record.DistInfo {
				continue
			}
			if slices.Contains(owned, dir) && strings.EqualFold(d.Installer, "pip") {
				s.add(Finding{Kind: FindingPipInDistributorDir, Interpreter: in.Executable, Path: d.DistInfo,
					Detail:   fmt.Sprintf("%s %s was installed by pip into %s, which the distributor's package manager owns", d.Name, d.Version, dir),
					Evidence: []string{d.DistInfo + "/INSTALLER says pip"}})
			}
			// A distributor's own .dist-info has no RECORD (dpkg knows its
			// files): only the others' are findings.
			if d.RecordErr != nil && errors.Is(d.RecordErr, fs.ErrNotExist) && (!slices.Contains(owned, dir) || strings.EqualFold(d.Installer, "pip")) {
				s.add(Finding{Kind: FindingNoRecord, Interpreter: in.Executable, Path: d.DistInfo,
					Detail: fmt.Sprintf("%s %s has no RECORD: its files cannot be known, nor uninstalled", d.Name, d.Version), Evidence: []string{}})
				continue
			}
			if s.opts.Verify && d.RecordErr == nil {
				s.verify(in, d)
			}
		}
	}
}

// scannedSite remembers site directories already read, so that a venv
// that sees the system's site-packages does not report its findings twice.
func (s *scanner) scannedSite(dir string) bool {
	if s.sites == nil {
		s.sites = map[string]bool{}
	}
	if s.sites[dir] {
		return true
	}
	s.sites[dir] = true
	return false
}

// verify checks every file of d's RECORD, in parallel.
func (s *scanner) verify(in *ScannedInterpreter, d *record.Distribution) {
	type result struct {
		path    string
		missing bool
		differs bool
		note    string
	}
	jobs := make(chan record.Entry)
	results := make(chan result)
	var wg sync.WaitGroup
	for range s.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range jobs {
				p := e.Path
				if !path.IsAbs(p) {
					p = path.Join(d.SiteDir, p)
				}
				name := strings.TrimPrefix(path.Clean(p), "/")
				if _, err := fs.Stat(s.root, name); err != nil {
					results <- result{path: p, missing: true}
					continue
				}
				if e.Hash.IsZero() {
					continue
				}
				var ok bool
				switch {
				case e.Hash.Algorithm == "sha256":
					sum, err := s.digest(p)
					if err != nil {
						results <- result{note: fmt.Sprintf("%s: not verified: %v", p, err)}
						continue
					}
					ok = bytes.Equal(sum, e.Hash.Digest)
				case !s.hostFS():
					results <- result{note: fmt.Sprintf("%s: %s hashes are verified on a directory, not in an archive", p, e.Hash.Algorithm)}
					continue
				default:
					f, err := s.openRegular(name)
					if err != nil {
						results <- result{note: fmt.Sprintf("%s: not verified: %v", p, err)}
						continue
					}
					ok = record.Verify(record.Entry{Path: e.Path, Hash: e.Hash, Size: -1}, f) == nil
					f.Close()
				}
				if !ok {
					results <- result{path: p, differs: true}
				}
			}
		}()
	}
	go func() {
		for _, e := range d.Record {
			jobs <- e
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var missing, differs []string
	for r := range results {
		switch {
		case r.missing:
			missing = append(missing, r.path)
		case r.differs:
			differs = append(differs, r.path)
		case r.note != "":
			s.notes = append(s.notes, r.note)
		}
	}
	if len(missing)+len(differs) == 0 {
		return
	}
	sort.Strings(missing)
	sort.Strings(differs)
	evidence := []string{}
	for _, p := range missing {
		evidence = append(evidence, "missing: "+p)
	}
	for _, p := range differs {
		evidence = append(evidence, "hash differs: "+p)
	}
	s.add(Finding{Kind: FindingRecordMismatch, Interpreter: in.Executable, Path: d.DistInfo + "/RECORD",
		Detail:   fmt.Sprintf("%s %s: %d files missing, %d differ from RECORD", d.Name, d.Version, len(missing), len(differs)),
		Evidence: evidence})
}

// hostFS reports whether the root is a directory tree, whose files can be
// read whole, rather than an archive read once.
func (s *scanner) hostFS() bool {
	_, archive := s.root.(*imagefs.FS)
	return !archive
}

// hashFile is the SHA-256 of a file of a directory tree.
func (s *scanner) hashFile(p string) ([]byte, error) {
	f, err := s.openRegular(strings.TrimPrefix(path.Clean(p), "/"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// openRegular opens the file name of the tree when it is a regular file,
// looking before opening: opening a FIFO that a RECORD lists would wait
// for a writer forever, and a device may never end. (fs.FS offers no
// non-blocking open, so a file swapped for a FIFO between the look and
// the open still blocks; the tree is the scanner's to read, not to trust.)
func (s *scanner) openRegular(name string) (fs.File, error) {
	info, err := fs.Stat(s.root, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%v)", info.Mode().Type())
	}
	f, err := s.root.Open(name)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("not a regular file")
	}
	return f, nil
}

// shadowingFindings reports import names in the local scheme that hide the
// distributor's.
func (s *scanner) shadowingFindings(in *ScannedInterpreter) {
	local := localDirs(in.Verdict, in.SiteDirs)
	owned := distributorDirs(in.Verdict, in.SiteDirs)
	if len(local) == 0 || len(owned) == 0 {
		return
	}
	first := map[string]string{} // import name → the first directory holding it
	for _, dir := range in.SiteDirs {
		for _, name := range s.importNames(dir) {
			winner, ok := first[name]
			if !ok {
				first[name] = dir
				continue
			}
			if slices.Contains(local, winner) && slices.Contains(owned, dir) {
				s.add(Finding{Kind: FindingShadowing, Interpreter: in.Executable, Path: path.Join(winner, name),
					Detail:   fmt.Sprintf("%s in %s shadows the distributor's %s in %s: %s comes first in sys.path", name, winner, name, dir, winner),
					Evidence: []string{path.Join(winner, name), path.Join(dir, name)}})
			}
		}
	}
}

// importNames lists what a site directory makes importable: packages
// (directories) and modules (.py, extension modules), by name.
func (s *scanner) importNames(dir string) []string {
	entries, err := osfs.ReadDir(s.root, strings.TrimPrefix(dir, "/"))
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasSuffix(n, ".dist-info"), strings.HasSuffix(n, ".egg-info"), strings.HasSuffix(n, ".pth"),
			n == "__pycache__", strings.HasPrefix(n, "."), strings.HasSuffix(n, ".data"):
			continue
		case e.IsDir():
			names = append(names, n)
		case strings.HasSuffix(n, ".py"):
			names = append(names, strings.TrimSuffix(n, ".py"))
		case strings.HasSuffix(n, ".so"), strings.HasSuffix(n, ".pyd"):
			mod, _, _ := strings.Cut(n, ".")
			names = append(names, mod)
		}
	}
	return names
}

func (s *scanner) add(f Finding) {
	if f.Evidence == nil {
		f.Evidence = []string{}
	}
	s.report.Findings = append(s.report.Findings, f)
}
