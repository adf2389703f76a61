//go:build desktop

package desktop

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWindowPlaysAfterStream (issue 9): a video opened after an HLS stream
// (hls.js over WebKitGTK's Media Source Extensions) starts playing, and so
// does a stream opened after a stream. The window streams ProRes/PCM in
// MOV (the H.264 rung), fragmented MP4 (remux) and WMV; each is opened and
// the player closed with Escape, then an H.264 MP4 played directly.
//
// Regression (issue 9): the first stream of a run sometimes never played.
// Its picture started two frames after its first decode time (B-frames)
// and its sound 21 ms before the picture (AAC priming), so WebKit's
// buffered range began ~0.08 s in; hls.js jumped that start gap with a
// seek, and WebKitGTK sometimes never finished it (no `seeked`, no
// `playing`). Segment 0 now decodes every track from 0 and shows its
// sound from 0 (transcode.alignStart); WebKit shows the first frame from
// 0 too, so there is no gap and no seek.
func TestWindowPlaysAfterStream(t *testing.T) {
	corpus := filepath.Join(filepath.Dir(env(t, "REEL_TEST_VIDEOS")), "formats")
	dir := t.TempDir()
	files := []struct{ name, scheme string }{
		{"mov-prores-pcm.mov", "hls"},
		{"mp4-fragmented.mp4", "hls"},
		{"wmv-wmv2-wma.wmv", "hls"},
		{"mp4-h264-aac.mp4", "reel"},
		{"mov-prores-pcm.mov", "hls"},
		{"mp4-h264-aac.mp4", "reel"},
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(corpus, f.name))
		if err != nil {
			t.Fatalf("%v (make test-videos makes the corpus)", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	a := startApp(t, dir)
	w := findWindow(t)
	for i, f := range files {
		a.openVideo(w, f.name) // fails the test when `playing` does not come
		var rung event
		for _, e := range a.events() {
			if e.Event == "rung" && e.Name == f.name {
				rung = e
			}
		}
		if rung.Scheme != f.scheme {
			t.Errorf("open %d, %s: plays from %s (rung %s), want %s", i+1, f.name, rung.Scheme, rung.Rung, f.scheme)
		}
		// A seek before the first frame was hls.js's start-gap jump, the
		// one that hung: a stream starts with no gap, so with no seek.
		seeks, playAt := 0, -1.0
		for _, e := range a.events() {
			switch e.Event {
			case "open":
				seeks, playAt = 0, -1
			case "seeking":
				if playAt < 0 {
					seeks++
				}
			case "playing":
				if playAt < 0 {
					playAt = e.CurrentTime
				}
			}
		}
		t.Logf("open %d, %s: playing at %.3f s after %d seek(s)", i+1, f.name, playAt, seeks)
		if f.scheme == "hls" && seeks > 0 {
			t.Errorf("open %d, %s: %d seek(s) before the first frame, want none (a start gap in the stream)", i+1, f.name, seeks)
		}
		a.checkNoMediaError()
		xdotool(t, "key", "Escape")
		a.waitLayout(15*time.Second, f.name)
	}
}
