//go:build desktop

package desktop

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestWindowRemuxAudioSwitch is issue 10's audio switch where the window's
// engine cannot switch tracks itself: a fragmented MP4 plays on the remux
// rung (issue 9; GStreamer reads such a file without an index), through
// hls.js over WebKitGTK's Media Source Extensions, whose AudioTrackList
// lists only the one track the stream carries. # then moves to the
// French AC-3 5.1 track, which the remux rung serves converted to AAC from
// where the video is, and back. After each switch the video moves on, the
// element plays, and the new stream's sound reaches GStreamer (its
// SourceBuffer enqueues audio at the switch point) within soundWithin of
// the new player's start. A seek back before the switch point must land
// there with sound.
//
// Regression (issue 10): that seek never landed. A stream that started at
// the switch point had its first media segment appended there, and
// GStreamer's qtdemux in WebKit's MSE append pipeline starts its segment at
// the first fragment it reads: audio appended later from before that time
// was dropped, the buffered range never grew, and the element stayed
// "seeking" (in a short file, hls.js jumped back to the switch point after
// three appends without growth). The page now appends segment 0 first
// (source.ts fromSegmentZero).
func TestWindowRemuxAudioSwitch(t *testing.T) {
	const soundWithin = 1.0 // seconds, the bound
	corpus := filepath.Join(filepath.Dir(env(t, "REEL_TEST_VIDEOS")), "formats")
	video := filepath.Join(t.TempDir(), "tracks.mp4")
	// English AAC mono and French AC-3 5.1 (mkv-tracks.mkv), in a fragmented MP4.
	if err := ffmpeg("-i", filepath.Join(corpus, "mkv-tracks.mkv"), "-map", "0:v", "-map", "0:a", "-c", "copy",
		"-movflags", "frag_keyframe+empty_moov+delay_moov", video); err != nil {
		t.Fatalf("%v (make test-videos makes the corpus)", err)
	}
	gstLog := artifact(t, "remux-audio.gst.log")
	a := launchApp(t, video, launch{Env: []string{"GST_DEBUG=webkitmsesourcebuffer:7,webkitmediaplayer:4",
		"GST_DEBUG_NO_COLOR=1", "GST_DEBUG_FILE=" + gstLog}})
	a.playsFromLaunch("tracks.mp4", "reel")
	if r := a.lastRung("tracks.mp4"); r.Rung != "remux" || r.Scheme != "hls" {
		t.Fatalf("tracks.mp4 plays on rung %q from %s, want the remux rung over HLS", r.Rung, r.Scheme)
	}
	a.waitTrackEvent("the tracks listed", "tracks", 20*time.Second, func(e trackEvent) bool { return len(e.Audio) == 2 })
	time.Sleep(3 * time.Second) // past segment 0, so that the switch starts a stream further on

	switchTo := func(want int) trackEvent {
		t.Helper()
		before := msePlayers(gstLog)
		xdotool(t, "key", "numbersign")
		sw := a.waitTrackEvent(fmt.Sprintf("the switch to track %d", want), "audio", 10*time.Second, func(e trackEvent) bool { return e.Index == want })
		if sw.Engine || sw.Rung != "remux" {
			t.Errorf("switch to track %d: by the engine %v on rung %q, want the remux rung", want, sw.Engine, sw.Rung)
		}
		c := a.waitTrackEvent(fmt.Sprintf("switch to %d's check", want), "audio-check", 10*time.Second, func(e trackEvent) bool {
			return e.Index == want && e.From > 0
		})
		player, started, ok := newPlayer(gstLog, before)
		if !ok {
			t.Fatalf("switch to track %d: GStreamer's log shows no new MSE player", want)
		}
		heard, ok := firstAudio(gstLog, player, c.From-0.1, c.From+1, started)
		t.Logf("switch to track %d at %.2f s: at %.2f s one second later, playing %v; %s's first sound at the switch point enqueued %+.3f s after it started",
			want, c.From, c.Reached, c.Playing, player, heard-started)
		// The position is kept, and the video moves on once the new
		// stream's first segment is in (up to soundWithin).
		if c.Reached < c.From+0.1 || c.Reached > c.From+2 {
			t.Errorf("switch to track %d at %.2f s: at %.2f s one second later, want between %.2f and %.2f s", want, c.From, c.Reached, c.From+0.1, c.From+2)
		}
		if !c.Playing {
			t.Errorf("switch to track %d: not playing one second later", want)
		}
		if !ok {
			t.Errorf("switch to track %d at %.2f s: no sound from %.2f s reached GStreamer", want, c.From, c.From)
		} else if heard-started > soundWithin {
			t.Errorf("switch to track %d: the sound at the switch point came %.2f s after the new stream started, want within %.0f s", want, heard-started, soundWithin)
		}
		c.Label = player
		return c
	}

	c := switchTo(1)
	if c.From < 2.5 {
		t.Fatalf("switched at %.2f s, want after segment 0 (2 s)", c.From)
	}
	// Back before the switch point: 1 is 10 % of the 12 s clip.
	a.skipAll()
	xdotool(t, "key", "1")
	target := 0.1 * a.duration()
	seeked := a.waitFor("the seek back to land", 10*time.Second, isEvent("seeked"))
	t.Logf("seek back to %.2f s: landed at %.2f s", target, seeked.CurrentTime)
	if math.Abs(seeked.CurrentTime-target) > 0.6 {
		t.Errorf("seek back to %.2f s (before the switch at %.2f s) landed at %.2f s", target, c.From, seeked.CurrentTime)
	}
	if _, ok := firstAudio(gstLog, c.Label, target-0.1, target+1, 0); !ok {
		t.Errorf("seek back to %.2f s: no sound from there reached GStreamer", target)
	}
	time.Sleep(1500 * time.Millisecond)
	back := switchTo(0)
	if back.From < target+1 {
		t.Errorf("switched back at %.2f s, 1.5 s after landing at %.2f s: the video did not play on after the seek", back.From, seeked.CurrentTime)
	}
	a.checkNoMediaError()
}

