// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import "iter"

// Paths are the directories of an install scheme as sysconfig.get_paths()
// gives them, and the headers directory pip adds. An empty field is a path
// the scheme does not have (the user schemes have no platinclude). The JSON
// form is sysconfig's dict: the path names as keys, empty ones left out.
type Paths struct {
	Stdlib      string `json:"stdlib,omitempty"`
	Platstdlib  string `json:"platstdlib,omitempty"`
	Purelib     string `json:"purelib,omitempty"`
	Platlib     string `json:"platlib,omitempty"`
	Include     string `json:"include,omitempty"`
	Platinclude string `json:"platinclude,omitempty"`
	Scripts     string `json:"scripts,omitempty"`
	Data        string `json:"data,omitempty"`

	// Headers is the directory pip installs one distribution's C headers
	// to, which no sysconfig scheme names (Interpreter.HeadersDir). Table
	// and Interpreter leave it empty; given to NewBounds, it is an install
	// target like purelib.
	Headers string `json:"headers,omitempty"`
}

// field returns the field of a path name (Stdlib, …, Headers), or nil.
func (p *Paths) field(name string) *string {
	switch name {
	case Stdlib:
		return &p.Stdlib
	case Platstdlib:
		return &p.Platstdlib
	case Purelib:
		return &p.Purelib
	case Platlib:
		return &p.Platlib
	case Include:
		return &p.Include
	case Platinclude:
		return &p.Platinclude
	case Scripts:
		return &p.Scripts
	case Data:
		return &p.Data
	case Headers:
		return &p.Headers
	}
	return nil
}

// Get returns the path of a path name (Stdlib, …, Headers), "" for one the
// scheme does not have; ok is false for a name that is none of them.
func (p Paths) Get(name string) (path string, ok bool) {
	if f := p.field(name); f != nil {
		return *f, true
	}
	return "", false
}

// Set sets the path of a path name, and reports whether name is one.
func (p *Paths) Set(name, path string) bool {
	f := p.field(name)
	if f != nil {
		*f = path
	}
	return f != nil
}

// All yields the paths the scheme has, with their names, in sysconfig's
// order (PathNames), then Headers.
func (p Paths) All() iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, name := range append(PathNames[:len(PathNames):len(PathNames)], Headers) {
			if v, _ := p.Get(name); v != "" && !yield(name, v) {
				return
			}
		}
	}
}
