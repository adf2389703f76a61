package api_test

import (
	"bytes"
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reel/internal/api"
	"reel/internal/libtest"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/testmedia"
	"reel/internal/tracks"
)

// tracksAPI serves a folder holding issue 10's clip and one cut short in
// its headers, with tracks on.
func tracksAPI(t *testing.T) (*api.API, map[string]string) {
	t.Helper()
	return tracksAPILog(t, io.Discard)
}

// tracksAPILog is tracksAPI with its error log written to errLog.
func tracksAPILog(t *testing.T, errLog io.Writer) (*api.API, map[string]string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testmedia.Formats(t), "mkv-tracks.mkv"))
	if err != nil {
		t.Fatal(err)
	}
	lib, _, videos := libtest.Library(t, libtest.Files{"tracks.mkv": string(data), "cut.mkv": string(data[:300])})
	st, err := store.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc, err := tracks.New(lib, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !svc.HasFFmpeg() {
		t.Skip("ffmpeg not available")
	}
	t.Cleanup(svc.Close)
	a := api.New(api.Config{Library: lib, Store: st, Meta: metadata.New(lib, st, nil), Tracks: svc, MediaURL: mediaURL, Mode: "browser", ErrorLog: log.New(errLog, "", 0)})
	return a, map[string]string{"tracks": videos["tracks.mkv"].ID, "cut": videos["cut.mkv"].ID}
}

func TestTrackRoutes(t *testing.T) {
	a, ids := tracksAPI(t)
	var list api.TrackList
	rec := call(t, a, "GET", "/api/tracks/"+ids["tracks"], "", &list)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/tracks: %d %s", rec.Code, rec.Body)
	}
	if len(list.Audio) != 2 || list.Audio[1].Title != "Commentaire" || list.Audio[1].Language != "fre" || len(list.Chapters) != 3 {
		t.Errorf("GET /api/tracks: %+v, want two audio tracks (the second French, Commentaire) and three chapters", list)
	}
	if len(list.Subtitles) != 2 || list.Subtitles[0].Format != "srt" || list.Subtitles[1].Format != "ass" {
		t.Fatalf("GET /api/tracks: subtitles %+v, want srt and ass", list.Subtitles)
	}
	tests := []struct {
		name, target string
		status       int
		contentType  string
		body         string
	}{
		{"srt as webvtt", list.Subtitles[0].URL, http.StatusOK, "text/vtt; charset=utf-8", "Hello from the English track"},
		{"ass as it is", list.Subtitles[1].URL, http.StatusOK, "text/x-ssa; charset=utf-8", "[Events]"},
		{"a track past the end", "/api/tracks/" + ids["tracks"] + "/subtitles/2", http.StatusNotFound, "", ""},
		{"a negative track", "/api/tracks/" + ids["tracks"] + "/subtitles/-1", http.StatusNotFound, "", ""},
		{"not a number", "/api/tracks/" + ids["tracks"] + "/subtitles/x", http.StatusBadRequest, "", ""},
		{"an unknown id", "/api/tracks/nope", http.StatusNotFound, "", ""},
		{"an unknown id's track", "/api/tracks/nope/subtitles/0", http.StatusNotFound, "", ""},
		{"a path for an id", "/api/tracks/..%2f..%2fetc%2fpasswd", http.StatusNotFound, "", ""},
		{"a path for an id's track", "/api/tracks/..%2f..%2fetc%2fpasswd/subtitles/0", http.StatusNotFound, "", ""},
		{"a file cut in its headers", "/api/tracks/" + ids["cut"], http.StatusUnprocessableEntity, "", "the file ends before its headers"},
		{"its subtitles", "/api/tracks/" + ids["cut"] + "/subtitles/0", http.StatusUnprocessableEntity, "", ""},
	}
	for _, tt := range tests {
		rec := call(t, a, "GET", tt.target, "", nil)
		if rec.Code != tt.status {
			t.Errorf("%s: GET %s: StatusCode=%d, want %d (%s)", tt.name, tt.target, rec.Code, tt.status, rec.Body)
			continue
		}
		if tt.contentType != "" && rec.Header().Get("Content-Type") != tt.contentType {
			t.Errorf("%s: Content-Type %q, want %q", tt.name, rec.Header().Get("Content-Type"), tt.contentType)
		}
		if !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("%s: body %q, want it to hold %q", tt.name, rec.Body, tt.body)
		}
	}
}

