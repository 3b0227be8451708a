// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pep668/pep668/internal/confined"
)

// FuzzJournal reads arbitrary journals: a planted or torn one is refused
// or read as far as it is whole, and what is read never names a path
// outside its install directories, a move out of its own stash, or an
// install directory that is not trusted.
func FuzzJournal(f *testing.F) {
	root, _ := filepath.EvalSymlinks(f.TempDir())
	sep := string(filepath.Separator)
	good := journal{ID: "00ff", Distribution: "pkg 1.0", Roots: []string{root}, Primary: 0,
		Moves: []journalMove{{Root: 0, From: "pkg" + sep + "a.py", To: stashPrefix + "00ff" + sep + "0"}},
		Dirs:  []journalDir{{Root: 0, Path: "pkg", Mode: 0o755}}}
	var lines []string
	planned := 2
	for _, l := range []journalLine{{Header: &good}, {Move: &good.Moves[0]}, {Dir: &good.Dirs[0]}, {Planned: &planned}, {Committed: true}} {
		data, _ := json.Marshal(l)
		lines = append(lines, string(data))
	}
	f.Add(strings.Join(lines, "\n") + "\n")
	f.Add(strings.Join(lines[:2], "\n") + "\n{\"move\":{\"root\":0,\"From\":\"../../etc/passwd\",\"To\":\"x\"}}\n")
	f.Add(`{"header":{"id":"00ff","roots":["/etc"],"primary":0}}` + "\n")
	f.Add(`{"header":{"id":"00ff","roots":["` + root + `"],"primary":3}}` + "\n")
	f.Add("{\"header\":")

	stash := stashPrefix + "00ff"
	if err := os.Mkdir(filepath.Join(root, stash), 0o700); err != nil {
		f.Fatal(err)
	}
	d, err := confined.Open(root)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { d.Close() })
	trusted := func(r string) bool { return r == root }
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(root, stash, journalName)
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		j, err := readJournal(d, stash, trusted)
		if err != nil {
			return
		}
		for _, r := range j.Roots {
			if r != root {
				t.Fatalf("untrusted root %q read", r)
			}
		}
		for _, m := range j.Moves {
			if m.Root != 0 || !filepath.IsLocal(m.From) || !strings.HasPrefix(m.To, stash+sep) || !filepath.IsLocal(m.To) {
				t.Fatalf("move out of bounds read: %+v", m)
			}
		}
		for _, dir := range j.Dirs {
			if dir.Root != 0 || !filepath.IsLocal(dir.Path) {
				t.Fatalf("directory out of bounds read: %+v", dir)
			}
		}
		if j.committed && !j.whole {
			t.Fatalf("committed without being whole")
		}
	})
}
