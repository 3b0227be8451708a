// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/pep668/pep668"
	"github.com/pep668/pep668/marker"
	"github.com/pep668/pep668/venv/venvtest"
)

// preflight is an installer's pre-flight check: may it install into the
// interpreter python? It prints pip's refusal, with the distributor's
// message, when not. Pass fsys nil for the host's files.
func preflight(python string, fsys fs.FS, breakSystemPackages bool) error {
	opts := &pep668.Options{
		FS:        fsys,
		LookupEnv: os.LookupEnv,                 // PYTHONHOME, DEB_PYTHON_INSTALL_LAYOUT, …
		Message:   marker.FromEnv(os.LookupEnv), // the user's language
	}
	if breakSystemPackages {
		opts.Override = pep668.Override{BreakSystemPackages: true, Origin: pep668.OriginFlag, Source: "--break-system-packages"}
	}
	v, err := pep668.Check(python, opts)
	if err != nil {
		return err // not an interpreter, or its files cannot be read
	}
	if !v.Allowed {
		fmt.Println(pep668.RenderRefusal(v))
		return fmt.Errorf("%s is externally managed by %s", python, v.Distributor().Name())
	}
	fmt.Printf("installing into %s (%s)\n", v.Environment.Prefix, v.Reason)
	return nil
}

// Example_preflight runs an installer's pre-flight check against Arch
// Linux's python and a venv made from it.
func Example_preflight() {
	arch := venvtest.Arch("3.13")
	fmt.Println(preflight(arch.Venv, arch.FS, false))
	fmt.Println(preflight(arch.Python, arch.FS, false) != nil)
	// Output:
	// installing into /home/u/venv (virtual-environment)
	// <nil>
	// error: externally-managed-environment
	//
	// × This environment is externally managed
	// ╰─> To install Python packages system-wide, try 'pacman -S
	//     python-xyz', where xyz is the package you are trying to
	//     install.
	//
	//     If you wish to install a non-Arch-packaged Python package,
	//     create a virtual environment using 'python -m venv path/to/venv'.
	//     Then use path/to/venv/bin/python and path/to/venv/bin/pip.
	//
	//     If you wish to install a non-Arch packaged Python application,
	//     it may be easiest to use 'pipx install xyz', which will manage a
	//     virtual environment for you. Make sure you have python-pipx
	//     installed via pacman.
	//
	// note: The distributor of this Python asks installers not to change it. Install into a virtual environment instead, or, at the risk of breaking the installation, pass --break-system-packages.
	// hint: See PEP 668 (https://peps.python.org/pep-0668/) for the specification.
	//
	// true
}
