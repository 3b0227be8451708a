// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package scheme

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
)

// queryScript prints, as JSON, what Query needs of sys and sysconfig. It
// runs on CPython and PyPy 3.8 and newer.
const queryScript = `
import json, sys, sysconfig
try:
    import site
    userbase = site.getuserbase()
except Exception:
    userbase = None
names = list(sysconfig.get_scheme_names())
if hasattr(sysconfig, "get_default_scheme"):
    default = sysconfig.get_default_scheme()
    preferred = {k: sysconfig.get_preferred_scheme(k) for k in ("prefix", "home", "user")}
else:
    default = sysconfig._get_default_scheme()
    preferred = {"prefix": default}
cv = sysconfig.get_config_vars()
print(json.dumps({
    "version": "%d.%d" % sys.version_info[:2],
    "implementation": sys.implementation.name,
    "windows": __import__("os").name == "nt",
    "prefix": sys.prefix, "exec_prefix": sys.exec_prefix,
    "base_prefix": sys.base_prefix, "base_exec_prefix": sys.base_exec_prefix,
    "real_prefix": hasattr(sys, "real_prefix"),
    "abiflags": getattr(sys, "abiflags", ""),
    "gil_disabled": bool(cv.get("Py_GIL_DISABLED")),
    "platlibdir": getattr(sys, "platlibdir", "lib"),
    "userbase": userbase,
    "framework": getattr(sys, "_framework", "") or "",
    "winver": getattr(sys, "winver", ""),
    "names": names, "default": default, "preferred": preferred,
    "paths": sysconfig.get_paths(),
}))
`

// QueryResult is what the interpreter itself said.
type QueryResult struct {
	Interpreter   *Interpreter
	Names         []string          // sysconfig.get_scheme_names()
	DefaultScheme string            // sysconfig.get_default_scheme()
	Preferred     map[string]string // get_preferred_scheme of prefix, home, user (3.10+)
	Paths         Paths             // sysconfig.get_paths()
}

// Query runs the interpreter once, with the caller's environment, and
// returns what its sys and sysconfig modules say: the answer when static
// inference (Inspect) is not sure enough, at the cost of a Python start-up.
// This is the only function of the module that runs Python.
func Query(ctx context.Context, executable string) (*QueryResult, error) {
	cmd := exec.CommandContext(ctx, executable, "-c", queryScript)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("scheme: querying %s: %v: %s", executable, err, bytes.TrimSpace(stderr.Bytes()))
	}
	var r queryJSON
	if err := json.Unmarshal(out, &r); err != nil {
		return nil, fmt.Errorf("scheme: querying %s: %v", executable, err)
	}
	in := &Interpreter{
		Vendor: vendorOf(r.Implementation, r.Names), Version: r.Version, Windows: r.Windows,
		Prefix: r.Prefix, ExecPrefix: r.ExecPrefix, BasePrefix: r.BasePrefix, BaseExecPrefix: r.BaseExecPrefix,
		IsVirtual: r.Prefix != r.BasePrefix, LegacyVirtualenv: r.RealPrefix,
		Abiflags: r.Abiflags, FreeThreaded: r.GILDisabled, Platlibdir: r.Platlibdir,
		Framework: r.Framework, Winver: r.Winver, HomebrewPrefix: DefaultHomebrewPrefix, Queried: true,
	}
	in.PyPy = r.Implementation == "pypy"
	in.knownRulesFor(r.Version)
	if r.Userbase != nil {
		in.UserBase = *r.Userbase
	}
	return &QueryResult{Interpreter: in, Names: r.Names, DefaultScheme: r.Default, Preferred: r.Preferred, Paths: r.Paths}, nil
}

// queryJSON is what queryScript prints.
type queryJSON struct {
	Version        string            `json:"version"`
	Implementation string            `json:"implementation"`
	Windows        bool              `json:"windows"`
	Prefix         string            `json:"prefix"`
	ExecPrefix     string            `json:"exec_prefix"`
	BasePrefix     string            `json:"base_prefix"`
	BaseExecPrefix string            `json:"base_exec_prefix"`
	RealPrefix     bool              `json:"real_prefix"`
	Abiflags       string            `json:"abiflags"`
	GILDisabled    bool              `json:"gil_disabled"`
	Platlibdir     string            `json:"platlibdir"`
	Userbase       *string           `json:"userbase"`
	Framework      string            `json:"framework"`
	Winver         string            `json:"winver"`
	Names          []string          `json:"names"`
	Default        string            `json:"default"`
	Preferred      map[string]string `json:"preferred"`
	Paths          Paths             `json:"paths"`
}

// vendorOf tells the vendor from the scheme names, then the
// implementation: Debian's pypy3 is Debian's.
func vendorOf(implementation string, names []string) Vendor {
	switch {
	case slices.Contains(names, "posix_local"):
		return Debian
	case slices.Contains(names, "rpm_prefix"):
		return Fedora
	case slices.Contains(names, "osx_framework_library"):
		return Homebrew
	case implementation == "pypy":
		return PyPy
	}
	return CPython
}
