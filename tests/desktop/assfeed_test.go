//go:build desktop

package desktop

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// assFeedScript has four red lines placed as assScript's (\pos: 10 %
// across, 30 % down). Under ffmpeg's -re, which holds each subtitle packet
// until the time of the one before, the pass writes the first two at once,
// the third 5.5 s after it starts and the fourth 5.7 s after; it ends at
// 11 s. The third is due from 6.2 s to 11.5 s, where a pause a second or
// two in and a seek 5 s on land.
const assFeedScript = "[Script Info]\r\nScriptType: v4.00+\r\nPlayResX: 640\r\nPlayResY: 360\r\n\r\n" +
	"[V4+ Styles]\r\n" +
	"Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\r\n" +
	"Style: Default,DejaVu Sans,40,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,2,10,10,10,1\r\n\r\n" +
	"[Events]\r\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\n" +
	"Dialogue: 0,0:00:00.50,0:00:06.00,Default,,0,0,0,,{\\an7\\pos(64,108)\\c&H0000FF&\\b1}REEL ONE\r\n" +
	"Dialogue: 0,0:00:06.00,0:00:06.10,Default,,0,0,0,,{\\an7\\pos(64,108)\\c&H0000FF&\\b1}REEL TWO\r\n" +
	"Dialogue: 0,0:00:06.20,0:00:11.50,Default,,0,0,0,,{\\an7\\pos(64,108)\\c&H0000FF&\\b1}REEL THREE\r\n" +
	"Dialogue: 0,0:00:11.60,0:00:11.90,Default,,0,0,0,,{\\an7\\pos(64,108)\\c&H0000FF&\\b1}REEL FOUR\r\n"

// assLines is an 'ass-lines' event: the lines the clock knows and the events libass holds.
type assLines struct {
	Event  string `json:"event"`
	Cues   int    `json:"cues"`
	Events int    `json:"events"`
}

// assLineEvents are the 'ass-lines' events logged so far.
func (a *app) assLineEvents() []assLines { return logged[assLines](a, "ass-lines") }

// TestWindowEmbeddedStyledSubtitlesArrive (issue 10: cues arrive as soon
// as they are ready) in the window: an MKV's embedded ASS track is drawn
// from its first lines while ffmpeg's pass still runs (a stand-in on the
// app's PATH runs the real one at the clip's pace), and a line that
// arrives while the video is paused where it is due is drawn without a
// seek; each line reaches libass once.
func TestWindowEmbeddedStyledSubtitlesArrive(t *testing.T) {
	real, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Fatal(err)
	}
	dir, bin := t.TempDir(), t.TempDir()
	ass := filepath.Join(bin, "lines.ass")
	if err := os.WriteFile(ass, []byte(assFeedScript), 0o600); err != nil {
		t.Fatal(err)
	}
	video := filepath.Join(dir, "embedded.mkv")
	// Grey, so the picture's box can be found in the screenshot.
	if err := ffmpeg("-f", "lavfi", "-i", "color=c=0x808080:size=640x360:rate=24", "-i", ass, "-map", "0:v", "-map", "1:s", "-t", "12",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "24", "-pix_fmt", "yuv420p", "-c:s", "ass",
		"-attach", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "-metadata:s:t", "mimetype=application/x-truetype-font", video); err != nil {
		t.Fatal(err)
	}
	done := filepath.Join(bin, "done")
	script := `#!/bin/sh
case " $* " in
*" -map 0:s:"*)
  '` + real + `' -re "$@"
  status=$?
  touch '` + done + `'
  exit $status;;
esac
exec '` + real + `' "$@"
`
	if err := os.WriteFile(filepath.Join(bin, "ffmpeg"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	passDone := func() bool { _, err := os.Stat(done); return err == nil }

	a := launchApp(t, video, launch{Env: []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}})
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(a.logPath)
			t.Logf("events:\n%s", b)
		}
	})
	a.playsFromLaunch("embedded.mkv", "reel")
	a.waitTrackEvent("the tracks listed", "tracks", 20*time.Second, func(trackEvent) bool { return true })
	xdotool(t, "key", "c")
	a.waitFor("the styled subtitles' renderer", 30*time.Second, func(e event) bool {
		if e.Event == "ass-error" {
			t.Fatalf("styled subtitles failed: %s", e.Message)
		}
		return e.Event == "ass-ready"
	})
	time.Sleep(500 * time.Millisecond)
	first := screenshot(t, "desktop-assfeed-first.png")
	if passDone() {
		t.Fatal("the pass ended before the first line was checked: is ffmpeg slowed?")
	}
	if _, red := colourBoxes(t, first); red.Empty() {
		t.Fatalf("no red line on screen while the first is due and the pass runs (%s)", first)
	}

	// Paused 5 s on, where the third line is due: it comes while paused.
	xdotool(t, "key", "space")
	a.skipAll()
	xdotool(t, "key", "Right")
	a.waitFor("the seek on", 10*time.Second, isEvent("seeked"))
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ev := a.assLineEvents(); len(ev) > 0 && ev[len(ev)-1].Cues >= 3 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if passDone() {
		t.Log("the pass ended before the third line was checked (a slow machine): the paused draw is checked all the same")
	}
	time.Sleep(700 * time.Millisecond)
	third := screenshot(t, "desktop-assfeed-paused.png")
	if _, red := colourBoxes(t, third); red.Empty() {
		t.Errorf("paused where the third line is due, no red line once it came (%s); lines: %+v", third, a.assLineEvents())
	}

	deadline = time.Now().Add(20 * time.Second)
	for !passDone() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	var last assLines
	for time.Now().Before(deadline) {
		if ev := a.assLineEvents(); len(ev) > 0 {
			if last = ev[len(ev)-1]; last.Cues == 4 {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if last.Cues != 4 || last.Events != 4 {
		t.Errorf("once the pass ended, the clock knows %d lines and libass holds %d, want 4 and 4 (each once): %+v", last.Cues, last.Events, a.assLineEvents())
	}
	for _, e := range a.events() {
		if e.Event == "ass-error" {
			t.Errorf("styled subtitles: %s", e.Message)
		}
	}
	a.checkNoMediaError()
}
