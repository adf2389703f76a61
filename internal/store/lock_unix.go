//go:build linux || darwin || freebsd

package store

import (
	"io"
	"os"
	"syscall"
)

// instanceLock tells whether another process has the database open, with a
// lock file beside it: every Store holds a shared flock(2) on it while
// open, and tries an exclusive one first, which fails while any other
// holds its share. The kernel drops a lock when its process dies, so a
// crash leaves nothing stale. Failing to lock only means not knowing.
func instanceLock(path string) (io.Closer, bool) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false
	}
	fd := int(f.Fd())
	others := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB) != nil
	if err := syscall.Flock(fd, syscall.LOCK_SH); err != nil { // an exclusive hold is only ever a moment long
		f.Close()
		return nil, others
	}
	return f, others
}
