// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv

import (
	"path/filepath"

	"github.com/pep668/pep668/internal/environ"
)

// Activation is what a shell's environment variables say about an
// activated environment. It is a hint for choosing an interpreter, not a
// fact about one: variables outlive the environments they name, and an
// interpreter run by path ignores them. Detect tells the truth.
type Activation struct {
	VirtualEnv  string // $VIRTUAL_ENV, set by a venv's activate script
	CondaPrefix string // $CONDA_PREFIX, set by conda activate
	// CondaKind is KindCondaBase or KindConda for CondaPrefix, decided as
	// uv decides it from CONDA_DEFAULT_ENV and _CONDA_ROOT; "" without
	// CondaPrefix.
	CondaKind Kind
}

// ActivationFromEnv reads VIRTUAL_ENV, CONDA_PREFIX, CONDA_DEFAULT_ENV and
// _CONDA_ROOT through lookupEnv (typically os.LookupEnv).
//
// A conda prefix is the base environment when _CONDA_ROOT names it, or
// when CONDA_DEFAULT_ENV is set and is neither the prefix itself nor its
// last path element; it is another environment otherwise.
func ActivationFromEnv(lookupEnv func(string) (string, bool)) Activation {
	getenv := environ.Getter(lookupEnv)
	a := Activation{VirtualEnv: getenv("VIRTUAL_ENV"), CondaPrefix: getenv("CONDA_PREFIX")}
	if a.CondaPrefix == "" {
		return a
	}
	defaultEnv := getenv("CONDA_DEFAULT_ENV")
	switch {
	case getenv("_CONDA_ROOT") == a.CondaPrefix:
		a.CondaKind = KindCondaBase
	case defaultEnv == "", defaultEnv == a.CondaPrefix, defaultEnv == baseName(a.CondaPrefix):
		a.CondaKind = KindConda
	default:
		a.CondaKind = KindCondaBase
	}
	return a
}

// baseName is the last element of a POSIX or Windows path.
func baseName(p string) string {
	for len(p) > 1 && (p[len(p)-1] == '/' || p[len(p)-1] == '\\') {
		p = p[:len(p)-1]
	}
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' || p[i] == '\\' {
			return p[i+1:]
		}
	}
	return filepath.Base(p)
}
