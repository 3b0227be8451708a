// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package record_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/record"
)

// TestCrashHelper is not a test: TestCrashRecovery runs the test binary
// with PEP668_CRASH_PLAN set, and this applies that plan, to be killed.
func TestCrashHelper(t *testing.T) {
	planFile := os.Getenv("PEP668_CRASH_PLAN")
	if planFile == "" {
		t.Skip("the helper process of TestCrashRecovery")
	}
	data, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	var plan record.Plan
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	fmt.Println("ready")
	if _, err := record.Apply(&plan, nil); err != nil {
		t.Fatal(err)
	}
}

// TestCrashRecovery kills a process applying a large plan at random
// moments (SIGKILL: no cleanup runs) and recovers: the environment is
// then exactly as before the uninstall or exactly as after it, byte for
// byte, and no stash is left. 10 trials; 100 with PEP668_LONG.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes; skipped with -short")
	}
	crashTrials(t, iterations(10, 100), "big", func(root string) { crashTree().write(t, root) })
}

// TestCrashRecoveryCfnLint is TestCrashRecovery on a copy of a real
// distribution of 8,754 files, cfn-lint from pyenv's CPython 3.11: 3
// trials; 100 with PEP668_LONG.
func TestCrashRecoveryCfnLint(t *testing.T) {
	_, pyenvSite := reference(t)
	src, err := record.Find("cfn-lint", []string{pyenvSite}, nil)
	if err != nil {
		t.Skip(err)
	}
	crashTrials(t, iterations(3, 100), "cfn-lint", func(root string) {
		copyDist(t, src, filepath.Join(root, site))
	})
}

func crashTrials(t *testing.T, trials int, name string, build func(root string)) {
	var longest time.Duration
	outcomes := map[string]int{}
	for trial := -1; trial < trials; trial++ {
		root := tempRoot(t)
		build(root)
		plan, err := planIn(t, name, venvPaths(root))
		if err != nil {
			t.Fatal(err)
		}
		planFile := filepath.Join(t.TempDir(), "plan.json")
		data, _ := json.Marshal(plan)
		os.WriteFile(planFile, data, 0o644)
		before := snapshot(t, root)
		after := keptEntries(t, root, plan, before)

		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
		cmd.Env = append(os.Environ(), "PEP668_CRASH_PLAN="+planFile)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		if !lines.Scan() || lines.Text() != "ready" {
			t.Fatalf("the helper did not start: %q %s", lines.Text(), stderr.String())
		}
		start := time.Now()
		if trial < 0 {
			// Calibration: how long a whole apply takes here.
			for lines.Scan() {
			}
			if err := cmd.Wait(); err != nil {
				t.Fatalf("helper: %v\n%s", err, stderr.String())
			}
			longest = time.Since(start)
		} else {
			time.Sleep(time.Duration(rand.Int64N(int64(longest) * 12 / 10)))
			cmd.Process.Signal(syscall.SIGKILL)
			for lines.Scan() {
			}
			cmd.Wait()
		}

		rec, err := record.Recover(venvPaths(root), nil)
		if err != nil {
			t.Fatalf("trial %d: Recover: %v", trial, err)
		}
		got := snapshot(t, root)
		switch {
		case cmp.Equal(before, got):
			outcomes[fmt.Sprintf("before (rolled back %d)", len(rec.RolledBack))]++
		case cmp.Equal(after, got):
			outcomes[fmt.Sprintf("after (completed %d)", len(rec.Completed))]++
		default:
			t.Fatalf("trial %d: after recovery the tree is neither before nor after (-after +got):\n%s", trial, cmp.Diff(after, got))
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasPrefix(d.Name(), ".pep668-uninstall-") {
				t.Errorf("trial %d: a stash is left: %s", trial, p)
			}
			return nil
		})
	}
	t.Logf("%d kills within %v of an apply's %v: %v", trials, longest*12/10, longest, outcomes)
}
