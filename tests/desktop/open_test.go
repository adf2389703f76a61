//go:build desktop

package desktop

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/internal/dbustest"
)

// clipName is the small clip of the generated videos (scripts/testvideos.sh).
const clipName = "clip.mp4"

// clipPath is the small clip's path, a video reel can be started on.
func clipPath(t *testing.T) string {
	t.Helper()
	p := filepath.Join(env(t, "REEL_TEST_VIDEOS"), "Extras", clipName)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the test clip is missing (make test-videos): %v", err)
	}
	return p
}

// playsFromLaunch waits until the page opened name from scheme:// and it
// plays by itself, with no key or click: WebKitGTK's default autoplay
// policy used to pause a video nobody had clicked once its sound showed
// (issue 12). It returns the 'playing' event.
func (a *app) playsFromLaunch(name, scheme string) event {
	a.t.Helper()
	opened := a.waitFor("the player to open "+name, 30*time.Second, isEvent("open"))
	if opened.Name != name {
		a.t.Fatalf("the player opened %q, want %q", opened.Name, name)
	}
	if opened.Scheme != scheme {
		a.t.Fatalf("%s plays from %s://, want %s://", name, opened.Scheme, scheme)
	}
	playing := a.waitFor(name+" to play by itself", 30*time.Second, isEvent("playing"))
	a.checkNoMediaError()
	return playing
}

// waitTitle waits for a visible window titled exactly title.
func waitTitle(t *testing.T, title string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$").Output()
		if len(strings.Fields(string(out))) > 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no window is titled %q", title)
}

// TestOpenVideoFromCommandLine is issue 12's `reel FILE`: the video's folder
// opens and the video plays by itself, through Reel's GStreamer source and
// through WebKit's own http:// loader, and the window's title names it.
func TestOpenVideoFromCommandLine(t *testing.T) {
	for _, scheme := range []string{"reel", "http"} {
		t.Run(scheme, func(t *testing.T) {
			var env []string
			if scheme == "http" {
				env = append(env, "REEL_MEDIA_SCHEME=http")
			}
			launched := time.Now()
			a := launchApp(t, clipPath(t), launch{Env: env})
			playing := a.playsFromLaunch(clipName, scheme)
			t.Logf("%s://: launch → playing %v", scheme, playing.At.Sub(launched).Round(time.Millisecond))
			waitTitle(t, clipName+" — Reel")
		})
	}
}

// TestSecondLaunchHandsOver is issue 12's one window: `reel FILE` while a
// Reel on the same database is open plays FILE in that window, and the
// second process ends instead of opening another window.
func TestSecondLaunchHandsOver(t *testing.T) {
	bus := "DBUS_SESSION_BUS_ADDRESS=" + dbustest.Start(t)
	db := filepath.Join(t.TempDir(), "reel.db")
	first := launchApp(t, env(t, "REEL_TEST_VIDEOS"), launch{DB: db, Env: []string{bus}})
	first.waitLayout(30*time.Second, bigVideo)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, env(t, "REEL_BIN"), clipPath(t))
	second.Env = append(os.Environ(), bus, "REEL_DB="+db, "REEL_CACHE="+t.TempDir(),
		"XDG_CONFIG_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	out, _ := second.CombinedOutput() // Wails ends a handed-over launch with status 1
	if ctx.Err() != nil {
		t.Fatalf("the second launch kept running: it opened a window of its own\n%s", filterNoise(string(out)))
	}
	first.playsFromLaunch(clipName, "reel")
	waitTitle(t, clipName+" — Reel")
}

// lists is a predicate for a 'layout' event that shows want and not notWant.
func lists(want, notWant string) func(event) bool {
	return func(e event) bool {
		_, has := rowOf(e, want)
		_, hasNot := rowOf(e, notWant)
		return e.Event == "layout" && has && !hasNot
	}
}

// TestOpenRecentFollowsOpenedFolders is issue 12's File ▸ Open Recent on
// Linux: it lists the folders opened since launch, not the list it had at
// launch (none, on a fresh database), updated in place in the menu bar on
// screen. The first folder, then a second one handed over by a second
// launch; then Open Recent's second item, chosen with the keyboard, opens
// the first folder again.
func TestOpenRecentFollowsOpenedFolders(t *testing.T) {
	bus := "DBUS_SESSION_BUS_ADDRESS=" + dbustest.Start(t)
	db := filepath.Join(t.TempDir(), "reel.db")
	videos := env(t, "REEL_TEST_VIDEOS")
	a := launchApp(t, videos, launch{DB: db, Env: []string{bus}})
	a.waitFor("the first folder", 30*time.Second, lists(bigVideo, clipName))

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, env(t, "REEL_BIN"), filepath.Dir(clipPath(t)))
	second.Env = append(os.Environ(), bus, "REEL_DB="+db, "REEL_CACHE="+t.TempDir(),
		"XDG_CONFIG_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	if out, _ := second.CombinedOutput(); ctx.Err() != nil {
		t.Fatalf("the second launch kept running\n%s", filterNoise(string(out)))
	}
	a.waitFor("the second folder, handed over", 30*time.Second, lists(clipName, bigVideo))
	time.Sleep(500 * time.Millisecond) // the menu is updated on GTK's next idle

	// F10 opens File; Open Recent is its second item, and Right opens it
	// on its first: the second folder, newest first, then the first.
	xdotool(t, "key", "--delay", "150", "F10", "Down", "Down", "Right", "Down", "Return")
	a.waitFor("the first folder again, from Open Recent", 15*time.Second, lists(bigVideo, clipName))
}
