// Package reveal shows a file in the system's file manager, selected in
// its folder: "Open containing folder" in the library's right-click menu
// (issue 12). It is only ever given paths of files in folders the user
// opened; the caller resolves them from opaque ids.
package reveal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotAbsolute rejects relative paths: what is shown must not depend on
// the working directory.
var ErrNotAbsolute = errors.New("reveal: path is not absolute")

// File shows path, an existing file, in the file manager.
func File(path string) error {
	if !filepath.IsAbs(path) {
		return fmt.Errorf("%w: %q", ErrNotAbsolute, path)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("reveal: %w", err)
	}
	return show(path)
}
