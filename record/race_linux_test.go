// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/pep668/pep668/record"
)

// renameat2 numbers, which the syscall package lacks on some
// architectures.
var sysRenameat2 = map[string]uintptr{"amd64": 316, "arm64": 276, "riscv64": 276, "loong64": 276, "386": 353, "arm": 382, "ppc64le": 357, "s390x": 347}

// exchange swaps two paths atomically (RENAME_EXCHANGE): at no moment is
// either name missing.
func exchange(a, b string) error {
	nr, ok := sysRenameat2[runtime.GOARCH]
	if !ok {
		return errors.ErrUnsupported
	}
	pa, _ := syscall.BytePtrFromString(a)
	pb, _ := syscall.BytePtrFromString(b)
	const atFDCWD, renameExchange = ^uintptr(99), 2 // AT_FDCWD is -100
	_, _, errno := syscall.Syscall6(nr, atFDCWD, uintptr(unsafe.Pointer(pa)), atFDCWD, uintptr(unsafe.Pointer(pb)), renameExchange, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// TestApplyRace flips a planned parent between its directory and a link,
// as fast as the kernel allows, while Apply runs. The link leads outside
// the scheme, or to another distribution's directory inside it. Whatever
// Apply answers, nothing outside changes, no file of the other
// distribution changes, and after recovery the environment is exactly
// before or after the uninstall.
func TestApplyRace(t *testing.T) {
	if _, ok := sysRenameat2[runtime.GOARCH]; !ok {
		t.Skip("no renameat2 number for", runtime.GOARCH)
	}
	n := iterations(10, 1000)
	outcomes := map[string]int{}
	for i := range n {
		for _, target := range []string{"outside", "other"} {
			outcomes[target+": "+raceOnce(t, target, i%2 == 1)]++
		}
	}
	t.Logf("%d runs: %v", 2*n, outcomes)
}

func raceOnce(t *testing.T, target string, failLate bool) string {
	root := tempRoot(t)
	sp := filepath.Join(root, site)
	tr := tree{
		"outside/sub/deep/":                  "", // an empty directory that must stay
		site + "/pkg/__init__.py":            "",
		site + "/other/sub/deep/":            "",
		site + "/other-1.0.dist-info/RECORD": "",
	}
	var record_, other strings.Builder
	for i := range 40 {
		name := fmt.Sprintf("sub/f%02d.py", i)
		tr[site+"/pkg/"+name] = "pkg"
		tr["outside/"+name] = "outside"
		tr[site+"/other/"+name] = "other"
		record_.WriteString("pkg/" + name + ",,\n")
		other.WriteString("other/" + name + ",,\n")
	}
	tr[site+"/pkg/sub/deep/x.py"] = "pkg"
	tr[site+"/pkg-1.0.dist-info/RECORD"] = record_.String() + "pkg/__init__.py,,\npkg/sub/deep/x.py,,\npkg-1.0.dist-info/RECORD,,\n"
	tr[site+"/other-1.0.dist-info/RECORD"] = other.String()
	tr.write(t, root)
	swap := filepath.Join(sp, "pkg", "sub.swap")
	if target == "outside" {
		os.Symlink(filepath.Join(root, "outside", "sub"), swap)
	} else {
		os.Symlink(filepath.Join(sp, "other", "sub"), swap)
	}
	plan, err := planIn(t, "pkg", venvPaths(root))
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, root)
	wantAfter := keptEntries(t, root, plan, before)

	var stop atomic.Bool
	var flips int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a := filepath.Join(sp, "pkg", "sub")
		for !stop.Load() {
			if err := exchange(a, swap); err != nil {
				if !errors.Is(err, syscall.ENOENT) { // gone: Apply removed the emptied directory
					t.Error(err)
				}
				return
			}
			flips++
		}
	}()
	moves := 0
	_, applyErr := record.Apply(plan, &record.ApplyOptions{BeforeMove: func(string) error {
		runtime.Gosched()
		if moves++; failLate && moves == len(plan.Remove)-1 {
			return errors.New("injected failure")
		}
		return nil
	}})
	stop.Store(true)
	wg.Wait()
	if flips%2 == 1 {
		exchange(filepath.Join(sp, "pkg", "sub"), swap) // the directory back in its place
	}

	after := snapshot(t, root)
	for p, v := range before {
		if (strings.HasPrefix(p, "outside") || strings.HasPrefix(p, site+"/other")) && after[p] != v {
			t.Fatalf("%s changed (%q → %q); Apply: %v", p, v, after[p], applyErr)
		}
	}
	if _, err := record.Recover(venvPaths(root), nil); err != nil {
		t.Fatalf("Recover: %v (Apply: %v)", err, applyErr)
	}
	after = snapshot(t, root)
	if applyErr == nil {
		if diff := cmp.Diff(wantAfter, after); diff != "" {
			t.Fatalf("Apply succeeded, but the tree is not the planned one (-want +got):\n%s", diff)
		}
		return "applied"
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Fatalf("Apply failed (%v), but the tree is not restored (-before +after):\n%s", applyErr, diff)
	}
	switch {
	case errors.Is(applyErr, record.ErrChanged):
		return "refused: changed"
	case errors.Is(applyErr, record.ErrRollback):
		return "rolled back by Recover"
	}
	return "rolled back"
}
