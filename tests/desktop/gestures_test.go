//go:build desktop

package desktop

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDoubleClickFolderPlaysNothing is issue 13's first item in the real
// window: a person double-clicks a folder, with real input at a person's
// pace, and the folder opens; the second click must not play the video the
// new view put under the pointer.
func TestDoubleClickFolderPlaysNothing(t *testing.T) {
	top := filepath.Join(t.TempDir(), "Shows")
	sub := filepath.Join(top, "Season 1")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	makeCuts(t, top, libraryCuts[:1])
	makeCuts(t, sub, libraryCuts)
	a := startApp(t, top)
	w := findWindow(t)
	inSub := func(e event) bool { return e.Event == "layout" && e.Dir == "Season 1" }
	opened := false
	for try := 0; !opened; try++ {
		layout := a.waitLayout(30*time.Second, "Season 1", libraryCuts[0].Name)
		r, _ := rowOf(layout, "Season 1")
		if r.Kind != "folder" {
			t.Fatalf("the layout reports Season 1 as %q, want a folder", r.Kind)
		}
		x, y := w.screen(r.X+r.W/2, r.Y+r.H/2, layout.scale())
		mouseTo(t, x, y)
		// 250 ms apart: inside GTK's double-click time (400 ms), and long
		// enough for a first click that opened the folder to have done so.
		xdotool(t, "click", "--repeat", "2", "--delay", "250", "1")
		_, opened = a.poll(3*time.Second, inSub)
		if try == 4 && !opened {
			t.Fatal("double-clicking the folder never opened it")
		}
	}
	// Give a stray click time to open the player, then look at every event.
	time.Sleep(2 * time.Second)
	screenshot(t, "desktop-double-click-folder.png")
	for _, e := range a.events() {
		if e.Event == "open" {
			t.Fatalf("double-clicking a folder played %s", e.Name)
		}
	}
}
