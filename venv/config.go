// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pep668/pep668/internal/pystr"
)

// ConfigName is the name of the file that makes a virtual environment.
const ConfigName = "pyvenv.cfg"

// ErrEncoding means a pyvenv.cfg is not valid UTF-8; CPython fails to
// start on such a file.
var ErrEncoding = errors.New("not valid UTF-8")

// A ConfigError reports a pyvenv.cfg that cannot be read as CPython reads it.
type ConfigError struct {
	Path string // the name given to ParseConfig
	Line int    // 1-based
	Err  error  // ErrEncoding
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("venv: %s:%d: %v", e.Path, e.Line, e.Err)
}

func (e *ConfigError) Unwrap() error { return e.Err }

// Config is the content of a pyvenv.cfg, read as CPython's site.py and
// getpath read it.
type Config struct {
	// Home is the directory of the interpreter the environment was made
	// from, as getpath (3.11+) reads it: the first line whose key is home,
	// even when its value is empty, with lines split at LF only (a file of
	// CR line ends is one line). (sys._home, set by site.py, is the last
	// one, with universal newlines.) HasHome reports that such a line
	// exists.
	Home    string
	HasHome bool

	// IncludeSystemSitePackages is true unless the last
	// include-system-site-packages key holds something other than "true"
	// in any case: CPython's default is true, and "yes" means false.
	IncludeSystemSitePackages bool

	// Version is the creating Python's version: the version key (venv,
	// "3.11.7"), else version_info (virtualenv, uv: "3.8.16.final.0").
	Version string

	Executable     string // executable (venv 3.11+): the creating interpreter, resolved
	Command        string // command (venv 3.11+): how the environment was made
	Prompt         string // prompt, as written: venv writes Python's repr, 'My prompt'
	Implementation string // implementation (virtualenv, uv): "CPython", "PyPy", …
	Virtualenv     string // virtualenv: the version of virtualenv that made it
	UV             string // uv: the version of uv that made it
	BasePrefix     string // base-prefix (virtualenv)
	BaseExecPrefix string // base-exec-prefix (virtualenv)
	BaseExecutable string // base-executable (virtualenv)

	// Entries are all key = value lines, in file order.
	Entries []Entry
}

// Entry is one "key = value" line of a pyvenv.cfg.
type Entry struct {
	Key   string // folded by Python's str.lower, as CPython compares keys
	Name  string // as written, stripped
	Value string // stripped
	Line  int
}

// Get returns the value of the last entry for key, compared without regard
// to case as CPython compares keys.
func (c *Config) Get(key string) (string, bool) {
	key = pystr.Lower(key)
	for i := len(c.Entries) - 1; i >= 0; i-- {
		if c.Entries[i].Key == key {
			return c.Entries[i].Value, true
		}
	}
	return "", false
}

// ParseConfig reads the content of a pyvenv.cfg. name is used in errors
// only. The format: one "key = value" per line, split at the first '=',
// key and value stripped of whitespace, keys compared lower-cased. Lines
// without '=' are ignored. There are no sections, comments, quotes or
// escapes, and a byte-order mark is part of the first key, all as for
// CPython. The only error is invalid UTF-8, a *ConfigError.
func ParseConfig(name string, data []byte) (*Config, error) {
	if i := pystr.InvalidUTF8(data); i >= 0 {
		return nil, &ConfigError{Path: name, Line: pystr.LineOf(data, i), Err: ErrEncoding}
	}
	c := &Config{IncludeSystemSitePackages: true}
	for n, line := range pystr.Lines(string(data)) {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		e := Entry{Name: pystr.Strip(k), Value: pystr.Strip(v), Line: n + 1}
		e.Key = pystr.Lower(e.Name)
		c.Entries = append(c.Entries, e)
		c.set(e)
	}
	c.Home, c.HasHome = getpathHome(string(data))
	return c, nil
}

// getpathHome finds home as getpath.py reads pyvenv.cfg: lines split at LF
// with their trailing CRs dropped, each split at its first '=', and the
// first whose stripped, lower-cased key is home wins.
func getpathHome(text string) (string, bool) {
	for line := range strings.SplitSeq(text, "\n") {
		k, v, ok := strings.Cut(strings.TrimRight(line, "\r"), "=")
		if ok && pystr.Lower(pystr.Strip(k)) == "home" {
			return pystr.Strip(v), true
		}
	}
	return "", false
}

func (c *Config) set(e Entry) {
	switch e.Key {
	case "include-system-site-packages":
		c.IncludeSystemSitePackages = pystr.Lower(e.Value) == "true"
	case "version":
		c.Version = e.Value
	case "version_info":
		if _, ok := c.Get("version"); !ok {
			c.Version = e.Value
		}
	case "executable":
		c.Executable = e.Value
	case "command":
		c.Command = e.Value
	case "prompt":
		c.Prompt = e.Value
	case "implementation":
		c.Implementation = e.Value
	case "virtualenv":
		c.Virtualenv = e.Value
	case "uv":
		c.UV = e.Value
	case "base-prefix":
		c.BasePrefix = e.Value
	case "base-exec-prefix":
		c.BaseExecPrefix = e.Value
	case "base-executable":
		c.BaseExecutable = e.Value
	}
}
