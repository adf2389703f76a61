//go:build desktop

package desktop

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestWindowCuesArrive is issue 10's "cues arrive as soon as they are
// ready" in the window (WebKitGTK, the asset server's transport): the
// track list comes at once and the embedded cues are on the track while
// ffmpeg's pass still runs, none twice. A stand-in ffmpeg on the app's
// PATH runs the real one at the clip's own pace (-re: the pass lasts 6 s,
// to the last subtitle packet; ffmpeg reads both cues within the first)
// and marks the end of the pass in a file. Before, the page waited for the
// whole pass, and so did the track list: ffmpeg inherited the pipe of its
// answer (ffmpegbin.CloseInherited).
func TestWindowCuesArrive(t *testing.T) {
	corpus := filepath.Join(filepath.Dir(env(t, "REEL_TEST_VIDEOS")), "formats")
	data, err := os.ReadFile(filepath.Join(corpus, "mkv-tracks.mkv"))
	if err != nil {
		t.Fatalf("%v (make test-videos makes the corpus)", err)
	}
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Fatal(err)
	}
	dir, bin := t.TempDir(), t.TempDir()
	video := filepath.Join(dir, "tracks.mkv")
	if err := os.WriteFile(video, data, 0o600); err != nil {
		t.Fatal(err)
	}
	done := filepath.Join(bin, "done")
	script := `#!/bin/sh
echo "$(date +%T.%N) $*" >> '` + bin + `/log'
case " $* " in
*" -map 0:s:"*)
  '` + ffmpeg + `' -re "$@"
  status=$?
  touch '` + done + `'
  exit $status;;
esac
exec '` + ffmpeg + `' "$@"
`
	if err := os.WriteFile(filepath.Join(bin, "ffmpeg"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(bin, "log"))
			t.Logf("ffmpeg runs:\n%s", b)
		}
	})
	a := launchApp(t, video, launch{Env: []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}})
	a.playsFromLaunch("tracks.mkv", "reel")
	a.waitTrackEvent("the tracks listed", "tracks", 20*time.Second, func(trackEvent) bool { return true })
	if _, err := os.Stat(done); err == nil {
		t.Fatal("the track list came only once the pass ended: ffmpeg held its answer")
	}

	xdotool(t, "key", "c")
	first := a.waitTrackEvent("the first English cue", "subtitle-cues", 10*time.Second, func(e trackEvent) bool {
		return e.Label == "English (SRT)" && e.Cues > 0
	})
	if _, err := os.Stat(done); err == nil {
		t.Errorf("the first cue came after the pass ended (%d cues)", first.Cues)
	}
	a.waitTrackEvent("both English cues", "subtitle-cues", 30*time.Second, func(e trackEvent) bool {
		return e.Label == "English (SRT)" && e.Cues == 2
	})
	for _, e := range a.trackEvents("subtitle-cues") {
		if e.Cues > 2 {
			t.Errorf("%s: %d cues on the track, want at most 2 (none twice)", e.Label, e.Cues)
		}
	}
	a.checkNoMediaError()
}
