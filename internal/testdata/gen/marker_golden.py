#!/usr/bin/env python3
# Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause
"""Generate the marker package's golden data from CPython's configparser and
pip's own ExternallyManagedEnvironment.from_config.

    $(pyenv root)/versions/3.11.7/bin/python3 internal/testdata/gen/marker_golden.py

writes every case below, byte for byte, to marker/testdata/corpus/<name> and
the reference results to marker/testdata/golden-<python version>.json. The interpreter must
have pip (pip 23.2.1 on the 3.11 of the team's machines).

    python3 internal/testdata/gen/marker_golden.py --configparser-only

prints only the configparser results as JSON, with no pip needed; the Go test
TestConfigparserOfEveryInterpreter compares it, run by every CPython found,
with the committed file.

CPython 3.14.2 and 3.15.0rc1 run in pyodide (see pyodide.mjs beside this
file), with pip from the source of pypa/pip put on sys.path:

    PYTHONPATH_EXTRA=<pip checkout>/src PYODIDE_MOUNT=<pip checkout> \
      node internal/testdata/gen/pyodide.mjs <pyodide@314 package> \
      internal/testdata/gen/marker_golden.py --out marker/testdata/golden-3.14.2.json

With --out the corpus is only compared with the cases, not rewritten, and the
results go to the file named.
"""
import configparser
import json
import logging
import os
import sys
import tempfile
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "..", "marker", "testdata")

# The language codes pip is made to see (locale.getlocale(LC_MESSAGES)[0]).
# None is the C locale, Windows, or a locale that is not installed.
LANGS = [None, "de_DE", "de", "en_US", "en-US", "zh_Hant", "zh-Hant_TW", "pt_BR",
         "C", "a-b_c", "\u039f\u0394\u039f\u03a3", "sr_RS", "sr_RS@latin", "ca_ES@valencia"]

# POSIX locale names, and what CPython's getlocale() makes of each.
LOCALES = ["", "C", "POSIX", "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8", "de_DE.UTF-8",
           "de_DE", "de", "en", "pt_BR", "pt_BR.UTF-8", "de_DE@euro", "en_US.UTF-8@euro",
           "sr_RS@latin", "sr_RS.UTF-8@latin", "ca_ES@valencia", "ja_JP.eucJP", "zh_CN.GB2312",
           "zh_TW.Big5", "zh_Hant", "fr_CA.ISO-8859-1", "es-419", "nl_BE.UTF-8", "C@foo",
           "uz_UZ.UTF-8@cyrillic", "be_BY@latin", "sr_RS.utf8@latin", "de_DE.UTF-8@euro",
           "de_DE.ISO-8859-15@euro", "fr_FR@euro", "en_US.utf8@euro"]

H = b"[externally-managed]\n"

DEBIAN = (
    b"[externally-managed]\n"
    b"Error=To install Python packages system-wide, try apt install\n"
    b" python3-xyz, where xyz is the package you are trying to\n"
    b" install.\n"
    b"\n"
    b" If you wish to install a non-Debian-packaged Python package,\n"
    b" create a virtual environment using python3 -m venv path/to/venv.\n"
    b" Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make\n"
    b" sure you have python3-full installed.\n"
    b"\n"
    b" If you wish to install a non-Debian packaged Python application,\n"
    b" it may be easiest to use pipx install xyz, which will manage a\n"
    b" virtual environment for you. Make sure you have pipx installed.\n"
    b"\n"
    b" See /usr/share/doc/python3.11/README.venv for more information.\n"
)
DEBIAN_PATH = "/usr/lib/python3.11/EXTERNALLY-MANAGED"

HOMEBREW = b"""[externally-managed]
Error=To install Python packages system-wide, try brew install
 xyz, where xyz is the package you are trying to
 install.

 If you wish to install a Python library that isn't in Homebrew,
 use a virtual environment:

   python3 -m venv path/to/venv
   source path/to/venv/bin/activate
   python3 -m pip install xyz

 If you wish to install a Python application that isn't in Homebrew,
 it may be easiest to use 'pipx install xyz', which will manage a
 virtual environment for you. You can install pipx with

   brew install pipx

 You may restore the old behavior of pip by passing
 the '--break-system-packages' flag to pip, or by adding
 'break-system-packages = true' to your pip.conf file. The latter
 will permanently disable this error.

 If you disable this error, we STRONGLY recommend that you additionally
 pass the '--user' flag to pip, or set 'user = true' in your pip.conf
 file. Failure to do this can result in a broken Homebrew installation.

 Read more about this behavior here: <https://peps.python.org/pep-0668/>
"""

