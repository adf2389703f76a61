//go:build desktop

package desktop

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"reel/bench/playback/measure"
	"reel/internal/store"
)

// TestPlaybackBench is issue 8's benchmark, run by `make bench-playback`
// (REEL_BENCH=1): each of Reel's figures beside its baseline, measured in
// the same run. It prints a table and fails only when it cannot measure.
func TestPlaybackBench(t *testing.T) {
	if os.Getenv("REEL_BENCH") == "" {
		t.Skip("the playback benchmark runs with REEL_BENCH=1 (make bench-playback)")
	}
	dir := benchFolder(t)
	clip := filepath.Join(dir, benchClip)
	var report []string
	add := func(format string, args ...any) {
		line := fmt.Sprintf(format, args...)
		report = append(report, line)
		t.Log(line)
	}
	add("load before: %s", loadNote())

	// (a) Frames shown per second, and (b) the CPU while paused.
	const rec = 10 * time.Second
	for _, scheme := range []string{"reel", "http"} {
		b := startBare(t, clip, 0)
		bf := record(t, videoBox(0, 0), rec)
		b.kill()

		var l launch
		if scheme == "http" {
			l.Env = []string{"REEL_MEDIA_SCHEME=http"}
		}
		a := launchRetry(t, dir, l)
		w := findWindow(t)
		a.openVideo(w, benchClip)
		mouseTo(t, w.X+w.W-2, w.Y+w.H/2)
		time.Sleep(3500 * time.Millisecond)
		hidden := record(t, videoBox(w.X, w.Y), rec)
		stop := wiggle(w)
		shown := record(t, videoBox(w.X, w.Y), rec)
		stop()
		add("frames/s, %s://: bare MiniBrowser page %.1f | Reel, controls hidden %.1f (%.2f×) | Reel, controls shown %.1f (%.2f×)",
			scheme, bf.PerSecond(), hidden.PerSecond(), hidden.PerSecond()/bf.PerSecond(), shown.PerSecond(), shown.PerSecond()/bf.PerSecond())

		if scheme == "reel" {
			// Controls: from the input to the frame that draws them.
			var byPointer, byKey []float64
			for i := range 8 {
				mouseTo(t, w.X+w.W-2, w.Y+w.H/2+i)
				time.Sleep(3 * time.Second) // hidden again
				a.skipAll()
				if i%2 == 0 {
					mouseTo(t, w.X+w.W/2+10*i, w.Y+w.H/3)
					byPointer = append(byPointer, a.waitFor("controls on a pointer move", 5*time.Second, isEvent("controls")).Ms)
				} else {
					xdotool(t, "key", "c")
					byKey = append(byKey, a.waitFor("controls on a key", 5*time.Second, isEvent("controls")).Ms)
				}
			}
			pm, _, pt := spread(byPointer)
			km, _, kt := spread(byKey)
			add("controls shown after the input, ms (target < 50): pointer median %.0f, max %.0f (%s); key median %.0f, max %.0f (%s)",
				pm, pt, join(byPointer), km, kt, join(byKey))

			xdotool(t, "key", "space")
			time.Sleep(2 * time.Second)
			ru := cpuOf(t, a.cmd.Process.Pid, 10*time.Second)
			a.kill()
			pb := startBare(t, clip, 1)
			time.Sleep(2 * time.Second)
			bu := cpuOf(t, pb.cmd.Process.Pid, 10*time.Second)
			pb.kill()
			add("paused CPU (target < 2 %%): Reel %.1f %% of a core | bare MiniBrowser page %.1f %%", 100*ru.Cores, 100*bu.Cores)
			add("  Reel paused: %v", ru)
		}
		a.kill()
	}

	// (c) 20 random seeks on the 5-hour file: Reel (reel://) vs mpv.
	for _, l := range seekBench(t) {
		add("%s", l)
	}

	// (e) Launch to the first listing painted: the same folder, uncached then cached.
	add("%s", launchBench(t, dir))
	add("load after: %s", loadNote())

	fmt.Println("\n== make bench-playback (issue 8) ==")
	for _, l := range report {
		fmt.Println(l)
	}
}

// wiggle keeps the pointer moving over the video, so the controls stay
// shown, until the returned stop is called.
func wiggle(w window) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			case <-time.After(400 * time.Millisecond):
			}
			_ = exec.Command("xdotool", "mousemove", fmt.Sprint(w.X+w.W/2+(i%2)*6), fmt.Sprint(w.Y+w.H/3)).Run()
		}
	}()
	time.Sleep(300 * time.Millisecond)
	return func() {
		close(done)
		<-finished
	}
}

