//go:build desktop

package desktop

import (
	"math"
	"os"
	"path/filepath"
	"strings"
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
		shot   string
	}{
		{"reel", "desktop-player.png"},
		{"http", "desktop-player-http.png"},
	} {
		t.Run(tt.scheme, func(t *testing.T) {
			a, _, opened, meta, playing := playBigFrom(t, tt.scheme)
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

			// WebKit's on-disk buffering copies all that plays to /var/tmp;
			// through Reel's source it must never start.
			copies := mediaDiskCopies(t)
			t.Logf("%s://: WebKit's on-disk media copies open: %d %v", tt.scheme, len(copies), copies)
			if tt.scheme == "reel" && len(copies) > 0 {
				t.Errorf("playing from reel://, WebKit copies the video to disk: %v", copies)
			}
		})
	}
}

// mediaDiskCopies lists the files WebKit's web processes hold open for their
// on-disk media buffering (/var/tmp/WebKit-Media-XXXXXX, deleted on open).
func mediaDiskCopies(t *testing.T) []string {
	t.Helper()
	var found []string
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range procs {
		comm, err := os.ReadFile(filepath.Join(p, "comm"))
		if err != nil || !strings.HasPrefix(string(comm), "WebKitWebProces") {
			continue
		}
		fds, _ := os.ReadDir(filepath.Join(p, "fd"))
		for _, fd := range fds {
			target, err := os.Readlink(filepath.Join(p, "fd", fd.Name()))
			if err == nil && strings.Contains(target, "WebKit-Media-") {
				found = append(found, target)
			}
		}
	}
	return found
}
