//go:build desktop

package desktop

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// trackEvent is what the page logs of a file's tracks (issue 10).
type trackEvent struct {
	Event     string   `json:"event"`
	Audio     []string `json:"audio"`     // 'tracks': the audio menu's labels
	Subtitles []string `json:"subtitles"` // 'tracks': the captions menu's labels
	Chapters  int      `json:"chapters"`  // 'tracks'
	Label     string   `json:"label"`     // 'subtitle-cues'
	Cues      int      `json:"cues"`      // 'subtitle-cues'
	Index     int      `json:"index"`     // 'audio': the track now playing
	Engine    bool     `json:"engine"`    // 'audio': switched by WebKit's AudioTrackList
	Rung      string   `json:"rung"`      // 'audio'
}

// trackEvents reads the events of the app's log named name.
func (a *app) trackEvents(name string) []trackEvent {
	f, err := os.Open(a.logPath)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []trackEvent
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var e trackEvent
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Event == name {
			out = append(out, e)
		}
	}
	return out
}

// waitTrackEvent waits for an event named name that ok accepts.
func (a *app) waitTrackEvent(what, name string, timeout time.Duration, ok func(trackEvent) bool) trackEvent {
	a.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		for _, e := range a.trackEvents(name) {
			if ok(e) {
				return e
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.t.Fatalf("timed out waiting for %s", what)
	return trackEvent{}
}

// TestWindowTracks is issue 10 in the window: an MKV's embedded tracks are
// in the menus with their names, C shows the embedded English SRT (it once
// said "No subtitles" while the menu offered a blank item). The audio
// switch in the window is not covered here yet: see issue 10's notes.
func TestWindowTracks(t *testing.T) {
	corpus := filepath.Join(filepath.Dir(env(t, "REEL_TEST_VIDEOS")), "formats")
	data, err := os.ReadFile(filepath.Join(corpus, "mkv-tracks.mkv"))
	if err != nil {
		t.Fatalf("%v (make test-videos makes the corpus)", err)
	}
	dir := t.TempDir()
	video := filepath.Join(dir, "tracks.mkv")
	if err := os.WriteFile(video, data, 0o600); err != nil {
		t.Fatal(err)
	}
	a := launchApp(t, video, launch{})
	a.playsFromLaunch("tracks.mkv", "reel")

	listed := a.waitTrackEvent("the tracks listed", "tracks", 20*time.Second, func(trackEvent) bool { return true })
	if want := []string{"English (AAC mono)", "Français — Commentaire (AC-3 5.1)"}; !reflect.DeepEqual(listed.Audio, want) {
		t.Errorf("audio menu %q, want %q", listed.Audio, want)
	}
	if want := []string{"English (SRT)", "Français (ASS)"}; !reflect.DeepEqual(listed.Subtitles, want) {
		t.Errorf("captions menu %q, want %q", listed.Subtitles, want)
	}
	if listed.Chapters != 3 {
		t.Errorf("%d chapters, want 3", listed.Chapters)
	}

	xdotool(t, "key", "c")
	// The cues come once the server extracted them, then the track is shown.
	a.waitTrackEvent("the English track's two cues", "subtitle-cues", 20*time.Second, func(e trackEvent) bool {
		return e.Label == "English (SRT)" && e.Cues == 2
	})

	a.checkNoMediaError()
}
