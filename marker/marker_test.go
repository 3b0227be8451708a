// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/marker"
)

// localeDeviations are the locale names whose language this package derives
// differently from CPython's locale.getlocale, which pip uses.
var localeDeviations = map[string]string{
	"":        "CPython raises ValueError; setlocale never answers an empty name",
	"C.UTF-8": "CPython gives en_US up to 3.11 and C from 3.12; the issue's rule: C.<codeset> has no language",
	"C.utf8":  "as C.UTF-8",
	"de":      "CPython expands bare languages through its alias table (de_DE)",
	"en":      "as de (en_US)",
	"es-419":  "CPython raises ValueError for a name with neither '_' alias nor codeset",
	"zh_Hant": "as es-419",
}

// TestLanguageMatchesCPython compares LanguageFor with what each golden
// file's CPython made of its locale names.
func TestLanguageMatchesCPython(t *testing.T) {
	for _, g := range readGoldens(t) {
		if len(g.Locales) < 30 {
			t.Fatalf("golden data of %s has %d locales, want at least 30", g.Python, len(g.Locales))
		}
		for locale, want := range g.Locales {
			got := marker.LanguageFor(g.Python, locale)
			if _, ok := localeDeviations[locale]; ok {
				continue
			}
			w := ""
			if want != nil {
				w = *want
			}
			if got != w {
				t.Errorf("LanguageFor(%s, %q) = %q, want %q", g.Python, locale, got, w)
			}
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := map[string]string{
		"de_DE.UTF-8":       "de_DE",
		"sr_RS@latin":       "sr_RS",
		"sr_RS.UTF-8@latin": "sr_RS",
		"C":                 "",
		"POSIX":             "",
		"C.UTF-8":           "",
		"POSIX.UTF-8":       "",
		"":                  "",
		"de":                "de",
		"zh_Hant":           "zh_Hant",
	}
	for in, want := range tests {
		if got := marker.Language(in); got != want {
			t.Errorf("Language(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeyOrder(t *testing.T) {
	tests := map[string][]string{
		"":           {"Error"},
		"zh_Hant":    {"Error-zh_Hant", "Error-zh", "Error"},
		"de_DE":      {"Error-de_DE", "Error-de", "Error"},
		"en-US":      {"Error-en-US", "Error-en", "Error"},
		"a-b_c":      {"Error-a-b_c", "Error-a", "Error-a-b", "Error"},
		"zh-Hant_TW": {"Error-zh-Hant_TW", "Error-zh", "Error-zh-Hant", "Error"},
		"C":          {"Error-C", "Error"},
	}
	for lang, want := range tests {
		if diff := cmp.Diff(want, marker.KeyOrder(lang)); diff != "" {
			t.Errorf("KeyOrder(%q) mismatch (-want +got):\n%s", lang, diff)
		}
	}
}

// TestLocaleByVersion follows a Serbian Latin user through Message: pip
// of 3.14 shows Error-sr, pip of 3.15 Error-sr_RS@latin.
func TestLocaleByVersion(t *testing.T) {
	f, err := marker.Parse("m", []byte("[externally-managed]\nError=x\nError-sr=cyr\nError-sr_RS@latin=lat\n"))
	if err != nil {
		t.Fatal(err)
	}
	for python, want := range map[string]string{"": "Error-sr", "3.14": "Error-sr", "3.15": "Error-sr_RS@latin", "3.16": "Error-sr_RS@latin"} {
		opts := marker.FromEnv(environ.Map(map[string]string{"LANG": "sr_RS.UTF-8@latin"}))
		opts.Python = python
		if got := f.Message(opts).Key; got != want {
			t.Errorf("Python %q: key %q, want %q", python, got, want)
		}
	}
}

func TestFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want marker.Options
	}{
		{nil, marker.Options{}},
		{map[string]string{"LANG": "de_DE.UTF-8"}, marker.Options{Locale: "de_DE.UTF-8"}},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, marker.Options{Locale: "fr_FR.UTF-8"}},
		{map[string]string{"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR", "LC_ALL": "C"}, marker.Options{Locale: "C"}},
		{map[string]string{"LANG": "de_DE", "LC_ALL": ""}, marker.Options{Locale: "de_DE"}},
		{map[string]string{"LANG": "pt_BR", "LANGUAGE": "fr:de::"}, marker.Options{Locale: "pt_BR", Priority: []string{"fr", "de"}}},
		// As for gettext, LANGUAGE is ignored in the C locale.
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr:de"}, marker.Options{Locale: "C.UTF-8"}},
	}
	for _, tt := range tests {
		got := marker.FromEnv(environ.Map(tt.env))
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("FromEnv(%v) mismatch (-want +got):\n%s", tt.env, diff)
		}
	}
}

func TestMatch(t *testing.T) {
	file := "[externally-managed]\nError = base\nError-pt-BR = brasileiro\nError-fr = français\nError-de = deutsch\nError-zh_Hant = 繁體\n"
	f, err := marker.Parse("m", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		opts    marker.Options
		text    string
		key     string
		comment string
	}{
		{marker.Options{Language: "pt_BR"}, "base", "Error", "off by default: pip's order only"},
		{marker.Options{Language: "pt_BR", Match: true}, "brasileiro", "Error-pt-BR", "BCP 47 spelling found"},
		{marker.Options{Language: "pt_PT", Match: true}, "brasileiro", "Error-pt-BR", "same language, other region"},
		{marker.Options{Language: "de_AT", Match: true}, "deutsch", "Error-de", "pip's order wins before matching"},
		{marker.Options{Language: "es_ES", Match: true, Priority: []string{"fr", "de"}}, "français", "Error-fr", "LANGUAGE priority"},
		{marker.Options{Language: "de_DE", Match: true, Priority: []string{"fr"}}, "deutsch", "Error-de", "pip's order finds Error-de first"},
		{marker.Options{Language: "ja_JP", Match: true}, "base", "Error", "no close match"},
		{marker.Options{Language: "zh_TW", Match: true}, "繁體", "Error-zh_Hant", "Traditional Chinese for Taiwan"},
		{marker.Options{Match: true, Priority: []string{"not a tag!"}}, "base", "Error", "unusable preferences"},
	}
	for _, tt := range tests {
		got := f.Message(tt.opts)
		want := marker.Message{Text: tt.text, Key: tt.key}
		if got != want {
			t.Errorf("%s: Message(%+v) = %+v, want %+v", tt.comment, tt.opts, got, want)
		}
	}

	// Without an Error key, a match is still better than the default.
	f, err = marker.Parse("m", []byte("[externally-managed]\nError-pt-BR = brasileiro\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Message(marker.Options{Language: "pt_BR", Match: true}); got.Text != "brasileiro" {
		t.Errorf("Message(pt_BR, Match) = %+v, want brasileiro", got)
	}
	if got := f.Message(marker.Options{Language: "pt_BR"}); !got.Default || !errors.Is(got.Problem, marker.ErrNoKey) {
		t.Errorf("Message(pt_BR) = %+v, want the default with ErrNoKey", got)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string) string {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write := func(p string) {
		if err := os.WriteFile(p, []byte("[externally-managed]\nError = x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(mk("file"), marker.FileName))
	mk(filepath.Join("directory", marker.FileName))
	mk("absent")
	if err := os.Symlink(filepath.Join(dir, "file", marker.FileName), filepath.Join(mk("link"), marker.FileName)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(mk("dangling"), marker.FileName)); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(mk("empty-ok"), marker.FileName))

	fsys := os.DirFS(dir)
	tests := map[string]bool{
		"file":      true,
		"link":      true,
		"directory": false,
		"dangling":  false,
		"absent":    false,
		"missing":   false, // the directory itself does not exist
	}
	if _, err := os.Readlink(filepath.Join(dir, "link", marker.FileName)); err != nil {
		t.Logf("links made do not read back (Wine): the link cases are not run: %v", err)
		delete(tests, "link")
		delete(tests, "dangling")
	}
	for d, want := range tests {
		name, found, err := marker.Find(fsys, d)
		if err != nil || found != want || name != d+"/"+marker.FileName {
			t.Errorf("Find(%s) = %q, %v, %v; want %v, no error", d, name, found, err, want)
		}
	}
	if _, _, err := marker.Find(fsys, "../escape"); err == nil {
		t.Errorf("Find(../escape) succeeded; want an invalid-path error")
	}
}

func TestReadFailsClosed(t *testing.T) {
	fsys := fstest.MapFS{
		"dir/" + marker.FileName:  {Mode: fs.ModeDir},
		"bad/" + marker.FileName:  {Data: []byte("[externally-managed]\nError = \xff\n")},
		"dup/" + marker.FileName:  {Data: []byte("[externally-managed]\nError = a\nERROR = b\n")},
		"none/" + marker.FileName: {Data: []byte("[other]\nError = a\n")},
	}
	tests := []struct {
		name string
		want error
	}{
		{"dir/" + marker.FileName, nil}, // a read error: checked with errors.As below
		{"missing/" + marker.FileName, fs.ErrNotExist},
		{"bad/" + marker.FileName, marker.ErrEncoding},
		{"dup/" + marker.FileName, marker.ErrDuplicateOption},
		{"none/" + marker.FileName, marker.ErrNoSection},
	}
	for _, tt := range tests {
		m := marker.Read(fsys, tt.name, marker.Options{Prefix: "/usr"})
		if !m.Default || m.Key != "" || m.Text != marker.DefaultMessage("/usr") || m.Problem == nil {
			t.Errorf("Read(%s) = %+v, want the default message with a problem", tt.name, m)
		}
		if tt.want != nil && !errors.Is(m.Problem, tt.want) {
			t.Errorf("Read(%s).Problem = %v, want %v", tt.name, m.Problem, tt.want)
		}
	}
	m := marker.Read(fsys, "dup/"+marker.FileName, marker.Options{})
	var pe *marker.ParseError
	if !errors.As(m.Problem, &pe) || pe.Line != 3 || pe.Path != "dup/"+marker.FileName {
		t.Errorf("Read(dup).Problem = %#v, want a *ParseError on line 3", m.Problem)
	}
	if want := `marker: dup/EXTERNALLY-MANAGED:3: duplicate option: "ERROR = b"`; m.Problem.Error() != want {
		t.Errorf("Problem.Error() = %q, want %q", m.Problem.Error(), want)
	}
}

func TestDefaultMessage(t *testing.T) {
	for _, prefix := range []string{"/usr", ""} {
		msg := marker.DefaultMessage(prefix)
		if !strings.Contains(msg, "virtual environment") || !strings.Contains(msg, "python3 -m venv") {
			t.Errorf("DefaultMessage(%q) = %q; want it to suggest a virtual environment", prefix, msg)
		}
		if prefix != "" && !strings.Contains(msg, "under "+prefix+" ") {
			t.Errorf("DefaultMessage(%q) = %q; want it to name the prefix", prefix, msg)
		}
	}
}

func TestParseForPython39(t *testing.T) {
	data := []byte("[externally-managed]x]\nError = old\n")
	for _, tt := range []struct {
		python string
		want   error
	}{
		{"3.9", nil},
		{"3.8.18", nil},
		{"3.10", marker.ErrNoSection},
		{"", marker.ErrNoSection},
		{"not a version", marker.ErrNoSection},
	} {
		_, err := marker.ParseFor(tt.python, "m", data)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseFor(%q) error = %v, want %v", tt.python, err, tt.want)
		}
	}
}

func TestKeysOfFile(t *testing.T) {
	f, err := marker.Parse("m", []byte("[DEFAULT]\nError = d\nError-fr = f\n[externally-managed]\nERROR = s\nError-de = de\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ERROR", "Error-de", "Error-fr"}, f.Keys()); diff != "" {
		t.Errorf("Keys() mismatch (-want +got):\n%s", diff)
	}
}

func TestRender(t *testing.T) {
	good := []struct {
		msg          string
		translations map[string]string
	}{
		{"", nil},
		{"one line", nil},
		{"a\nb\n\nc", map[string]string{"de_DE": "x\n\ny", "fr": ""}},
		{"\nstarts empty", nil},
		{"#1 on the first line is fine\n[not a section]\nkey = value: kept", nil},
		{"tabs\tinside\nand % signs %(x)s", map[string]string{"zh_Hant": "繁體"}},
	}
	for _, tt := range good {
		data, err := marker.Render(tt.msg, tt.translations)
		if err != nil {
			t.Errorf("Render(%q) error: %v", tt.msg, err)
			continue
		}
		f, err := marker.Parse("rendered", data)
		if err != nil {
			t.Errorf("Parse(Render(%q)) error: %v\n%s", tt.msg, err, data)
			continue
		}
		if got, _ := f.Lookup("Error"); got != tt.msg {
			t.Errorf("Render(%q) reads back as %q", tt.msg, got)
		}
		for lang, want := range tt.translations {
			if m := f.Message(marker.Options{Language: lang}); m.Text != want || m.Key != "Error-"+lang {
				t.Errorf("Render(…, %s=%q) reads back as %+v", lang, want, m)
			}
		}
	}

	bad := []struct {
		msg          string
		translations map[string]string
	}{
		{" leading space", nil},
		{"trailing space ", nil},
		{"a\n  indented", nil},
		{"a\n# comment", nil},
		{"a\n; comment", nil},
		{"ends with newline\n", nil},
		{"carriage\rreturn", nil},
		{"a\n \nb", nil},
		{"\xff", nil},
		{"ok", map[string]string{"": "x"}},
		{"ok", map[string]string{"de DE": "x"}},
		{"ok", map[string]string{"de=DE": "x"}},
		{"ok", map[string]string{"de:DE": "x"}},
		{"ok", map[string]string{"de": "x", "DE": "y"}},
		{"ok", map[string]string{"de": "bad\n"}},
	}
	for _, tt := range bad {
		if data, err := marker.Render(tt.msg, tt.translations); !errors.Is(err, marker.ErrUnrepresentable) {
			t.Errorf("Render(%q, %q) = %q, %v; want ErrUnrepresentable", tt.msg, tt.translations, data, err)
		}
	}
}
