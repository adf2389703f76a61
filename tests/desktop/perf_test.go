//go:build desktop

package desktop

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/bench/playback/measure"
)

// benchClip is the name of issue 8's clip: 60 s, 640×360, 30 frames/s.
const benchClip = "clip30.mp4"

// benchFolder makes (once) a folder holding only the benchmark clip, beside
// REEL_TEST_VIDEOS so that the other tests' listings do not change.
func benchFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(filepath.Dir(filepath.Clean(env(t, "REEL_TEST_VIDEOS"))), "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := measure.MakeClip(filepath.Join(dir, benchClip)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// videoBox is the middle of where a 16:9 video shows in a 1280×800 window
// at (x, y) (object-fit: contain puts it at 1280×720, 40 px down): away
// from the controls, the title bar and the seek preview.
func videoBox(x, y int) measure.Rect {
	return measure.Rect{X: x + 400, Y: y + 265, W: 480, H: 270}
}

// grabRate is twice the clip's frame rate, so no frame falls between grabs.
const grabRate = 60

// bare is MiniBrowser showing the clip on a bare page.
type bare struct {
	cmd *exec.Cmd
}

// startBare shows clip in MiniBrowser, paused after pauseAfter seconds of
// playing when pauseAfter > 0, and waits for it to play.
func startBare(t *testing.T, clip string, pauseAfter float64) *bare {
	t.Helper()
	page, err := measure.BarePage(t.TempDir(), clip, pauseAfter)
	if err != nil {
		t.Fatal(err)
	}
	cmd, err := measure.StartBare(page, []string{
		"XDG_CONFIG_HOME=" + t.TempDir(), "XDG_CACHE_HOME=" + t.TempDir(), "XDG_DATA_HOME=" + t.TempDir(),
		"WEBKIT_DISABLE_DMABUF_RENDERER=1",
	})
	if err != nil {
		t.Fatal(err)
	}
	b := &bare{cmd: cmd}
	t.Cleanup(b.kill)
	// The bare page logs nothing: give it the time Reel's window takes to
	// reach 'playing', and check it shows moving frames below.
	time.Sleep(4 * time.Second)
	return b
}

func (b *bare) kill() {
	measure.KillGroup(b.cmd)
	// Its window must be gone before Reel's is looked for.
	time.Sleep(300 * time.Millisecond)
}

func record(t *testing.T, box measure.Rect, d time.Duration) measure.Frames {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d+20*time.Second)
	defer cancel()
	f, err := measure.Record(ctx, os.Getenv("DISPLAY"), box, d, grabRate)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func cpuOf(t *testing.T, pid int, d time.Duration) measure.Usage {
	t.Helper()
	u, err := measure.CPU(pid, d)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// playClip launches Reel on the benchmark folder, plays the clip and moves
// the pointer off so the controls hide, as when someone watches.
func playClip(t *testing.T, dir string) (*app, window, event) {
	t.Helper()
	a := launchRetry(t, dir, launch{})
	w := findWindow(t)
	_, _, playing := a.openVideo(w, benchClip)
	mouseTo(t, w.X+w.W-2, w.Y+w.H/2)
	time.Sleep(3500 * time.Millisecond) // autohide is 2 s, then the fade
	return a, w, playing
}

// Issue 8's limits for `make test`, with the margin a shared 2-core
// machine needs: the benchmark (make bench-playback) holds the real frame
// target (ratio ≥ 0.95). A page that animates over the video, or draws a
// spinner while paused, is far beyond both: before the spinner was hidden,
// a paused window took 12–16 % here; hidden but still an SMIL animation
// (it ticks when not displayed) it took 2.3–2.9 %, which the paused limit
// now catches. Without it the paused window takes 0.1–0.2 % at a load
// average of 7–9, and the bare page 0.0 %.
const (
	minFrameRatio = 0.85
	maxPausedCPU  = 0.02 // of a core, all of Reel's processes: issue 8's target
	// maxPausedVBlank is the display refresh monitor's wake-ups per second
	// allowed while paused: ~100 while anything on the page asks for frames
	// (an SMIL animation, even undisplayed, or a pending
	// requestVideoFrameCallback), 0 when idle. Unlike the CPU it does not
	// move with the machine's load.
	maxPausedVBlank = 5
	attempts        = 3 // measurements taken before a limit counts as missed
)

// TestPlaybackCost is issue 8's guard: Reel's window shows the clip's
// frames as often as WebKitGTK's bare page does in the same run, and a
// paused player is idle: no animation frames, no timers, no animations,
// no spinner drawn, and little CPU.
func TestPlaybackCost(t *testing.T) {
	dir := benchFolder(t)
	clip := filepath.Join(dir, benchClip)
	const rec = 6 * time.Second

	var ratio float64
	for try := 1; try <= attempts; try++ {
		b := startBare(t, clip, 0)
		bf := record(t, videoBox(0, 0), rec)
		b.kill()
		if bf.PerSecond() < 10 {
			t.Fatalf("the bare page shows %v: it does not play the clip", bf)
		}
		a, w, _ := playClip(t, dir)
		rf := record(t, videoBox(w.X, w.Y), rec)
		busy := a.activity(t, "busy")
		ratio = rf.PerSecond() / bf.PerSecond()
		t.Logf("try %d: playing: Reel %v; bare page %v; ratio %.2f; the page runs %s", try, rf, bf, ratio, busy)
		if ratio >= minFrameRatio || try == attempts {
			paused(t, a)
			a.kill()
			break
		}
		a.kill()
	}
	if ratio < minFrameRatio {
		t.Errorf("Reel shows %.2f× the bare page's frames, want ≥ %.2f× (%s)", ratio, minFrameRatio, loadNote())
	}
}

// paused pauses the playing player with the Space key and checks that it
// is idle.
func paused(t *testing.T, a *app) {
	t.Helper()
	xdotool(t, "key", "space")
	// The page samples what runs from a second after the pause, for 10 s;
	// the CPU is measured over the same span.
	time.Sleep(time.Second)
	var u measure.Usage
	for try := 1; try <= attempts; try++ {
		u = cpuOf(t, a.cmd.Process.Pid, 10*time.Second)
		t.Logf("try %d: paused: Reel %v", try, u)
		if u.Cores < maxPausedCPU && u.VBlank < maxPausedVBlank {
			break
		}
	}
	idle := a.activity(t, "idle")
	t.Logf("paused, the page runs %s", idle)
	if u.Cores >= maxPausedCPU {
		t.Errorf("paused, Reel uses %.1f %% of a core, want < %.0f %% (%s)", 100*u.Cores, 100*maxPausedCPU, loadNote())
	}
	if u.VBlank >= maxPausedVBlank {
		t.Errorf("paused, WebKitGTK's display refresh wakes %.0f times a second, want < %d: something on the page asks for frames", u.VBlank, maxPausedVBlank)
	}
	if idle.Frames > 0 || len(idle.Animations) > 0 || len(idle.Smil) > 0 || idle.Timers > 0.5 {
		t.Errorf("paused, the page still runs %s; want no animation frames, animations, SMIL or timers", idle)
	}
}

// loadNote is the machine's load average, for messages about speed.
func loadNote() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "load unknown"
	}
	return "load average " + strings.Join(f[:3], " ")
}

// activity is the page's 'idle' event: what still runs, per second, once
// the player has been paused a second (frontend/src/player/activity.ts).
type activity struct {
	Event      string         `json:"event"`
	Controls   bool           `json:"controls"` // 'busy': the controls were shown
	Frames     float64        `json:"frames"`
	Timers     float64        `json:"timers"`
	Animations []string       `json:"animations"`
	Smil       []string       `json:"smil"`
	Attributes map[string]int `json:"attributes"`
	Events     map[string]int `json:"events"`
}

func (x activity) String() string {
	return fmt.Sprintf("%.1f animation frames/s, %.1f timers/s, animations %v, SMIL %v, attribute changes %v, events %v",
		x.Frames, x.Timers, x.Animations, x.Smil, x.Attributes, x.Events)
}

// activity waits for the page's next activity event called name: 'busy'
// (sampled a few seconds after playing starts) or 'idle' (paused).
func (a *app) activity(t *testing.T, name string) activity {
	t.Helper()
	a.waitFor("the page's activity: "+name, 15*time.Second, isEvent(name))
	all := logged[activity](a, name)
	if len(all) == 0 {
		t.Fatalf("no %s activity event in the log", name)
	}
	return all[len(all)-1]
}
