// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import "testing"

// Results of ntpath.normpath on CPython 3.10 and 3.11 (run on Linux, where
// it is the pure-Python implementation), and posixpath.normpath.
func TestNormpath(t *testing.T) {
	nt := []struct{ in, py310, py311 string }{
		{"///three/slashes/.", `\three\slashes`, `\\\three\slashes`},
		{"//server/share/x/../..", `\\server\share\`, `\\server\share\`},
		{"//server", `\server`, `\\server`},
		{"//server/", `\\server\`, `\\server\`},
		{`\\?\C:\long\..`, `\\?\C:\long\..`, `\\?\C:\`},
		{`\\.\dev`, `\\.\dev`, `\\.\dev`},
		{`\\?\UNC\srv\share\a\..`, `\\?\UNC\srv\share\a\..`, `\\?\UNC\srv\share\`},
		{"C:..\\x", `C:..\x`, `C:..\x`},
		{"c:/a/../..", `c:\`, `c:\`},
		{"D:relative\\x", `D:relative\x`, `D:relative\x`},
		{`\rooted\..\..`, `\`, `\`},
		{"//a//b/c", `\a\b\c`, `\\a\\b\c`},
		{"", ".", "."},
		{"///", `\`, `\\\`},
	}
	for _, tt := range nt {
		if got := normWindows(tt.in, 10); got != tt.py310 {
			t.Errorf("normWindows(%q, 3.10) = %q, want %q", tt.in, got, tt.py310)
		}
		if got := normWindows(tt.in, 11); got != tt.py311 {
			t.Errorf("normWindows(%q, 3.11) = %q, want %q", tt.in, got, tt.py311)
		}
	}
	posix := map[string]string{
		"": ".", "/": "/", "//": "//", "///": "/", "//a//b/": "//a/b", "a/../..": "..",
		"/../a": "/a", "./p": "p", "a/./b/.": "a/b", "../../x/..": "../..",
	}
	for in, want := range posix {
		if got := normPOSIX(in); got != want {
			t.Errorf("normPOSIX(%q) = %q, want %q", in, got, want)
		}
	}
}
