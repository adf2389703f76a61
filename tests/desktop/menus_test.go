//go:build desktop

package desktop

import (
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"reel/internal/dbustest"
)

// TestRightClickMenu is issue 12's library menu, with real input: a
// right-click on a video, then the keyboard. Open Containing Folder asks
// the file manager (a fake on the test's own session bus) to show the
// file; Mark as Watched turns into Mark as Unwatched; Play plays it; the
// Playback menu's Alt+Left goes back to the list; Shift+F10 opens the
// menu from the keyboard.
func TestRightClickMenu(t *testing.T) {
	addr := dbustest.Start(t)
	shown := dbustest.FileManager(t, addr)

	clip := clipPath(t)
	a := launchApp(t, filepath.Dir(clip), launch{Env: []string{"DBUS_SESSION_BUS_ADDRESS=" + addr}})
	w := findWindow(t)
	rightClick := func(keys ...string) {
		t.Helper()
		layout := a.waitLayout(30*time.Second, clipName)
		r, _ := rowOf(layout, clipName)
		x, y := w.screen(r.X+r.W/2, r.Y+r.H/3, layout.scale())
		mouseTo(t, x, y)
		xdotool(t, "click", "3")
		a.waitFor("the menu to open", 10*time.Second, isEvent("menu-open")) // it takes the keyboard once drawn
		xdotool(t, append([]string{"key", "--delay", "60"}, keys...)...)
	}
	choose := func(keys ...string) event {
		t.Helper()
		rightClick(keys...)
		return a.waitFor("a menu item's action", 10*time.Second, isEvent("menu-item"))
	}

	// Play, Open Containing Folder, Mark as Watched, …
	if e := choose("Down", "Return"); e.Label != "Open Containing Folder" || !e.OK {
		t.Fatalf("chose %q (ok %v), want Open Containing Folder", e.Label, e.OK)
	}
	select {
	case uris := <-shown:
		want := (&url.URL{Scheme: "file", Path: clip}).String()
		if len(uris) != 1 || uris[0] != want {
			t.Errorf("the file manager was asked to show %q, want [%q]", uris, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the file manager was never asked to show the file")
	}

	if e := choose("Down", "Down", "Return"); e.Label != "Mark as Watched" || !e.OK {
		t.Fatalf("chose %q (ok %v), want Mark as Watched", e.Label, e.OK)
	}
	time.Sleep(500 * time.Millisecond) // the list is read again with the video watched
	if e := choose("Down", "Down", "Return"); e.Label != "Mark as Unwatched" || !e.OK {
		t.Fatalf("after marking it watched, chose %q (ok %v), want Mark as Unwatched", e.Label, e.OK)
	}

	rightClick("Return") // Play
	a.playsFromLaunch(clipName, "reel")
	waitTitle(t, clipName+" — Reel")
	xdotool(t, "key", "alt+Left") // Playback ▸ Back to the List
	waitTitle(t, "Reel")

	// From the keyboard: Shift+F10 opens the menu of the selected video,
	// the one that just played.
	xdotool(t, "key", "shift+F10")
	a.waitFor("the menu to open", 10*time.Second, isEvent("menu-open"))
	xdotool(t, "key", "--delay", "60", "Down", "Down", "Return")
	if e := a.waitFor("a menu item's action", 10*time.Second, isEvent("menu-item")); e.Label != "Mark as Watched" || !e.OK {
		t.Fatalf("Shift+F10: chose %q (ok %v), want Mark as Watched", e.Label, e.OK)
	}
}
