// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/internal/pystr"
	"github.com/pep668/pep668/internal/testpython"
	"github.com/pep668/pep668/marker"
)

// golden is one testdata/golden-<version>.json, written by
// internal/testdata/gen/marker_golden.py with that CPython (pyenv's 3.11.7
// with pip 23.2.1; 3.14.2 and 3.15.0rc1 in pyodide with pip's source): for
// every file of testdata/corpus, what configparser makes of it and what pip
// shows for each language.
type golden struct {
	Python    string                `json:"python"`
	Pip       string                `json:"pip"`
	Languages []*string             `json:"languages"`
	Locales   map[string]*string    `json:"locales"` // locale name → getlocale()[0]; "ValueError" when it raises
	Cases     map[string]goldenCase `json:"cases"`
}

type goldenCase struct {
	Configparser configparserResult   `json:"configparser"`
	Pip          map[string]pipResult `json:"pip"` // by language; "None" for none
}

type configparserResult struct {
	Error    string            `json:"error"` // the exception's class name
	Line     int               `json:"line"`
	Sections []string          `json:"sections"`
	Options  map[string]string `json:"options"` // of [externally-managed], DEFAULT included
}

type pipResult struct {
	Crash     string `json:"crash"` // the exception pip does not handle
	Default   bool   `json:"default"`
	Warning   bool   `json:"warning"`   // "Failed to read …" was logged
	Key       string `json:"key"`       // the key whose value pip shows
	Displayed string `json:"displayed"` // what pip shows, where it is not the value
}

// knownDeviations are the corpus files this package reads differently from
// CPython and pip, on purpose; see the package documentation.
var knownDeviations = map[string]string{
	"bom": "a UTF-8 byte-order mark is skipped; pip rejects the file",
}

// pythonErrors maps CPython's exception names to this package's errors.
var pythonErrors = map[string]error{
	"UnicodeDecodeError":        marker.ErrEncoding,
	"MissingSectionHeaderError": marker.ErrMissingSectionHeader,
	"ParsingError":              marker.ErrSyntax,
	"DuplicateSectionError":     marker.ErrDuplicateSection,
	"DuplicateOptionError":      marker.ErrDuplicateOption,
}

// readGoldens returns every golden file, oldest Python first.
func readGoldens(t testing.TB) []*golden {
	t.Helper()
	files, err := filepath.Glob("testdata/golden-*.json")
	if err != nil || len(files) < 3 {
		t.Fatalf("golden files %v (%v); want at least 3", files, err)
	}
	var gs []*golden
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var g golden
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		gs = append(gs, &g)
	}
	return gs
}

func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestGoldenCorpusIsComplete(t *testing.T) {
	entries, err := os.ReadDir("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range readGoldens(t) {
		if len(entries) != len(g.Cases) || len(entries) < 100 {
			t.Fatalf("corpus has %d files, golden data of %s %d cases; want the same, at least 100", len(entries), g.Python, len(g.Cases))
		}
		for _, e := range entries {
			if _, ok := g.Cases[e.Name()]; !ok {
				t.Errorf("corpus file %s has no golden result for %s", e.Name(), g.Python)
			}
		}
	}
}

// TestParseMatchesConfigparser compares Parse with CPython's configparser on
// every corpus file: the same error class on the same line, or the same
// options with the same values.
func TestParseMatchesConfigparser(t *testing.T) {
	for _, g := range readGoldens(t) {
		for name, c := range g.Cases {
			if _, ok := knownDeviations[name]; ok {
				continue
			}
			f, err := marker.ParseFor(g.Python, name, readCorpus(t, name))
			if msg := checkParse(f, err, c.Configparser); msg != "" {
				t.Errorf("ParseFor(%s, %s): %s", g.Python, name, msg)
			}
		}
	}
}

// checkParse returns what is wrong with a parse result, given
// configparser's, or "".
func checkParse(f *marker.File, err error, want configparserResult) string {
	switch {
	case want.Error != "":
		var pe *marker.ParseError
		if !errors.As(err, &pe) || !errors.Is(err, pythonErrors[want.Error]) || pe.Line != want.Line {
			return fmt.Sprintf("error %v, want %s on line %d", err, want.Error, want.Line)
		}
	case want.Options == nil:
		if !errors.Is(err, marker.ErrNoSection) {
			return fmt.Sprintf("error %v, want ErrNoSection", err)
		}
	case err != nil:
		return fmt.Sprintf("error %v, want options %q", err, want.Options)
	default:
		if diff := cmp.Diff(want.Options, options(f)); diff != "" {
			return fmt.Sprintf("options mismatch (-configparser +Parse):\n%s", diff)
		}
	}
	return ""
}

