// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/pep668/pep668/internal/configparser"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/internal/osfs"
)

// ErrBadBool reports a break-system-packages value pip would reject.
var ErrBadBool = errors.New("pep668: not a boolean; use yes/no, true/false or 1/0")

// PipOptions say where pip's configuration would come from.
type PipOptions struct {
	// FS is the filesystem rooted at "/" (nil for the host's); paths are
	// POSIX. LookupEnv is the environment pip would see, as os.LookupEnv
	// gives it (nil for none).
	FS        fs.FS
	LookupEnv func(string) (string, bool)
	// Prefix is the interpreter's sys.prefix, for the site file
	// {sys.prefix}/pip.conf; empty to skip it.
	Prefix string
	// Isolated is pip's --isolated: environment variables and user files
	// are ignored.
	Isolated bool
}

// PipOverride returns the break-system-packages override pip would take
// for command ("install" or "uninstall") from its environment variable and
// configuration files, without the command-line flag, which the caller
// knows. An installer that honours pip's settings calls it; nothing in this
// module reads them otherwise, because that is the caller's policy.
//
// Sources, weakest first: the global files (/etc/xdg/pip/pip.conf, or
// $XDG_CONFIG_DIRS, then /etc/pip.conf), the user files (~/.pip/pip.conf,
// then $XDG_CONFIG_HOME/pip/pip.conf), the site file {sys.prefix}/pip.conf,
// the file named by PIP_CONFIG_FILE (which disables all files when it is
// /dev/null), and the variable PIP_BREAK_SYSTEM_PACKAGES. In each file the
// [command] section beats [global]. Keys are matched as pip matches them
// (break_system_packages works too), and values are read as strtobool
// reads them. Only POSIX locations are modelled.
func PipOverride(command string, opts *PipOptions) (Override, error) {
	var o PipOptions
	if opts != nil {
		o = *opts
	}
	getenv := environ.Getter(o.LookupEnv)
	f := osfs.For(o.FS, false, "/")

	var files []string
	// --isolated drops environment variables and user files, but pip
	// still honours PIP_CONFIG_FILE.
	configFile := getenv("PIP_CONFIG_FILE")
	if configFile != "/dev/null" {
		dirs := getenv("XDG_CONFIG_DIRS")
		if dirs == "" {
			dirs = "/etc/xdg"
		}
		for _, d := range strings.Split(dirs, ":") {
			if d != "" {
				files = append(files, f.Join(d, "pip", "pip.conf"))
			}
		}
		files = append(files, "/etc/pip.conf")
		if home := getenv("HOME"); home != "" && !o.Isolated {
			configHome := getenv("XDG_CONFIG_HOME")
			if configHome == "" {
				configHome = f.Join(home, ".config")
			}
			files = append(files, f.Join(home, ".pip", "pip.conf"), f.Join(configHome, "pip", "pip.conf"))
		}
		if o.Prefix != "" {
			files = append(files, f.Join(o.Prefix, "pip.conf"))
		}
		if configFile != "" {
			files = append(files, configFile)
		}
	}

	var result Override
	for _, file := range files {
		data, err := f.ReadFile(file, osfs.LimitConfig)
		if err != nil {
			continue // pip skips files it cannot read
		}
		cfg, err := configparser.Parse(data, configparser.Options{})
		if err != nil {
			return Override{}, fmt.Errorf("pep668: pip configuration %s: %w", file, err)
		}
		for _, section := range []string{"global", command} {
			s := cfg.Section(section)
			if s == nil {
				continue
			}
			for _, opt := range s.Options {
				if strings.ReplaceAll(opt.Key, "_", "-") != "break-system-packages" || opt.Value == "" {
					continue
				}
				b, err := strtobool(opt.Value)
				if err != nil {
					return Override{}, fmt.Errorf("%w: %s [%s] %s = %s", err, file, section, opt.Name, opt.Value)
				}
				result = Override{BreakSystemPackages: b, Origin: OriginConfigFile, Source: fmt.Sprintf("%s [%s]", file, section)}
			}
		}
	}
	if v := getenv("PIP_BREAK_SYSTEM_PACKAGES"); v != "" && !o.Isolated {
		b, err := strtobool(v)
		if err != nil {
			return Override{}, fmt.Errorf("%w: PIP_BREAK_SYSTEM_PACKAGES=%s", err, v)
		}
		result = Override{BreakSystemPackages: b, Origin: OriginEnvironment, Source: "PIP_BREAK_SYSTEM_PACKAGES=" + v}
	}
	if !result.BreakSystemPackages {
		result = Override{}
	}
	return result, nil
}

// strtobool reads a boolean as pip's strtobool does.
func strtobool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "y", "yes", "t", "true", "on", "1":
		return true, nil
	case "n", "no", "f", "false", "off", "0":
		return false, nil
	}
	return false, ErrBadBool
}
