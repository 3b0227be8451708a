// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package venv_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pep668/pep668/internal/pystr"
	"github.com/pep668/pep668/venv"
)

// FuzzParseConfig checks that any bytes parse without a panic into entries
// that are stripped and keyed as CPython keys them, or fail with a
// *ConfigError; and that Detect copes with any pyvenv.cfg.
func FuzzParseConfig(f *testing.F) {
	for _, g := range readGoldenFiles(f) {
		for _, e := range g.Tree {
			if strings.HasSuffix(e.Path, "/pyvenv.cfg") {
				f.Add([]byte(e.Data))
			}
		}
	}
	f.Add([]byte("home = /usr/bin\r\ninclude-system-site-packages = TRUE\r"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := venv.ParseConfig("pyvenv.cfg", data)
		if err != nil {
			var ce *venv.ConfigError
			if !errors.As(err, &ce) || !errors.Is(err, venv.ErrEncoding) || ce.Line < 1 {
				t.Fatalf("ParseConfig error %#v is not a *ConfigError with a line", err)
			}
			return
		}
		for _, e := range c.Entries {
			if e.Name != pystr.Strip(e.Name) || e.Value != pystr.Strip(e.Value) || e.Key != pystr.Lower(e.Name) ||
				strings.ContainsAny(e.Name, "=\r\n") || strings.ContainsAny(e.Value, "\r\n") {
				t.Fatalf("entry %+v is not stripped, folded and split as CPython would", e)
			}
		}
		fsys := with(posixBase, fstest.MapFS{"v/bin/python": link("/usr/bin/python3.11"), "v/pyvenv.cfg": {Data: data}})
		env, err := venv.Detect("/v/bin/python", &venv.Options{FS: fsys})
		if err != nil {
			t.Fatalf("Detect with a valid pyvenv.cfg: %v", err)
		}
		if env.Prefix != "/v" || !env.IsVirtual {
			t.Fatalf("Detect = %+v; any pyvenv.cfg makes /v a venv on 3.11", env)
		}
	})
}
