//go:build desktop

package desktop

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// waitWindowNamed waits for a visible window whose name matches the regular
// expression name, focuses it (Xvfb runs no window manager) and returns its id.
func waitWindowNamed(t *testing.T, name string, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", name).Output()
		if ids := strings.Fields(string(out)); len(ids) > 0 {
			id := ids[len(ids)-1]
			_ = exec.Command("xdotool", "windowfocus", "--sync", id).Run()
			return id
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no window named %q within %v", name, timeout)
	return ""
}

// firstCard waits for the first layout of dir that shows a video, and
// returns how long after since it reached the app.
func (a *app) firstCard(dir string, since time.Time, timeout time.Duration) (time.Duration, bool) {
	e, ok := a.poll(timeout, func(e event) bool { return e.Event == "layout" && e.Dir == dir && len(e.Rows) > 0 && hasVideo(e) })
	if !ok {
		return 0, false
	}
	return e.At.Sub(since), true
}

func hasVideo(e event) bool {
	for _, r := range e.Rows {
		if r.Kind == "" {
			return true
		}
	}
	return false
}

// TestChooserToFirstCard is issue 13's folder chooser in the real window:
// it opens on a real folder (here home, with nothing opened before and no
// Videos folder), so Ctrl+L, a path and Enter choose a folder. It measures
// the time from that Enter to the first card painted, against the library's
// own way into the same folder (Enter on its tile in the parent) in the
// same run.
func TestChooserToFirstCard(t *testing.T) {
	const runs = 3
	home := t.TempDir()
	parent := filepath.Join(t.TempDir(), "Shows")
	clips := filepath.Join(parent, "Clips")
	if err := os.MkdirAll(clips, 0o755); err != nil {
		t.Fatal(err)
	}
	makeCuts(t, clips, libraryCuts)

	var chooser, library []time.Duration
	for i := 0; i < runs; i++ {
		// The chooser: no folder yet (a fresh database, HOME without Videos),
		// so the welcome screen's "Open folder…" has the keyboard.
		func() {
			a := launchApp(t, "", launch{Env: []string{"HOME=" + home}})
			defer a.kill()
			findWindow(t)
			if _, ok := a.poll(20*time.Second, isEvent("welcome")); !ok {
				t.Fatal("the welcome screen never showed")
			}
			xdotool(t, "key", "Return")
			waitWindowNamed(t, "^Open a folder of videos$", 10*time.Second)
			time.Sleep(300 * time.Millisecond) // the dialog lists its folder
			xdotool(t, "key", "ctrl+l")
			xdotool(t, "type", "--delay", "5", clips)
			time.Sleep(200 * time.Millisecond)
			for try := 0; ; try++ {
				at := time.Now()
				xdotool(t, "key", "Return")
				if d, ok := a.firstCard("", at, 5*time.Second); ok {
					chooser = append(chooser, d)
					for _, e := range a.events() {
						if e.Event == "folder-chosen" {
							t.Logf("  the dialog answered the page %v after Enter", e.At.Sub(at).Round(time.Millisecond))
						}
					}
					break
				}
				if try == 1 {
					screenshot(t, "desktop-chooser.png")
					t.Fatal("Ctrl+L, the folder's path and Enter did not choose it")
				}
			}
		}()
		// The baseline: the library's own way into the same folder.
		func() {
			a := launchApp(t, parent, launch{Env: []string{"HOME=" + home}})
			defer a.kill()
			findWindow(t)
			a.waitLayout(30*time.Second, "Clips")
			for try := 0; ; try++ {
				at := time.Now()
				xdotool(t, "key", "Home", "Return")
				if d, ok := a.firstCard("Clips", at, 5*time.Second); ok {
					library = append(library, d)
					break
				}
				if try == 2 {
					t.Fatal("Enter on the Clips folder never opened it")
				}
			}
		}()
	}
	med := func(d []time.Duration) time.Duration {
		s := append([]time.Duration(nil), d...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return s[len(s)/2]
	}
	t.Logf("chooser Enter → first card: median %v of %v", med(chooser).Round(time.Millisecond), chooser)
	t.Logf("baseline, Enter on the folder in the library → first card: median %v of %v", med(library).Round(time.Millisecond), library)
}