ARCH = b"""[externally-managed]
Error=To install Python packages system-wide, try 'pacman -S
    python-xyz', where xyz is the package you are trying to
    install.

    If you wish to install a non-Arch-packaged Python package,
    create a virtual environment using 'python -m venv path/to/venv'.
    Then use path/to/venv/bin/python and path/to/venv/bin/pip.
"""

UV = b"[externally-managed]\nError=This Python installation is managed by uv and should not be modified.\n"

TRANSLATED = H + ("Error=\u6700\u5f8c\nError-en=English\nError-zh=\u4e2d\u6587\n"
                  "Error-zh_Hant=\u7e41\u9ad4\nError-zh_Hans=\u7b80\u4f53\n").encode()

# (name, content). Names are file names in marker/testdata/corpus.
CASES = [
    # Real and realistic files.
    ("debian-python3.11", DEBIAN),
    ("debian-python3.11-crlf", DEBIAN.replace(b"\n", b"\r\n")),
    ("debian-python3.11-cr", DEBIAN.replace(b"\n", b"\r")),
    ("debian-no-final-newline", DEBIAN.rstrip(b"\n")),
    ("debian-spec-translation", DEBIAN + "Error-de_DE=Wenn ist das Nunst\u00fcck git und Slotermeyer?\n\n Ja! Beiherhund das Oder die Virtualenvironment gersput!\n".encode()),
    ("homebrew-python3.13", HOMEBREW),
    ("arch-style", ARCH),
    ("uv-managed", UV),
    ("pip-test-translations", TRANSLATED),
    ("pip-test-no-zh-hant", TRANSLATED.replace("Error-zh_Hant=\u7e41\u9ad4\n".encode(), b"")),
    ("pip-test-error-en", H + "Error=\u6700\u5f8c\nError-en=English\n".encode()),
    # Sections and file structure.
    ("empty", b""),
    ("only-comments", b"# nothing\n; here\n"),
    ("only-header", H),
    ("other-section", b"[foo]\nblah = blah\n"),
    ("section-without-error", H + b"blah = blah\n"),
    ("section-case", b"[Externally-Managed]\nError = x\n"),
    ("section-spaces", b"[ externally-managed ]\nError = x\n"),
    ("section-indented", b"   [externally-managed]\nError = x\n"),
    ("section-trailing-junk", b"[externally-managed] junk\nError = x\n"),
    ("section-trailing-comment", b"[externally-managed] ; c\nError = x\n"),
    ("section-unclosed", b"[externally-managed\nError = x\n"),
    ("section-empty-name", b"[]\n[externally-managed]\nError = x\n"),
    ("section-bracket-name", b"[]]\nError = y\n[externally-managed]\nError = x\n"),
    ("section-last-bracket", b"[externally-managed]x]\nError = x\n"),
    ("option-before-header", b"Error = x\n[externally-managed]\nError = y\n"),
    ("invalid-first-line", b"invalid\n"),
    ("bom", b"\xef\xbb\xbf" + H + b"Error = with bom\n"),
    ("indented-line-after-header", H + b"  indented first line\nError = x\n"),
    ("duplicate-section", H + b"Error = a\n" + H + b"Error-de = b\n"),
    ("two-sections-by-case", H + b"Error = a\n[Externally-Managed]\nError = b\n"),
    ("default-inherited", b"[DEFAULT]\nError = from default\n[externally-managed]\nError-de = de\n"),
    ("default-only", b"[DEFAULT]\nError = x\n"),
    ("default-lowercase", b"[default]\nError = x\n[externally-managed]\nError-de = de\n"),
    ("default-overridden", b"[DEFAULT]\nError = d\n[externally-managed]\nError = s\n"),
    ("default-twice", b"[DEFAULT]\nError-de = d\n[DEFAULT]\nError = e\n[externally-managed]\n"),
    ("default-duplicate-option", b"[DEFAULT]\nError = d\n[DEFAULT]\nerror = e\n[externally-managed]\n"),
    ("default-after-section", H + b"Error-de = de\n[DEFAULT]\nError = late default\n"),
    ("blank-lines-around", b"\n\n" + H + b"\n\nError = x\n\n\n"),
    ("comment-before-header", b"# a comment\n; another\n" + H + b"Error = x\n"),
    # Keys and delimiters.
    ("key-upper", H + b"ERROR = upper\n"),
    ("key-lower", H + b"error = lower\n"),
    ("key-mixed-lang", H + b"error-EN_us = us\nError = plain\n"),
    ("duplicate-option-case", H + b"Error = a\nerror = b\n"),
    ("duplicate-option", H + b"Error = a\nError = b\n"),
    ("duplicate-option-empty", H + b"Error =\nError =\n"),
    ("duplicate-option-after-syntax", H + b"Error = a\njunk\nError = b\n"),
    ("syntax-then-continuation", H + b"a = 1\njunk\n  b = 2\n  b = 3\n"),
    ("colon", H + b"Error: colon message\n"),
    ("colon-then-equals", H + b"Error: a = b\n"),
    ("equals-then-colon", H + b"Error = a: b\n"),
    ("many-equals", H + b"Error = a=b=c\n"),
    ("space-colon", H + b"Error : x\n"),
    ("spaces-around", H + b"   Error   =    value with spaces    \n"),
    ("tabs", H + b"Error\t=\tvalue\twith\ttabs\t\n"),
    ("no-delimiter", H + b"Error\n"),
    ("empty-value", H + b"Error =\n"),
    ("empty-value-lang", H + b"Error-zh_Hant =\nError = base\n"),
    ("empty-error-then-lang", H + b"Error =\nError-zh = zh\n"),
    ("empty-key", H + b"= value\n"),
    ("empty-key-twice", H + b"= a\n= b\n"),
    ("key-inner-space", H + b"Error de = x\n"),
    ("key-spaced-dash", H + b"Error - de = x\n"),
    ("key-dash-only", H + b"- = dash\nError = e\n"),
    ("key-quoted", H + b'"Error" = x\n'),
    ("key-colon-in-lang", H + b"Error-en:US = x\n"),
    ("key-bcp47", H + b"Error-en-US = hyphen\nError = plain\n"),
    ("key-bcp47-only", H + b"Error-pt-BR = brasileiro\nError-fr = fran\xc3\xa7ais\n"),
    ("key-unicode", H + "\u00c9rror = x\nError-\u65e5\u672c = y\nError = z\n".encode()),
    ("key-final-sigma", H + "Error-\u039f\u0394\u039f\u03a3 = greek\nError = base\n".encode()),
    ("key-dotted-i", H + "Error-\u0130 = dotted\nError = base\n".encode()),
    ("key-dotted-i-duplicate", H + "Error-\u0130 = a\nError-i\u0307 = b\n".encode()),
    ("key-kelvin", H + "Error-\u212a = kelvin\nError = base\n".encode()),
    ("zh-variants", H + b"Error-zh = zh\nError-zh-Hant = zh-Hant\nError = base\n"),
    ("lang-a-b-c", H + b"Error-a = a\nError-a-b = ab\nError = base\n"),
    ("lang-c", H + b"Error-C = c\nError-en_US = us\nError = base\n"),
    ("serbian", H + "Error = base\nError-sr_RS = \u045b\u0438\u0440\u0438\u043b\u0438\u0446\u0430\n".encode()),
    # Values on one line.
    ("percent", H + b"Error = 100% sure, %(foo)s and %%\n"),
    ("url-anchor", H + b"Error = see https://example.org/#anchor\n"),
    ("semicolon-inside", H + b"Error = a;b\n"),
    ("inline-hash", H + b"Error = message # trailing comment\n"),
    ("inline-semicolon", H + b"Error = message ; trailing comment\n"),
    ("hash-first", H + b"Error = #1 choice\n"),
    ("trailing-backslash", H + b"Error = ends with backslash \\\nError-de = x\n"),
    ("backslashes", H + b"Error = a\\nb \\t c \\\\ d\n"),
    ("windows-path", H + b"Error = C:\\Python\\\n"),
    ("double-quotes", H + b'Error = "quoted message"\n'),
    ("single-quotes", H + b"Error = 'quoted message'\n"),
    ("escaped-quotes", H + b'Error = "a \\"b\\" c"\n'),
    ("unbalanced-quote", H + b'Error = "unbalanced\n'),
    ("backtick", H + b"Error = run `pipx install xyz` instead\n"),
    ("backtick-open", H + b"Error = `oops\nError-de = x\n"),
    ("backtick-lead", H + b"Error = `pipx` is recommended\n"),
    ("triple-quote-tail", H + b'Error = """quoted""" tail\n'),
    ("triple-quote-multiline", H + b'Error = """multi\nline"""\n'),
    ("brackets-value", H + b"Error = [not a section]\n"),
    ("nul-byte", H + b"Error = a\x00b\n"),
    ("u2028", H + "Error = a\u2028b\n".encode()),
    ("trailing-nbsp", H + "Error = a\u00a0\n".encode()),
    ("trailing-us", H + b"Error = a\x1f\n"),
    ("leading-us", H + b"Error =\x1c a\n"),
    ("vertical-tab", H + b"Error = a\x0bb\x0c\n"),
    ("long-line", H + b"Error = " + b"x" * 200000 + b"\n"),
    # Multi-line values.
    ("continuation-spaces", H + b"Error = first\n  second\n  third\n"),
    ("continuation-tabs", H + b"Error = first\n\tsecond\n\tthird\n"),
    ("continuation-formfeed", H + b"Error = a\n\x0cb\n"),
    ("continuation-nbsp", H + "Error = a\n\u00a0b\n".encode()),
    ("continuation-ideographic-space", H + "Error = a\n\u3000b\n".encode()),
    ("paragraphs", H + b"Error = para one\n  line two\n\n  para two\n"),
    ("blank-lines-then-key", H + b"Error = a\n  b\n\n\n  c\n\n\nError-de = d\n"),
    ("whitespace-only-line", H + b"Error = a\n  b\n   \n  c\n"),
    ("varying-indent", H + b"Error = a\n  b\n      c\n d\n"),
    ("empty-first-line", H + b"Error =\n  line1\n  line2\n"),
    ("empty-then-blank", H + b"Error =\n\n  b\n"),
    ("trailing-blank-lines", H + b"Error = a\n\n\n"),
    ("indented-keys", H + b"  Error = a\n  Error-de = b\n"),
    ("indented-keys-continuation", H + b"  Error = a\n    b\n  Error-de = c\n"),
    ("continuation-not-deeper", H + b" Error=a\n b\n"),
    ("nbsp-indented-key", H + "\u00a0Error = a\n  b\n\u00a0Error-de = c\n".encode()),
    ("key-as-continuation", H + b"Error = a\n  Error-de = b\n"),
    ("section-as-continuation", H + b"Error = a\n  [b]\n"),
    ("comment-in-continuation", H + b"Error = a\n  # hash inside\n  b\n"),
    ("unindented-comment-in-value", H + b"Error = a\n# comment\n  b\n"),
    ("indented-comment-after-value", H + b"Error = x\n    ; indented comment after value\n"),
    ("comment-then-blank", H + b"Error = a\n# c\n\n  b\n"),
    ("hash-value-continued", H + b"Error = a # c\n  b\n"),
    ("quoted-continued", H + b'Error = "a"\n  b\n'),
    ("no-final-newline", H + b"Error = a\n  b"),
    ("long-continuation", H + b"Error = a\n  " + b"y" * 5000 + b"\n  z\n"),
    ("header-after-value", H + b"Error = a\n[other]\n  b = c\n"),
    ("continuation-after-header", H + b"[other]\n  b = c\n"),
    # Line endings and encoding.
    ("crlf-paragraphs", H.replace(b"\n", b"\r\n") + b"Error = a\r\n b\r\n\r\n c\r\n"),
    ("cr-only", b"[externally-managed]\rError = x\rError-de = y\r"),
    ("cr-inside-line", H + b"Error = a\rError-de = b\n"),
    ("mixed-line-ends", H + b"Error = a\r\n b\r c\n d\n"),
    ("invalid-utf8", H + b"Error = \xff\xfe\n"),
    ("latin1", H + b"Error = caf\xe9\n"),
    ("invalid-utf8-later-line", H + b"Error = ok\n\n  fine\n\xc3\n"),
    ("surrogate", H + b"Error = \xed\xa0\x80\n"),
    ("overlong", H + b"Error = \xc0\xaf\n"),
    ("truncated-utf8", H + b"Error = \xe2\x82"),
    ("utf8-everywhere", H + "Error = \u00fcml\u00e4\u00fcte \u2014 \U0001f40d\nError-de = \u00dc\n".encode()),
]


