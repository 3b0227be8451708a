// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/pep668/pep668"
)

// scanResult is the JSON output of pep668 scan.
type scanResult struct {
	Root string `json:"root"`
	*pep668.ScanReport
}

func runScan(e *env, args []string) int {
	fs := newFlagSet("scan")
	asJSON := fs.Bool("json", false, "print a JSON object")
	verify := fs.Bool("verify", false, "check every file RECORD lists: present, with the hash it gives (uses every core)")
	failOn := fs.String("fail-on", "", "exit 1 when a finding of these `KINDS` (comma-separated, or \"all\") is present")
	roots, err := parseFlags(fs, args)
	var kinds []pep668.FindingKind
	switch {
	case err != nil:
	case len(roots) != 1:
		err = fmt.Errorf("%w: want exactly one ROOT directory or ARCHIVE", errUsage)
	default:
		kinds, err = parseKinds(*failOn)
	}
	if err != nil {
		return usageError(e, "scan", fs, err)
	}

	opts := &pep668.ScanOptions{Verify: *verify}
	var report *pep668.ScanReport
	var info os.FileInfo
	if roots[0] != "-" {
		info, err = os.Stat(roots[0])
	}
	switch {
	case roots[0] == "-": // docker save IMAGE | pep668 scan -
		report, err = pep668.ScanArchive(os.Stdin, opts)
	case err != nil:
	case info.IsDir():
		report, err = pep668.ScanDir(roots[0], opts)
	default:
		var f *os.File
		if f, err = os.Open(roots[0]); err == nil {
			report, err = pep668.ScanArchive(f, opts)
			f.Close()
		}
	}
	if err != nil {
		printError(e, "scan", err)
		return exitFailure
	}

	if *asJSON {
		if err := writeJSON(e.stdout, scanResult{Root: roots[0], ScanReport: report}); err != nil {
			printError(e, "scan", err)
			return exitFailure
		}
	} else {
		printScan(e, report)
	}
	for _, f := range report.Findings {
		if slices.Contains(kinds, f.Kind) {
			return exitNo
		}
	}
	return exitOK
}

// parseKinds reads --fail-on: finding kinds separated by commas, or "all".
func parseKinds(s string) ([]pep668.FindingKind, error) {
	var kinds []pep668.FindingKind
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		switch {
		case k == "":
		case k == "all":
			kinds = append(kinds, pep668.FindingKinds...)
		case slices.Contains(pep668.FindingKinds, pep668.FindingKind(k)):
			kinds = append(kinds, pep668.FindingKind(k))
		default:
			var known []string
			for _, k := range pep668.FindingKinds {
				known = append(known, string(k))
			}
			return nil, fmt.Errorf("%w: unknown finding kind %q (known: %s, all)", errUsage, k, strings.Join(known, ", "))
		}
	}
	return kinds, nil
}

func printScan(e *env, r *pep668.ScanReport) {
	w := e.stdout
	fmt.Fprintf(w, "%-48s %-12s %-8s %-10s %s\n", "INTERPRETER", "KIND", "VERSION", "INSTALL", "DEFAULT SCHEME / MARKER")
	for _, in := range r.Interpreters {
		install := "allowed"
		if !in.Allowed {
			install = "refused"
		}
		marker := "no marker"
		switch {
		case in.MarkerExists && in.Distributor != pep668.DistributorUnknown:
			marker = "marked by " + in.Distributor.Name()
		case in.MarkerExists:
			marker = "marked"
		}
		fmt.Fprintf(w, "%-48s %-12s %-8s %-10s %s; %s\n", quote(in.Executable), in.Kind, in.Version, install, in.Scheme, marker)
	}
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, "\nno findings")
	} else {
		fmt.Fprintf(w, "\n%d findings:\n", len(r.Findings))
	}
	for _, f := range r.Findings {
		fmt.Fprintf(w, "%s: %s\n", f.Kind, quote(f.Detail))
		for _, ev := range f.Evidence {
			fmt.Fprintf(w, "    %s\n", quote(ev))
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", quote(n))
	}
}
