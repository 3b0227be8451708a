// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pep668/pep668"
)

// processRows times whole processes against their floors: `check` against
// a Go program that does nothing; the uninstall dry run against the same
// plan made in process and against a bare Go program that lists,
// concurrently, the directories the plan reads; `uninstall --apply`
// against pip's `uninstall -y` (pip 23 and, with pipHead, pip's source).
func processRows(rounds int, bin, noop, debian, pyenv, pipHead string, venvDir string, self string) ([]row, error) {
	var rows []row
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
	run := func(name string, args ...string) func() error {
		return func() error {
			err := exec.Command(name, args...).Run()
			if e, ok := err.(*exec.ExitError); ok && e.ExitCode() == 1 {
				return nil // a "no" is an answer
			}
			return err
		}
	}
	if noop != "" {
		t, err := timeEach(rounds, run(bin, "check", "--python", debian), run(noop), run(bin, "version"))
		if err != nil {
			return nil, err
		}
		check, floor, version := t[0], t[1], t[2]
		rows = append(rows, row{"`check` of Debian's python3.11, whole process, against a Go program that does nothing", ms(check), ms(floor),
			fmt.Sprintf("%.2f× the floor", float64(check)/float64(floor)), "≤ 1.3×"},
			row{"`pep668 version` (starting the binary, no work) against the same", ms(version), ms(floor),
				fmt.Sprintf("%.2f× the floor", float64(version)/float64(floor)), ""})
	}

	python := filepath.Join(venvDir, "bin", "python")
	var dirs []string
	planInProcess := func() error {
		v, err := pep668.Check(python, &pep668.Options{LookupEnv: os.LookupEnv})
		if err != nil {
			return err
		}
		t, err := v.Target()
		if err != nil {
			return err
		}
		plan, err := t.PlanUninstall("cfn-lint")
		if err != nil {
			return err
		}
		dirs = planDirs(plan.Remove)
		return nil
	}
	if err := planInProcess(); err != nil {
		return nil, err
	}
	list := filepath.Join(venvDir, "..", "dirs.txt")
	if err := os.WriteFile(list, []byte(strings.Join(dirs, "\n")), 0o644); err != nil {
		return nil, err
	}
	t, err := timeEach(rounds, func() error {
		if err := exec.Command(bin, "uninstall", "--json", "--python", python, "cfn-lint").Run(); err != nil {
			return fmt.Errorf("uninstall dry run: %w", err)
		}
		return nil
	}, planInProcess, run(self, "-list-dirs", list))
	if err != nil {
		return nil, err
	}
	dry, inProcess, floor := t[0], t[1], t[2]
	rows = append(rows,
		row{"`uninstall --json` dry run of cfn-lint, whole process, against the same plan in process", ms(dry), ms(inProcess),
			fmt.Sprintf("%.2f× in process", float64(dry)/float64(inProcess)), "≤ 1.3×"},
		row{fmt.Sprintf("the same against a bare Go process listing its %d directories concurrently", len(dirs)), ms(dry), ms(floor),
			fmt.Sprintf("%.2f× the floor", float64(dry)/float64(floor)), "≤ 1.5×"})

	// --apply against rm -rf and pip uninstall -y, each on a fresh twin of
	// the venv, in turn.
	n := 0
	apply := func(cmd func(venv string) *exec.Cmd) func() (time.Duration, error) {
		return func() (time.Duration, error) {
			n++
			twin := filepath.Join(venvDir, "..", fmt.Sprintf("twin%d", n))
			if out, err := exec.Command("cp", "-a", venvDir, twin).CombinedOutput(); err != nil {
				return 0, fmt.Errorf("cp: %v: %s", err, out)
			}
			defer os.RemoveAll(twin)
			c := cmd(twin)
			start := time.Now()
			out, err := c.CombinedOutput()
			took := time.Since(start)
			if err != nil {
				return 0, fmt.Errorf("%s: %v: %s", strings.Join(c.Args, " "), err, out)
			}
			return took, nil
		}
	}
	pip := func(head bool) func(v string) *exec.Cmd {
		return func(v string) *exec.Cmd {
			c := exec.Command(pyenv, "-m", "pip", "--python", filepath.Join(v, "bin", "python"), "uninstall", "-y", "-q", "cfn-lint")
			if head {
				c.Env = append(os.Environ(), "PYTHONPATH="+pipHead)
			}
			return c
		}
	}
	contenders := []func() (time.Duration, error){
		apply(func(v string) *exec.Cmd {
			return exec.Command(bin, "uninstall", "--apply", "--python", filepath.Join(v, "bin", "python"), "cfn-lint")
		}),
		apply(func(v string) *exec.Cmd {
			return exec.Command("rm", "-rf", filepath.Join(v, "lib", "python3.11", "site-packages"))
		}),
		apply(pip(false)),
	}
	if pipHead != "" {
		contenders = append(contenders, apply(pip(true)))
	}
	t, err = timeEachOwn(max(rounds/4, 3), contenders...)
	if err != nil {
		return nil, err
	}
	ours, rmrf, pip23 := t[0], t[1], t[2]
	rows = append(rows, row{"`uninstall --apply` of cfn-lint against `pip uninstall -y` (pip 23.2.1), whole processes", ms(ours), ms(pip23),
		fmt.Sprintf("%.1f× faster", float64(pip23)/float64(ours)), "≥ 10×"})
	floorNote := fmt.Sprintf("pip 23 %.1f×", float64(pip23)/float64(rmrf))
	if pipHead != "" {
		head := t[3]
		rows = append(rows, row{"the same against pip HEAD (the source of pypa/pip, PYTHONPATH)", ms(ours), ms(head),
			fmt.Sprintf("%.1f× faster", float64(head)/float64(ours)), "≥ 10×"})
		floorNote = fmt.Sprintf("pip HEAD %.1f× (10× pip HEAD would be %s)", float64(head)/float64(rmrf), ms(head/10))
	}
	rows = append(rows, row{"the floor of any uninstall: `rm -rf` of the venv's site-packages, cfn-lint alone", ms(ours), ms(rmrf),
		fmt.Sprintf("%.2f× rm -rf; %s", float64(ours)/float64(rmrf), floorNote), ""})
	return rows, nil
}

// planDirs returns the directories holding the files of a plan.
func planDirs(files []string) []string {
	seen := map[string]bool{}
	for _, f := range files {
		seen[filepath.Dir(f)] = true
	}
	var dirs []string
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

// listDirs is the floor of planning: list each directory of the file
// once, concurrently, and print nothing.
func listDirs(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	dirs := strings.Split(string(data), "\n")
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				os.ReadDir(d)
			}
		}()
	}
	for _, d := range dirs {
		jobs <- d
	}
	close(jobs)
	wg.Wait()
	return json.NewEncoder(os.Stdout).Encode(len(dirs))
}
