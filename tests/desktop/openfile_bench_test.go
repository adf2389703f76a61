//go:build desktop

package desktop

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/bench/playback/measure"
)

// TestOpenFileBench measures issue 12's `reel FILE`: from the exec to the
// video moving on screen (x11grab: the first of ten picture changes within
// a second in movingBox) and to the page's 'playing' event,
// through reel:// and http://. The baseline, in the same run, is WebKitGTK's
// MiniBrowser started on a bare page that autoplays the same clip, to its
// video moving. Run with REEL_BENCH=1:
//
//	REEL_BENCH=1 … go test -tags desktop -run '^TestOpenFileBench$' -v ./tests/desktop/
func TestOpenFileBench(t *testing.T) {
	if os.Getenv("REEL_BENCH") == "" {
		t.Skip("the open-file benchmark runs with REEL_BENCH=1")
	}
	clip := filepath.Join(benchFolder(t), benchClip)
	const runs = 3
	t.Logf("load before: %s", loadNote())
	for _, scheme := range []string{"reel", "http"} {
		var frames, events []string
		for range runs {
			var l launch
			if scheme == "http" {
				l.Env = []string{"REEL_MEDIA_SCHEME=http"}
			}
			var playing event
			moving, launched := timeToMoving(t, func() func() {
				a := launchApp(t, clip, l)
				return func() {
					playing = a.playsFromLaunch(benchClip, scheme)
					time.Sleep(2 * time.Second) // a second of it moving, for the recording
					a.kill()
				}
			})
			frames = append(frames, moving)
			events = append(events, fmt.Sprint(playing.At.Sub(launched).Milliseconds()))
		}
		t.Logf("reel FILE, %s://, ms: exec → video moving on screen %s; exec → 'playing' %s",
			scheme, strings.Join(frames, " "), strings.Join(events, " "))
	}
	var bare []string
	for range runs {
		moving, _ := timeToMoving(t, func() func() {
			b := startBare(t, clip, 0)
			return func() {
				time.Sleep(6 * time.Second)
				b.kill()
			}
		})
		bare = append(bare, moving)
	}
	t.Logf("baseline, MiniBrowser on a bare autoplaying page of the clip, ms: exec → video moving on screen %s", strings.Join(bare, " "))
}

// movingBox is a part of the video, in Reel's player and in MiniBrowser's
// full-screen page alike, clear of the loading spinner in the middle (it
// animates too), of the title bar and of the controls.
var movingBox = measure.Rect{X: 150, Y: 300, W: 300, H: 200}

// timeToMoving records movingBox while start launches
// something and the function it returns waits for it and ends it; it
// returns the milliseconds from the launch to the picture moving ("–" when
// it never moved) and when the launch was.
func timeToMoving(t *testing.T, start func() (waitAndEnd func())) (string, time.Time) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	type result struct {
		changes []time.Time
		err     error
	}
	done := make(chan result, 1)
	go func() {
		ch, err := measure.RecordChanges(ctx, os.Getenv("DISPLAY"), movingBox, 14*time.Second, grabRate)
		done <- result{ch, err}
	}()
	time.Sleep(time.Second) // x11grab is grabbing
	launched := time.Now()
	start()()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	at, ok := measure.FirstSustained(r.changes, 10, time.Second)
	if !ok || at.Before(launched) {
		return "–", launched
	}
	return fmt.Sprint(at.Sub(launched).Milliseconds()), launched
}
