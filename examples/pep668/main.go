// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Command pep668 answers PEP 668 questions about Python interpreters from
// the command line, using only the public API of github.com/pep668/pep668.
//
//	pep668 check [--json] [--python EXECUTABLE] [--locale NAME] [--break-system-packages] [--pip-config] [--strict-version]
//	pep668 marker [--json] [--locale NAME] [--prefix DIR] [--python X.Y] [--match] FILE
//	pep668 venv [--json] [--python-version X.Y] EXECUTABLE
//	pep668 scheme [--json] [--strict-version] (--vendor V --python-version X.Y [--os posix|nt] --scheme NAME [--var name=value ...] | --python EXECUTABLE [--vendor V] [--scheme NAME] [--var name=value ...] [--query])
//	pep668 uninstall [--json] [--apply] [--break-system-packages] --python EXECUTABLE NAME
//	pep668 scan [--json] [--verify] [--fail-on KINDS] ROOT|ARCHIVE|-
//	pep668 help
//	pep668 version
//
// pep668 COMMAND --help prints a command's synopsis and every flag.
// Every command prints human-readable lines, or one JSON object with --json
// (lists are [] when empty, never null). Standard output carries only
// that answer; a refusal ("not installed", "externally managed") or an
// error is a line on standard error, in every command and with or without
// --json. Exit status: 0 for yes or done, 1 for no or refused (for example
// "this is not a marker"), 2 for usage errors and anything else that went
// wrong.
//
// The JSON of each command, golden-tested in testdata/json:
//
//	check      python, found_as, resolved_how, externally_managed, allowed,
//	           reason, explanation[], in_virtual_environment, kind, prefix,
//	           base_prefix, vendor, version, implementation, rules, scheme,
//	           stdlib, marker_path, marker_exists, message|null, key|null,
//	           default_message, problem|null, override|null, notes[]
//	marker     path, found, message|null, key|null, default, problem|null
//	venv       executable, prefix, base_prefix, exec_prefix, base_exec_prefix,
//	           in_virtual_environment, kind, include_system_site_packages,
//	           version|null, free_threaded, implementation, config|null,
//	           real_prefix|null, notes[]
//	scheme     scheme, rules, paths{stdlib, platstdlib, purelib, platlib,
//	           include, platinclude, scripts, data}, notes[]
//	uninstall  distribution, version, dist_info, scheme, remove[],
//	           remove_dirs[], kept[], refused[], missing[], scheme_dirs[],
//	           basis[], applied, result{removed[], removed_dirs[],
//	           kept_dirs[]} and recovered{rolled_back[],
//	           completed[], kept[]} (both with --apply)
//	scan       root, interpreters[{executable, kind, prefix, base_prefix,
//	           version, vendor, allowed, externally_managed, marker_path,
//	           marker_exists, distributor, scheme, paths, site_dirs[]}],
//	           findings[{kind, interpreter, path, detail, evidence[]}],
//	           notes[]
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Exit statuses.
const (
	exitOK      = 0 // yes, or done
	exitNo      = 1 // no, or refused
	exitFailure = 2 // usage error or failure
)

// env is what a command may use of the world outside its arguments.
type env struct {
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool) // as os.LookupEnv
}

// command is one subcommand of the tool.
type command struct {
	usage   string // the synopsis after "pep668 "
	summary string // one line for help
	run     func(e *env, args []string) int
}

