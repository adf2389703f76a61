//go:build windows

package reveal

import (
	"os/exec"
	"syscall"
)

// show opens Explorer on the folder with path selected. Explorer takes
// /select, and the path as one argument; it exits with 1 even when it
// worked, so only a failure to start counts.
func show(path string) error {
	cmd := exec.Command("explorer.exe")
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: `explorer.exe /select,"` + path + `"`}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
