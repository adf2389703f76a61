//go:build !unix

package library

// oNonblock is 0 where opening has no FIFO to wait on.
const oNonblock = 0