def line_of_offset(data, offset):
    """The 1-based line, in Python's universal newlines, of byte offset."""
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return head.count(b"\n") + 1


def configparser_result(data):
    """What ConfigParser(interpolation=None) makes of the file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "EXTERNALLY-MANAGED")
        with open(path, "wb") as f:
            f.write(data)
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except UnicodeDecodeError:
            # The file reader's offset is relative to its last chunk; decode
            # the whole file to find the first bad byte.
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as e:
                return {"error": "UnicodeDecodeError", "line": line_of_offset(data, e.start)}
            raise
        except configparser.MissingSectionHeaderError as e:  # a ParsingError
            return {"error": type(e).__name__, "line": e.lineno}
        except configparser.ParsingError as e:
            return {"error": type(e).__name__, "line": e.errors[0][0]}
        except (configparser.DuplicateOptionError, configparser.DuplicateSectionError) as e:
            return {"error": type(e).__name__, "line": e.lineno}
        result = {"sections": parser.sections()}
        if parser.has_section("externally-managed"):
            result["options"] = dict(parser["externally-managed"].items())
        return result


def pip_results(data, options):
    """What pip's from_config shows for each language in LANGS. When pip shows
    a message of the file, the result names the key whose value (in options,
    configparser's result) it is, and holds the text pip displays only where
    that differs from the value."""
    from pip._internal import exceptions as pipexc

    default = pipexc._DEFAULT_EXTERNALLY_MANAGED_ERROR
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "EXTERNALLY-MANAGED")
        with open(path, "wb") as f:
            f.write(data)
        for lang in LANGS:
            warnings = []
            handler = logging.Handler()
            handler.emit = lambda record: warnings.append(record.getMessage())
            log = logging.getLogger(pipexc.__name__)
            log.addHandler(handler)
            try:
                with mock.patch("locale.getlocale", return_value=(lang, "UTF-8")):
                    exc = pipexc.ExternallyManagedEnvironment.from_config(path)
            except Exception as e:  # pip has no handler for it: it crashes
                out[str(lang)] = {"crash": type(e).__name__}
                continue
            finally:
                log.removeHandler(handler)
            ctx = exc.context
            message = ctx.plain if hasattr(ctx, "plain") else str(ctx)
            res = {"default": message == default, "warning": bool(warnings)}
            if not res["default"]:
                res["key"] = chosen_key(pipexc, path, lang)
                if message != options[res["key"].lower()]:
                    # pip shows the value through rich's Text, which drops
                    # the control characters BEL, BS, VT, FF and CR.
                    res["displayed"] = message
            out[str(lang)] = res
    return out


def chosen_key(pipexc, path, lang):
    """The key pip's lookup stops at, by pip's own key iterator."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    section = parser["externally-managed"]
    with mock.patch("locale.getlocale", return_value=(lang, "UTF-8")):
        for key in pipexc.ExternallyManagedEnvironment._iter_externally_managed_error_keys():
            if key in section:
                return key
    return None


def locale_language(name):
    """The language pip would use for a locale: getlocale()[0], by the same
    parser CPython applies to setlocale's answer."""
    import locale
    try:
        return locale._parse_localename(name)[0]
    except ValueError:
        return "ValueError"


def main():
    names = [name for name, _ in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    if os.path.exists(DEBIAN_PATH):
        with open(DEBIAN_PATH, "rb") as f:
            assert f.read() == DEBIAN, "Debian's marker differs from the copy in this script"

    if sys.argv[1:] == ["--configparser-only"]:
        json.dump({name: configparser_result(data) for name, data in CASES}, sys.stdout,
                  ensure_ascii=True, sort_keys=True, indent=1)
        return
    out = os.path.join(OUT, "golden-%s.json" % sys.version.split()[0])
    write_corpus = True
    if sys.argv[1:2] == ["--out"]:
        out, write_corpus = sys.argv[2], False
    if os.environ.get("PYTHONPATH_EXTRA"):
        sys.path[:0] = os.environ["PYTHONPATH_EXTRA"].split(os.pathsep)

    import pip
    corpus = os.path.join(OUT, "corpus")
    if write_corpus:
        os.makedirs(corpus, exist_ok=True)
        for old in os.listdir(corpus):
            os.remove(os.path.join(corpus, old))
    golden = {
        "generator": "internal/testdata/gen/marker_golden.py",
        "python": sys.version.split()[0],
        "pip": pip.__version__,
        "languages": LANGS,
        "locales": {name: locale_language(name) for name in LOCALES},
        "cases": {},
    }
    for name, data in CASES:
        path = os.path.join(corpus, name)
        if write_corpus:
            with open(path, "wb") as f:
                f.write(data)
        else:
            with open(path, "rb") as f:
                assert f.read() == data, f"corpus file {name} differs from its case: run without --out first"
        cp = configparser_result(data)
        golden["cases"][name] = {"configparser": cp, "pip": pip_results(data, cp.get("options"))}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=True, sort_keys=True, indent=1)
        f.write("\n")
    print(f"{len(CASES)} cases x {len(LANGS)} languages written to {out}")


if __name__ == "__main__":
    main()
