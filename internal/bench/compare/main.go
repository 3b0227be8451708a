// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Command compare times this module against pip on the same machine, in
// one run, and prints the ratios as a Markdown table:
//
//  1. the whole `pep668 check --python /usr/bin/python3.11` process against
//     a process running pip's check_externally_managed() with that
//     interpreter (start-up included, as users feel it);
//  2. planning the uninstall of cfn-lint (copied into a fresh venv) in
//     process, against pip's UninstallPathSet.from_dist() plus
//     compress_for_rename() timed inside Python (imports excluded);
//  3. the same plan against the floor: a bare loop that lstats every
//     RECORD path;
//  4. RECORD parsing throughput;
//  5. `pep668 scan` of a docker save archive (-scan-mb, default 1 GB,
//     written for the run) against reading the archive with tar, and
//     `scan --verify` on every core against one.
//
// It needs the team's machine: Debian's python3.11 and pyenv's CPython 3.11
// with pip and cfn-lint. Run it with internal/bench/compare.sh.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

func main() {
	rounds := flag.Int("rounds", 20, "timed rounds of each measurement; the median is reported")
	pep668Bin := flag.String("pep668", "", "the pep668 command to time (built by compare.sh)")
	debian := flag.String("debian-python", "/usr/bin/python3.11", "Debian's python3.11")
	pyenv := flag.String("pyenv-python", filepath.Join(os.Getenv("HOME"), ".pyenv/versions/3.11.7/bin/python3.11"), "pyenv's CPython 3.11 with pip and cfn-lint")
	scanMB := flag.Int("scan-mb", 1024, "size of the image archive the scan is timed on, in MB; 0 skips it")
	only := flag.String("only", "", "run only this part: check-plan, process, memory or scan")
	memoryRowsN := flag.Int("memory-rows", 1_000_000, "RECORD rows of the distribution whose planning memory is measured; 0 skips it")
	image := flag.String("image", "", "the image archive to time the scan on, written there when missing (default: a temporary one)")
	noop := flag.String("noop", "", "a Go program that does nothing, the floor of a whole process (built by compare.sh)")
	pipHead := flag.String("pip-head", "", "pip's source (the src directory of pypa/pip), run with PYTHONPATH; empty skips it")
	listDirsFile := flag.String("list-dirs", "", "(the floor process) list the directories named in the file, concurrently, and exit")
	flag.Parse()
	if *listDirsFile != "" {
		if err := listDirs(*listDirsFile); err != nil {
			fmt.Fprintln(os.Stderr, "compare:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*rounds, *pep668Bin, *debian, *pyenv, *scanMB, *only, *image, *noop, *pipHead, *memoryRowsN); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

// timeEach times the functions in turn, round after round, and returns
// each one's median: on a shared machine, slow spells then fall on all of
// them alike, and their ratios hold.
func timeEach(rounds int, fs ...func() error) ([]time.Duration, error) {
	timed := make([]func() (time.Duration, error), len(fs))
	for i, f := range fs {
		timed[i] = func() (time.Duration, error) {
			start := time.Now()
			err := f()
			return time.Since(start), err
		}
	}
	return timeEachOwn(rounds, timed...)
}

// timeEachOwn is timeEach for functions that time themselves, leaving
// their set-up out.
func timeEachOwn(rounds int, fs ...func() (time.Duration, error)) ([]time.Duration, error) {
	d := make([][]time.Duration, len(fs))
	for range rounds {
		for i, f := range fs {
			took, err := f()
			if err != nil {
				return nil, err
			}
			d[i] = append(d[i], took)
		}
	}
	medians := make([]time.Duration, len(fs))
	for i := range d {
		medians[i] = median(d[i])
	}
	return medians, nil
}

func timeIt(rounds int, f func() error) (time.Duration, error) {
	var d []time.Duration
	for range rounds {
		start := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		d = append(d, time.Since(start))
	}
	return median(d), nil
}

const pipCheck = `
from pip._internal.utils.misc import check_externally_managed
from pip._internal.exceptions import ExternallyManagedEnvironment
try:
    check_externally_managed()
except ExternallyManagedEnvironment:
    pass
`

// row is one line of the table.
type row struct {
	what, ours, theirs, ratio, target string
}

func run(rounds int, bin, debian, pyenv string, scanMB int, only, image, noop, pipHead string, memRows int) error {
	var rows []row
	if only == "" || only == "check-plan" || only == "process" {
		venvDir, cleanup, err := cfnLintVenv(pyenv)
		if err != nil {
			return err
		}
		defer cleanup()
		if only != "process" {
			r, err := checkAndPlanRows(rounds, bin, debian, pyenv, venvDir)
			if err != nil {
				return err
			}
			rows = append(rows, r...)
		}
		if only != "check-plan" {
			self, _ := os.Executable()
			r, err := processRows(rounds, bin, noop, debian, pyenv, pipHead, venvDir, self)
			if err != nil {
				return err
			}
			rows = append(rows, r...)
		}
	}
	if (only == "" || only == "memory") && memRows > 0 {
		r, err := memoryRows(bin, pyenv, memRows)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	if (only == "" || only == "scan") && scanMB > 0 {
		r, err := scanRows(rounds, bin, scanMB, image)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	fmt.Printf("Median of %d rounds, one run, same machine.\n\n", rounds)
	fmt.Println("| measurement | pep668 | reference | result | target |")
	fmt.Println("|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Printf("| %s | %s | %s | %s | %s |\n", r.what, r.ours, r.theirs, r.ratio, r.target)
	}
	return nil
}

// cfnLintVenv makes a venv of pyenv's CPython 3.11 holding a copy of its
// cfn-lint, and returns its directory and how to remove it.
func cfnLintVenv(pyenv string) (string, func(), error) {
	site := filepath.Join(filepath.Dir(filepath.Dir(pyenv)), "lib", "python3.11", "site-packages")
	src, err := record.Find("cfn-lint", []string{site}, nil)
	if err != nil {
		return "", nil, err
	}
	tmp, err := os.MkdirTemp("", "pep668-compare-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(tmp) }
	venvDir := filepath.Join(tmp, "venv")
	if out, err := exec.Command(pyenv, "-m", "venv", "--without-pip", venvDir).CombinedOutput(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("venv: %v: %s", err, out)
	}
	sp := filepath.Join(venvDir, "lib", "python3.11", "site-packages")
	for _, e := range src.Record {
		if err := copyFile(filepath.Join(site, e.Path), filepath.Join(sp, e.Path)); err != nil && !os.IsNotExist(err) {
			cleanup()
			return "", nil, err
		}
	}
	return venvDir, cleanup, nil
}

func checkAndPlanRows(rounds int, bin, debian, pyenv, venvDir string) ([]row, error) {
	var rows []row
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

	// 1. check, whole processes.
	t, err := timeEach(rounds, func() error {
		err := exec.Command(bin, "check", "--python", debian).Run()
		if e, ok := err.(*exec.ExitError); ok && e.ExitCode() == 1 {
			return nil // externally managed, as expected
		}
		return fmt.Errorf("pep668 check: %v", err)
	}, func() error {
		if err := exec.Command(debian, "-c", pipCheck).Run(); err != nil {
			return fmt.Errorf("pip's check: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ourCheck, pipCheckTime := t[0], t[1]
	rows = append(rows, row{"`check` of Debian's python3.11, whole process", ms(ourCheck), ms(pipCheckTime),
		fmt.Sprintf("%.0f× faster", float64(pipCheckTime)/float64(ourCheck)), "≥ 30×"})

	// 2 and 3. planning cfn-lint in a fresh venv.
	site := filepath.Join(filepath.Dir(filepath.Dir(pyenv)), "lib", "python3.11", "site-packages")
	sp := filepath.Join(venvDir, "lib", "python3.11", "site-packages")
	in, _, err := scheme.Resolve(filepath.Join(venvDir, "bin", "python"), nil)
	if err != nil {
		return nil, err
	}
	name, paths, err := in.DefaultPaths()
	if err != nil {
		return nil, err
	}
	var plan *record.Plan
	dist, err := record.Find("cfn-lint", []string{sp}, nil)
	if err != nil {
		return nil, err
	}
	t, err = timeEach(rounds, func() error {
		dist, err := record.Find("cfn-lint", []string{paths.Purelib}, nil)
		if err != nil {
			return err
		}
		plan, err = record.NewPlan(dist, paths, &record.PlanOptions{SchemeName: name})
		return err
	}, func() error {
		for _, e := range dist.Record {
			os.Lstat(filepath.Join(dist.SiteDir, e.Path))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ourPlan, floor := t[0], t[1]
	here, _ := os.Getwd()
	out, err := exec.Command(filepath.Join(venvDir, "bin", "python"), filepath.Join(here, "internal", "bench", "pip_plan.py"),
		site, "cfn-lint", fmt.Sprint(rounds)).Output()
	if err != nil {
		return nil, fmt.Errorf("pip_plan.py: %w", err)
	}
	var pip struct {
		Paths  int     `json:"paths"`
		Median float64 `json:"median"`
	}
	if err := json.Unmarshal(out, &pip); err != nil {
		return nil, err
	}
	pipPlan := time.Duration(pip.Median * float64(time.Second))
	rows = append(rows,
		row{fmt.Sprintf("plan the uninstall of cfn-lint (%d RECORD rows; pep668 plans %d files, %d directories; pip %d paths)",
			len(dist.Record), len(plan.Remove), len(plan.RemoveDirs), pip.Paths), ms(ourPlan), ms(pipPlan),
			fmt.Sprintf("%.1f× faster", float64(pipPlan)/float64(ourPlan)), "≥ 30×"},
		row{"the same plan against the floor (lstat of every RECORD path)", ms(ourPlan), ms(floor),
			fmt.Sprintf("%.2f× the floor", float64(ourPlan)/float64(floor)), "≤ 2×"})

	// 4. RECORD parsing.
	data, err := os.ReadFile(filepath.Join(dist.DistInfo, "RECORD"))
	if err != nil {
		return nil, err
	}
	parse, _ := timeIt(rounds*10, func() error { _, err := record.Parse("RECORD", data); return err })
	rows = append(rows, row{"parse cfn-lint's RECORD", ms(parse), "", fmt.Sprintf("%.0f MB/s", float64(len(data))/parse.Seconds()/1e6), "≥ 150 MB/s"})

	return rows, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
