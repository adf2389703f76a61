package api

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

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
