//go:build desktop

package desktop

import (
	"math"
	"testing"
	"time"
)

// TestPlayAndSeekInRealWindow is issue 2's acceptance test: double-click the
// 2 GB video with real input, it plays, then seek to 90 % with the 9 key.
// It runs with Reel's GStreamer source (reel://, the default when the
// plugin sits beside the binary) and without it (http:// through WebKit's
// own loader), the path a build without the plugin takes.
func TestPlayAndSeekInRealWindow(t *testing.T) {
	for _, tt := range []struct {
		scheme string
		env    []string
		shot   string
	}{
		{"reel", nil, "desktop-player.png"},
		{"http", []string{"REEL_MEDIA_SCHEME=http"}, "desktop-player-http.png"},
	} {
		t.Run(tt.scheme, func(t *testing.T) {
			folder := env(t, "REEL_TEST_VIDEOS")
			a := launchApp(t, folder, launch{Env: tt.env})
			w := findWindow(t)

			opened, meta, playing := a.openVideo(w, bigVideo)
			if opened.Scheme != tt.scheme {
				t.Errorf("the page plays from %s://, want %s://", opened.Scheme, tt.scheme)
			}
			if meta.Duration < 5*3600 {
				t.Fatalf("duration = %.0f s, want the 5-hour file", meta.Duration)
			}
			t.Logf("opened → playing in %v", playing.At.Sub(opened.At).Round(time.Millisecond))

			xdotool(t, "key", "9")
			target := 0.9 * meta.Duration
			seeking, seeked := a.waitBoth("the seek to 90 %", 20*time.Second, isEvent("seeking"), isEvent("seeked"))
			if math.Abs(seeked.CurrentTime-target) > 1 {
				t.Errorf("seeked to %.1f s, want %.1f s (90 %%)", seeked.CurrentTime, target)
			}
			t.Logf("seek to 90 %% (%.0f s): seeked after %.0f ms", target, seeked.T-seeking.T)

			time.Sleep(1500 * time.Millisecond) // let a frame or two paint after the seek
			a.checkNoMediaError()
			screenshot(t, tt.shot)
		})
	}
}
