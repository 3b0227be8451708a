// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

package record

import (
	"fmt"
	"os"
)

// Locked is a held environment lock.
type Locked struct {
	f *os.File
}

// Lock takes the exclusive lock on the file path, creating it if need be,
// and waits for it. uv locks <venv>/.lock while it changes a virtual
// environment, so holding that lock keeps uv (and other pep668 processes)
// out. Hold it from before NewPlan until after Apply, so that nothing
// changes the environment between the plan and its application. The file
// must be a regular file: a link is refused. On Windows the lock is
// LockFileEx's, as uv takes it.
func Lock(path string) (*Locked, error) {
	f, err := openLockFile(path)
	if err != nil {
		return nil, fmt.Errorf("record: locking %s: %w", path, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("record: locking %s: %w", path, err)
	}
	return &Locked{f: f}, nil
}

// Unlock releases the lock.
func (l *Locked) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing releases the lock
	l.f = nil
	return err
}