// mpvSeeks seeks mpv to the places randomSeeks clicks, in the same order.
func mpvSeeks(t *testing.T, file string) []float64 {
	t.Helper()
	m, err := measure.StartMpv(file, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.Started(); err != nil {
		t.Fatal(err)
	}
	d, err := m.Duration()
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	rng := rand.New(rand.NewPCG(2026, 4)) // randomSeeks' places
	var ms []float64
	for range 20 {
		frac := 0.02 + 0.96*rng.Float64()
		took, err := m.Seek(frac * d)
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, float64(took.Microseconds())/1000)
		time.Sleep(300 * time.Millisecond)
	}
	return ms
}

// TestSeekBench is the seek part of TestPlaybackBench alone (REEL_BENCH=1).
func TestSeekBench(t *testing.T) {
	if os.Getenv("REEL_BENCH") == "" {
		t.Skip("the playback benchmark runs with REEL_BENCH=1 (make bench-playback)")
	}
	seekBench(t)
}

// seekBench clicks 20 random places of the 5-hour file's seek bar in Reel
// (reel://, timed in the page from seeking to seeked) and seeks mpv to the
// same places (timed to its playback-restart), one after the other.
func seekBench(t *testing.T) []string {
	reel := randomSeeks(t, "reel")
	mpv := mpvSeeks(t, filepath.Join(env(t, "REEL_TEST_VIDEOS"), bigVideo))
	rm, rp, rt := spread(reel)
	mm, mp, mt := spread(mpv)
	out := []string{
		fmt.Sprintf("20 random seeks on the 5-hour file, ms, median / p90 / max (target: median ≤ mpv's, max < 2× mpv's): Reel %.0f / %.0f / %.0f | mpv %.0f / %.0f / %.0f", rm, rp, rt, mm, mp, mt),
		"  Reel: " + join(reel),
		"  mpv:  " + join(mpv),
	}
	for _, l := range out {
		t.Log(l)
	}
	return out
}

// TestLaunchBench is the launch part of TestPlaybackBench alone (REEL_BENCH=1;
// bench/launch.sh).
func TestLaunchBench(t *testing.T) {
	if os.Getenv("REEL_BENCH") == "" {
		t.Skip("the launch benchmark runs with REEL_BENCH=1 (bench/launch.sh, make bench-launch)")
	}
	t.Log("load before: " + loadNote())
	t.Log(launchBench(t, launchFolder(t)))
	t.Log("load after: " + loadNote())
}

// launchVideos is how many videos the launch benchmark's folder holds:
// more than a window of cards, fewer than the first page (400).
const launchVideos = 300

