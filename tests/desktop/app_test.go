//go:build desktop

// Package desktop drives the real Reel window — WebKitGTK, GStreamer, the
// loopback media listener — under Xvfb with real input from xdotool, and
// reads what the player did from the app's event log (REEL_EVENT_LOG).
//
// Run through `make test-desktop`, which starts Xvfb and sets:
//
//	REEL_BIN            the built app (build/bin/reel)
//	REEL_TEST_VIDEOS    a folder holding big-5h.mp4 (>2 GiB, moov at the end)
//	                    and Extras/clip.mp4 (60 s)
//	REEL_ARTIFACTS      where screenshots go
//	REEL_SCREENSHOT_OUT when set, the README screenshot is written there
//	                    (relative paths are taken from the repository root)
//
// Every app gets its own database (REEL_DB) and cache (REEL_CACHE) in a
// temporary folder, so the tests never touch the user's data.
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
	"syscall"
	"testing"
	"time"
)

const bigVideo = "big-5h.mp4"

// rect is a box in CSS pixels, as the page reports it.
type rect struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// row is one item of a 'layout' event, in CSS pixels: a video, or a
// folder when Kind is "folder".
type row struct {
	Name string  `json:"name"`
	Kind string  `json:"kind"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	W    float64 `json:"w"`
	H    float64 `json:"h"`
}

// event is one line of the app's event log.
type event struct {
	Event       string    `json:"event"`
	At          time.Time `json:"at"` // when the app received it
	T           float64   `json:"t"`  // the page's performance.now(), ms
	Name        string    `json:"name"`
	Duration    float64   `json:"duration"`
	CurrentTime float64   `json:"currentTime"`
	Code        int       `json:"code"`
	Message     string    `json:"message"`
	Rows        []row     `json:"rows"`
	Dir         string    `json:"dir"`
	Range       *rect     `json:"range"` // the seek bar, on 'playing'
	DPR         float64   `json:"dpr"`
	Time        float64   `json:"time"`   // 'preview': the time of the frame shown
	Ms          float64   `json:"ms"`     // 'preview': pointer move → frame
	Source      string    `json:"source"` // 'preview': "storyboard" (nearest kept frame) or "exact"
	Target      float64   `json:"target"` // 'preview': the time under the pointer
	Frames      int       `json:"frames"` // 'storyboard': frames ready
	Scheme      string    `json:"scheme"` // 'open': the media URL's scheme, reel or http
	Top         float64   `json:"top"`    // 'viewport': the page's top in the window, below the menu bar
	Dark        bool      `json:"dark"`   // 'viewport': prefers-color-scheme is dark
	Label       string    `json:"label"`  // 'menu-item': the right-click menu item chosen
	OK          bool      `json:"ok"`     // 'menu-item': its action worked
	Rung        string    `json:"rung"`   // 'rung': direct, remux, aac, h264 or none (issue 9)
	Cached      bool      `json:"cached"` // 'layout': the cards are the kept listing of the last launch (issue 8)
	Sort        string    `json:"sort"`   // 'layout': the sort shown, "-" first when largest first
}

// scale is the event's device pixel ratio, 1 when it does not say.
func (e event) scale() float64 {
	if e.DPR > 0 {
		return e.DPR
	}
	return 1
}

// app is a running Reel window and its event log.
type app struct {
	t       *testing.T
	cmd     *exec.Cmd
	logPath string
	out     *syncBuffer
	mu      sync.Mutex
	seen    int // events already consumed by waitFor
	exited  chan struct{}
}

// syncBuffer collects the app's output while it runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func env(t *testing.T, key string) string {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		t.Fatalf("%s is not set; run this through `make test-desktop`", key)
	}
	return v
}

// launch says how to start the app; empty fields get fresh temporary ones.
type launch struct {
	DB    string   // REEL_DB
	Cache string   // REEL_CACHE
	Env   []string // more KEY=VALUE pairs
	Bin   string   // another build than REEL_BIN (a benchmark's baseline)
}

func startApp(t *testing.T, folder string) *app {
	t.Helper()
	return launchApp(t, folder, launch{})
}

func launchApp(t *testing.T, folder string, l launch) *app {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run (make test-desktop)")
	}
	if l.DB == "" {
		l.DB = filepath.Join(t.TempDir(), "reel.db")
	}
	if l.Cache == "" {
		l.Cache = t.TempDir()
	}
	a := &app{
		t:       t,
		logPath: filepath.Join(t.TempDir(), "events.jsonl"),
		out:     &syncBuffer{},
		exited:  make(chan struct{}),
	}
	bin := l.Bin
	if bin == "" {
		bin = env(t, "REEL_BIN")
	}
	a.cmd = exec.Command(bin)
	if folder != "" { // none: the last folder, Videos, or the welcome screen
		a.cmd.Args = append(a.cmd.Args, folder)
	}
	a.cmd.Env = append(os.Environ(),
		"REEL_EVENT_LOG="+a.logPath,
		"REEL_DB="+l.DB,
		"REEL_CACHE="+l.Cache,
		"XDG_CONFIG_HOME="+t.TempDir(),
		"XDG_CACHE_HOME="+t.TempDir(),
		"WEBKIT_DISABLE_DMABUF_RENDERER=1",
	)
	a.cmd.Env = append(a.cmd.Env, l.Env...)
	a.cmd.Stdout, a.cmd.Stderr = a.out, a.out
	if err := a.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", a.cmd.Path, err)
	}
	launched = a
	go func() {
		_ = a.cmd.Wait()
		close(a.exited)
	}()
	t.Cleanup(func() {
		a.kill()
		if t.Failed() {
			t.Logf("app output:\n%s", filterNoise(a.out.String()))
			if b, err := os.ReadFile(a.logPath); err == nil {
				t.Logf("event log:\n%s", b)
			}
		}
	})
	return a
}

// kill ends the app with SIGKILL — no page unload, no database close — and
// waits until it is gone, so that its window is gone too.
func (a *app) kill() {
	select {
	case <-a.exited:
		return
	default:
	}
	_ = a.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-a.exited:
	case <-time.After(10 * time.Second):
		a.t.Errorf("the app did not exit after SIGKILL")
	}
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

func (a *app) events() []event { return logged[event](a, "") }

// logged reads the app's event log: each event named name (all for ""),
// decoded as T, the test's own view of it.
func logged[T any](a *app, name string) []T {
	f, err := os.Open(a.logPath)
	if err != nil {
		return nil
	}
	defer f.Close()
	var evs []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if name != "" {
			var head struct {
				Event string `json:"event"`
			}
			if json.Unmarshal(sc.Bytes(), &head) != nil || head.Event != name {
				continue
			}
		}
		var e T
		if json.Unmarshal(sc.Bytes(), &e) == nil {
			evs = append(evs, e)
		}
	}
	return evs
}

// poll is waitFor without failing: it reports whether the event came.
func (a *app) poll(timeout time.Duration, ok func(event) bool) (event, bool) {
	deadline := time.Now().Add(timeout)
	for {
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
		if !time.Now().Before(deadline) {
			return event{}, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// isEvent matches events named name.
func isEvent(name string) func(event) bool {
	return func(e event) bool { return e.Event == name }
}

// waitBoth waits for an event matching first and one matching second, in
// either order: the page posts each event in its own request, so two close
// together (a fast seek's `seeking` and `seeked`) may reach the log swapped.
// Both are consumed.
func (a *app) waitBoth(what string, timeout time.Duration, first, second func(event) bool) (event, event) {
	a.t.Helper()
	evs := a.waitAll(what, timeout, first, second)
	return evs[0], evs[1]
}

// waitFor waits for the next event that ok matches, and consumes it and
// the events before it.
func (a *app) waitFor(what string, timeout time.Duration, ok func(event) bool) event {
	a.t.Helper()
	return a.waitAll(what, timeout, ok)[0]
}

// waitAll waits until each of preds has matched an event not consumed yet,
// each a different one, and consumes them and the events before them. A
// media error on the way fails the test.
func (a *app) waitAll(what string, timeout time.Duration, preds ...func(event) bool) []event {
	a.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		evs := a.events()
		a.mu.Lock()
		start := a.seen
		a.mu.Unlock()
		at := make([]int, len(preds))
		for p := range at {
			at[p] = -1
		}
		found, last := 0, -1
		for i := start; i < len(evs) && found < len(preds); i++ {
			if evs[i].Event == "error" {
				a.t.Fatalf("media error while waiting for %s: code %d %q", what, evs[i].Code, evs[i].Message)
			}
			for p, pred := range preds {
				if at[p] < 0 && pred(evs[i]) {
					at[p], last = i, i
					found++
					break
				}
			}
		}
		if found == len(preds) {
			a.mu.Lock()
			a.seen = last + 1
			a.mu.Unlock()
			out := make([]event, len(preds))
			for p, i := range at {
				out[p] = evs[i]
			}
			return out
		}
		time.Sleep(20 * time.Millisecond)
	}
	a.t.Fatalf("timed out after %v waiting for %s", timeout, what)
	return nil
}

// skipAll marks every event logged so far as consumed.
func (a *app) skipAll() {
	n := len(a.events())
	a.mu.Lock()
	a.seen = n
	a.mu.Unlock()
}

// latestLayout is the newest 'layout' event that lists every one of names.
func (a *app) latestLayout(names ...string) (event, bool) {
	evs := a.events()
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Event == "layout" && hasRows(evs[i], names...) {
			return evs[i], true
		}
	}
	return event{}, false
}

func hasRows(e event, names ...string) bool {
	for _, n := range names {
		if _, ok := rowOf(e, n); !ok {
			return false
		}
	}
	return true
}

func rowOf(e event, name string) (row, bool) {
	for _, r := range e.Rows {
		if r.Name == name {
			return r, true
		}
	}
	return row{}, false
}

// waitLayout waits until the library has laid out items for all of names
// and the layout stopped changing for a moment, and returns it.
func (a *app) waitLayout(timeout time.Duration, names ...string) event {
	a.t.Helper()
	deadline := time.Now().Add(timeout)
	var last string
	var stableSince time.Time
	for time.Now().Before(deadline) {
		if e, ok := a.latestLayout(names...); ok {
			sig, _ := json.Marshal(e.Rows)
			if string(sig) != last {
				last, stableSince = string(sig), time.Now()
			} else if time.Since(stableSince) > 400*time.Millisecond {
				return e
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.t.Fatalf("timed out after %v waiting for the library to lay out %v", timeout, names)
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

// window is the visible Reel window: its id and top-left corner on screen.
type window struct {
	ID   string
	X, Y int
	W, H int
	// Top is where the page starts below the window's top: the menu bar's
	// height, which the page reports in its 'viewport' event.
	Top int
}

// launched is the app launchApp started last, whose window findWindow finds.
var launched *app

// viewportTop waits for the page's 'viewport' event and returns its top.
func (a *app) viewportTop(timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		for _, e := range a.events() {
			if e.Event == "viewport" {
				return int(math.Round(e.Top))
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	a.t.Fatal("the page never reported where it sits in the window")
	return 0
}

// findWindow waits for the visible Reel window.
func findWindow(t *testing.T) window {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Reel$").Output()
		if ids := strings.Fields(string(out)); len(ids) > 0 {
			w := window{ID: ids[0]}
			geo := xdotool(t, "getwindowgeometry", "--shell", w.ID)
			for _, l := range strings.Split(geo, "\n") {
				fmt.Sscanf(l, "X=%d", &w.X)
				fmt.Sscanf(l, "Y=%d", &w.Y)
				fmt.Sscanf(l, "WIDTH=%d", &w.W)
				fmt.Sscanf(l, "HEIGHT=%d", &w.H)
			}
			// Xvfb runs no window manager, so focus the window directly.
			_ = exec.Command("xdotool", "windowfocus", "--sync", w.ID).Run()
			if launched != nil {
				w.Top = launched.viewportTop(20 * time.Second)
			}
			return w
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("the Reel window never appeared")
	return window{}
}

// screen turns a point in CSS pixels of the page into screen pixels.
func (w window) screen(x, y, dpr float64) (int, int) {
	return w.X + int(math.Round(x*dpr)), w.Y + w.Top + int(math.Round(y*dpr))
}

// mouseTo moves the pointer to screen point (x, y).
func mouseTo(t *testing.T, x, y int) {
	t.Helper()
	xdotool(t, "mousemove", fmt.Sprint(x), fmt.Sprint(y))
}

// openVideo double-clicks name in the library with real input until the
// player opens, and waits until it plays. It returns the 'open',
// 'loadedmetadata' and 'playing' events.
func (a *app) openVideo(w window, name string) (opened, meta, playing event) {
	t := a.t
	t.Helper()
	a.waitLayout(30*time.Second, name)
	// The first layout can come before GTK maps the window and takes
	// input; double-click again, as a person would, until the player opens.
	for try := 0; ; try++ {
		layout, _ := a.latestLayout(name)
		r, _ := rowOf(layout, name)
		x, y := w.screen(r.X+math.Min(r.W/4, 200), r.Y+r.H/2, layout.scale())
		mouseTo(t, x, y)
		xdotool(t, "click", "--repeat", "2", "--delay", "80", "1")
		if e, ok := a.poll(3*time.Second, func(e event) bool { return e.Event == "open" }); ok {
			opened = e
			break
		}
		if try == 4 {
			t.Fatalf("double-clicking %s never opened the player", name)
		}
	}
	if opened.Name != name {
		t.Fatalf("double-click opened %q, want %q", opened.Name, name)
	}
	meta, playing = a.waitBoth("metadata and playback", 30*time.Second, isEvent("loadedmetadata"), isEvent("playing"))
	return opened, meta, playing
}

// launchRetry is launchApp, started once more when the app exits at
// start: GTK now and then fails to open the display right after another
// window (MiniBrowser's, or the app's last one) went away ("failed to init
// GTK").
func launchRetry(t *testing.T, folder string, l launch) *app {
	t.Helper()
	a := launchApp(t, folder, l)
	select {
	case <-a.exited:
		t.Logf("the app exited at start, starting it again:\n%s", filterNoise(a.out.String()))
		a = launchApp(t, folder, l)
	case <-time.After(1500 * time.Millisecond):
	}
	return a
}

// playBigFrom launches the app on REEL_TEST_VIDEOS with the page playing
// media from scheme:// — "reel", Reel's GStreamer source and the default, or
// "http", WebKit's own loader (REEL_MEDIA_SCHEME=http) — then double-clicks
// the big file and checks the scheme it plays from.
func playBigFrom(t *testing.T, scheme string) (a *app, w window, opened, meta, playing event) {
	t.Helper()
	var l launch
	if scheme == "http" {
		l.Env = []string{"REEL_MEDIA_SCHEME=http"}
	}
	a = launchRetry(t, env(t, "REEL_TEST_VIDEOS"), l)
	w = findWindow(t)
	opened, meta, playing = a.openVideo(w, bigVideo)
	if opened.Scheme != scheme {
		t.Fatalf("the page plays from %s://, want %s://", opened.Scheme, scheme)
	}
	return a, w, opened, meta, playing
}

// checkNoMediaError fails the test if the page logged a media error.
func (a *app) checkNoMediaError() {
	a.t.Helper()
	for _, e := range a.events() {
		if e.Event == "error" {
			a.t.Fatalf("media error: code %d %q", e.Code, e.Message)
		}
	}
}

// artifact is where a screenshot called name goes.
func artifact(t *testing.T, name string) string {
	dir := os.Getenv("REEL_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	return filepath.Join(dir, name)
}

// grabScreen writes the whole screen to path (PNG).
func grabScreen(path string) error {
	out, err := exec.Command("import", "-window", "root", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("import: %v: %s", err, bytes.TrimSpace(out))
	}
	return nil
}

// screenshot saves the screen as the artifact name and returns its path.
func screenshot(t *testing.T, name string) string {
	t.Helper()
	path := artifact(t, name)
	if err := grabScreen(path); err != nil {
		t.Errorf("screenshot %s: %v", path, err)
		return ""
	}
	t.Logf("screenshot: %s", path)
	return path
}
