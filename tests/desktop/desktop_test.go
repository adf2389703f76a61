//go:build desktop

// Package desktop drives the real Reel window — WebKitGTK, GStreamer, the
// loopback media listener — under Xvfb with real input from xdotool, and
// reads what the player did from the app's event log (REEL_EVENT_LOG).
//
// Run through `make test-desktop`, which starts Xvfb and sets:
//
//	REEL_BIN          the built app (build/bin/reel)
//	REEL_TEST_VIDEOS  a folder holding big-5h.mp4 (>2 GiB, moov at the end)
//	REEL_ARTIFACTS    where screenshots go
package desktop

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

const bigVideo = "big-5h.mp4"

// event is one line of the app's event log.
type event struct {
	Event       string    `json:"event"`
	At          time.Time `json:"at"`
	Name        string    `json:"name"`
	Duration    float64   `json:"duration"`
	CurrentTime float64   `json:"currentTime"`
	Code        int       `json:"code"`
	Message     string    `json:"message"`
	Rows        []struct {
		Name string  `json:"name"`
		X    float64 `json:"x"`
		Y    float64 `json:"y"`
		W    float64 `json:"w"`
		H    float64 `json:"h"`
	} `json:"rows"`
}

// app is a running Reel window and its event log.
type app struct {
	t       *testing.T
	cmd     *exec.Cmd
	logPath string
	mu      sync.Mutex
	seen    int // events already consumed by waitFor
}

func env(t *testing.T, key string) string {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		t.Fatalf("%s is not set; run this through `make test-desktop`", key)
	}
	return v
}

func startApp(t *testing.T, folder string) *app {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run (make test-desktop)")
	}
	a := &app{t: t, logPath: filepath.Join(t.TempDir(), "events.jsonl")}
	a.cmd = exec.Command(env(t, "REEL_BIN"), folder)
	a.cmd.Env = append(os.Environ(),
		"REEL_EVENT_LOG="+a.logPath,
		"XDG_CONFIG_HOME="+t.TempDir(),
		"XDG_CACHE_HOME="+t.TempDir(),
		"WEBKIT_DISABLE_DMABUF_RENDERER=1",
	)
	var out bytes.Buffer
	a.cmd.Stdout, a.cmd.Stderr = &out, &out
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", a.cmd.Path, err)
	}
	t.Cleanup(func() {
		_ = a.cmd.Process.Kill()
		_ = a.cmd.Wait()
		if t.Failed() {
			t.Logf("app output:\n%s", filterNoise(out.String()))
			if b, err := os.ReadFile(a.logPath); err == nil {
				t.Logf("event log:\n%s", b)
			}
		}
	})
	return a
}

// filterNoise drops the audio-device chatter of a machine without sound.
func filterNoise(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "ALSA lib") || strings.HasPrefix(l, "AL lib") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

func (a *app) events() []event {
	f, err := os.Open(a.logPath)
	if err != nil {
		return nil
	}
	defer f.Close()
	var evs []event
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			evs = append(evs, e)
		}
	}
	return evs
}

