//go:build linux && cgo

package main

import "C"

// reelDropped is called on GTK's thread with the paths of the files
// dropped on the window, one a line (drop_linux.go).
//
//export reelDropped
func reelDropped(paths *C.char) {
	dropped(C.GoString(paths))
}

// reelDragOver is called on GTK's thread when a drag enters (1) or leaves
// (0) the window (drop_linux.go).
//
//export reelDragOver
func reelDragOver(over C.int) {
	dragOver(over != 0)
}
