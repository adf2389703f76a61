//go:build desktop

package desktop

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/internal/store"
)

// savedPosition reads what the database at path remembers of name.
func savedPosition(t *testing.T, path, name string) (store.Position, bool) {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatalf("open the database the app left: %v", err)
	}
	defer st.Close()
	if why := st.Recovered(); why != "" {
		t.Errorf("the database had to be rebuilt after kill -9: %s", why)
	}
	ps, err := st.ContinueWatching(0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if filepath.Base(p.Path) == name {
			return p, true
		}
	}
	return store.Position{}, false
}

// TestResumeSurvivesKill plays the 5-hour file, jumps to 50 % with the 5
// key, plays about 4 s and kills the app with SIGKILL: no page unload, no
// goodbye. The position in the database must be within 5 s of where
// playback was, and the next launch must offer it back.
func TestResumeSurvivesKill(t *testing.T) {
	const tolerance = 5.0 // seconds
	folder := env(t, "REEL_TEST_VIDEOS")
	db := filepath.Join(t.TempDir(), "reel.db")

	a := launchApp(t, folder, launch{DB: db})
	w := findWindow(t)
	_, meta, _ := a.openVideo(w, bigVideo)
	a.skipAll()
	xdotool(t, "key", "5")
	seeked := a.waitFor("the seek to 50 %", 20*time.Second, func(e event) bool { return e.Event == "seeked" })
	if want := meta.Duration / 2; math.Abs(seeked.CurrentTime-want) > 1 {
		t.Fatalf("the 5 key seeked to %.1f s, want %.1f s", seeked.CurrentTime, want)
	}
	// Playback goes on from the seek; after a stall it says 'playing' again.
	from, fromAt := seeked.CurrentTime, seeked.At
	if p, ok := a.poll(time.Second, func(e event) bool { return e.Event == "playing" }); ok {
		fromAt = p.At
	}
	time.Sleep(time.Until(fromAt.Add(4 * time.Second)))
	killedAt := time.Now()
	a.kill()
	a.checkNoMediaError()
	// Where playback was: the time played since it went on from the seek.
	atKill := from + killedAt.Sub(fromAt).Seconds()

	p, ok := savedPosition(t, db, bigVideo)
	if !ok {
		t.Fatalf("after kill -9 the database has no position for %s", bigVideo)
	}
	delta := atKill - p.Position
	t.Logf("resume after kill -9: playing at ≈%.1f s when killed, saved %.1f s (Δ %.1f s, saved %v before the kill)",
		atKill, p.Position, delta, killedAt.Sub(p.Updated).Round(time.Millisecond))
	if math.Abs(delta) > tolerance {
		t.Errorf("saved position %.1f s is %.1f s away from where playback was (%.1f s), want ≤ %.0f s",
			p.Position, delta, atKill, tolerance)
	}

	// The next launch on the same database offers that position back;
	// Enter takes the offer, and the player seeks there.
	b := launchApp(t, folder, launch{DB: db})
	w = findWindow(t)
	b.openVideo(w, bigVideo)
	var resumed event
	for try := 0; ; try++ {
		if e, ok := b.poll(time.Second, func(e event) bool { return e.Event == "seeked" }); ok {
			resumed = e
			break
		}
		if try == 6 {
			t.Fatal("the relaunched app never went back to the saved position (Enter on the resume prompt)")
		}
		xdotool(t, "key", "Return")
	}
	if math.Abs(resumed.CurrentTime-p.Position) > 1 {
		t.Errorf("the relaunched app resumed at %.1f s, want the saved %.1f s", resumed.CurrentTime, p.Position)
	}
	t.Logf("relaunched: resumed at %.1f s", resumed.CurrentTime)
	if out := b.out.String(); strings.Contains(out, "database rebuilt") || strings.Contains(out, "database "+db) {
		t.Errorf("the relaunched app complained about its database:\n%s", filterNoise(out))
	}
	b.checkNoMediaError()
}