// TestTrackRoutesOff: without the service the routes say so.
func TestTrackRoutesOff(t *testing.T) {
	lib, _, videos := libtest.Library(t, libtest.Files{"a.mkv": "x"})
	a := newAPI(t, api.Config{Library: lib})
	if rec := call(t, a, "GET", "/api/tracks/"+videos["a.mkv"].ID, "", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("GET /api/tracks without the service: %d, want 503", rec.Code)
	}
}

// TestStreamAudioTrack: ?audio=N remuxes the file's audio track N (issue
// 10), and a bad N is refused.
func TestStreamAudioTrack(t *testing.T) {
	a, id := streamAPI(t, "mkv-tracks.mkv")
	base := "/api/stream/" + id + "/remux/"
	for _, tt := range []struct {
		name, target string
		status       int
	}{
		{"the second track", base + "index.m3u8?audio=1", http.StatusOK},
		{"its init segment", base + "init.mp4?audio=1", http.StatusOK},
		{"its first segment", base + "0.m4s?audio=1", http.StatusOK},
		{"a negative track", base + "index.m3u8?audio=-1", http.StatusBadRequest},
		{"not a number", base + "index.m3u8?audio=x", http.StatusBadRequest},
		{"too many", base + "index.m3u8?audio=64", http.StatusBadRequest},
	} {
		rec := call(t, a, "GET", tt.target, "", nil)
		if rec.Code != tt.status {
			t.Errorf("%s: GET %s: StatusCode=%d, want %d (%s)", tt.name, tt.target, rec.Code, tt.status, rec.Body)
		}
	}
}

// TestEmbeddedSubtitleAfter: ?after=K answers the cues after the first K
// and says whether the track is whole (issue 10: cues arrive as soon as
// they are ready), here from a finished pass.
func TestEmbeddedSubtitleAfter(t *testing.T) {
	a, ids := tracksAPI(t)
	base := "/api/tracks/" + ids["tracks"] + "/subtitles/"
	whole := call(t, a, "GET", base+"0", "", nil)
	if whole.Code != http.StatusOK || whole.Header().Get(api.SubtitleCompleteHeader) != "true" {
		t.Fatalf("GET %s0: %d, %s %q", base, whole.Code, api.SubtitleCompleteHeader, whole.Header().Get(api.SubtitleCompleteHeader))
	}
	tests := []struct {
		name, target string
		status       int
		cues         string
		body         string
		notInBody    string
	}{
		{"from the start: the whole track", base + "0?after=0", http.StatusOK, "2", whole.Body.String(), ""},
		{"after the first cue", base + "0?after=1", http.StatusOK, "2", "Second English cue", "Hello"},
		{"after every cue: none", base + "0?after=2", http.StatusOK, "2", "WEBVTT\n", "-->"},
		{"an ASS track after its first line", base + "1?after=1", http.StatusOK, "2", "Deuxième réplique", "Bonjour"},
		{"a negative count", base + "0?after=-1", http.StatusBadRequest, "", "", ""},
		{"not a number", base + "0?after=x", http.StatusBadRequest, "", "", ""},
		{"no such track", base + "2?after=0", http.StatusNotFound, "", "", ""},
		{"a file cut in its headers", "/api/tracks/" + ids["cut"] + "/subtitles/0?after=0", http.StatusUnprocessableEntity, "", "", ""},
	}
	for _, tt := range tests {
		rec := call(t, a, "GET", tt.target, "", nil)
		if rec.Code != tt.status {
			t.Errorf("%s: GET %s: StatusCode=%d, want %d (%s)", tt.name, tt.target, rec.Code, tt.status, rec.Body)
			continue
		}
		if tt.status != http.StatusOK {
			continue
		}
		h := rec.Header()
		if h.Get(api.SubtitleCompleteHeader) != "true" || h.Get(api.SubtitleCuesHeader) != tt.cues || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: complete %q, cues %q, Cache-Control %q; want true, %s, no-store", tt.name, h.Get(api.SubtitleCompleteHeader), h.Get(api.SubtitleCuesHeader), h.Get("Cache-Control"), tt.cues)
		}
		if !strings.Contains(rec.Body.String(), tt.body) || (tt.notInBody != "" && strings.Contains(rec.Body.String(), tt.notInBody)) {
			t.Errorf("%s: body %q, want it to hold %q and not %q", tt.name, rec.Body, tt.body, tt.notInBody)
		}
	}
}

