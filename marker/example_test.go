// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package marker_test

import (
	"errors"
	"fmt"
	"testing/fstest"

	"github.com/pep668/pep668/marker"
)

func ExampleParse() {
	data := []byte(`[externally-managed]
Error=To install Python packages system-wide, try apt install
 python3-xyz, where xyz is the package you are trying to
 install.
Error-de=Verwenden Sie apt install python3-xyz.
`)
	f, err := marker.Parse("EXTERNALLY-MANAGED", data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Keys())
	text, _ := f.Lookup("error") // keys are not case-sensitive
	fmt.Println(text)
	// Output:
	// [Error Error-de]
	// To install Python packages system-wide, try apt install
	// python3-xyz, where xyz is the package you are trying to
	// install.
}

func ExampleParse_errors() {
	_, err := marker.Parse("EXTERNALLY-MANAGED", []byte("[externally-managed]\nError = a\nerror = b\n"))
	var pe *marker.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, errors.Is(err, marker.ErrDuplicateOption))
	}
	fmt.Println(err)
	// Output:
	// 3 true
	// marker: EXTERNALLY-MANAGED:3: duplicate option: "error = b"
}

func ExampleFile_Message() {
	f, _ := marker.Parse("m", []byte("[externally-managed]\nError = Use apt.\nError-de = Verwenden Sie apt.\nError-pt-BR = Use o apt.\n"))

	// pip's order for de_AT: Error-de_AT, Error-de, Error.
	m := f.Message(marker.Options{Language: marker.Language("de_AT.UTF-8")})
	fmt.Printf("%s: %s\n", m.Key, m.Text)

	// pt_BR finds no Error-pt_BR or Error-pt, so pip shows Error ...
	m = f.Message(marker.Options{Language: "pt_BR"})
	fmt.Printf("%s: %s\n", m.Key, m.Text)

	// ... unless BCP 47 matching is asked for.
	m = f.Message(marker.Options{Language: "pt_BR", Match: true})
	fmt.Printf("%s: %s\n", m.Key, m.Text)
	// Output:
	// Error-de: Verwenden Sie apt.
	// Error: Use apt.
	// Error-pt-BR: Use o apt.
}

func ExampleRead() {
	fsys := fstest.MapFS{
		"usr/lib/python3.11/EXTERNALLY-MANAGED":        {Data: []byte("[externally-managed]\nError = Use apt.\n")},
		"opt/broken/lib/python3.12/EXTERNALLY-MANAGED": {Data: []byte("Error = no section header\n")},
	}
	for _, stdlib := range []string{"usr/lib/python3.11", "opt/broken/lib/python3.12", "usr/local/lib/python3.13"} {
		name, found, err := marker.Find(fsys, stdlib)
		if err != nil || !found {
			fmt.Printf("%s: not externally managed (%v)\n", stdlib, err)
			continue
		}
		m := marker.Read(fsys, name, marker.Options{Prefix: "/opt/broken"})
		if m.Default {
			fmt.Printf("%s: externally managed; default message because %v\n", stdlib, m.Problem)
			continue
		}
		fmt.Printf("%s: externally managed; %s says %q\n", stdlib, m.Key, m.Text)
	}
	// Output:
	// usr/lib/python3.11: externally managed; Error says "Use apt."
	// opt/broken/lib/python3.12: externally managed; default message because marker: opt/broken/lib/python3.12/EXTERNALLY-MANAGED:1: option or text before the first section header: "Error = no section header"
	// usr/local/lib/python3.13: not externally managed (<nil>)
}

func ExampleRender() {
	data, err := marker.Render("Use apt install python3-xyz.\n\nOr create a virtual environment.",
		map[string]string{"de": "Verwenden Sie apt install python3-xyz."})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(data))
	// Output:
	// [externally-managed]
	// Error = Use apt install python3-xyz.
	//
	//  Or create a virtual environment.
	// Error-de = Verwenden Sie apt install python3-xyz.
}
