//go:build !(linux || darwin || freebsd)

package store

import "io"

// instanceLock cannot tell other instances apart here; see lock_unix.go.
func instanceLock(path string) (io.Closer, bool) { return nil, false }