// TestEmbeddedSubtitleGrowing: while ffmpeg writes (a stand-in on PATH
// that stops halfway, in the middle of a cue), the answer holds the whole
// cue, never the half one, and says it is partial; the rest comes once
// written, then the complete answer.
func TestEmbeddedSubtitleGrowing(t *testing.T) {
	bin := t.TempDir()
	script := `#!/bin/sh
for a in "$@"; do [ "$last" = srt ] && out=$a; last=$a; done
printf '1\n00:00:01,000 --> 00:00:02,000\nFirst cue\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond' > "$out"
while [ ! -e '` + bin + `/go' ]; do sleep 0.01; done
printf ' cue\n\n' >> "$out"
`
	if err := os.WriteFile(filepath.Join(bin, "ffmpeg"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	// ffprobe stays the system's; the track list is read in Go anyway.
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	var errLog bytes.Buffer
	a, ids := tracksAPILog(t, &errLog)
	target := "/api/tracks/" + ids["tracks"] + "/subtitles/0?after="
	// The stand-in writes only the SRT track's output; the ASS one stays empty.
	first := call(t, a, "GET", target+"0", "", nil)
	h := first.Header()
	if first.Code != http.StatusOK || h.Get(api.SubtitleCompleteHeader) != "false" || h.Get(api.SubtitleCuesHeader) != "1" ||
		!strings.Contains(first.Body.String(), "First cue") || strings.Contains(first.Body.String(), "Second") {
		t.Fatalf("while ffmpeg writes: %d, complete %q, cues %q, %q; want 200, false, 1, the first cue alone",
			first.Code, h.Get(api.SubtitleCompleteHeader), h.Get(api.SubtitleCuesHeader), first.Body)
	}
	// The page leaves while it waits: no answer, and nothing in the log.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	left := httptest.NewRecorder()
	a.ServeHTTP(left, httptest.NewRequest("GET", target+"1", nil).WithContext(ctx))
	if left.Body.Len() != 0 || errLog.Len() != 0 {
		t.Errorf("a question the page gave up: body %q, log %q; want neither", left.Body, &errLog)
	}
	if err := os.WriteFile(filepath.Join(bin, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	next := call(t, a, "GET", target+"1", "", nil)
	if next.Header().Get(api.SubtitleCuesHeader) != "2" || !strings.Contains(next.Body.String(), "Second cue") || strings.Contains(next.Body.String(), "First") {
		t.Fatalf("once written: cues %q, %q; want 2, the second cue alone", next.Header().Get(api.SubtitleCuesHeader), next.Body)
	}
	for done := next; done.Header().Get(api.SubtitleCompleteHeader) != "true"; {
		done = call(t, a, "GET", target+"2", "", nil)
		if done.Code != http.StatusOK {
			t.Fatalf("waiting for the end: %d %s", done.Code, done.Body)
		}
	}
}
