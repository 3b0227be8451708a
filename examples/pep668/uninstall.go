// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// uninstallResult is the JSON output of pep668 uninstall.
type uninstallResult struct {
	*record.Plan
	Applied bool `json:"applied"`
}

func runUninstall(e *env, args []string) int {
	fs := newFlagSet("uninstall")
	asJSON := fs.Bool("json", false, "print a JSON object")
	apply := fs.Bool("apply", false, "carry out the plan (default: print it only)")
	breakSystem := fs.Bool("break-system-packages", false, "uninstall even from an externally managed interpreter")
	python := fs.String("python", "", "the interpreter's `EXECUTABLE`")
	names, err := parseFlags(fs, args)
	switch {
	case err != nil:
	case *python == "":
		err = fmt.Errorf("%w: --python is required", errUsage)
	case len(names) != 1:
		err = fmt.Errorf("%w: want exactly one distribution NAME", errUsage)
	}
	if err != nil {
		return usageError(e, "uninstall", err)
	}
	refuse := func(msg string) int {
		if *asJSON {
			writeJSON(e.stdout, map[string]string{"error": msg})
		} else {
			fmt.Fprintf(e.stderr, "pep668 uninstall: %s\n", msg)
		}
		return exitNo
	}

	opts := &pep668.Options{Getenv: e.getenv}
	if *breakSystem {
		opts.Override = pep668.Override{BreakSystemPackages: true, Source: "--break-system-packages"}
	}
	v, err := pep668.Check(*python, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "pep668 uninstall: %v\n", err)
		return exitFailure
	}
	if !v.Allowed {
		return refuse(fmt.Sprintf("%s is externally managed (marker %s); pass --break-system-packages to uninstall anyway", v.Executable, v.MarkerPath))
	}
	paths, err := v.Interpreter.Paths(v.Scheme, nil)
	if err != nil {
		fmt.Fprintf(e.stderr, "pep668 uninstall: %v\n", err)
		return exitFailure
	}
	sites := []string{paths[scheme.Purelib], paths[scheme.Platlib]}
	dist, err := record.Find(names[0], sites, nil)
	if errors.Is(err, record.ErrNotInstalled) {
		if other, err2 := record.Find(names[0], otherSites(v.Interpreter, v.Scheme, sites), nil); err2 == nil {
			return refuse(fmt.Sprintf("%s %s is installed in %s, outside the target scheme %s; it is left alone",
				other.Name, other.Version, other.SiteDir, v.Scheme))
		}
		return refuse(fmt.Sprintf("%s is not installed in scheme %s (%s)", names[0], v.Scheme, paths[scheme.Purelib]))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pep668 uninstall: %v\n", err)
		return exitFailure
	}
	plan, err := record.NewPlan(dist, paths, &record.PlanOptions{SchemeName: v.Scheme})
	var ue *record.UninstallError
	if errors.As(err, &ue) {
		return refuse(ue.Error() + "; " + ue.Hint())
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "pep668 uninstall: %v\n", err)
		return exitFailure
	}

	res := uninstallResult{Plan: plan}
	if *apply {
		lock := ""
		if v.Environment.IsVirtual {
			lock = filepath.Join(v.Environment.Prefix, ".lock") // uv's environment lock
		}
		if _, err := record.Apply(plan, &record.ApplyOptions{LockFile: lock}); err != nil {
			fmt.Fprintf(e.stderr, "pep668 uninstall: %v\n", err)
			return exitFailure
		}
		res.Applied = true
	}
	if *asJSON {
		if err := writeJSON(e.stdout, res); err != nil {
			fmt.Fprintf(e.stderr, "pep668 uninstall: %v\n", err)
			return exitFailure
		}
		return exitOK
	}
	printPlan(e, res)
	return exitOK
}

func printPlan(e *env, res uninstallResult) {
	p := res.Plan
	verb, dirVerb := "would remove", "would remove directory"
	if res.Applied {
		verb, dirVerb = "removed", "removed directory"
	}
	fmt.Fprintf(e.stdout, "%s %s from scheme %s (%s)\n", p.Distribution, p.Version, p.Scheme, p.DistInfo)
	for _, f := range p.Remove {
		fmt.Fprintf(e.stdout, "%s: %s\n", verb, f)
	}
	for _, d := range p.RemoveDirs {
		fmt.Fprintf(e.stdout, "%s: %s\n", dirVerb, d)
	}
	for _, k := range p.Kept {
		fmt.Fprintf(e.stdout, "kept: %s (%s: %s)\n", k.Path, k.Reason, k.Owner)
	}
	for _, r := range p.Refused {
		fmt.Fprintf(e.stdout, "refused: %s (%s)\n", r.Path, r.Reason)
	}
	for _, m := range p.Missing {
		fmt.Fprintf(e.stdout, "missing: %s\n", m)
	}
	fmt.Fprintf(e.stdout, "%d files, %d directories; %d kept, %d refused, %d missing\n",
		len(p.Remove), len(p.RemoveDirs), len(p.Kept), len(p.Refused), len(p.Missing))
}

// otherSites lists the site directories of the interpreter's other
// non-user schemes, where a distribution may be installed outside the
// target scheme (Debian's /usr/lib/python3/dist-packages, say).
func otherSites(in *scheme.Interpreter, target string, exclude []string) []string {
	table, err := in.Table()
	if err != nil {
		return nil
	}
	var sites []string
	for _, name := range table.Names() {
		if name == target || name == "nt_user" || name == "posix_user" || name == "osx_framework_user" {
			continue
		}
		paths, err := in.Paths(name, nil)
		if err != nil {
			continue
		}
		for _, key := range []string{scheme.Purelib, scheme.Platlib} {
			if p := paths[key]; !slices.Contains(exclude, p) && !slices.Contains(sites, p) {
				sites = append(sites, p)
			}
		}
	}
	return sites
}
