// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"os"
	"path/filepath"

	"github.com/pep668/pep668/marker"
)

// markerResult is the JSON output of pep668 marker.
type markerResult struct {
	Path    string  `json:"path"`
	Found   bool    `json:"found"`   // FILE is a regular file, so a marker
	Message *string `json:"message"` // null when not found
	Key     *string `json:"key"`     // null for the default message
	Default bool    `json:"default"` // the message is the library's own
	Problem *string `json:"problem"` // why the default message, or why not found
}

func runMarker(e *env, args []string) int {
	fs := newFlagSet("marker")
	asJSON := fs.Bool("json", false, "print a JSON object")
	locale := fs.String("locale", "", "POSIX locale `NAME` (default: from LC_ALL, LC_MESSAGES, LANG)")
	prefix := fs.String("prefix", "", "interpreter prefix `DIR` the default message names")
	python := fs.String("python", "", "Python version `X.Y` whose configparser reads the file (default: 3.10 and newer)")
	match := fs.Bool("match", false, "also match Error-<tag> keys by BCP 47, beyond the specification")
	files, err := parseFlags(fs, args)
	if err == nil && len(files) != 1 {
		err = fmt.Errorf("%w: want exactly one FILE", errUsage)
	}
	if err != nil {
		return usageError(e, "marker", fs, err)
	}
	file := files[0]

	opts := marker.FromEnv(e.lookupEnv)
	if isSet(fs, "locale") {
		opts = marker.Options{Locale: *locale}
	}
	opts.Prefix, opts.Python, opts.Match = *prefix, *python, *match

	res := markerResult{Path: file}
	info, err := os.Stat(file)
	switch {
	case err != nil:
		res.Problem = ptr(err.Error())
	case !info.Mode().IsRegular():
		res.Problem = ptr(fmt.Sprintf("%s is not a regular file, so not a marker", file))
	default:
		res.Found = true
		dir, name := filepath.Split(file)
		if dir == "" {
			dir = "."
		}
		m := marker.Read(os.DirFS(dir), name, opts)
		res.Message, res.Default = &m.Text, m.Default
		if !m.Default {
			res.Key = &m.Key
		}
		if m.Problem != nil {
			res.Problem = ptr(problemText(m.Problem, file))
		}
	}

	if *asJSON {
		if err := writeJSON(e.stdout, res); err != nil {
			printError(e, "marker", err)
			return exitFailure
		}
	} else if res.Found {
		fmt.Fprintln(e.stdout, text(*res.Message))
		if res.Problem != nil {
			fmt.Fprintf(e.stderr, "pep668 marker: default message: %s\n", quote(*res.Problem))
		}
	}
	if !res.Found {
		if !*asJSON {
			fmt.Fprintf(e.stderr, "pep668 marker: no marker: %s\n", quote(*res.Problem))
		}
		return exitNo
	}
	return exitOK
}

// problemText describes a problem with the marker file, naming it by the
// path the user gave rather than its name inside the directory read.
func problemText(problem error, file string) string {
	var pe *marker.ParseError
	var pathErr *iofs.PathError
	switch {
	case errors.As(problem, &pe):
		named := *pe
		named.Path = file
		return named.Error()
	case errors.As(problem, &pathErr):
		named := *pathErr
		named.Path = file
		return named.Error()
	}
	return problem.Error()
}

func ptr[T any](v T) *T { return &v }