// poll is waitFor without failing: it reports whether the event came.
func (a *app) poll(timeout time.Duration, ok func(event) bool) (event, bool) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		evs := a.events()
		a.mu.Lock()
		start := a.seen
		a.mu.Unlock()
		for i := start; i < len(evs); i++ {
			if ok(evs[i]) {
				a.mu.Lock()
				a.seen = i + 1
				a.mu.Unlock()
				return evs[i], true
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return event{}, false
}

// waitFor returns the first event after the ones already consumed that
// satisfies ok; a media error fails the test at once.
func (a *app) waitFor(what string, timeout time.Duration, ok func(event) bool) event {
	a.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		evs := a.events()
		a.mu.Lock()
		start := a.seen
		a.mu.Unlock()
		for i := start; i < len(evs); i++ {
			e := evs[i]
			if e.Event == "error" {
				a.t.Fatalf("media error while waiting for %s: code %d %q", what, e.Code, e.Message)
			}
			if ok(e) {
				a.mu.Lock()
				a.seen = i + 1
				a.mu.Unlock()
				return e
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.t.Fatalf("timed out after %v waiting for %s", timeout, what)
	return event{}
}

func xdotool(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "xdotool", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// windowOrigin finds the visible Reel window and its top-left corner on screen.
func windowOrigin(t *testing.T) (id string, x, y int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Reel$").Output()
		if ids := strings.Fields(string(out)); len(ids) > 0 {
			id = ids[0]
			geo := xdotool(t, "getwindowgeometry", "--shell", id)
			for _, l := range strings.Split(geo, "\n") {
				fmt.Sscanf(l, "X=%d", &x)
				fmt.Sscanf(l, "Y=%d", &y)
			}
			return id, x, y
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("the Reel window never appeared")
	return "", 0, 0
}

func screenshot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("REEL_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if out, err := exec.Command("import", "-window", "root", path).CombinedOutput(); err != nil {
		t.Errorf("screenshot %s: %v\n%s", path, err, out)
		return
	}
	t.Logf("screenshot: %s", path)
}

// TestPlayAndSeekInRealWindow is issue 2's acceptance test: double-click the
// 2 GB video with real input, it plays, then seek to 90 % with the 9 key.
func TestPlayAndSeekInRealWindow(t *testing.T) {
	folder := env(t, "REEL_TEST_VIDEOS")
	a := startApp(t, folder)
	id, wx, wy := windowOrigin(t)

	layout := a.waitFor("the library layout", 30*time.Second, func(e event) bool {
		if e.Event != "layout" {
			return false
		}
		for _, r := range e.Rows {
			if r.Name == bigVideo {
				return true
			}
		}
		return false
	})
	var cx, cy int
	for _, r := range layout.Rows {
		if r.Name == bigVideo {
			cx = wx + int(r.X+math.Min(r.W/4, 200))
			cy = wy + int(r.Y+r.H/2)
		}
	}
	// Xvfb runs no window manager, so focus the window directly.
	_ = exec.Command("xdotool", "windowfocus", "--sync", id).Run()
	// The first layout can come before GTK maps the window and takes
	// input; double-click again, as a person would, until the player opens.
	var opened event
	for try := 0; ; try++ {
		xdotool(t, "mousemove", fmt.Sprint(cx), fmt.Sprint(cy))
		xdotool(t, "click", "--repeat", "2", "--delay", "80", "1")
		if e, ok := a.poll(3*time.Second, func(e event) bool { return e.Event == "open" }); ok {
			opened = e
			break
		}
		if try == 4 {
			t.Fatal("double-clicking the video never opened the player")
		}
	}
	if opened.Name != bigVideo {
		t.Fatalf("double-click opened %q, want %q", opened.Name, bigVideo)
	}
	meta := a.waitFor("metadata", 30*time.Second, func(e event) bool { return e.Event == "loadedmetadata" })
	if meta.Duration < 5*3600 {
		t.Fatalf("duration = %.0f s, want the 5-hour file", meta.Duration)
	}
	playing := a.waitFor("playback", 30*time.Second, func(e event) bool { return e.Event == "playing" })
	t.Logf("opened → playing in %v", playing.At.Sub(opened.At).Round(time.Millisecond))

	xdotool(t, "key", "9")
	target := 0.9 * meta.Duration
	seeking := a.waitFor("seeking", 10*time.Second, func(e event) bool { return e.Event == "seeking" })
	seeked := a.waitFor("seeked at 90 %", 20*time.Second, func(e event) bool { return e.Event == "seeked" })
	if math.Abs(seeked.CurrentTime-target) > 1 {
		t.Errorf("seeked to %.1f s, want %.1f s (90 %%)", seeked.CurrentTime, target)
	}
	t.Logf("seek to 90 %% (%.0f s): seeked after %v", target, seeked.At.Sub(seeking.At).Round(time.Millisecond))

	time.Sleep(1500 * time.Millisecond) // let a frame or two paint after the seek
	for _, e := range a.events() {
		if e.Event == "error" {
			t.Fatalf("media error: code %d %q", e.Code, e.Message)
		}
	}
	screenshot(t, "desktop-player.png")
}
