// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import (
	"errors"
	"fmt"
	"strings"
)

// Vars are the variables a template refers to, such as base and
// py_version_short: sysconfig's config variables or a caller's values.
type Vars map[string]string

// The errors an ExpandError can carry.
var (
	ErrUnknownVariable = errors.New("unknown variable")
	ErrBadTemplate     = errors.New("malformed template")
)

// An ExpandError reports a template that cannot be expanded.
type ExpandError struct {
	Scheme, Path, Template string
	Name                   string // the variable, for ErrUnknownVariable
	Err                    error
}

func (e *ExpandError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("scheme: %s.%s = %q: %v {%s}", e.Scheme, e.Path, e.Template, e.Err, e.Name)
	}
	return fmt.Sprintf("scheme: %s.%s = %q: %v", e.Scheme, e.Path, e.Template, e.Err)
}

func (e *ExpandError) Unwrap() error { return e.Err }

// format substitutes vars into a template as Python's str.format(**vars)
// does for the templates of sysconfig: "{name}" fields and "{{", "}}"
// escapes. Fields with attributes, indexes, conversions or format specs
// are reported as ErrBadTemplate, an unknown name as ErrUnknownVariable.
func format(template string, vars Vars) (string, string, error) {
	var b strings.Builder
	for i := 0; i < len(template); i++ {
		c := template[i]
		switch {
		case c == '{' && i+1 < len(template) && template[i+1] == '{':
			b.WriteByte('{')
			i++
		case c == '}' && i+1 < len(template) && template[i+1] == '}':
			b.WriteByte('}')
			i++
		case c == '}':
			return "", "", ErrBadTemplate // "Single '}' encountered"
		case c == '{':
			end := strings.IndexByte(template[i:], '}')
			if end < 0 {
				return "", "", ErrBadTemplate
			}
			name := template[i+1 : i+end]
			if !isIdentifier(name) {
				return "", name, ErrBadTemplate
			}
			v, ok := vars[name]
			if !ok {
				return "", name, ErrUnknownVariable
			}
			b.WriteString(v)
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), "", nil
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

// normPOSIX is Python's posixpath.normpath: "." for an empty path, runs of
// slashes collapsed except a leading pair, "." dropped, ".." applied
// lexically but kept at the start of a relative path.
func normPOSIX(p string) string {
	if p == "" {
		return "."
	}
	slashes := 0
	if strings.HasPrefix(p, "/") {
		slashes = 1
		if strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "///") {
			slashes = 2
		}
	}
	var comps []string
	for _, c := range strings.Split(p, "/") {
		switch {
		case c == "" || c == ".":
		case c != ".." || (slashes == 0 && len(comps) == 0) || (len(comps) > 0 && comps[len(comps)-1] == ".."):
			comps = append(comps, c)
		case len(comps) > 0:
			comps = comps[:len(comps)-1]
		}
	}
	out := strings.Repeat("/", slashes) + strings.Join(comps, "/")
	if out == "" {
		return "."
	}
	return out
}

// normWindows is Python's ntpath.normpath of CPython 3.minor: '/' becomes
// '\', the drive or UNC share is kept, runs of separators collapse, "." is
// dropped and ".." applied lexically, never above the root. The drive rules
// changed in 3.11 (see splitDrive); before that, device paths (\\.\,
// \\?\) were returned unchanged.
func normWindows(p string, minor int) string {
	if minor <= 10 && (strings.HasPrefix(p, `\\.\`) || strings.HasPrefix(p, `\\?\`)) {
		return p
	}
	p = strings.ReplaceAll(p, "/", `\`)
	prefix, rest := splitDrive(p, minor)
	if strings.HasPrefix(rest, `\`) {
		prefix += `\`
		rest = strings.TrimLeft(rest, `\`)
	}
	var comps []string
	for _, c := range strings.Split(rest, `\`) {
		switch {
		case c == "" || c == ".":
		case c != "..":
			comps = append(comps, c)
		case len(comps) > 0 && comps[len(comps)-1] != "..":
			comps = comps[:len(comps)-1]
		case len(comps) == 0 && strings.HasSuffix(prefix, `\`):
			// ".." at the root stays at the root
		default:
			comps = append(comps, c)
		}
	}
	if prefix == "" && len(comps) == 0 {
		return "."
	}
	return prefix + strings.Join(comps, `\`)
}

// splitDrive is ntpath.splitdrive of CPython 3.minor for a path with '\'
// separators: a drive "C:", or a UNC share "\\server\share". Up to 3.10 a
// UNC path may not start with three separators and its share may not be
// empty; from 3.11 any path starting with two separators has a drive running
// to the second separator after them ("\\?\UNC\" counts as the start).
func splitDrive(p string, minor int) (drive, rest string) {
	if strings.HasPrefix(p, `\\`) && (minor >= 11 || !strings.HasPrefix(p, `\\\`)) {
		start := 2
		if minor >= 11 && len(p) >= 8 && strings.EqualFold(p[:8], `\\?\UNC\`) {
			start = 8
		}
		i := strings.IndexByte(p[start:], '\\')
		if i < 0 {
			if minor >= 11 {
				return p, ""
			}
			return "", p
		}
		i += start
		j := strings.IndexByte(p[i+1:], '\\')
		switch {
		case j == 0 && minor <= 10:
			return "", p // an empty share name
		case j < 0:
			return p, ""
		}
		return p[:i+1+j], p[i+1+j:]
	}
	if len(p) >= 2 && p[1] == ':' {
		return p[:2], p[2:]
	}
	return "", p
}