func commands() map[string]command {
	return map[string]command{
		"marker": {
			usage:   "marker [--json] [--locale NAME] [--prefix DIR] [--python X.Y] [--match] FILE",
			summary: "read an EXTERNALLY-MANAGED file and print the message a user should see",
			run:     runMarker,
		},
		"venv": {
			usage:   "venv [--json] [--python-version X.Y] EXECUTABLE",
			summary: "what sys.prefix and sys.base_prefix would this interpreter have? (exit 0 in a virtual environment, 1 outside)",
			run:     runVenv,
		},
		"scheme": {
			usage:   "scheme [--json] [--strict-version] (--vendor V --python-version X.Y [--os posix|nt] --scheme NAME [--var name=value ...] | --python EXECUTABLE [--vendor V] [--scheme NAME] [--var name=value ...] [--query])",
			summary: "expand an install scheme like sysconfig.get_paths, for a vendor's Python or a real interpreter",
			run:     runScheme,
		},
		"uninstall": {
			usage:   "uninstall [--json] [--apply] [--break-system-packages] --python EXECUTABLE NAME",
			summary: "plan (and with --apply carry out) an uninstall bounded by the interpreter's install scheme",
			run:     runUninstall,
		},
		"scan": {
			usage:   "scan [--json] [--verify] [--fail-on KINDS] ROOT|ARCHIVE|-",
			summary: "the PEP 668 state of a root filesystem or image archive (docker export, docker save, OCI): every interpreter, and what is wrong (exit 1 when --fail-on matches)",
			run:     runScan,
		},
		"check": {
			usage:   "check [--json] [--python EXECUTABLE] [--locale NAME] [--break-system-packages] [--pip-config] [--strict-version]",
			summary: "may packages be installed into this interpreter, and why (not)? (exit 0 allowed, 1 externally managed)",
			run:     runCheck,
		},
	}
}

func main() {
	// Standard output is buffered: an uninstall prints a line per file,
	// and a write per line cost more than the uninstall's own work.
	stdout := bufio.NewWriterSize(os.Stdout, 64<<10)
	status := run(os.Args[1:], &env{stdout: stdout, stderr: os.Stderr, lookupEnv: os.LookupEnv})
	if err := stdout.Flush(); err != nil && status == exitOK {
		fmt.Fprintln(os.Stderr, "pep668:", err)
		status = exitFailure
	}
	os.Exit(status)
}

// run runs the tool with args (without the program name) and returns its
// exit status.
func run(args []string, e *env) int {
	if len(args) == 0 {
		help(e.stderr)
		return exitFailure
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		help(e.stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(e.stdout, "pep668", version())
		return exitOK
	}
	cmd, ok := commands()[name]
	if !ok {
		fmt.Fprintf(e.stderr, "pep668: unknown command %q\n\n", name)
		help(e.stderr)
		return exitFailure
	}
	return cmd.run(e, rest)
}

func help(w io.Writer) {
	fmt.Fprintln(w, "pep668 answers PEP 668 (externally managed environment) questions about Python interpreters.")
	fmt.Fprintln(w, "\nUsage:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  pep668 %s\n        %s\n", cmds[n].usage, cmds[n].summary)
	}
	fmt.Fprintln(w, "  pep668 help\n        print this help; pep668 COMMAND --help describes a command's flags")
	fmt.Fprintln(w, "  pep668 version\n        print the module's version and the Go version it was built with")
	fmt.Fprintln(w, "\nWith --json a command prints one JSON object. Exit status: 0 yes or done, 1 no or refused, 2 error.")
}

// version returns the version of the module the binary was built from and
// the Go version: "v1.2.3 (go1.26.8)", "(devel)" for a build from a checkout.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	return fmt.Sprintf("%s (%s)", info.Main.Version, info.GoVersion)
}

// errUsage marks an error in the command line.
var errUsage = errors.New("usage")

// parseFlags parses args with fs, allowing flags after positional
// arguments, and returns the positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return nil, err
		} else if err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// newFlagSet returns a flag set that reports nothing itself: run reports
// errors once, with the command's usage.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// isSet reports whether the flag name was given.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// usageError prints err and the command's usage, and returns exitFailure;
// for --help (flag.ErrHelp) it prints the command's help with every flag
// on standard output instead, and returns exitOK.
func usageError(e *env, name string, fs *flag.FlagSet, err error) int {
	cmd := commands()[name]
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(e.stdout, "usage: pep668 %s\n\n%s\n\nFlags:\n", cmd.usage, cmd.summary)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		return exitOK
	}
	msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
	fmt.Fprintf(e.stderr, "pep668 %s: %s\nusage: pep668 %s\n(pep668 %s --help lists the flags)\n", name, msg, cmd.usage, name)
	return exitFailure
}

