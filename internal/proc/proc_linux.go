//go:build linux

package proc

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// passByDescriptor: Linux programs can read an open file as /dev/fd/N.
const passByDescriptor = true

// dieWithParent makes the kernel kill cmd when Reel dies (prctl
// PR_SET_PDEATHSIG, through SysProcAttr.Pdeathsig). The signal follows the
// thread that started the child; Go only ends threads of goroutines that
// locked them, which Reel never does.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// CloseInherited marks every open file descriptor above stderr
// close-on-exec, so that the program started next inherits only what it
// is given (exec.Cmd's ExtraFiles). Go opens its own files close-on-exec,
// but Wails v2 on Linux streams each answer to the page through a pipe
// made without it (pkg/assetserver/webview/responsewriter_linux.go, pipe2
// with no flags): an ffmpeg started while an answer is being written holds
// that pipe open, and the page receives the answer only when ffmpeg exits.
// A subtitle pass started by GET /api/tracks/{id} (issue 10) held that very
// answer, the track list, for the whole pass. A pipe made between this
// call and the start is still inherited; answers are short, starts rare.
func CloseInherited() {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range fds {
		fd, err := strconv.Atoi(e.Name())
		if err == nil && fd > 2 {
			syscall.CloseOnExec(fd) // the directory's own descriptor, closed by now, fails harmlessly
		}
	}
}
