package api

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/internal/library"
	"reel/internal/store"
	"reel/internal/watch"
)

// BenchmarkLibrary10000 lists a folder of 10,000 videos (names, sizes,
// dates, positions, subtitles) through GET /api/library, against the
// baseline of net/http's own directory listing of the same folder.
func BenchmarkLibrary10000(b *testing.B) {
	dir := b.TempDir()
	for i := range 10000 {
		name := filepath.Join(dir, fmt.Sprintf("Video %05d.mp4", i))
		if err := os.WriteFile(name, []byte{byte(i)}, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 50 { // a few videos with subtitles, as in a real folder
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("Video %05d.en.srt", i*7)), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	lib := library.New()
	defer lib.Close()
	if _, err := lib.Open(dir); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "reel.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	w, err := watch.New()
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	a := New(Config{Library: lib, Store: st, Watcher: w, MediaURL: func(id string) string { return "/media/" + id }})

	run := func(b *testing.B, h http.Handler, url string) {
		srv := httptest.NewServer(h)
		defer srv.Close()
		for b.Loop() {
			res, err := http.Get(srv.URL + url)
			if err != nil {
				b.Fatal(err)
			}
			n, _ := io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				b.Fatalf("status %d", res.StatusCode)
			}
			b.SetBytes(n)
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/listing")
	}
	b.Run("api", func(b *testing.B) { run(b, a, "/api/library") })
	b.Run("baseline-http.FileServer", func(b *testing.B) { run(b, http.FileServer(http.Dir(dir)), "/") })
}

// BenchmarkLibrary100000 is issue 11 item 10: a folder of 100,000 videos.
// The first page of 400 (cold: nothing read yet, as when the folder is
// opened) against the whole answer, and net/http's directory listing of
// the same folder. B/op is the memory each one allocates.
func BenchmarkLibrary100000(b *testing.B) {
	dir := b.TempDir()
	for i := range 100000 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("clip %d.mp4", i)), []byte{1}, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	lib := library.New()
	defer lib.Close()
	if _, err := lib.Open(dir); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "reel.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	a := New(Config{Library: lib, Store: st, MediaURL: func(id string) string {
		return "http://127.0.0.1:40000/media/" + id + "?token=" + strings.Repeat("t", 43)
	}})
	get := func(b *testing.B, h http.Handler, url string, cold bool) {
		b.ReportAllocs()
		for b.Loop() {
			if cold {
				// A new modification time: the folder is read afresh.
				now := time.Now()
				os.Chtimes(dir, now, now)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
			b.SetBytes(int64(rec.Body.Len()))
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/answer")
	}
	b.Run("first-page-cold", func(b *testing.B) { get(b, a, "/api/library?dir=&offset=0&limit=400", true) })
	b.Run("next-page-warm", func(b *testing.B) { get(b, a, "/api/library?dir=&offset=400&limit=10000", false) })
	b.Run("baseline-whole-answer", func(b *testing.B) { get(b, a, "/api/library?dir=", false) })
	b.Run("baseline-http.FileServer", func(b *testing.B) { get(b, http.FileServer(http.Dir(dir)), "/", false) })
}
