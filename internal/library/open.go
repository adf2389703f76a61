package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// ErrOutside means a symlink leads outside the opened folder, or loops.
// It wraps fs.ErrPermission: callers answer 403, as for a file Reel may not
// read (issue 11 item 8).
var ErrOutside = fmt.Errorf("library: the link leads outside the folder or loops: %w", fs.ErrPermission)

// ErrNameTooLong means a name is longer than the file system allows; it
// wraps fs.ErrNotExist (404): no such file can be there.
var ErrNameTooLong = fmt.Errorf("library: name too long: %w", fs.ErrNotExist)

// openRegular opens name in root for reading and returns it only if it is a
// regular file. The open does not block: a FIFO or a device put where a
// video was would hang a blocking open(2) for good, pinning a thread per
// request (issue 11 item 3). What was opened is checked, not what a Stat
// saw before: the file may be swapped in between.
func openRegular(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return nil, nil, rootErr(err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, rootErr(err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, ErrNotVideo
	}
	return f, st, nil
}

// openDir opens the folder name in root without blocking on what may have
// replaced it (see openRegular).
func openDir(root *os.Root, name string) (*os.File, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return nil, rootErr(err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, rootErr(err)
	}
	if !st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%q is not a folder: %w", name, fs.ErrNotExist)
	}
	return f, nil
}

// rootErr turns what os.Root answers for a path it refuses into the
// library's errors, so that callers map them to 403 and 404 in one place
// and never show Go's error text: a link out of the root or a loop is
// ErrOutside, an over-long name ErrNameTooLong.
func rootErr(err error) error {
	switch {
	case err == nil, errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		return err
	case errors.Is(err, syscall.ENAMETOOLONG):
		return ErrNameTooLong
	case errors.Is(err, syscall.ELOOP), escapes(err):
		return ErrOutside
	}
	return err
}

// escapes reports whether err is os.Root's refusal of a path that leads out
// of it; the os package does not export that error, only its text.
func escapes(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Err != nil && pe.Err.Error() == "path escapes from parent"
}
