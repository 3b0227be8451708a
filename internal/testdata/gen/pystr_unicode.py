#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Write internal/pystr/testdata/unicode.json: what CPython's str.isspace and
str.lower do with every code point, for internal/pystr's tests.

Run it with a CPython whose unicodedata.unidata_version equals Go's
unicode.Version (15.0.0: CPython 3.12):

    $(pyenv root)/versions/3.12.1/bin/python3 internal/testdata/gen/pystr_unicode.py
"""
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "pystr", "testdata", "unicode.json")


def ranges(pred):
    """Code points where pred holds, as [first, last] pairs."""
    out = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:  # surrogates cannot appear in Go strings
            continue
        if pred(chr(cp)):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    return out


def main():
    lower = {}
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if c.lower() != c:
            lower[str(cp)] = c.lower()
    data = {
        "python": sys.version.split()[0],
        "unidata_version": unicodedata.unidata_version,
        "isspace": ranges(str.isspace),
        "lower": lower,
        # "A" c "Σ" ends in a final sigma exactly when c is cased or case-ignorable.
        "sigma_final_after": ranges(lambda c: ("A" + c + "\u03a3").lower()[-1] == "\u03c2"),
        # "AΣ" c keeps a medial sigma exactly when c is cased and not case-ignorable.
        "sigma_medial_before": ranges(lambda c: ("A\u03a3" + c).lower()[1] == "\u03c3"),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=True, indent=0, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
