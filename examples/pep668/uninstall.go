// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// uninstallResult is the JSON output of pep668 uninstall.
type uninstallResult struct {
	*record.Plan
	Applied   bool             `json:"applied"`
	Result    *record.Result   `json:"result,omitempty"`
	Recovered *record.Recovery `json:"recovered,omitempty"`
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
		err = fmt.Errorf("%w: --python is required and must not be empty", errUsage)
	case len(names) != 1:
		err = fmt.Errorf("%w: want exactly one distribution NAME", errUsage)
	}
	if err != nil {
		return usageError(e, "uninstall", fs, err)
	}
	refuse := func(msg string) int {
		fmt.Fprintf(e.stderr, "pep668 uninstall: %s\n", msg)
		return exitNo
	}
	fail := func(err error) int {
		printError(e, "uninstall", err)
		return exitFailure
	}

	opts := &pep668.Options{LookupEnv: e.lookupEnv}
	if *breakSystem {
		opts.Override = pep668.Override{BreakSystemPackages: true, Origin: pep668.OriginFlag, Source: "--break-system-packages"}
	}
	v, err := pep668.Check(*python, opts)
	if err != nil {
		return fail(err)
	}
	target, err := v.Target()
	if errors.Is(err, pep668.ErrExternallyManaged) {
		return refuse(fmt.Sprintf("%s is externally managed (marker %s); pass --break-system-packages to uninstall anyway", quote(v.Executable), quote(v.MarkerPath)))
	}
	if err != nil {
		return fail(err)
	}
	u, err := target.Uninstall(names[0], &pep668.UninstallOptions{DryRun: !*apply})
	if u != nil && u.Recovered != nil && !*asJSON {
		printRecovery(e, u.Recovered)
	}
	var ue *record.UninstallError
	switch {
	case errors.Is(err, record.ErrNotInstalled):
		sites := []string{target.Paths.Purelib, target.Paths.Platlib}
		if other, err2 := record.Find(names[0], otherSites(v.Interpreter, v.Scheme, sites), nil); err2 == nil {
			return refuse(fmt.Sprintf("%s %s is installed in %s, outside the target scheme %s; it is left alone",
				quote(other.Name), quote(other.Version), quote(other.SiteDir), v.Scheme))
		}
		return refuse(fmt.Sprintf("%s is not installed in scheme %s (%s)", quote(names[0]), v.Scheme, quote(target.Paths.Purelib)))
	case errors.As(err, &ue):
		return refuse(quote(ue.Error()) + "; " + ue.Hint())
	case err != nil:
		return fail(err)
	}
	res := uninstallResult{Plan: u.Plan, Applied: u.Result != nil, Result: u.Result, Recovered: u.Recovered}
	if *asJSON {
		if err := writeJSON(e.stdout, res); err != nil {
			return fail(err)
		}
		return exitOK
	}
	printPlan(e, res)
	return exitOK
}

func printRecovery(e *env, rec *record.Recovery) {
	for _, d := range rec.RolledBack {
		fmt.Fprintf(e.stdout, "recovered: the interrupted uninstall of %s was undone\n", quote(d))
	}
	for _, d := range rec.Completed {
		fmt.Fprintf(e.stdout, "recovered: the interrupted uninstall of %s was completed\n", quote(d))
	}
	for _, k := range rec.Kept {
		fmt.Fprintf(e.stdout, "left alone: %s (%s)\n", quote(k.Path), quote(k.Reason))
	}
}

func printPlan(e *env, res uninstallResult) {
	p := res.Plan
	fmt.Fprintf(e.stdout, "%s %s from scheme %s (%s)\n", quote(p.Distribution), quote(p.Version), p.Scheme, quote(p.DistInfo))
	if r := res.Result; r != nil {
		for _, f := range r.Removed {
			fmt.Fprintf(e.stdout, "removed: %s\n", quote(f))
		}
		for _, d := range r.RemovedDirs {
			fmt.Fprintf(e.stdout, "removed directory: %s\n", quote(d))
		}
		for _, d := range r.KeptDirs {
			fmt.Fprintf(e.stdout, "kept directory: %s (not empty any more)\n", quote(d))
		}
	} else {
		for _, f := range p.Remove {
			fmt.Fprintf(e.stdout, "would remove: %s\n", quote(f))
		}
		for _, d := range p.RemoveDirs {
			fmt.Fprintf(e.stdout, "would remove directory: %s\n", quote(d))
		}
	}
	for _, k := range p.Kept {
		fmt.Fprintf(e.stdout, "kept: %s (%s: %s)\n", quote(k.Path), k.Reason, quote(k.Owner))
	}
	for _, r := range p.Refused {
		fmt.Fprintf(e.stdout, "refused: %s (%s)\n", quote(r.Path), quote(r.Reason))
	}
	for _, m := range p.Missing {
		fmt.Fprintf(e.stdout, "missing: %s\n", quote(m))
	}
	dirs := len(p.RemoveDirs)
	if r := res.Result; r != nil {
		dirs = len(r.RemovedDirs)
	}
	fmt.Fprintf(e.stdout, "%d files, %d directories; %d kept, %d refused, %d missing\n",
		len(p.Remove), dirs, len(p.Kept), len(p.Refused), len(p.Missing))
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
		for _, p := range []string{paths.Purelib, paths.Platlib} {
			if !slices.Contains(exclude, p) && !slices.Contains(sites, p) {
				sites = append(sites, p)
			}
		}
	}
	return sites
}
