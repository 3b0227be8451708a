// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668

import (
	"fmt"
	"strings"

	"github.com/pep668/pep668/scheme"
	"github.com/pep668/pep668/venv"
)

// RenderRefusal returns the refusal for a Verdict that does not allow
// installing, laid out the way pip's users know it: the error, the
// marker's message indented under it, a note about the override, and a
// hint. It returns "" when the Verdict allows installing.
func RenderRefusal(v *Verdict) string {
	if v.Allowed {
		return ""
	}
	var b strings.Builder
	b.WriteString("error: externally-managed-environment\n\n")
	b.WriteString("× This environment is externally managed\n")
	lines := strings.Split(v.Message.Text, "\n")
	for i, line := range lines {
		switch {
		case i == 0:
			b.WriteString("╰─> " + line + "\n")
		case line == "":
			b.WriteString("\n")
		default:
			b.WriteString("    " + line + "\n")
		}
	}
	b.WriteString("\nnote: The distributor of this Python asks installers not to change it. Install into a ")
	b.WriteString("virtual environment instead, or, at the risk of breaking the installation, pass ")
	b.WriteString("--break-system-packages.\n")
	b.WriteString("hint: See PEP 668 (https://peps.python.org/pep-0668/) for the specification.\n")
	return b.String()
}

// Explain returns the Verdict as plain lines, one fact each: the answer
// and why, the interpreter and its environment, where the marker was
// looked for, and what it says.
func Explain(v *Verdict) []string {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	env := v.Environment

	if v.Allowed {
		add("installing is allowed: %s", v.why())
	} else {
		add("installing is refused: %s", v.why())
	}
	add("python: %s (%s %s%s%s)", v.Executable, v.Interpreter.Vendor, implementation(v.Interpreter), v.Interpreter.Version, threaded(env))
	add("environment: %s; prefix %s, base prefix %s", env.Kind, env.Prefix, env.BasePrefix)
	if env.ConfigPath != "" {
		add("virtual environment made by: %s", env.ConfigPath)
	}
	if env.RealPrefix != "" {
		add("legacy virtualenv real prefix: %s", env.RealPrefix)
	}
	add("default install scheme: %s; stdlib %s", v.Scheme, v.Stdlib)
	if v.MarkerExists {
		add("marker: %s (present)", v.MarkerPath)
		switch m := v.Message; {
		case m.Default:
			add("message: this library's default, because %v", m.Problem)
		default:
			add("message: from key %s", m.Key)
		}
	} else {
		add("marker: %s (absent)", v.MarkerPath)
	}
	for _, n := range v.Notes {
		add("note: %s", n)
	}
	return lines
}

// why states the Reason in words.
func (v *Verdict) why() string {
	switch v.Reason {
	case ReasonVirtualEnvironment:
		if v.Environment.IsVirtual {
			return "the interpreter runs in a virtual environment (sys.prefix differs from sys.base_prefix)"
		}
		return "the interpreter runs in a legacy virtualenv (sys.real_prefix is set)"
	case ReasonNoMarker:
		return "there is no EXTERNALLY-MANAGED file in the stdlib directory of the default scheme"
	case ReasonOverride:
		return fmt.Sprintf("the interpreter is externally managed, but overridden by %s", v.Override.Source)
	case ReasonInstallMode:
		return fmt.Sprintf("a %s install does not target the interpreter's own scheme, so the check does not apply", v.Mode)
	case ReasonExternallyManaged:
		by := "its distributor"
		if d := v.Distributor(); d != DistributorUnknown {
			by = d.Name()
		}
		return fmt.Sprintf("the interpreter is marked as externally managed by %s, and it is not a virtual environment", by)
	}
	return string(v.Reason)
}

// implementation names PyPy when a distributor built it ("debian pypy 3.9").
func implementation(in *scheme.Interpreter) string {
	if in.PyPy && in.Vendor != scheme.PyPy {
		return "pypy "
	}
	return ""
}

func threaded(env *venv.Environment) string {
	if env.FreeThreaded {
		return ", free-threaded"
	}
	return ""
}

// Distributor names who marked an installation externally managed.
type Distributor string

// The distributors Verdict.Distributor recognises.
const (
	DistributorUnknown  Distributor = ""
	DistributorDebian   Distributor = "debian" // Debian or Ubuntu
	DistributorHomebrew Distributor = "homebrew"
	DistributorArch     Distributor = "arch"
	DistributorAlpine   Distributor = "alpine"
	DistributorUV       Distributor = "uv" // a uv-managed Python
	DistributorConda    Distributor = "conda"
)

// Name is the distributor's name for people: "Debian or Ubuntu", "Arch
// Linux", …, "unknown".
func (d Distributor) Name() string {
	switch d {
	case DistributorDebian:
		return "Debian or Ubuntu"
	case DistributorHomebrew:
		return "Homebrew"
	case DistributorArch:
		return "Arch Linux"
	case DistributorAlpine:
		return "Alpine Linux"
	case DistributorUnknown:
		return "unknown"
	}
	return string(d)
}

// Distributor guesses who wrote the marker, from its message, the
// environment's kind and the interpreter's vendor; DistributorUnknown when
// there is no marker or no clue.
func (v *Verdict) Distributor() Distributor {
	if !v.MarkerExists {
		return DistributorUnknown
	}
	text := ""
	if v.Message != nil && !v.Message.Default {
		text = v.Message.Text
	}
	switch {
	case strings.Contains(text, "managed by uv"):
		return DistributorUV
	case strings.Contains(text, "apt install"):
		return DistributorDebian
	case strings.Contains(text, "brew install"):
		return DistributorHomebrew
	case strings.Contains(text, "pacman"):
		return DistributorArch
	case strings.Contains(text, "Alpine"), strings.Contains(text, "(apk)"):
		return DistributorAlpine
	case strings.Contains(text, "conda"), v.Environment.Kind == venv.KindConda, v.Environment.Kind == venv.KindCondaBase:
		return DistributorConda
	}
	switch v.Interpreter.Vendor {
	case scheme.Debian:
		return DistributorDebian
	case scheme.Homebrew:
		return DistributorHomebrew
	}
	return DistributorUnknown
}
