// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package pep668_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668"
	"github.com/pep668/pep668/internal/environ"
	"github.com/pep668/pep668/marker"
	"github.com/pep668/pep668/venv"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
func dir() *fstest.MapFile          { return &fstest.MapFile{Mode: fs.ModeDir | 0o755} }
func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Mode: fs.ModeSymlink | 0o777, Data: []byte(target)}
}

func merge(maps ...fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

const debianMessage = "To install Python packages system-wide, try apt install\n python3-xyz, where xyz is the package you are trying to\n install."

// Installations shaped like the distributors', as their files show them.
var (
	debian = fstest.MapFS{
		"usr/bin/python3.11":                    file(""),
		"usr/bin/python3":                       link("python3.11"),
		"usr/lib/python3.11/os.py":              file(""),
		"usr/lib/python3.11/lib-dynload":        dir(),
		"usr/lib/python3.11/sysconfig.py":       file("    'posix_local': {\n"),
		"usr/lib/python3.11/EXTERNALLY-MANAGED": file("[externally-managed]\nError=" + debianMessage + "\nError-de = Bitte apt verwenden.\n"),
	}
	debianVenv = fstest.MapFS{
		"home/me/.venv/bin/python": link("/usr/bin/python3"),
		"home/me/.venv/pyvenv.cfg": file("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n"),
	}
	homebrew = fstest.MapFS{
		"opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/bin/python3.13":                       file(""),
		"opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/lib/python3.13/os.py":                 file(""),
		"opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/lib/python3.13/lib-dynload":           dir(),
		"opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/lib/python3.13/sysconfig/__init__.py": file("    'osx_framework_library': {\n        'purelib': '/opt/homebrew/lib/python{py_version_short}{abi_thread}/site-packages',\n"),
		"opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/lib/python3.13/EXTERNALLY-MANAGED":    file("[externally-managed]\nError=To install Python packages system-wide, try brew install\n xyz, where xyz is the package you are trying to\n install.\n"),
		"opt/homebrew/bin/python3": link("../Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/bin/python3.13"),
	}
	conda = fstest.MapFS{
		"opt/conda/envs/app/bin/python3.12":                    file(""),
		"opt/conda/envs/app/lib/python3.12/os.py":              file(""),
		"opt/conda/envs/app/lib/python3.12/lib-dynload":        dir(),
		"opt/conda/envs/app/conda-meta/history":                file(""),
		"opt/conda/envs/app/lib/python3.12/EXTERNALLY-MANAGED": file("[externally-managed]\nError = This environment is managed by conda. Use conda install.\n"),
	}
	uvManaged = fstest.MapFS{
		"home/me/.local/share/uv/python/cpython-3.12.8-linux-x86_64-gnu/bin/python3.12":             file(""),
		"home/me/.local/share/uv/python/cpython-3.12.8-linux-x86_64-gnu/lib/python3.12/os.py":       file(""),
		"home/me/.local/share/uv/python/cpython-3.12.8-linux-x86_64-gnu/lib/python3.12/lib-dynload": dir(),
		"home/me/.local/share/uv/python/cpython-3.12.8-linux-x86_64-gnu/lib/python3.12/EXTERNALLY-MANAGED": file(
			"[externally-managed]\nError=This Python installation is managed by uv and should not be modified.\n"),
	}
	windows = fstest.MapFS{
		"Python312/python.exe":             file(""),
		"Python312/python312.dll":          file(""),
		"Python312/Lib/os.py":              file(""),
		"Python312/Lib/EXTERNALLY-MANAGED": file("[externally-managed]\nError = Managed by the IT department.\n"),
		"Users/me/venv/Scripts/python.exe": file(""),
		"Users/me/venv/pyvenv.cfg":         file("home = C:\\Python312\r\nversion = 3.12.4\r\n"),
		"Users/me/venv/Lib/site-packages":  dir(),
	}
	// Debian's pypy3 (PyPy 7.3.11, Python 3.9) beside a CPython 3.9, as
	// Debian 12 lays them out: its own stdlib and marker in lib/pypy3.9.
	debianPyPy = fstest.MapFS{
		"usr/bin/pypy3.9":                      file(""),
		"usr/bin/pypy3":                        link("pypy3.9"),
		"usr/bin/python3.9":                    file(""),
		"usr/lib/python3.9/os.py":              file(""),
		"usr/lib/python3.9/lib-dynload":        dir(),
		"usr/lib/pypy3.9/os.py":                file(""),
		"usr/lib/pypy3.9/sysconfig.py":         file("    'posix_local': {\n"),
		"usr/lib/pypy3.9/EXTERNALLY-MANAGED":   file("[externally-managed]\nError=To install Python packages system-wide, try apt install\n python3-xyz. Make sure you have pypy3-venv installed.\n"),
		"home/me/pv/bin/python":                link("pypy3"),
		"home/me/pv/bin/pypy3":                 link("/usr/bin/pypy3"),
		"home/me/pv/pyvenv.cfg":                file("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.9.16\n"),
		"home/me/pv/lib/pypy3.9/site-packages": dir(),
	}
	pyenv = fstest.MapFS{
		"root/.pyenv/versions/3.12.1/bin/python3.12":             file(""),
		"root/.pyenv/versions/3.12.1/bin/python3":                link("python3.12"),
		"root/.pyenv/versions/3.12.1/lib/python3.12/os.py":       file(""),
		"root/.pyenv/versions/3.12.1/lib/python3.12/lib-dynload": dir(),
	}
)

// want is the part of a Verdict the golden cases check.
type want struct {
	Allowed, ExternallyManaged bool
	Reason                     pep668.Reason
	Kind                       venv.Kind
	Scheme, Stdlib, MarkerPath string
	MarkerExists               bool
	Key                        string
	Default                    bool
	Distributor                pep668.Distributor
}

func summary(v *pep668.Verdict) want {
	w := want{Allowed: v.Allowed, ExternallyManaged: v.ExternallyManaged, Reason: v.Reason, Kind: v.Environment.Kind,
		Scheme: v.Scheme, Stdlib: v.Stdlib, MarkerPath: v.MarkerPath, MarkerExists: v.MarkerExists, Distributor: v.Distributor()}
	if v.Message != nil {
		w.Key, w.Default = v.Message.Key, v.Message.Default
	}
	return w
}

// TestCheckGolden runs the composed check over installations shaped like
// Debian's, Homebrew's, conda's, uv's managed Pythons' and Windows', without
// Python.
func TestCheckGolden(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		exe  string
		opts pep668.Options
		want want
	}{
		{"debian system", debian, "/usr/bin/python3", pep668.Options{},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "posix_local", "/usr/lib/python3.11", "/usr/lib/python3.11/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"debian system, German", debian, "/usr/bin/python3", pep668.Options{Message: marker.Options{Language: "de_DE"}},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "posix_local", "/usr/lib/python3.11", "/usr/lib/python3.11/EXTERNALLY-MANAGED", true, "Error-de", false, pep668.DistributorDebian}},
		{"debian venv", merge(debian, debianVenv), "/home/me/.venv/bin/python", pep668.Options{},
			want{true, false, pep668.ReasonVirtualEnvironment, venv.KindVenv, "venv", "/usr/lib/python3.11", "/usr/lib/python3.11/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"debian, --break-system-packages", debian, "/usr/bin/python3", pep668.Options{Override: pep668.Override{BreakSystemPackages: true, Origin: pep668.OriginFlag, Source: "--break-system-packages"}},
			want{true, true, pep668.ReasonOverride, venv.KindSystem, "posix_local", "/usr/lib/python3.11", "/usr/lib/python3.11/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"debian, --target", debian, "/usr/bin/python3", pep668.Options{Mode: pep668.InstallTarget},
			want{true, true, pep668.ReasonInstallMode, venv.KindSystem, "posix_local", "/usr/lib/python3.11", "/usr/lib/python3.11/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"debian, DEB_PYTHON_INSTALL_LAYOUT=deb", debian, "/usr/bin/python3", pep668.Options{LookupEnv: environ.Map(map[string]string{"DEB_PYTHON_INSTALL_LAYOUT": "deb"})}, want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "deb_system", "/usr/lib/python3.11", "/usr/lib/python3.11/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"homebrew", homebrew, "/opt/homebrew/bin/python3", pep668.Options{},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "osx_framework_library",
				"/opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/lib/python3.13",
				"/opt/homebrew/Cellar/python@3.13/3.13.1/Frameworks/Python.framework/Versions/3.13/lib/python3.13/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorHomebrew}},
		{"conda environment with a marker", conda, "/opt/conda/envs/app/bin/python3.12", pep668.Options{},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindConda, "posix_prefix", "/opt/conda/envs/app/lib/python3.12", "/opt/conda/envs/app/lib/python3.12/EXTERNALLY-MANAGED", true, "Error", false, "conda"}},
		{"uv-managed python", uvManaged, "/home/me/.local/share/uv/python/cpython-3.12.8-linux-x86_64-gnu/bin/python3.12", pep668.Options{},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "posix_prefix",
				"/home/me/.local/share/uv/python/cpython-3.12.8-linux-x86_64-gnu/lib/python3.12",
				"/home/me/.local/share/uv/python/cpython-3.12.8-linux-x86_64-gnu/lib/python3.12/EXTERNALLY-MANAGED", true, "Error", false, "uv"}},
		{"windows system", windows, `C:\Python312\python.exe`, pep668.Options{Windows: true},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "nt", `C:\Python312\Lib`, `C:\Python312\Lib\EXTERNALLY-MANAGED`, true, "Error", false, ""}},
		{"windows venv", windows, `C:\Users\me\venv\Scripts\python.exe`, pep668.Options{Windows: true},
			want{true, false, pep668.ReasonVirtualEnvironment, venv.KindVenv, "venv", `C:\Python312\Lib`, `C:\Python312\Lib\EXTERNALLY-MANAGED`, true, "Error", false, ""}},
		{"debian pypy", debianPyPy, "/usr/bin/pypy3", pep668.Options{},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "posix_local", "/usr/lib/pypy3.9", "/usr/lib/pypy3.9/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"debian pypy, version given", debianPyPy, "/usr/bin/pypy3", pep668.Options{Python: "3.9"},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "posix_local", "/usr/lib/pypy3.9", "/usr/lib/pypy3.9/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"debian cpython beside pypy", debianPyPy, "/usr/bin/python3.9", pep668.Options{},
			want{true, false, pep668.ReasonNoMarker, venv.KindSystem, "posix_prefix", "/usr/lib/python3.9", "/usr/lib/python3.9/EXTERNALLY-MANAGED", false, "", false, ""}},
		{"debian pypy venv", debianPyPy, "/home/me/pv/bin/python", pep668.Options{},
			want{true, false, pep668.ReasonVirtualEnvironment, venv.KindVenv, "posix_prefix", "/usr/lib/pypy3.9", "/usr/lib/pypy3.9/EXTERNALLY-MANAGED", true, "Error", false, pep668.DistributorDebian}},
		{"pyenv, no marker", pyenv, "/root/.pyenv/versions/3.12.1/bin/python3", pep668.Options{},
			want{true, false, pep668.ReasonNoMarker, venv.KindSystem, "posix_prefix", "/root/.pyenv/versions/3.12.1/lib/python3.12", "/root/.pyenv/versions/3.12.1/lib/python3.12/EXTERNALLY-MANAGED", false, "", false, ""}},
		{"marker is a directory", merge(pyenv, fstest.MapFS{"root/.pyenv/versions/3.12.1/lib/python3.12/EXTERNALLY-MANAGED": dir()}),
			"/root/.pyenv/versions/3.12.1/bin/python3", pep668.Options{},
			want{true, false, pep668.ReasonNoMarker, venv.KindSystem, "posix_prefix", "/root/.pyenv/versions/3.12.1/lib/python3.12", "/root/.pyenv/versions/3.12.1/lib/python3.12/EXTERNALLY-MANAGED", false, "", false, ""}},
		{"broken marker fails closed", merge(pyenv, fstest.MapFS{"root/.pyenv/versions/3.12.1/lib/python3.12/EXTERNALLY-MANAGED": file("not ini\n")}),
			"/root/.pyenv/versions/3.12.1/bin/python3", pep668.Options{},
			want{false, true, pep668.ReasonExternallyManaged, venv.KindSystem, "posix_prefix", "/root/.pyenv/versions/3.12.1/lib/python3.12", "/root/.pyenv/versions/3.12.1/lib/python3.12/EXTERNALLY-MANAGED", true, "", true, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.FS = tt.fsys
			v, err := pep668.Check(tt.exe, &opts)
			if err != nil {
				t.Fatalf("Check(%s): %v", tt.exe, err)
			}
			if diff := cmp.Diff(tt.want, summary(v)); diff != "" {
				t.Errorf("Check(%s) mismatch (-want +got):\n%s\nexplanation:\n%s", tt.exe, diff, strings.Join(pep668.Explain(v), "\n"))
			}
			refusal := pep668.RenderRefusal(v)
			if v.Allowed != (refusal == "") {
				t.Errorf("RenderRefusal = %q for Allowed %v", refusal, v.Allowed)
			}
			if !v.Allowed && !strings.Contains(refusal, strings.SplitN(v.Message.Text, "\n", 2)[0]) {
				t.Errorf("RenderRefusal does not show the message:\n%s", refusal)
			}
		})
	}
}

func TestCheckExplains(t *testing.T) {
	v, err := pep668.Check("/usr/bin/python3", &pep668.Options{FS: debian})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"installing is refused: the interpreter is marked as externally managed by Debian or Ubuntu, and it is not a virtual environment",
		"python: /usr/bin/python3 (debian 3.11)",
		"environment: system; prefix /usr, base prefix /usr",
		"default install scheme: posix_local; stdlib /usr/lib/python3.11",
		"marker: /usr/lib/python3.11/EXTERNALLY-MANAGED (present)",
		"message: from key Error",
	}
	got := pep668.Explain(v)
	if diff := cmp.Diff(want, got[:len(want)]); diff != "" {
		t.Errorf("Explain mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(pep668.RenderRefusal(v), "error: externally-managed-environment\n\n× This environment is externally managed\n╰─> To install Python packages system-wide, try apt install\n    python3-xyz,") {
		t.Errorf("RenderRefusal:\n%s", pep668.RenderRefusal(v))
	}
	if _, err := pep668.Check("/usr/bin/python9", &pep668.Options{FS: debian}); !errors.Is(err, venv.ErrNoExecutable) {
		t.Errorf("Check(missing) error = %v", err)
	}
}

func TestPipOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"etc/pip.conf":                 file("[global]\nbreak-system-packages = true\n"),
		"home/me/.config/pip/pip.conf": file("[install]\nbreak_system_packages = false\n"),
		"opt/site/pip.conf":            file("[uninstall]\nbreak-system-packages = yes\n"),
		"tmp/custom.conf":              file("[global]\nbreak-system-packages = maybe\n"),
		"tmp/dup.conf":                 file("[global]\na = 1\nA = 2\n"),
	}
	env := func(kv ...string) func(string) (string, bool) {
		m := map[string]string{"HOME": "/home/me"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return environ.Map(m)
	}
	tests := []struct {
		command string
		opts    pep668.PipOptions
		want    pep668.Override
		err     bool
	}{
		{"install", pep668.PipOptions{FS: fsys, LookupEnv: env()}, pep668.Override{}, false}, // user [install] false beats global true
		{"uninstall", pep668.PipOptions{FS: fsys, LookupEnv: env()}, pep668.Override{true, pep668.OriginConfigFile, "/etc/pip.conf [global]"}, false},
		{"uninstall", pep668.PipOptions{FS: fsys, LookupEnv: env(), Prefix: "/opt/site"}, pep668.Override{true, pep668.OriginConfigFile, "/opt/site/pip.conf [uninstall]"}, false},
		{"install", pep668.PipOptions{FS: fsys, LookupEnv: env("PIP_BREAK_SYSTEM_PACKAGES", "1")}, pep668.Override{true, pep668.OriginEnvironment, "PIP_BREAK_SYSTEM_PACKAGES=1"}, false},
		{"uninstall", pep668.PipOptions{FS: fsys, LookupEnv: env("PIP_BREAK_SYSTEM_PACKAGES", "0")}, pep668.Override{}, false},
		{"install", pep668.PipOptions{FS: fsys, LookupEnv: env("PIP_BREAK_SYSTEM_PACKAGES", "1"), Isolated: true}, pep668.Override{true, pep668.OriginConfigFile, "/etc/pip.conf [global]"}, false},
		{"install", pep668.PipOptions{FS: fsys, LookupEnv: env("PIP_CONFIG_FILE", "/dev/null")}, pep668.Override{}, false},
		{"install", pep668.PipOptions{FS: fsys, LookupEnv: env("PIP_CONFIG_FILE", "/tmp/custom.conf")}, pep668.Override{}, true},
		{"install", pep668.PipOptions{FS: fsys, LookupEnv: env("PIP_BREAK_SYSTEM_PACKAGES", "maybe")}, pep668.Override{}, true},
		{"install", pep668.PipOptions{FS: fsys, LookupEnv: env("PIP_CONFIG_FILE", "/tmp/dup.conf")}, pep668.Override{}, true},
	}
	for i, tt := range tests {
		got, err := pep668.PipOverride(tt.command, &tt.opts)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("%d: PipOverride(%s) = %+v, %v; want %+v, error %v", i, tt.command, got, err, tt.want, tt.err)
		}
	}
}

// TestNilOptions: every entry point takes nil options (no environment,
// the host's files) without a panic.
func TestNilOptions(t *testing.T) {
	if _, err := pep668.Locate("/nonexistent/python3", nil); !errors.Is(err, pep668.ErrNotFound) {
		t.Errorf("Locate with nil options: %v, want ErrNotFound", err)
	}
	if _, err := pep668.PipOverride("install", nil); err != nil {
		t.Errorf("PipOverride with nil options: %v", err)
	}
	if _, err := pep668.Check("/nonexistent/python3", nil); !errors.Is(err, pep668.ErrNotFound) {
		t.Errorf("Check with nil options: %v, want ErrNotFound", err)
	}
	if opts := marker.FromEnv(nil); opts.Locale != "" || len(opts.Priority) != 0 {
		t.Errorf("marker.FromEnv(nil) = %+v", opts)
	}
	if a := venv.ActivationFromEnv(nil); a != (venv.Activation{}) {
		t.Errorf("venv.ActivationFromEnv(nil) = %+v", a)
	}
	if _, err := pep668.Scan(fstest.MapFS{}, nil); err != nil {
		t.Errorf("Scan with nil options: %v", err)
	}
}
