// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package testfs makes the hostile files the tests throw at the library:
// FIFOs, links to devices, huge sparse files; and catches a read that
// would block on them.
package testfs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The kinds of special file Make makes.
const (
	FIFO = "fifo" // a named pipe: opening it to read blocks until a writer comes
	Zero = "zero" // a link to /dev/zero: reading it never ends
	Huge = "huge" // a sparse regular file of the size asked for
)

// Kinds lists the kinds of special file.
var Kinds = []string{FIFO, Zero, Huge}

// Make replaces the file p with a special file of the kind given; size is
// for Huge. It skips the test where such a file cannot be made.
func Make(t testing.TB, p, kind string, size int64) {
	t.Helper()
	os.Remove(p)
	os.MkdirAll(filepath.Dir(p), 0o755)
	var err error
	switch kind {
	case FIFO:
		err = mkfifo(p)
	case Zero:
		err = os.Symlink("/dev/zero", p)
	case Huge:
		var f *os.File
		if f, err = os.Create(p); err == nil {
			err = f.Truncate(size)
			f.Close()
		}
	}
	if err != nil {
		t.Skip("cannot make a special file:", err)
	}
}

// Within fails the test when f does not return within ten seconds: a read
// that blocks on a FIFO would hang the test forever.
func Within(t testing.TB, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s blocked", what)
	}
}