// lastRung is the last 'rung' event of name.
func (a *app) lastRung(name string) event {
	var r event
	for _, e := range a.events() {
		if e.Event == "rung" && e.Name == name {
			r = e
		}
	}
	return r
}

// duration is the video's duration from the app's last 'seeked' or
// 'loadedmetadata' event.
func (a *app) duration() float64 {
	d := 0.0
	for _, e := range a.events() {
		if (e.Event == "loadedmetadata" || e.Event == "seeked") && e.Duration > 0 {
			d = e.Duration
		}
	}
	return d
}

var (
	gstTime       = regexp.MustCompile(`^(\d+):(\d+):([\d.]+)\s`)
	playerCreated = regexp.MustCompile(`createGSTPlayBin:<(MSE-media-player-\d+)>`)
	audioEnqueued = regexp.MustCompile(`enqueueSample:<(MSE-media-player-\d+)> enqueing sample trackId=\d+ presentationSize=0x0 at PTS (\d+):(\d+):([\d.]+)`)
)

// msePlayers are the MSE players GStreamer's log names so far.
func msePlayers(path string) map[string]bool {
	seen := map[string]bool{}
	data, _ := os.ReadFile(path)
	for _, m := range playerCreated.FindAllStringSubmatch(string(data), -1) {
		seen[m[1]] = true
	}
	return seen
}

// newPlayer is the MSE player created after before, with the log time (s)
// it was created.
func newPlayer(path string, before map[string]bool) (string, float64, bool) {
	data, _ := os.ReadFile(path)
	for _, line := range strings.Split(string(data), "\n") {
		m := playerCreated.FindStringSubmatch(line)
		lt := gstTime.FindStringSubmatch(line)
		if m != nil && lt != nil && !before[m[1]] {
			return m[1], seconds(lt[1], lt[2], lt[3]), true
		}
	}
	return "", 0, false
}

// firstAudio is the log time (s) at which player first enqueued, after
// the log time after, an audio sample presented between from and to,
// waiting up to 5 s for it.
func firstAudio(path, player string, from, to, after float64) (float64, bool) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		data, _ := os.ReadFile(path)
		for _, line := range strings.Split(string(data), "\n") {
			m := audioEnqueued.FindStringSubmatch(line)
			lt := gstTime.FindStringSubmatch(line)
			if m == nil || lt == nil || m[1] != player {
				continue
			}
			at, pts := seconds(lt[1], lt[2], lt[3]), seconds(m[2], m[3], m[4])
			if at >= after && pts >= from && pts <= to {
				return at, true
			}
		}
		if time.Now().After(deadline) {
			return 0, false
		}
		time.Sleep(100 * time.Millisecond)
	}
}