// printError prints err on standard error after the command's name, once:
// the library's own "pep668: " prefix is dropped.
func printError(e *env, name string, err error) {
	fmt.Fprintf(e.stderr, "pep668 %s: %s\n", name, strings.TrimPrefix(err.Error(), "pep668: "))
}

// writeJSON prints v as indented JSON.
//
// It writes what encoding/json's indented Encoder would, but as it goes:
// a struct field and a list element at a time, so that an uninstall plan of
// ten thousand paths is neither built whole in memory nor re-indented.
func writeJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := streamJSON(bw, reflect.ValueOf(v), ""); err != nil {
		return err
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// streamJSON writes v indented by indent, as encoding/json does.
func streamJSON(w *bufio.Writer, v reflect.Value, indent string) error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			_, err := w.WriteString("null")
			return err
		}
		if v.Type().Implements(marshalerType) {
			break
		}
		v = v.Elem()
	}
	switch {
	case v.Type().Implements(marshalerType):
	case v.Kind() == reflect.Struct:
		return streamStruct(w, v, indent)
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() != reflect.Uint8:
		if v.IsNil() {
			_, err := w.WriteString("null")
			return err
		}
		if v.Len() == 0 {
			_, err := w.WriteString("[]")
			return err
		}
		w.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n" + indent + "  ")
			if err := streamJSON(w, v.Index(i), indent+"  "); err != nil {
				return err
			}
		}
		_, err := w.WriteString("\n" + indent + "]")
		return err
	}
	if v.Kind() == reflect.String { // most of a plan: written directly
		_, err := w.Write(appendJSONString(w.AvailableBuffer(), v.String()))
		return err
	}
	// A value of one piece: encoding/json's own form.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent, "  ")
	if err := enc.Encode(v.Interface()); err != nil {
		return err
	}
	_, err := w.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	return err
}

// appendJSONString appends s as encoding/json writes a string without
// HTML escaping: quotes and backslashes escaped, \b \f \n \r \t by name,
// other control characters, U+2028 and U+2029 as \u escapes, and invalid
// UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// isEmpty is encoding/json's test for omitempty: a struct is never empty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// streamStruct writes a struct's fields as encoding/json does: named by
// their json tags, "-" and empty omitempty fields left out, the fields of
// an embedded struct (or pointer to one) in its place.
func streamStruct(w *bufio.Writer, v reflect.Value, indent string) error {
	first := true
	var fields func(v reflect.Value) error
	fields = func(v reflect.Value) error {
		t := v.Type()
		for i := range t.NumField() {
			f, fv := t.Field(i), v.Field(i)
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if f.Anonymous && tag == "" {
				for fv.Kind() == reflect.Pointer {
					if fv.IsNil() {
						break
					}
					fv = fv.Elem()
				}
				if fv.Kind() == reflect.Struct {
					if err := fields(fv); err != nil {
						return err
					}
				}
				continue
			}
			if !f.IsExported() || name == "-" {
				continue
			}
			if opts == "omitempty" && isEmpty(fv) {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if first {
				w.WriteByte('{')
				first = false
			} else {
				w.WriteByte(',')
			}
			key, _ := json.Marshal(name)
			w.WriteString("\n" + indent + "  ")
			w.Write(key)
			w.WriteString(": ")
			if err := streamJSON(w, fv, indent+"  "); err != nil {
				return err
			}
		}
		return nil
	}
	if err := fields(v); err != nil {
		return err
	}
	if first {
		_, err := w.WriteString("{}")
		return err
	}
	_, err := w.WriteString("\n" + indent + "}")
	return err
}

// text returns a multi-line text, a marker's message, with every control
// character but newline and tab escaped as Go would quote it, so that a
// hostile marker cannot move the cursor, clear lines or change colours.
func text(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\t' || unicode.IsPrint(r) && r != unicode.ReplacementChar {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRune(r)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// quote returns s as it is when it prints as itself on one line, else Go
// quoted, so that a hostile name (a newline, an escape sequence) cannot
// forge or hide output lines.
func quote(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) || r == unicode.ReplacementChar {
			return strconv.Quote(s)
		}
	}
	return s
}
