//go:build darwin

package reveal

import "os/exec"

// show reveals path in the Finder.
func show(path string) error {
	return exec.Command("open", "-R", path).Run()
}
