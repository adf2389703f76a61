//go:build linux

package tracks

import (
	"os/exec"
	"syscall"
)

// setDeathSignal makes the kernel kill an extraction's ffmpeg when Reel
// dies, even by kill -9, as internal/transcode does for its encoders.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
