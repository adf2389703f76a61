//go:build desktop

package desktop

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// seekBar returns the seek bar's box from the 'playing' event.
func seekBar(t *testing.T, playing event) rect {
	t.Helper()
	if playing.Range == nil || playing.Range.Width <= 0 {
		t.Fatalf("the 'playing' event carries no seek bar box (range); is build/bin/reel current?")
	}
	return *playing.Range
}

// spread is the median, 90th percentile and maximum of ms.
func spread(ms []float64) (median, p90, top float64) {
	s := slices.Clone(ms)
	slices.Sort(s)
	at := func(q float64) float64 { return s[int(math.Ceil(q*float64(len(s))))-1] }
	n := len(s)
	if n%2 == 1 {
		median = s[n/2]
	} else {
		median = (s[n/2-1] + s[n/2]) / 2
	}
	return median, at(0.9), s[n-1]
}

func join(ms []float64) string {
	parts := make([]string, len(ms))
	for i, v := range ms {
		parts[i] = fmt.Sprintf("%.0f", v)
	}
	return strings.Join(parts, " ")
}

// TestRandomSeeksBigFile is issue 4's measurement: 20 seeks to random
// places of the 5-hour file (moov at the end), each a real click on the
// seek bar, timed in the page from `seeking` to `seeked`: median under
// 100 ms, slowest under 300 ms, through Reel's GStreamer source (reel://).
// The same seeks through WebKit's own loader (http://) are the baseline,
// measured in the same run and logged.
func TestRandomSeeksBigFile(t *testing.T) {
	const (
		medianMax = 100.0 // ms
		worstMax  = 300.0 // ms
	)
	reel := randomSeeks(t, "reel")
	base := randomSeeks(t, "http")
	rm, rp, rt := spread(reel)
	bm, bp, bt := spread(base)
	t.Logf("20 random seeks, median / p90 / max: reel:// %.0f / %.0f / %.0f ms; baseline http:// %.0f / %.0f / %.0f ms",
		rm, rp, rt, bm, bp, bt)
	if rm >= medianMax {
		t.Errorf("median seek %.0f ms, want < %.0f ms", rm, medianMax)
	}
	if rt >= worstMax {
		t.Errorf("slowest seek %.0f ms, want < %.0f ms", rt, worstMax)
	}
}

// randomSeeks plays the big file from scheme:// (see playBigFrom) and clicks
// the seek bar at 20 random places (the same ones each call); it returns
// each seek's time from `seeking` to `seeked`, in ms.
func randomSeeks(t *testing.T, scheme string) []float64 {
	t.Helper()
	const seeks = 20
	a, w, _, meta, playing := playBigFrom(t, scheme)
	defer a.kill() // its window must be gone before the next launch looks for one
	bar := seekBar(t, playing)
	dpr := playing.scale()
	time.Sleep(time.Second) // let playback settle

	rng := rand.New(rand.NewPCG(2026, 4))
	var ms []float64
	for i := range seeks {
		frac := 0.02 + 0.96*rng.Float64()
		x, y := w.screen(bar.X+frac*bar.Width, bar.Y+bar.Height/2, dpr)
		a.skipAll()
		mouseTo(t, x, y)
		xdotool(t, "click", "1")
		seeking, seeked := a.waitBoth(fmt.Sprintf("%s seek %d", scheme, i+1), 10*time.Second, isEvent("seeking"), isEvent("seeked"))
		d := seeked.T - seeking.T
		ms = append(ms, d)
		want := frac * meta.Duration
		if math.Abs(seeked.CurrentTime-want) > 0.02*meta.Duration {
			t.Errorf("%s seek %d: clicked at %.1f %% (%.0f s), landed at %.0f s", scheme, i+1, 100*frac, want, seeked.CurrentTime)
		}
		time.Sleep(300 * time.Millisecond)
	}
	a.checkNoMediaError()
	median, p90, top := spread(ms)
	t.Logf("%s://: median %.0f ms, p90 %.0f ms, max %.0f ms; all: %s", scheme, median, p90, top, join(ms))
	return ms
}

