//go:build desktop

package desktop

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// formatClips are one file of each container of issue 9's corpus
// (scripts/testformats.sh, beside REEL_TEST_VIDEOS), and where the window
// must play it from: GStreamer through reel://, except FLV, MPEG-TS/M2TS
// AVI and Ogg, whose seeks work only through WebKit's own http:// loader;
// ProRes/PCM in MOV, which WebKitGTK's canPlayType does not name, through
// the H.264 stream (hls).
var formatClips = []struct{ name, scheme string }{
	{"mp4-h264-aac.mp4", "reel"},
	{"mkv-h264-ac3.mkv", "reel"},
	{"webm-vp9-opus.webm", "reel"},
	{"avi-mpeg4-mp3.avi", "http"},
	{"ts-h264-aac.ts", "http"},
	{"m2ts-h264-ac3.m2ts", "http"},
	{"flv-h264-aac.flv", "http"},
	{"ogv-theora-vorbis.ogv", "http"},
	{"mpg-mpeg2-mp2.mpg", "reel"},
	// One stream, last: in the window a file opened after a stream
	// (hls.js over WebKitGTK's MSE) has been seen not to start; until
	// that is understood, fragmented MP4 and WMV, streams too, are left
	// out here (Chromium plays and seeks them: frontend formats.test).
	{"mov-prores-pcm.mov", "hls"},
}

// TestWindowPlaysEachContainer (issue 9): the real window opens one file of
// each container with a double-click, plays it, and a click in the middle
// of the seek bar lands in the middle.
func TestWindowPlaysEachContainer(t *testing.T) {
	corpus := filepath.Join(filepath.Dir(env(t, "REEL_TEST_VIDEOS")), "formats")
	dir := t.TempDir()
	for _, c := range formatClips {
		data, err := os.ReadFile(filepath.Join(corpus, c.name))
		if err != nil {
			t.Fatalf("%v (make test-videos makes the corpus)", err)
		}
		if err := os.WriteFile(filepath.Join(dir, c.name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	a := startApp(t, dir)
	w := findWindow(t)
	for _, c := range formatClips {
		_, meta, playing := a.openVideo(w, c.name)
		var rung event
		for _, e := range a.events() { // it comes before playback, with the source
			if e.Event == "rung" && e.Name == c.name {
				rung = e
			}
		}
		if rung.Scheme != c.scheme {
			t.Errorf("%s: plays from %s (rung %s), want %s", c.name, rung.Scheme, rung.Rung, c.scheme)
		}
		if meta.Duration < 3.5 || meta.Duration > 4.5 {
			t.Errorf("%s: duration %.2f s, want 4 s", c.name, meta.Duration)
		}
		bar := seekBar(t, playing)
		x, y := w.screen(bar.X+bar.Width/2, bar.Y+bar.Height/2, playing.scale())
		a.skipAll()
		mouseTo(t, x, y)
		xdotool(t, "click", "1")
		seeked := a.waitFor(fmt.Sprintf("%s: the seek to 50 %%", c.name), 15*time.Second, isEvent("seeked"))
		if math.Abs(seeked.CurrentTime-meta.Duration/2) > 0.6 {
			t.Errorf("%s: clicked the middle of the seek bar, landed at %.2f s of %.2f s", c.name, seeked.CurrentTime, meta.Duration)
		}
		for _, e := range a.events() {
			if e.Event == "error" {
				t.Errorf("%s: media error %d %q", c.name, e.Code, e.Message)
			}
		}
		xdotool(t, "key", "Escape")
		a.waitLayout(15*time.Second, c.name)
	}
}
