//go:build !linux || !cgo

package main

// setRecentSubmenu is Linux's: elsewhere refreshMenu has Wails rebuild the
// menu.
func setRecentSubmenu(labels []string, gen int) {}
