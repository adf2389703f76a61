//go:build unix

package library

import "syscall"

// oNonblock makes opening a FIFO return at once instead of waiting for a
// writer; on regular files and folders it changes nothing.
const oNonblock = syscall.O_NONBLOCK
