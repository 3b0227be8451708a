// Copyright 2026 The pep668 Authors. SPDX-License-Identifier: BSD-3-Clause

// Package record will parse RECORD files of installed distributions and
// plan, then apply with rollback, uninstalls that touch only the files a
// RECORD lists and only inside the target install scheme.
//
// It has no API yet.
package record
