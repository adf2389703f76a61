//go:build !linux || !cgo

package main

// showMenuBar does nothing: on Windows and macOS fullscreen hides the menu
// bar by itself.
func showMenuBar(bool) {}
