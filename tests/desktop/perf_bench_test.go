//go:build desktop

package desktop

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/bench/playback/measure"
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

// TestLaunchBench is the launch part of TestPlaybackBench alone (REEL_BENCH=1).
func TestLaunchBench(t *testing.T) {
	if os.Getenv("REEL_BENCH") == "" {
		t.Skip("the playback benchmark runs with REEL_BENCH=1 (make bench-playback)")
	}
	t.Log(launchBench(t, benchFolder(t)))
}

// launchBench launches Reel on dir four times with one database and cache:
// the first launch reads the folder, the next find it cached. Each figure is
// process start → first listing painted, and in brackets the page's own
// clock then (from navigation start: the page's part, not WebKit's
// start-up). The baseline is WebKitGTK's MiniBrowser started on a page of
// one line, to its load.
func launchBench(t *testing.T, dir string) string {
	db := filepath.Join(t.TempDir(), "reel.db")
	cache := t.TempDir()
	var firsts []string
	for _, what := range []string{"first launch (nothing cached)", "cached", "cached", "cached"} {
		ms, page := launchToListing(t, dir, launch{DB: db, Cache: cache})
		firsts = append(firsts, fmt.Sprintf("%s %.0f (page %.0f)", what, ms, page))
	}
	page := filepath.Join(t.TempDir(), "tiny.html")
	if err := os.WriteFile(page, []byte("<!doctype html><title>tiny</title><p>Reel"), 0o644); err != nil {
		t.Fatal(err)
	}
	var bare []string
	for range 3 {
		d, err := measure.BareLoad(page, []string{"XDG_CACHE_HOME=" + t.TempDir(), "WEBKIT_DISABLE_DMABUF_RENDERER=1"})
		if err != nil {
			t.Fatal(err)
		}
		bare = append(bare, fmt.Sprint(d.Milliseconds()))
	}
	return "launch → first listing painted, ms (target < 500 cached): " + strings.Join(firsts, " | ") +
		"; baseline MiniBrowser start → a one-line page loaded: " + strings.Join(bare, " ")
}

// launchToListing starts Reel on dir and returns the time from the start of
// the process to the page's first 'layout' event that lists a video (the
// listing painted), and the page's clock then.
func launchToListing(t *testing.T, dir string, l launch) (ms, page float64) {
	t.Helper()
	start := time.Now()
	a := launchApp(t, dir, l)
	e := a.waitFor("the first listing", 30*time.Second, func(e event) bool { return e.Event == "layout" && len(e.Rows) > 0 })
	a.kill()
	return float64(e.At.Sub(start).Microseconds()) / 1000, e.T
}
