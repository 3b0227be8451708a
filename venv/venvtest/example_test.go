// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venvtest_test

import (
	"fmt"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/venv/venvtest"
)

// A policy unit test: a distributor's Python refuses installs, a venv made
// from it allows them, whoever the distributor.
func Example_policyTest() {
	for _, in := range []*venvtest.Install{venvtest.Debian("3.12"), venvtest.HomebrewMacOS("3.13"),
		venvtest.Alpine("3.12"), venvtest.UV("3.12"), venvtest.Windows("3.13")} {
		system, err := pep668.Check(in.Python, &pep668.Options{FS: in.FS, Windows: in.Windows})
		if err != nil {
			fmt.Println(err)
			continue
		}
		env, err := pep668.Check(in.Venv, &pep668.Options{FS: in.FS, Windows: in.Windows})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-16s system allowed: %v, venv allowed: %v\n", system.Distributor().Name(), system.Allowed, env.Allowed)
	}
	// Output:
	// Debian or Ubuntu system allowed: false, venv allowed: true
	// Homebrew         system allowed: false, venv allowed: true
	// Alpine Linux     system allowed: false, venv allowed: true
	// uv               system allowed: false, venv allowed: true
	// unknown          system allowed: false, venv allowed: true
}
