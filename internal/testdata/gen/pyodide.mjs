// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
//
// Run a Python script with the CPython of an npm pyodide package, under
// Node, with no network:
//
//	node internal/testdata/gen/pyodide.mjs <pyodide package dir> script.py [args...]
//	node internal/testdata/gen/pyodide.mjs <pyodide package dir> -c CODE
//
// pyodide@314 is CPython 3.14.2 and pyodide@315.0.0-alpha.2 is 3.15.0rc1;
// `npm install pyodide@314` in any directory puts the package in
// node_modules/pyodide. The current directory, the script's directory,
// every directory named in PYODIDE_MOUNT (colon-separated) and every
// argument that is an absolute path to a directory are mounted at their own
// paths, so the script reads and writes the host's files where it
// would natively. Its output is the process's; its exit status is returned.
import { pathToFileURL } from "node:url";
import { resolve, dirname, join, isAbsolute } from "node:path";
import { existsSync, statSync } from "node:fs";

const [pkg, script, ...args] = process.argv.slice(2);
if (!pkg || !script) {
  console.error("usage: node pyodide.mjs <pyodide package dir> script.py [args...]");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(join(resolve(pkg), "pyodide.mjs")).href);
const py = await loadPyodide({
  indexURL: resolve(pkg) + "/",
  env: { ...process.env, HOME: "/home/pyodide" },
  stdout: (s) => process.stdout.write(s + "\n"),
  stderr: (s) => process.stderr.write(s + "\n"),
});
const inline = script === "-c";
const mounts = new Set(inline ? [process.cwd()] : [process.cwd(), dirname(resolve(script))]);
for (const m of (process.env.PYODIDE_MOUNT ?? "").split(":")) if (m) mounts.add(resolve(m));
for (const a of args) if (isAbsolute(a) && existsSync(a) && statSync(a).isDirectory()) mounts.add(a);
const mounted = [];
for (const m of [...mounts].sort()) {
  if (mounted.some((p) => m === p || m.startsWith(p + "/"))) continue;
  mounted.push(m);
  py.FS.mkdirTree(m);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: m }, m);
}
py.globals.set("_argv", py.toPy(inline ? ["-c", ...args.slice(1)] : [resolve(script), ...args]));
py.globals.set("_code", inline ? args[0] ?? "" : undefined);
py.globals.set("_cwd", process.cwd());
let status;
try {
  status = py.runPython(`
import os, runpy, sys
os.chdir(_cwd)
sys.argv = list(_argv)
try:
    if _code is not None:
        exec(compile(_code, "<string>", "exec"), {"__name__": "__main__"})
    else:
        sys.path.insert(0, os.path.dirname(sys.argv[0]))
        runpy.run_path(sys.argv[0], run_name="__main__")
    status = 0
except SystemExit as e:
    status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
sys.stdout.flush(); sys.stderr.flush()
status
`);
} catch (e) {
  // A Python exception: its traceback, not the minified JavaScript around it.
  process.stderr.write(String(e.message ?? e) + "\n");
  status = 1;
}
process.exit(status);
