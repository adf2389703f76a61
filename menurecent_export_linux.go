//go:build linux && cgo

package main

import "C"

// reelRecentChosen is called on GTK's thread when an item of the Open
// Recent submenu that setRecentSubmenu made is chosen.
//
//export reelRecentChosen
func reelRecentChosen(gen, index C.int) {
	recent.chosen(int(gen), int(index))
}
