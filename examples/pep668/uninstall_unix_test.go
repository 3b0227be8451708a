// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUninstallHelper is not a test: TestUninstallRecoversAfterKill runs
// the test binary with PEP668_UNINSTALL_ARGS set, to kill it.
func TestUninstallHelper(t *testing.T) {
	args := os.Getenv("PEP668_UNINSTALL_ARGS")
	if args == "" {
		t.Skip("the helper process of TestUninstallRecoversAfterKill")
	}
	os.Exit(run(strings.Split(args, "\n"), &env{stdout: os.Stdout, stderr: os.Stderr, lookupEnv: func(string) (string, bool) { return "", false }}))
}

// TestUninstallRecoversAfterKill kills `pep668 uninstall --apply` as soon
// as it has moved a file, then runs the command again: it says what it
// recovered and uninstalls.
func TestUninstallRecoversAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes; skipped with -short")
	}
	_, venvPython := fakeInstall(t)
	sp := filepath.Join(filepath.Dir(filepath.Dir(venvPython)), "lib", "python3.12", "site-packages")
	var rec strings.Builder
	for i := range 3000 {
		name := fmt.Sprintf("demo/m%04d.py", i)
		os.MkdirAll(filepath.Join(sp, "demo"), 0o755)
		os.WriteFile(filepath.Join(sp, name), []byte(name), 0o644)
		rec.WriteString(name + ",,\n")
	}
	os.MkdirAll(filepath.Join(sp, "demo-1.0.dist-info"), 0o755)
	os.WriteFile(filepath.Join(sp, "demo-1.0.dist-info", "RECORD"), []byte(rec.String()+"demo-1.0.dist-info/RECORD,,\n"), 0o644)

	cmd := exec.Command(os.Args[0], "-test.run=^TestUninstallHelper$")
	cmd.Env = append(os.Environ(), "PEP668_UNINSTALL_ARGS="+strings.Join([]string{"uninstall", "--apply", "--python", venvPython, "demo"}, "\n"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if moved, _ := filepath.Glob(filepath.Join(sp, ".pep668-uninstall-*", "0")); len(moved) > 0 {
			break
		}
		time.Sleep(100 * time.Microsecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	out, errOut, status := runTool(t, nil, "uninstall", "--apply", "--python", venvPython, "demo")
	stashes, _ := filepath.Glob(filepath.Join(sp, ".pep668-uninstall-*"))
	// Undone, unless a loaded machine let the apply commit before the kill.
	if status != exitOK || !strings.HasPrefix(out, "recovered: the interrupted uninstall of demo 1.0 was undone\n") &&
		!strings.HasPrefix(out, "recovered: the interrupted uninstall of demo 1.0 was completed\n") {
		t.Errorf("uninstall after a kill: status %d, output:\n%s%s", status, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(sp, "demo")); !os.IsNotExist(err) {
		t.Errorf("demo/ still there after the second uninstall: %v", err)
	}
	if len(stashes) > 0 {
		t.Errorf("stashes left: %v", stashes)
	}
}
