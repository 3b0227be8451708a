// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

//go:build unix

package pep668_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/venv/venvtest"
)

// uninstall removes the distribution name from the interpreter python,
// bounded by its default install scheme; with dryRun it only prints what
// it would remove.
func uninstall(python, name string, dryRun bool) error {
	v, err := pep668.Check(python, &pep668.Options{LookupEnv: os.LookupEnv})
	if err != nil {
		return err
	}
	target, err := v.Target() // refuses an externally managed interpreter
	if err != nil {
		return err
	}
	u, err := target.Uninstall(name, &pep668.UninstallOptions{DryRun: dryRun})
	if errors.Is(err, record.ErrNotInstalled) {
		return fmt.Errorf("%s is not installed in scheme %s", name, target.Scheme)
	}
	if err != nil {
		return err // a refused plan says why: see record.UninstallError
	}
	site := target.Paths.Purelib
	for _, f := range u.Plan.Remove {
		rel, _ := filepath.Rel(site, f)
		fmt.Println(map[bool]string{true: "would remove", false: "removed"}[dryRun], rel)
	}
	for _, r := range u.Plan.Refused {
		fmt.Println("refused", r.Path, r.Cause) // outside the scheme, or a directory
	}
	return nil
}

// Example_uninstall uninstalls a distribution from a venv, first as a dry
// run.
func Example_uninstall() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	in, _ := venvtest.Pyenv("3.12").AddDistribution("demo", "1.0", "demo/__init__.py").WriteDir(dir)
	for _, dryRun := range []bool{true, false} {
		if err := uninstall(in.Venv, "demo", dryRun); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(uninstall(in.Venv, "demo", false))
	// Output:
	// would remove demo-1.0.dist-info/INSTALLER
	// would remove demo-1.0.dist-info/METADATA
	// would remove demo-1.0.dist-info/RECORD
	// would remove demo/__init__.py
	// removed demo-1.0.dist-info/INSTALLER
	// removed demo-1.0.dist-info/METADATA
	// removed demo-1.0.dist-info/RECORD
	// removed demo/__init__.py
	// demo is not installed in scheme venv
}
