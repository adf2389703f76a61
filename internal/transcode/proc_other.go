//go:build !linux

package transcode

import (
	"os"
	"os/exec"
)

// setDeathSignal has no equivalent outside Linux without a job object
// (Windows) or a watchdog pipe; there, heads end with the app's context
// and the idle reaper.
func setDeathSignal(cmd *exec.Cmd) {}

// inputOf names the file by its path.
func inputOf(f *os.File) (string, []*os.File) {
	return f.Name(), nil
}
