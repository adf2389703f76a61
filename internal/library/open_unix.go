//go:build unix

package library

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// oNonblock makes opening a FIFO return at once instead of waiting for a
// writer; on regular files and folders it changes nothing.
const oNonblock = syscall.O_NONBLOCK

// readEntries reads the entries of the folder f, opened in root as name,
// with the types the folder itself records (d_type) and no stat of each.
// ReadDir on a file opened in an os.Root lstat's every entry at once: for
// a folder of 100,000 videos that was 100,000 system calls, most of the
// time a first page took (issue 11 item 10), where the page stats only its
// own 400 files. The entries come from a plain file on a duplicate of f's
// descriptor, so the read itself stays on the folder os.Root opened; their
// Info must not be used (it would stat by path): entryInfo stats through
// root. Where a filesystem records no type, Go lstat's that entry by its
// path under root's, for its type alone.
func readEntries(root *os.Root, name string, f *os.File) ([]fs.DirEntry, error) {
	fd, err := syscall.Dup(int(f.Fd()))
	if err != nil {
		return f.ReadDir(-1)
	}
	syscall.CloseOnExec(fd)
	d := os.NewFile(uintptr(fd), filepath.Join(root.Name(), name))
	defer d.Close()
	return d.ReadDir(-1)
}
