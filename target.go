// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/pep668/pep668/record"
	"github.com/pep668/pep668/scheme"
)

// Errors of Verdict.Target.
var (
	// ErrExternallyManaged: the verdict refuses, the interpreter is
	// externally managed and nothing overrides it.
	ErrExternallyManaged = errors.New("pep668: externally managed")
	// ErrNotHost: the verdict was made over another filesystem
	// (Options.FS), while an uninstall changes the host's files.
	ErrNotHost = errors.New("pep668: not the host's files")
)

// Target is where an installer writes for an interpreter a Verdict allows:
// the default install scheme, its paths, and the environment's lock. It is
// the common case of the record package's steps (Lock, Recover, Find,
// NewPlan, Apply) in one value; the steps stay public for the rest.
type Target struct {
	Verdict *Verdict
	Scheme  string       // the default install scheme
	Paths   scheme.Paths // its paths, as sysconfig.get_paths() gives them
	// LockFile is uv's environment lock, <prefix>/.lock, in a virtual
	// environment; "" for any other interpreter, which has none.
	LockFile string
}

// Target returns the verdict's install target, or an error wrapping
// ErrExternallyManaged when the verdict does not allow installing, or
// ErrNotHost when it was made over another filesystem than the host's
// (Options.FS): the same paths on the host are other files.
func (v *Verdict) Target() (*Target, error) {
	if !v.onHost {
		return nil, fmt.Errorf("%w: %s was checked over another filesystem", ErrNotHost, v.Executable)
	}
	if !v.Allowed {
		return nil, fmt.Errorf("%w: %s (marker %s)", ErrExternallyManaged, v.Executable, v.MarkerPath)
	}
	paths, err := v.Interpreter.Paths(v.Scheme, nil)
	if err != nil {
		return nil, err
	}
	t := &Target{Verdict: v, Scheme: v.Scheme, Paths: paths}
	if v.Environment.IsVirtual {
		t.LockFile = filepath.Join(v.Environment.Prefix, ".lock")
	}
	return t, nil
}

// PlanUninstall finds the distribution name in the target's purelib and
// platlib and plans its uninstall, changing nothing. Hold the target's lock
// (record.Lock(t.LockFile)) from before planning until after applying, or
// use Uninstall, which does.
func (t *Target) PlanUninstall(name string) (*record.Plan, error) {
	dist, err := record.Find(name, []string{t.Paths.Purelib, t.Paths.Platlib}, nil)
	if err != nil {
		return nil, err
	}
	paths := t.Paths
	paths.Headers = t.Verdict.Interpreter.HeadersDir(paths, dist.Name)
	return record.NewPlan(dist, paths, &record.PlanOptions{SchemeName: t.Scheme})
}

// UninstallOptions adjust Uninstall.
type UninstallOptions struct {
	// DryRun plans without changing anything: no recovery, no apply. A
	// stash of an interrupted uninstall then makes planning fail with
	// record.ErrInterrupted.
	DryRun bool
}

// Uninstalled says what Uninstall did.
type Uninstalled struct {
	Recovered *record.Recovery // interrupted uninstalls recovered first; nil for a dry run
	Plan      *record.Plan
	Result    *record.Result // nil for a dry run
}

// Uninstall removes the distribution name from the target, under the
// environment's lock: it recovers interrupted uninstalls (record.Recover),
// plans (PlanUninstall) and applies the plan (record.Apply), all or
// nothing. Errors wrap record.ErrNotInstalled, a *record.UninstallError
// (a plan refused as a whole), or the errors of Apply and Recover.
func (t *Target) Uninstall(name string, opts *UninstallOptions) (*Uninstalled, error) {
	var o UninstallOptions
	if opts != nil {
		o = *opts
	}
	if t.LockFile != "" {
		lock, err := record.Lock(t.LockFile)
		if err != nil {
			return nil, err
		}
		defer lock.Unlock()
	}
	var u Uninstalled
	var err error
	if !o.DryRun {
		if u.Recovered, err = record.Recover(t.Paths, nil); err != nil {
			return &u, err
		}
	}
	if u.Plan, err = t.PlanUninstall(name); err != nil || o.DryRun {
		return &u, err
	}
	u.Result, err = record.Apply(u.Plan, nil)
	return &u, err
}
