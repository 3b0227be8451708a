// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package environ adapts the environment lookups the public API takes
// (func(string) (string, bool), as os.LookupEnv) to the places that only
// need a value.
package environ

// Getter returns a function giving the value of a variable, "" when unset
// or when lookup is nil (no environment).
func Getter(lookup func(string) (string, bool)) func(string) string {
	return func(name string) string {
		if lookup == nil {
			return ""
		}
		v, _ := lookup(name)
		return v
	}
}

// Map returns a lookup over m: a variable is set when it is a key of m.
func Map(m map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := m[name]
		return v, ok
	}
}