// TestSeekBarPreview hovers the seek bar with the real pointer: every hover
// must bring a preview frame within 150 ms of the pointer's move. The first
// frame shown is the nearest one of the storyboard the preview keeps while
// the video plays; the exact frame follows when the preview video's own
// seek lands (its figures are logged, not bounded).
func TestSeekBarPreview(t *testing.T) {
	const limit = 150.0 // ms
	a := startApp(t, env(t, "REEL_TEST_VIDEOS"))
	w := findWindow(t)
	_, meta, playing := a.openVideo(w, bigVideo)
	bar := seekBar(t, playing)
	dpr := playing.scale()
	// A person reaching for the bar takes a few seconds; by then the
	// storyboard holds frames every few minutes of the 5-hour file.
	board := a.waitFor("a storyboard of 32 frames", 30*time.Second, func(e event) bool {
		return e.Event == "storyboard" && e.Frames >= 32
	})
	t.Logf("storyboard: %d frames %.1f s after playing", board.Frames, (board.T-playing.T)/1000)

	fracs := []float64{0.12, 0.27, 0.41, 0.58, 0.73, 0.88, 0.5}
	var first, exact []float64
	for i, frac := range fracs {
		x, y := w.screen(bar.X+frac*bar.Width, bar.Y+bar.Height/2, dpr)
		a.skipAll()
		mouseTo(t, x, y)
		want := frac * meta.Duration
		p, ok := a.poll(3*time.Second, func(e event) bool { return e.Event == "preview" })
		if !ok {
			t.Errorf("hover %d at %.0f %%: no preview frame within 3 s", i+1, 100*frac)
			continue
		}
		// The bar's ends are padding, so the time under the pointer is
		// near frac of the duration but not exactly it.
		if math.Abs(p.Target-want) > 0.03*meta.Duration {
			t.Errorf("hover %d at %.0f %% (%.0f s): the preview is for %.0f s", i+1, 100*frac, want, p.Target)
		}
		// 32 frames or more, each in the middle of its 1/128 of the file:
		// the nearest is at most 2.5/128 of the duration away.
		if math.Abs(p.Time-p.Target) > meta.Duration*2.5/128+1 {
			t.Errorf("hover %d at %.0f s: the preview shows %.0f s", i+1, p.Target, p.Time)
		}
		first = append(first, p.Ms)
		if p.Ms >= limit {
			t.Errorf("hover %d: preview took %.0f ms, want < %.0f ms", i+1, p.Ms, limit)
		}
		x2, ok := a.poll(3*time.Second, func(e event) bool { return e.Event == "preview" && e.Source == "exact" })
		if !ok {
			t.Errorf("hover %d at %.0f %%: no exact frame within 3 s", i+1, 100*frac)
			continue
		}
		if math.Abs(x2.Time-p.Target) > 1.05 { // key frames are a second apart
			t.Errorf("hover %d at %.0f s: the exact frame shows %.1f s", i+1, p.Target, x2.Time)
		}
		exact = append(exact, x2.Ms)
		t.Logf("hover %d: %4.1f %% → %s frame of %7.1f s in %3.0f ms, exact %7.1f s in %3.0f ms",
			i+1, 100*frac, p.Source, p.Time, p.Ms, x2.Time, x2.Ms)
		time.Sleep(250 * time.Millisecond)
	}
	if len(first) > 0 {
		median, _, top := spread(first)
		t.Logf("preview latency over %d hovers: median %.0f ms, max %.0f ms; all: %s", len(first), median, top, join(first))
	}
	if len(exact) > 0 {
		median, _, top := spread(exact)
		t.Logf("exact frame latency: median %.0f ms, max %.0f ms; all: %s", median, top, join(exact))
	}
	time.Sleep(300 * time.Millisecond) // the frame is on screen
	screenshot(t, "desktop-preview.png")
	a.checkNoMediaError()
}

// TestSeeksWithSubtitleStreams seeks back and forth with the number keys
// in an MKV with two subtitle streams (SRT and ASS), as a person jumping
// around does. Each seek must land within 6 s. In WebKitGTK's playbin the
// second seek hung the web process for good (issue 10: the flush waited on
// the subtitle queue); Reel's reel:// source turns playbin's text off.
func TestSeeksWithSubtitleStreams(t *testing.T) {
	const limit = 6 * time.Second
	corpus := filepath.Join(filepath.Dir(env(t, "REEL_TEST_VIDEOS")), "formats")
	video := filepath.Join(corpus, "mkv-tracks.mkv")
	if _, err := os.Stat(video); err != nil {
		t.Fatalf("%v (make test-videos makes the corpus)", err)
	}
	a := launchApp(t, video, launch{})
	if opened := a.waitFor("the player to open the file", 30*time.Second, isEvent("open")); opened.Scheme != "reel" {
		t.Fatalf("it plays from %s://, want reel://", opened.Scheme)
	}
	// The seek preview, which seeks a second <video>, starts once the tracks are known.
	a.waitBoth("the tracks listed and the video playing", 30*time.Second, isEvent("tracks"), isEvent("playing"))
	for i, key := range []string{"5", "2", "7", "3", "8", "1", "6", "4"} {
		a.skipAll()
		xdotool(t, "key", key)
		seeked, ok := a.poll(limit, isEvent("seeked"))
		if !ok {
			t.Fatalf("seek %d (key %s): not landed within %v; the page is frozen", i+1, key, limit)
		}
		want := float64(key[0]-'0') / 10 * seeked.Duration
		if math.Abs(seeked.CurrentTime-want) > 1 {
			t.Errorf("seek %d (key %s): landed at %.1f s, want %.1f s", i+1, key, seeked.CurrentTime, want)
		}
		time.Sleep(500 * time.Millisecond) // a person looks before the next jump
	}
	a.checkNoMediaError()
}
