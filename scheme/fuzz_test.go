// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme_test

import (
	"errors"
	"testing"

	"github.com/pep668/pep668/scheme"
)

// FuzzExpand expands a fuzzed template-like base through every scheme of
// both path flavours: no panic, errors are typed, and the normalised paths
// are fixed points of normalisation.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{"/usr", "//net/x", "C:\\Python311", "\\\\?\\UNC\\s\\h", "a/../..", "", "{base}", "}{", "~/x", "\\\\server"} {
		f.Add(s, "3.11", true)
		f.Add(s, "3.10", false)
	}
	f.Fuzz(func(t *testing.T, base, version string, windows bool) {
		table, err := scheme.NewTable(scheme.CPython, version, windows, nil)
		if err != nil {
			if !errors.Is(err, scheme.ErrUnknownVersion) {
				t.Fatalf("NewTable(%q) error %v", version, err)
			}
			return
		}
		vars := scheme.Vars{"base": base, "platbase": base, "installed_base": base, "installed_platbase": base,
			"userbase": base, "py_version_short": "3.x", "py_version_nodot": "3x", "py_version_nodot_plat": "",
			"abiflags": "", "abi_thread": "", "platlibdir": "lib", "implementation": "Python", "implementation_lower": "python"}
		for _, name := range table.Names() {
			paths, err := table.Paths(name, vars)
			if err != nil {
				t.Fatalf("Paths(%s) error %v", name, err)
			}
			for key, p := range paths.All() {
				if again := table.Clean(p); again != p {
					t.Fatalf("%s.%s = %q, but normalising it again gives %q", name, key, p, again)
				}
			}
		}
	})
}
