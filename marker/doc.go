// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package marker finds and reads the EXTERNALLY-MANAGED file of [PEP 668]
// and chooses the message a user should see.
//
// A distributor marks an interpreter as externally managed by putting a file
// named EXTERNALLY-MANAGED in the stdlib directory of its default install
// scheme. Whether the file exists decides: any regular file (or a symlink to
// one) marks the interpreter, whatever it holds. Its content only chooses the
// message:
//
//	[externally-managed]
//	Error=To install Python packages system-wide, try apt install
//	 python3-xyz, where xyz is the package you are trying to
//	 install.
//	Error-de_DE=Um Python-Pakete systemweit zu installieren, …
//
// The file is read as CPython's configparser.ConfigParser(interpolation=None)
// reads it as UTF-8, which is what pip does: section names are
// case-sensitive, option names are not, '=' and ':' delimit, values continue
// on lines indented deeper than their key, blank lines inside a value are kept,
// whole-line '#' and ';' comments are skipped (also inside a value), nothing
// is unquoted or unescaped, [DEFAULT] options are inherited, and a section or
// option given twice is an error.
//
// # Choosing the message
//
// [File.Message] tries the keys pip tries, in pip's order (see [KeyOrder]): for
// the language code "de_DE", Error-de_DE, then Error-de, then Error. The
// first key present wins, even with an empty value. The language code is
// the user's LC_MESSAGES locale without codeset and, before CPython 3.15,
// without modifier: 3.15's getlocale() keeps "@latin", so its pip tries
// Error-sr_RS@latin first ([LanguageFor], [FromEnv]).
//
// Matching with BCP 47 (golang.org/x/text/language) is available as an
// opt-in beyond the specification ([Options.Match]): only when pip's order
// finds nothing but Error, a key such as Error-pt-BR may then serve a pt_BR
// user, following a GNU LANGUAGE priority list.
//
// # Failing closed
//
// A marker that cannot be read, is not UTF-8, cannot be parsed, has
// duplicates, has no [externally-managed] section or no usable key still
// marks the environment. The message is then this package's own
// ([DefaultMessage]), which names the interpreter prefix and suggests a
// virtual environment, and [Message.Problem] says why. A [Message] therefore
// tells apart "marker with the message of key K" from "marker, default
// message because of a problem"; [Find] tells whether there is a marker at
// all.
//
// # What is tested against which interpreter
//
// Parsing and the message chosen are golden-tested over a corpus of 142
// marker files and 14 language codes against CPython 3.11.7's configparser
// with pip 23.2.1, and against 3.14.2 and 3.15.0rc1 (pyodide) with pip's
// source of 26.3.dev0 (testdata/golden-*.json, written by
// internal/testdata/gen/marker_golden.py). The locale rule is tested
// against each of those versions' locale module on 33 locale names; the
// configparser of every pyenv CPython 3.8–3.13 is compared live
// (PEP668_LIVE=1).
//
// # Where this package departs from pip
//
//   - A UTF-8 byte-order mark at the start of the file is skipped; pip
//     rejects such a file (a pip bug, not a rule of the specification).
//   - A duplicate section or option is a [ParseError]; pip crashes on it.
//   - A file that exists but cannot be read is reported as the Problem; pip
//     shows its default message silently. Read never reads a file that is
//     not regular (a FIFO would block, a link to /dev/zero never ends:
//     [ErrNotRegular]) or that holds more than 1 MiB ([ErrTooLarge]); pip
//     reads any file that os.path.isfile accepts, whatever its size.
//   - The language code is taken from the locale name as written. pip asks
//     Python, which also expands bare languages through an alias table ("de"
//     becomes "de_DE"), maps C.UTF-8 to en_US (CPython 3.11 and older) or to
//     C (3.12 and newer), and gives no language at all when any locale
//     category names a locale that is not installed.
//   - Invalid UTF-8 is reported before anything is parsed; CPython decodes in
//     8 KiB chunks and may report a duplicate earlier in a larger file first.
//
// [PEP 668]: https://peps.python.org/pep-0668/
package marker
