//go:build !linux

package proc

import "os/exec"

// passByDescriptor: elsewhere programs read the file by its path.
const passByDescriptor = false

// dieWithParent has no equivalent outside Linux without a job object
// (Windows) or a watchdog pipe; there, programs end with their context.
func dieWithParent(cmd *exec.Cmd) {}

// CloseInherited is Linux's fix for pipes the webview's glue makes
// without close-on-exec (see proc_linux.go); elsewhere it does nothing.
func CloseInherited() {}
