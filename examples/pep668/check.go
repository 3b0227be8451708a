// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"fmt"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/marker"
)

// checkResult is the JSON output of pep668 check.
type checkResult struct {
	Python               string   `json:"python"`
	FoundAs              string   `json:"found_as"` // the command PATH gave, perhaps a launcher
	ResolvedHow          string   `json:"resolved_how"`
	ExternallyManaged    bool     `json:"externally_managed"`
	Allowed              bool     `json:"allowed"`
	Reason               string   `json:"reason"`
	Explanation          []string `json:"explanation"`
	InVirtualEnvironment bool     `json:"in_virtual_environment"`
	Kind                 string   `json:"kind"`
	Prefix               string   `json:"prefix"`
	BasePrefix           string   `json:"base_prefix"`
	Vendor               string   `json:"vendor"`
	Version              string   `json:"version"`
	Implementation       string   `json:"implementation"` // "cpython" or "pypy"
	Rules                string   `json:"rules"`          // the version whose rules answered: version, or the newest known
	Scheme               string   `json:"scheme"`
	Stdlib               string   `json:"stdlib"`
	MarkerPath           string   `json:"marker_path"`   // where the marker belongs, looked at in every case
	MarkerExists         bool     `json:"marker_exists"` // a regular file is there
	Message              *string  `json:"message"`
	Key                  *string  `json:"key"`
	DefaultMessage       bool     `json:"default_message"`
	Problem              *string  `json:"problem"`
	Override             *string  `json:"override"`
	Notes                []string `json:"notes"`
}

func runCheck(e *env, args []string) int {
	fs := newFlagSet("check")
	asJSON := fs.Bool("json", false, "print a JSON object")
	python := fs.String("python", "", "the interpreter's `EXECUTABLE` (default: python3 on PATH)")
	locale := fs.String("locale", "", "POSIX locale `NAME` for the message (default: from LC_ALL, LC_MESSAGES, LANG)")
	breakSystem := fs.Bool("break-system-packages", false, "check as pip --break-system-packages would")
	pipConfig := fs.Bool("pip-config", false, "also honour PIP_BREAK_SYSTEM_PACKAGES and pip's configuration files")
	strict := fs.Bool("strict-version", false, "refuse a Python newer than the library knows instead of answering with the newest rules")
	rest, err := parseFlags(fs, args)
	switch {
	case err != nil:
	case len(rest) != 0:
		err = fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	case isSet(fs, "python") && *python == "":
		err = fmt.Errorf("%w: --python is empty", errUsage)
	}
	if err != nil {
		return usageError(e, "check", fs, err)
	}

	name := "python3"
	if *python != "" {
		name = *python
	}
	loc, err := pep668.Locate(name, &pep668.LocateOptions{LookupEnv: e.lookupEnv, Run: true})
	if err != nil {
		printError(e, "check", err)
		return exitFailure
	}

	opts := &pep668.Options{LookupEnv: e.lookupEnv, Message: marker.FromEnv(e.lookupEnv), StrictVersion: *strict}
	if isSet(fs, "locale") {
		opts.Message = marker.Options{Locale: *locale}
	}
	if *breakSystem {
		opts.Override = pep668.Override{BreakSystemPackages: true, Origin: pep668.OriginFlag, Source: "--break-system-packages"}
	}
	v, err := pep668.Check(loc.Executable, opts)
	if err == nil && *pipConfig && !*breakSystem {
		var o pep668.Override
		o, err = pep668.PipOverride("install", &pep668.PipOptions{LookupEnv: e.lookupEnv, Prefix: v.Environment.Prefix})
		if err == nil && o.BreakSystemPackages {
			opts.Override = o
			v, err = pep668.Check(loc.Executable, opts)
		}
	}
	if err != nil {
		printError(e, "check", err)
		return exitFailure
	}

	if *asJSON {
		if err := writeJSON(e.stdout, newCheckResult(loc, v)); err != nil {
			printError(e, "check", err)
			return exitFailure
		}
	} else {
		if !v.Allowed {
			fmt.Fprint(e.stdout, text(pep668.RenderRefusal(v)), "\n")
		}
		if loc.Command != loc.Executable {
			fmt.Fprintf(e.stdout, "located: %s\n", quote(loc.How))
		}
		for _, line := range pep668.Explain(v) {
			fmt.Fprintln(e.stdout, quote(line))
		}
	}
	if !v.Allowed {
		return exitNo
	}
	return exitOK
}

func newCheckResult(loc *pep668.Located, v *pep668.Verdict) checkResult {
	r := checkResult{
		Python: loc.Executable, FoundAs: loc.Command, ResolvedHow: loc.How,
		ExternallyManaged: v.ExternallyManaged, Allowed: v.Allowed, Reason: string(v.Reason), Explanation: append([]string{}, pep668.Explain(v)...),
		InVirtualEnvironment: v.Environment.InVirtualEnvironment(), Kind: string(v.Environment.Kind),
		Prefix: v.Environment.Prefix, BasePrefix: v.Environment.BasePrefix,
		Vendor: string(v.Interpreter.Vendor), Version: v.Interpreter.Version, Implementation: implementationName(v.Interpreter.PyPy), Rules: v.Interpreter.RulesVersion(),
		Scheme: v.Scheme, Stdlib: v.Stdlib, MarkerPath: v.MarkerPath, Notes: append([]string{}, v.Notes...),
	}
	if v.MarkerExists {
		r.MarkerExists = true
		m := v.Message
		r.Message, r.DefaultMessage = &m.Text, m.Default
		if !m.Default {
			r.Key = &m.Key
		}
		if m.Problem != nil {
			r.Problem = ptr(m.Problem.Error())
		}
	}
	if v.Override.BreakSystemPackages {
		r.Override = ptr(v.Override.Source)
	}
	return r
}
