package api_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reel/internal/api"
	"reel/internal/libtest"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/testmedia"
	"reel/internal/transcode"
)

// streamAPI serves a folder holding one corpus clip, with streams on.
func streamAPI(t *testing.T, clip string) (*api.API, string) {
	t.Helper()
	corpus := testmedia.Formats(t)
	data, err := os.ReadFile(filepath.Join(corpus, clip))
	if err != nil {
		t.Fatal(err)
	}
	lib, _, videos := libtest.Library(t, libtest.Files{clip: string(data)})
	st, err := store.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	streams, err := transcode.New(transcode.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(streams.Close)
	a := api.New(api.Config{Library: lib, Store: st, Meta: metadata.New(lib, st, nil), Streams: streams, MediaURL: mediaURL, Mode: "browser"})
	return a, videos[clip].ID
}

func TestStreamRoutes(t *testing.T) {
	a, id := streamAPI(t, "ts-h264-aac.ts")
	base := "/api/stream/" + id + "/remux/"
	rec := call(t, a, "GET", base+"index.m3u8?token=t", "", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.apple.mpegurl" {
		t.Fatalf("GET index.m3u8: %d %q, want 200 and an HLS playlist", rec.Code, rec.Header().Get("Content-Type"))
	}
	list := rec.Body.String()
	for _, want := range []string{"#EXT-X-PLAYLIST-TYPE:VOD", `#EXT-X-MAP:URI="init.mp4?token=t"`, "\n0.m4s?token=t\n", "\n1.m4s?token=t\n", "#EXT-X-ENDLIST"} {
		if !strings.Contains(list, want) {
			t.Errorf("playlist: no %q in\n%s", want, list)
		}
	}
	tests := []struct {
		name, method, target string
		status               int
	}{
		{"a segment", "GET", base + "1.m4s", http.StatusOK},
		{"the init segment", "GET", base + "init.mp4", http.StatusOK},
		{"a segment past the end", "GET", base + "99.m4s", http.StatusNotFound},
		{"a negative segment", "GET", base + "-1.m4s", http.StatusNotFound},
		{"not a segment", "GET", base + "passwd", http.StatusNotFound},
		{"an unknown rung", "GET", "/api/stream/" + id + "/vp9/index.m3u8", http.StatusBadRequest},
		{"an unknown id", "GET", "/api/stream/nope/remux/index.m3u8", http.StatusNotFound},
		{"a path for an id", "GET", "/api/stream/..%2f..%2fetc/remux/index.m3u8", http.StatusNotFound},
		{"the player closes", "DELETE", "/api/stream/" + id, http.StatusNoContent},
	}
	for _, tt := range tests {
		rec := call(t, a, tt.method, tt.target, "", nil)
		if rec.Code != tt.status {
			t.Errorf("%s: %s %s: StatusCode=%d, want %d (%s)", tt.name, tt.method, tt.target, rec.Code, tt.status, rec.Body)
		}
		if tt.status == http.StatusOK && (rec.Header().Get("Content-Type") != "video/mp4" || rec.Body.Len() == 0) {
			t.Errorf("%s: %q, %d bytes; want video/mp4", tt.name, rec.Header().Get("Content-Type"), rec.Body.Len())
		}
	}
}

// TestStreamWithoutFFmpeg: without ffmpeg a stream request says what is
// missing and how to install it.
func TestStreamWithoutFFmpeg(t *testing.T) {
	lib, _, videos := libtest.Library(t, libtest.Files{"a.avi": "RIFF"})
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "browser"})
	var info api.StreamInfo
	call(t, a, "GET", "/api/stream", "", &info)
	if info.FFmpeg || !strings.Contains(info.Install, "ffmpeg") {
		t.Errorf("GET /api/stream = %+v, want ffmpeg false and how to install it", info)
	}
	var e struct{ Error string }
	rec := call(t, a, "GET", "/api/stream/"+videos["a.avi"].ID+"/h264/index.m3u8", "", &e)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(e.Error, "ffmpeg") {
		t.Errorf("stream without ffmpeg: %d %q, want 503 naming ffmpeg", rec.Code, e.Error)
	}
}