// options returns the file's options as configparser lists them: folded
// names, values.
func options(f *marker.File) map[string]string {
	m := make(map[string]string)
	for _, k := range f.Keys() {
		m[pystr.Lower(k)], _ = f.Lookup(k)
	}
	return m
}

// TestMessageMatchesPip compares Read with pip's from_config on every corpus
// file and every language of the golden data.
func TestMessageMatchesPip(t *testing.T) {
	for _, g := range readGoldens(t) {
		for name, c := range g.Cases {
			if _, ok := knownDeviations[name]; ok {
				continue
			}
			fsys := fstest.MapFS{name: {Data: readCorpus(t, name)}}
			for lang, want := range c.Pip {
				opts := marker.Options{Language: lang, Prefix: "/opt/python", Python: g.Python}
				if lang == "None" {
					opts.Language = ""
				}
				got := marker.Read(fsys, name, opts)
				if msg := checkMessage(got, want, c.Configparser.Options); msg != "" {
					t.Errorf("%s with pip %s, %s, language %s: %s", g.Python, g.Pip, name, lang, msg)
				}
			}
		}
	}
}

// checkMessage returns what is wrong with got, given pip's result and
// configparser's options, or "".
func checkMessage(got marker.Message, pip pipResult, options map[string]string) string {
	switch {
	case pip.Crash != "":
		if !got.Default || !errors.Is(got.Problem, pythonErrors[pip.Crash]) {
			return fmt.Sprintf("got %+v, want the default message for pip's %s", got, pip.Crash)
		}
	case pip.Default:
		wantProblem := []error{marker.ErrNoSection, marker.ErrNoKey}
		if pip.Warning { // pip could not read the file
			wantProblem = []error{marker.ErrEncoding, marker.ErrMissingSectionHeader, marker.ErrSyntax}
		}
		if !got.Default || !slices.ContainsFunc(wantProblem, func(e error) bool { return errors.Is(got.Problem, e) }) {
			return fmt.Sprintf("got %+v, want the default message with one of %v", got, wantProblem)
		}
		if !strings.Contains(got.Text, "/opt/python") {
			return fmt.Sprintf("default message %q does not name the prefix", got.Text)
		}
	default:
		want := marker.Message{Text: options[pystr.Lower(pip.Key)], Key: pip.Key}
		if diff := cmp.Diff(want, got); diff != "" {
			return fmt.Sprintf("message mismatch (-pip +Read):\n%s", diff)
		}
		if pip.Displayed != "" && stripRichControls(got.Text) != pip.Displayed {
			return fmt.Sprintf("text %q, shown without control characters, is not pip's %q", got.Text, pip.Displayed)
		}
	}
	return ""
}

// stripRichControls removes what pip's output library (rich) removes from
// the text it shows.
func stripRichControls(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("\a\b\v\f\r", r) {
			return -1
		}
		return r
	}, s)
}

func TestKnownDeviations(t *testing.T) {
	m := marker.Read(fstest.MapFS{"bom": {Data: readCorpus(t, "bom")}}, "bom", marker.Options{})
	if want := (marker.Message{Text: "with bom", Key: "Error"}); m != want {
		t.Errorf("Read(bom) = %+v, want %+v", m, want)
	}
}

// TestConfigparserOfEveryInterpreter runs the generator's configparser half
// with every reference interpreter of the machine and compares each with
// this package reading the corpus as that version (Options.Python).
func TestConfigparserOfEveryInterpreter(t *testing.T) {
	g := readGoldens(t)[0]
	for _, py := range testpython.All(t) {
		t.Run(py.Name, func(t *testing.T) {
			t.Parallel()
			out := py.Run(t, "../internal/testdata/gen/marker_golden.py", "--configparser-only")
			var results map[string]configparserResult
			if err := json.Unmarshal(out, &results); err != nil {
				t.Fatal(err)
			}
			if len(results) != len(g.Cases) {
				t.Fatalf("%s gave %d results for %d cases", py.Name, len(results), len(g.Cases))
			}
			for name, want := range results {
				if _, ok := knownDeviations[name]; ok {
					continue
				}
				data := readCorpus(t, name)
				f, err := marker.ParseFor(py.Version, name, data)
				if msg := checkParse(f, err, want); msg != "" {
					t.Errorf("%s: %s", name, msg)
				}
			}
		})
	}
}
