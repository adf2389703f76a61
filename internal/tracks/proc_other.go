//go:build !linux

package tracks

import "os/exec"

// setDeathSignal has no equivalent outside Linux; there an extraction
// ends with the Service's context or its timeout.
func setDeathSignal(cmd *exec.Cmd) {}
