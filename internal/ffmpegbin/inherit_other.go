//go:build !linux

package ffmpegbin

// CloseInherited is Linux's fix for pipes the webview's glue makes
// without close-on-exec (see inherit_linux.go); elsewhere it does nothing.
func CloseInherited() {}
