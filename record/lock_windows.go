// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"os"
	"syscall"
	"unsafe"
)

func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

var lockFileEx = syscall.NewLazyDLL("kernel32.dll").NewProc("LockFileEx")

const lockfileExclusiveLock = 2

// lockFile takes LockFileEx's exclusive lock on the whole file, waiting
// for it, as uv (through the fs4 crate) does.
func lockFile(f *os.File) error {
	var overlapped syscall.Overlapped
	r, _, err := lockFileEx.Call(f.Fd(), lockfileExclusiveLock, 0, 0xFFFFFFFF, 0xFFFFFFFF, uintptr(unsafe.Pointer(&overlapped)))
	if r == 0 {
		return err
	}
	return nil
}
