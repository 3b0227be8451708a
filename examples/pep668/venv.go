// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"fmt"
	"strings"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/venv"
)

// venvResult is the JSON output of pep668 venv.
type venvResult struct {
	Executable                string   `json:"executable"`
	Prefix                    string   `json:"prefix"`
	BasePrefix                string   `json:"base_prefix"`
	ExecPrefix                string   `json:"exec_prefix"`
	BaseExecPrefix            string   `json:"base_exec_prefix"`
	InVirtualEnvironment      bool     `json:"in_virtual_environment"` // prefix != base_prefix, or a legacy real_prefix
	Kind                      string   `json:"kind"`
	IncludeSystemSitePackages bool     `json:"include_system_site_packages"`
	Version                   *string  `json:"version"`
	FreeThreaded              bool     `json:"free_threaded"`
	Implementation            string   `json:"implementation"` // "cpython" or "pypy"
	Config                    *string  `json:"config"`         // the pyvenv.cfg, or null
	RealPrefix                *string  `json:"real_prefix"`    // legacy virtualenv, or null
	Notes                     []string `json:"notes"`
}

func runVenv(e *env, args []string) int {
	fs := newFlagSet("venv")
	asJSON := fs.Bool("json", false, "print a JSON object")
	python := fs.String("python-version", "", "the interpreter's version `X.Y`, when known (default: inferred from its files)")
	exes, err := parseFlags(fs, args)
	switch {
	case err != nil:
	case len(exes) != 1:
		err = fmt.Errorf("%w: want exactly one EXECUTABLE", errUsage)
	case *python != "" && !validVersion(*python):
		err = fmt.Errorf("%w: --python-version %q is not a version like 3.12", errUsage, *python)
	}
	if err != nil {
		return usageError(e, "venv", fs, err)
	}
	// Found as check finds it: a name is searched on PATH, and a file that
	// is not an executable is no interpreter.
	loc, err := pep668.Locate(exes[0], &pep668.LocateOptions{LookupEnv: e.lookupEnv})
	if err != nil {
		printError(e, "venv", err)
		return exitFailure
	}
	env, err := venv.Detect(loc.Executable, &venv.Options{Python: *python, LookupEnv: e.lookupEnv})
	if err != nil {
		printError(e, "venv", err)
		return exitFailure
	}
	res := venvResult{
		Executable: env.Executable, Prefix: env.Prefix, BasePrefix: env.BasePrefix,
		ExecPrefix: env.ExecPrefix, BaseExecPrefix: env.BaseExecPrefix,
		InVirtualEnvironment: env.InVirtualEnvironment(), Kind: string(env.Kind),
		IncludeSystemSitePackages: env.IncludeSystemSitePackages, FreeThreaded: env.FreeThreaded,
		Implementation: implementationName(env.PyPy),
		Version:        nonEmpty(env.Version), Config: nonEmpty(env.ConfigPath), RealPrefix: nonEmpty(env.RealPrefix),
		Notes: append([]string{}, env.Notes...),
	}
	if *asJSON {
		if err := writeJSON(e.stdout, res); err != nil {
			printError(e, "venv", err)
			return exitFailure
		}
	} else {
		w := e.stdout
		fmt.Fprintf(w, "executable: %s\n", quote(res.Executable))
		fmt.Fprintf(w, "kind: %s\n", res.Kind)
		fmt.Fprintf(w, "virtual environment: %s\n", yesNo(res.InVirtualEnvironment))
		fmt.Fprintf(w, "prefix: %s\n", quote(res.Prefix))
		fmt.Fprintf(w, "base prefix: %s\n", quote(res.BasePrefix))
		if res.ExecPrefix != res.Prefix || res.BaseExecPrefix != res.BasePrefix {
			fmt.Fprintf(w, "exec prefix: %s\nbase exec prefix: %s\n", quote(res.ExecPrefix), quote(res.BaseExecPrefix))
		}
		if res.RealPrefix != nil {
			fmt.Fprintf(w, "real prefix: %s\n", quote(*res.RealPrefix))
		}
		if res.Config != nil {
			fmt.Fprintf(w, "config: %s\n", quote(*res.Config))
		}
		fmt.Fprintf(w, "system site-packages visible: %s\n", yesNo(res.IncludeSystemSitePackages))
		version := "unknown"
		if res.Version != nil {
			version = *res.Version
			if res.FreeThreaded {
				version += " (free-threaded)"
			}
		}
		fmt.Fprintf(w, "python version: %s\n", version)
		for _, n := range res.Notes {
			fmt.Fprintf(w, "note: %s\n", quote(n))
		}
	}
	if !res.InVirtualEnvironment {
		return exitNo
	}
	return exitOK
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// nonEmpty returns nil for "", so that JSON shows null.
func nonEmpty(s string) *string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return &s
}

// implementationName is sys.implementation.name.
func implementationName(pypy bool) string {
	if pypy {
		return "pypy"
	}
	return "cpython"
}
