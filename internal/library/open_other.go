//go:build !unix

package library

import (
	"io/fs"
	"os"
)

// oNonblock is 0 where opening has no FIFO to wait on.
const oNonblock = 0

// readEntries reads the entries of the folder f, opened in root as name.
func readEntries(_ *os.Root, _ string, f *os.File) ([]fs.DirEntry, error) {
	return f.ReadDir(-1)
}
