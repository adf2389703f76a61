//go:build linux

package transcode

import (
	"os"
	"os/exec"
	"syscall"
)

// setDeathSignal makes the kernel kill cmd when Reel dies, even by
// kill -9 (prctl PR_SET_PDEATHSIG, through SysProcAttr.Pdeathsig): no
// ffmpeg outlives the app (issue 9). The signal follows the thread that
// started the child; Go only ends threads of goroutines that locked
// them, which this package never does.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// inputOf hands ffmpeg the file the library opened as /dev/fd/3, so it
// reads exactly that file whatever happens to its path.
func inputOf(f *os.File) (string, []*os.File) {
	return "/dev/fd/3", []*os.File{f}
}
