#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Write record/testdata/csv.json: how Python's csv.reader (default dialect,
file opened with newline='') splits RECORD-like texts into rows.

    $(pyenv root)/versions/3.11.7/bin/python3 internal/testdata/gen/record_csv_golden.py
    node internal/testdata/gen/pyodide.mjs <pyodide@314 package> internal/testdata/gen/record_csv_golden.py

writes record/testdata/csv-<python version>.json (3.11.7, and 3.14.2 and
3.15.0rc1 in pyodide). Python 3.11 or newer: older versions reject NUL bytes.
"""
import csv, io, json, os, sys

CASES = [
    "a.py,,", '"a""b.py",,', 'a"b.py,,', '"ab"c,,', '"unterminated,,', "a.py ,, ", "", " ", '"x\ny",,',
    "a,b,c,d", "a,", '"a",', 'x,y,"z\r\nw"', "a\rb,,", "\n\na,,\n\nb,sha256=AAAA,3\r\n", '"a" ,,', "a\x00b,,",
    '"file1,file2.txt",sha256=AVTFPZpEKzuHr7OvQZmhaU3LvwKz06AJw8mT_pNh2yI,3144',
    "distribution-1.0.dist-info\\RECORD,,", "file.py,sha256=x,3144,", "distribution-1.0.dist-info/RECORD,,,,",
    "\r\n\r\n", "\r\r", "a,,\rb,,\r", '"multi\r\nline\rname",,\n', '""""",,', '"""a""",,', 'a,"",""',
    '"a"b"c",,', 'caf\u00e9/\u00fcn\u00ef.py,,', "sp ace/x.py,,\n", ",,", "a,,\n,,", '"', '""', ",",
    "pkg/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\npkg-1.0.dist-info/RECORD,,\n",
]

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "..", "record", "testdata", "csv-%s.json" % sys.version.split()[0])

def main():
    out = []
    for c in CASES:
        rows = list(csv.reader(io.StringIO(c, newline="")))
        out.append({"input": c, "rows": rows})
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=True)
        f.write("\n")

main()
