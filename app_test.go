package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"reel/internal/library"
)

// testApp is an App over a fresh backend with dir opened, and the id of
// dir's video a.mp4.
func testApp(t *testing.T) (*App, string) {
	t.Helper()
	t.Setenv("REEL_DB", filepath.Join(t.TempDir(), "reel.db"))
	t.Setenv("REEL_CACHE", t.TempDir())
	t.Setenv("REEL_EVENT_LOG", "")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.mp4"), []byte("not really a video"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := library.New()
	t.Cleanup(func() { lib.Close() })
	b, err := newBackend("window", lib, func(id string) string { return "/media/" + id })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	a := NewApp(lib, b, dir)
	a.openTarget(dir)
	l, err := lib.List("")
	if err != nil || len(l.Videos) != 1 {
		t.Fatalf("listing %s: %+v, %v", dir, l, err)
	}
	return a, l.Videos[0].ID
}

// TestNativeActionsTakeOnlyListedIDs covers issue 12's right-click menu on
// the Go side: a video is named by the id a listing handed out, never by a
// path, and nothing else is acted on.
func TestNativeActionsTakeOnlyListedIDs(t *testing.T) {
	a, id := testApp(t)
	hostile := []string{"", "nope", "../a.mp4", "/etc/passwd", id + "x", "a.mp4"}
	actions := []struct {
		name string
		do   func(id string) error
	}{
		{"RevealVideo", a.RevealVideo},
		{"SetWatched true", func(id string) error { return a.SetWatched(id, true) }},
		{"SetWatched false", func(id string) error { return a.SetWatched(id, false) }},
		{"ForgetPosition", a.ForgetPosition},
		{"CopyPath", a.CopyPath},
	}
	for _, act := range actions {
		for _, bad := range hostile {
			if err := act.do(bad); !errors.Is(err, library.ErrUnknownID) {
				t.Errorf("%s(%q) = %v, want an unknown-id error", act.name, bad, err)
			}
		}
	}
}

func TestSetWatchedAndForget(t *testing.T) {
	a, id := testApp(t)
	path, err := a.videoPath(id)
	if err != nil {
		t.Fatal(err)
	}
	st := a.b.store
	if err := st.SavePosition(path, 40, 100); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name        string
		do          func() error
		wantPos     float64
		wantWatched bool
	}{
		{"mark watched", func() error { return a.SetWatched(id, true) }, 0, true},
		{"mark unwatched", func() error { return a.SetWatched(id, false) }, 0, false},
		{"play a while", func() error { return st.SavePosition(path, 30, 100) }, 30, false},
		{"remove from Continue watching", func() error { return a.ForgetPosition(id) }, 0, false},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		p, _, err := st.Position(path)
		if err != nil {
			t.Fatal(err)
		}
		if p.Position != s.wantPos || p.Watched != s.wantWatched {
			t.Errorf("after %s: position %v watched %v, want %v %v", s.name, p.Position, p.Watched, s.wantPos, s.wantWatched)
		}
	}
}

// TestOpenTargetVideo covers `reel VIDEO` and a dropped video (issue 12):
// the folder opens and the video is handed to the page once.
func TestOpenTargetVideo(t *testing.T) {
	a, _ := testApp(t)
	dir := t.TempDir()
	sub := filepath.Join(dir, "Season 1")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{filepath.Join(sub, "ep 1.mkv"), filepath.Join(dir, "notes.txt")} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, target, wantRoot, wantStart string
	}{
		{"a video opens its folder and plays", filepath.Join(sub, "ep 1.mkv"), sub, "ep 1.mkv"},
		{"a folder opens, nothing plays", dir, dir, ""},
		{"a file that is no video opens its folder only", filepath.Join(dir, "notes.txt"), dir, ""},
	}
	for _, tt := range tests {
		a.openTarget(tt.target)
		if got := a.lib.Current(); got != tt.wantRoot {
			t.Errorf("%s: opened %q, want %q", tt.name, got, tt.wantRoot)
		}
		if got := a.TakeStartVideo(); got != tt.wantStart {
			t.Errorf("%s: TakeStartVideo() = %q, want %q", tt.name, got, tt.wantStart)
		}
		if got := a.TakeStartVideo(); got != "" {
			t.Errorf("%s: TakeStartVideo() a second time = %q, want \"\"", tt.name, got)
		}
	}
	a.openTarget(filepath.Join(dir, "gone"))
	if got := a.TakeStartVideo(); got != "" {
		t.Errorf("a missing target: TakeStartVideo() = %q, want \"\"", got)
	}
}