// launchFolder makes (once) a folder of launchVideos links to the
// benchmark clip, beside REEL_TEST_VIDEOS.
func launchFolder(t *testing.T) string {
	t.Helper()
	clip := filepath.Join(benchFolder(t), benchClip)
	dir := filepath.Join(filepath.Dir(filepath.Clean(env(t, "REEL_TEST_VIDEOS"))), "bench-launch")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= launchVideos; i++ {
		to := filepath.Join(dir, fmt.Sprintf("clip %d.mp4", i))
		if _, err := os.Stat(to); err == nil {
			continue
		}
		if err := os.Link(clip, to); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// launchRounds is how many launches of each the benchmark times.
const launchRounds = 7

// launchBench times Reel's launch onto the last folder against WebKitGTK's
// MiniBrowser started on a page of one line, to its load, interleaved in
// the same run: first a launch on dir that reads it (nothing cached), then
// launchRounds rounds of one launch with no folder named (the last folder,
// its first page kept from the launch before) and one MiniBrowser (and one
// launch of REEL_BASELINE_BIN when set). The folder's saved sort is by
// size, largest first. Each Reel figure is process start → the first
// listing painted: the page's own mark (its first 'layout' event with
// cards, logged at the animation frame that draws them), and, checked from
// outside, the first frame x11grab took with the first card's name drawn
// (where the skeleton has none).
func launchBench(t *testing.T, dir string) string {
	l := launch{DB: filepath.Join(t.TempDir(), "reel.db"), Cache: posterCache(t)}
	// REEL_BASELINE_BIN, when set, is an earlier build launched the same
	// way in each round, on a database of its own.
	base := launch{DB: filepath.Join(t.TempDir(), "base.db"), Cache: posterCache(t), Bin: os.Getenv("REEL_BASELINE_BIN")}
	page := filepath.Join(t.TempDir(), "tiny.html")
	if err := os.WriteFile(page, []byte("<!doctype html><title>tiny</title><p>Reel"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(l.DB)
	if err != nil {
		t.Fatal(err)
	}
	err = st.SetFolderSettings(dir, store.FolderSettings{Sort: "size", Desc: true})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	first := launchToListing(t, dir, l, nil)
	if base.Bin != "" {
		launchToListing(t, dir, base, &first.name)
	}
	var reel, screen, pageMs, bare, baseMs, baseScreen, basePage []float64
	var notes []string
	for range launchRounds {
		r := launchToListing(t, "", l, &first.name)
		reel = append(reel, r.ms)
		screen = append(screen, r.screen)
		pageMs = append(pageMs, r.page)
		if !r.cached || r.sort != "-size" {
			notes = append(notes, fmt.Sprintf("a launch painted cached=%v sort=%q first", r.cached, r.sort))
		}
		d, err := measure.BareLoad(page, []string{"XDG_CACHE_HOME=" + t.TempDir(), "WEBKIT_DISABLE_DMABUF_RENDERER=1"})
		if err != nil {
			t.Fatal(err)
		}
		bare = append(bare, float64(d.Microseconds())/1000)
		if base.Bin != "" {
			b := launchToListing(t, "", base, &first.name)
			baseMs = append(baseMs, b.ms)
			baseScreen = append(baseScreen, b.screen)
			basePage = append(basePage, b.page)
		}
	}
	out := fmt.Sprintf("launch → first listing painted, ms (target < 500 cached), %d rounds interleaved, medians:\n"+
		"  first launch (nothing cached): page's mark %.0f (page's clock %.0f)\n"+
		"  Reel onto the last folder (cached): page's mark %.0f [%s], on screen (x11grab) %.0f [%s]; page's clock %.0f [%s]\n"+
		"  baseline MiniBrowser start → a one-line page loaded: %.0f [%s]\n"+
		"  Reel on screen − baseline: %.0f ms",
		launchRounds, first.ms, first.page, median(reel), join(reel), median(screen), join(screen), median(pageMs), join(pageMs),
		median(bare), join(bare), median(screen)-median(bare))
	if base.Bin != "" {
		out += fmt.Sprintf("\n  baseline build %s onto the last folder: page's mark %.0f [%s], on screen %.0f [%s]; page's clock %.0f [%s]",
			base.Bin, median(baseMs), join(baseMs), median(baseScreen), join(baseScreen), median(basePage), join(basePage))
	}
	if len(notes) > 0 {
		out += "\n  " + strings.Join(notes, "\n  ")
	} else {
		out += "\n  every cached launch painted the kept page first, sorted by size (the saved sort)"
	}
	return out
}

// posterCache is a folder for the posters of launches that are killed:
// their ffmpeg may still write there for a moment, which t.TempDir's
// check of its own removal would call a failure.
func posterCache(t *testing.T) string {
	dir, err := os.MkdirTemp("", "reel-launch-cache-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		time.Sleep(500 * time.Millisecond)
		os.RemoveAll(dir)
	})
	return dir
}

// launchTiming is one launch as launchToListing saw it.
type launchTiming struct {
	ms, page float64      // process start → the page's mark of its first listing; the page's clock then
	screen   float64      // process start → the first card's name on the screen (x11grab)
	cached   bool         // the cards came from the kept page
	sort     string       // the sort they showed in ("-size": largest first)
	name     measure.Rect // where the first card's name is on the screen
}

// launchToListing starts Reel on dir ("" for the last folder) and returns
// the time from the start of the process to the page's first 'layout'
// event that lists a video (the listing painted). With name, the box of
// the first card's name on the screen, it also times the first frame that
// draws text there; without, it finds that box.
func launchToListing(t *testing.T, dir string, l launch, name *measure.Rect) launchTiming {
	t.Helper()
	var w *measure.Watch
	if name != nil {
		var err error
		w, err = measure.WatchBox(os.Getenv("DISPLAY"), *name, 60, func(rgb []byte) bool { return measure.Colours(rgb, 16) >= 16 })
		if err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	a := launchApp(t, dir, l)
	e := a.waitFor("the first listing", 30*time.Second, func(e event) bool { return e.Event == "layout" && len(e.Rows) > 0 })
	r := launchTiming{ms: ms(e.At.Sub(start)), page: e.T, cached: e.Cached, sort: e.Sort}
	if w != nil {
		at, err := w.Wait(20 * time.Second)
		if err != nil {
			screenshot(t, "launch-no-card.png")
			t.Fatal(err)
		}
		r.screen = ms(at.Sub(start))
	} else {
		win := findWindow(t)
		top := a.viewportTop(5 * time.Second)
		c := e.Rows[0]
		// The name is in the card's lower part, below the 16:9 picture.
		picture := c.W * 9 / 16
		r.name = measure.Rect{X: win.X + int(c.X), Y: win.Y + top + int(c.Y+picture), W: int(c.W), H: int(c.H - picture)}
	}
	if dir != "" {
		// Let the first listing be kept for the next launch.
		time.Sleep(time.Second)
	}
	a.kill()
	return r
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// median is the middle of xs (the mean of the two middle ones).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
