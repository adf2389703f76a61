package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/libtest"
	"reel/internal/media"
	"reel/internal/store"
)

// goErrorText are fragments of Go's error texts that must never reach the page.
var goErrorText = []string{"openat", "statat", "escapes", "too many levels", "file name too long", "no such file", "tmp"}

// plainRefusal fails unless rec is a status of want whose body names no
// system call, path or Go error (issue 11 item 8).
func plainRefusal(t *testing.T, what string, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Errorf("%s: StatusCode=%d, want %d (body %q)", what, rec.Code, want, rec.Body)
	}
	for _, frag := range goErrorText {
		if strings.Contains(rec.Body.String(), frag) {
			t.Errorf("%s: body %q shows %q", what, rec.Body, frag)
		}
	}
}

// TestSidecarSymlinks is issue 11 item 8: a sidecar subtitle follows the
// video's symlink rule. Links out of the folder are not offered; a sidecar
// swapped after the listing for a link out, a loop or an over-long name
// answers 403 or 404 with a plain message, never 500 with Go's error text.
func TestSidecarSymlinks(t *testing.T) {
	t.Parallel()
	outside := libtest.Folder(t, libtest.Files{"secret.srt": "1\n00:00:01,000 --> 00:00:02,000\nsecret\n"})
	cue := "1\n00:00:01,000 --> 00:00:02,000\nhello\n"
	dir := libtest.Folder(t, libtest.Files{"a.mp4": "a", "a.en.srt": cue, "b.mp4": "b", "subs/b.srt": cue})
	for link, target := range map[string]string{
		"a.fr.srt": filepath.Join(outside, "secret.srt"), // out of the folder
		"a.de.srt": "a.de.srt",                           // a loop
		"a.it.srt": strings.Repeat("x", 300),             // a name no file system allows
		"b.en.srt": "subs/b.srt",                         // inside: offered
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	lib := libtest.Open(t, dir)
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "browser"})
	var l api.Listing
	call(t, a, "GET", "/api/library?dir=", "", &l)
	tracks := map[string][]string{}
	ids := map[string]string{}
	for _, v := range l.Videos {
		ids[v.Name] = v.ID
		for _, s := range v.Subtitles {
			tracks[v.Name] = append(tracks[v.Name], s.Lang)
		}
	}
	if got := strings.Join(tracks["a.mp4"], ","); got != "en" {
		t.Errorf("a.mp4 offers tracks %q, want only en (the links out, the loop and the long name are left out)", got)
	}
	if got := strings.Join(tracks["b.mp4"], ","); got != "en" {
		t.Errorf("b.mp4 offers tracks %q, want en (a link inside the folder)", got)
	}
	if rec := call(t, a, "GET", "/api/subtitles/"+ids["b.mp4"]+"/0", "", nil); rec.Code != http.StatusOK {
		t.Errorf("the sidecar linked inside: StatusCode=%d, want 200", rec.Code)
	}

	// Swapped after the listing: a sidecar is no longer offered (404), a
	// video's link out or loop is refused (403), an over-long name is not
	// there (404).
	h := http.NewServeMux()
	h.Handle(api.Prefix, a)
	h.Handle(media.Prefix, media.Streaming(lib, library.ContentType))
	swaps := []struct {
		name   string
		target string
		video  int // for a.mp4: /media and /api/position
		sub    int // for a.en.srt
	}{
		{"link_out_of_the_folder", filepath.Join(outside, "secret.srt"), http.StatusForbidden, http.StatusNotFound},
		{"link_loop", "{self}", http.StatusForbidden, http.StatusNotFound},
		{"over_long_name", strings.Repeat("y", 300), http.StatusNotFound, http.StatusNotFound},
	}
	for _, sw := range swaps {
		for _, f := range []struct {
			name, target string
			want         int
		}{
			{"a.en.srt", "/api/subtitles/" + ids["a.mp4"] + "/0", sw.sub},
			{"a.mp4", "/media/" + ids["a.mp4"], sw.video},
			{"a.mp4", "/api/position/" + ids["a.mp4"], sw.video},
		} {
			p := filepath.Join(dir, f.name)
			os.Rename(p, p+".orig")
			if err := os.Symlink(strings.ReplaceAll(sw.target, "{self}", f.name), p); err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", f.target, nil))
			plainRefusal(t, "GET "+f.target+" with "+f.name+" swapped for a "+sw.name, rec, f.want)
			if strings.Contains(rec.Body.String(), "secret") {
				t.Errorf("%s swapped for a %s: the file out of the folder was served", f.name, sw.name)
			}
			os.Remove(p)
			os.Rename(p+".orig", p)
		}
	}
}

// TestFIFO is issue 11 item 3: a listed file replaced by a FIFO (or a
// folder replaced by one) is refused at once, never waited on.
func TestFIFO(t *testing.T) {
	t.Parallel()
	dir := libtest.Folder(t, libtest.Files{"a.mp4": "a", "a.srt": "1\n00:00:01,000 --> 00:00:02,000\nx\n", "Sub/b.mp4": "b"})
	lib := libtest.Open(t, dir)
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "browser"})
	var l api.Listing
	call(t, a, "GET", "/api/library?dir=", "", &l)
	if len(l.Videos) != 1 {
		t.Fatalf("listing: %d videos, want 1", len(l.Videos))
	}
	id := l.Videos[0].ID
	for _, name := range []string{"a.mp4", "a.srt", "Sub"} {
		p := filepath.Join(dir, name)
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := http.NewServeMux()
	h.Handle(api.Prefix, a)
	h.Handle(media.Prefix, media.Streaming(lib, library.ContentType))
	for _, tt := range []struct {
		name, target string
		want         int
	}{
		{"media", "/media/" + id, http.StatusNotFound},
		{"subtitles", "/api/subtitles/" + id + "/0", http.StatusNotFound},
		{"fonts", "/api/fonts/" + id, http.StatusNotFound},
		{"folder", "/api/library?dir=Sub", http.StatusNotFound},
	} {
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", tt.target, nil))
			done <- rec
		}()
		select {
		case rec := <-done:
			if rec.Code != tt.want {
				t.Errorf("GET %s (a FIFO): StatusCode=%d, want %d (body %q)", tt.name, rec.Code, tt.want, rec.Body)
			}
		case <-time.After(2 * time.Second):
			// The goroutine stays blocked in open(2); opening the FIFO for
			// writing below lets it go when the test ends.
			t.Errorf("GET %s (a FIFO): no answer after 2s, want %d at once", tt.name, tt.want)
			for _, name := range []string{"a.mp4", "a.srt", "Sub"} {
				if f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					defer f.Close()
				}
			}
		}
	}
}

// TestNonUTF8FolderNames is issue 11 item 9: a folder whose name is not
// valid UTF-8 (Latin-1 from an old disk), or that holds a '%', opens from
// the path its listing gave, after a round trip through JSON and a URL.
func TestNonUTF8FolderNames(t *testing.T) {
	t.Parallel()
	names := []string{"caf\xe9", "100%", "%41", "ok\xff\xfe/deeper\x80"}
	files := libtest.Files{}
	for _, n := range names {
		files[n+"/v.mp4"] = "v"
	}
	dir := libtest.Folder(t, files)
	lib := libtest.Open(t, dir)
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "browser"})
	var root api.Listing
	call(t, a, "GET", "/api/library?dir=", "", &root)
	var paths []string
	for _, f := range root.Folders {
		paths = append(paths, f.Path)
	}
	for _, f := range root.Folders {
		if !strings.HasPrefix(f.Name, "ok") {
			var l api.Listing
			rec := call(t, a, "GET", "/api/library?dir="+url.QueryEscape(f.Path), "", &l)
			if rec.Code != http.StatusOK || len(l.Videos) != 1 {
				t.Errorf("folder %q (listed as %q): StatusCode=%d with %d videos, want 200 with 1", f.Name, f.Path, rec.Code, len(l.Videos))
				continue
			}
			if l.Dir != f.Path {
				t.Errorf("folder %q: listing dir %q, want the path it was asked by, %q", f.Name, l.Dir, f.Path)
			}
			var fs map[string]any
			if rec := call(t, a, "GET", "/api/settings/folder?dir="+url.QueryEscape(f.Path), "", &fs); rec.Code != http.StatusOK && rec.Code != http.StatusNotFound {
				t.Errorf("settings of folder %q: StatusCode=%d", f.Name, rec.Code)
			}
			continue
		}
		// A path of two folders, as the breadcrumbs rebuild it.
		var l api.Listing
		call(t, a, "GET", "/api/library?dir="+url.QueryEscape(f.Path), "", &l)
		if len(l.Folders) != 1 {
			t.Fatalf("folder %q: %d subfolders, want 1", f.Name, len(l.Folders))
		}
		deeper := l.Folders[0].Path
		crumbs := strings.Split(deeper, "/")
		rebuilt := strings.Join(crumbs[:2], "/")
		rec := call(t, a, "GET", "/api/library?dir="+url.QueryEscape(rebuilt), "", &l)
		if rec.Code != http.StatusOK || len(l.Videos) != 1 {
			t.Errorf("folder %q (listed as %q): StatusCode=%d with %d videos, want 200 with 1", deeper, rebuilt, rec.Code, len(l.Videos))
		}
	}
	if len(paths) != len(names) {
		t.Errorf("listed folders %q, want %d", paths, len(names))
	}
}

// TestSettingsTwoInstances is issue 11 item 5: two Reels on one database
// PUT settings at once, one the volume, the other the rate. Reading the
// saved settings outside the write's transaction lost updates: an answer
// showed a value older than one the other instance had already saved.
func TestSettingsTwoInstances(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "reel.db")
	var apis [2]*api.API
	for i := range apis {
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		apis[i] = api.New(api.Config{Library: library.New(), Store: st, MediaURL: mediaURL, Mode: "browser"})
	}
	const puts = 300
	var acked [2]atomic.Int64 // the last value each instance saved, in steps
	var regressions atomic.Int64
	var wg sync.WaitGroup
	for i, a := range apis {
		wg.Add(1)
		go func() {
			defer wg.Done()
			field := []string{"volume", "rate"}[i]
			value := func(step int64) float64 { return []float64{float64(step) / puts, 0.25 + float64(step)/puts*3}[i] }
			for step := int64(1); step <= puts; step++ {
				other := acked[1-i].Load() // saved by the other before this PUT began
				rec := httptest.NewRecorder()
				a.ServeHTTP(rec, httptest.NewRequest("PUT", "/api/settings", strings.NewReader(fmt.Sprintf(`{%q: %v}`, field, value(step)))))
				var s api.PlayerSettings
				if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &s) != nil {
					t.Errorf("PUT %s=%v: StatusCode=%d body %q", field, value(step), rec.Code, rec.Body)
					return
				}
				acked[i].Store(step)
				seen := []float64{s.Rate, s.Volume}[i] // the other's field, as this PUT saved it
				if other > 0 && seen < []float64{0.25 + float64(other)/puts*3, float64(other) / puts}[i]-1e-9 {
					regressions.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	var s api.PlayerSettings
	call(t, apis[0], "GET", "/api/settings", "", &s)
	if n := regressions.Load(); n != 0 || s.Volume != 1 || s.Rate != 3.25 {
		t.Errorf("%d PUTs from each of two instances: %d lost updates, final volume %v rate %v; want 0, 1, 3.25", puts, n, s.Volume, s.Rate)
	}
}

// TestSaveFailures is issue 11 items 6 and 7: a save that fails for want
// of space or a read-only database answers a status and words the page
// shows, and GET /api/status says why saves fail until one works again.
func TestSaveFailures(t *testing.T) {
	t.Parallel()
	dir := libtest.Folder(t, libtest.Files{"a.mp4": "a"})
	lib := libtest.Open(t, dir)
	st, err := store.Open(filepath.Join(t.TempDir(), "reel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := newAPI(t, api.Config{Library: lib, Store: st, MediaURL: mediaURL, Mode: "browser"})
	var status api.Status
	call(t, a, "GET", "/api/status", "", &status)
	if status.Problem != "" {
		t.Errorf("GET /api/status before any failure: problem %q, want none", status.Problem)
	}
	var l api.Listing
	call(t, a, "GET", "/api/library?dir=", "", &l)
	id := l.Videos[0].ID
	tests := []struct {
		name    string
		fault   error
		code    int
		message string
	}{
		{"disk_full", syscall.ENOSPC, http.StatusInsufficientStorage, "disk is full"},
		{"read_only", syscall.EROFS, http.StatusServiceUnavailable, "read-only"},
	}
	for _, tt := range tests {
		st.InjectWriteFault(func() error { return tt.fault })
		for _, put := range []struct{ target, body string }{
			{"/api/position/" + id, `{"position": 5, "duration": 10}`},
			{"/api/settings", `{"volume": 0.5}`},
			{"/api/settings/folder?dir=", `{"sort": "date"}`},
		} {
			var e api.Error
			rec := call(t, a, "PUT", put.target, put.body, &e)
			if rec.Code != tt.code || !strings.Contains(e.Error, tt.message) {
				t.Errorf("%s: PUT %s: %d %q, want %d and %q", tt.name, put.target, rec.Code, e.Error, tt.code, tt.message)
			}
		}
		call(t, a, "GET", "/api/status", "", &status)
		if !strings.Contains(status.Problem, tt.message) {
			t.Errorf("%s: GET /api/status after saves failed: problem %q, want %q", tt.name, status.Problem, tt.message)
		}
	}
	st.InjectWriteFault(nil)
	if rec := call(t, a, "PUT", "/api/position/"+id, `{"position": 6, "duration": 10}`, nil); rec.Code != http.StatusOK {
		t.Errorf("PUT position with space again: StatusCode=%d, want 200", rec.Code)
	}
	call(t, a, "GET", "/api/status", "", &status)
	if status.Problem != "" {
		t.Errorf("GET /api/status once a save worked again: problem %q, want none", status.Problem)
	}
}

// TestLibraryPages is issue 11 item 10: a large folder is listed a page at
// a time, and the pages put together are the whole listing, in order.
func TestLibraryPages(t *testing.T) {
	t.Parallel()
	files := libtest.Files{"Sub/x.mp4": "x", "Other/": ""}
	for i := range 2345 {
		files[fmt.Sprintf("ep%d.mp4", i)] = "v"
	}
	files["notes.txt"] = "not a video"
	dir := libtest.Folder(t, files)
	lib := libtest.Open(t, dir)
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "browser"})
	var whole api.Listing
	call(t, a, "GET", "/api/library?dir=", "", &whole)
	if whole.Total != 2345 || len(whole.Videos) != 2345 || whole.Offset != 0 {
		t.Fatalf("whole listing: total %d, %d videos, offset %d; want 2345, 2345, 0", whole.Total, len(whole.Videos), whole.Offset)
	}
	for _, limit := range []int{1, 700, 2345, 10000} {
		var ids []string
		for offset := 0; ; offset += limit {
			var p api.Listing
			rec := call(t, a, "GET", fmt.Sprintf("/api/library?dir=&offset=%d&limit=%d", offset, limit), "", &p)
			if rec.Code != http.StatusOK || p.Total != 2345 || p.Offset != offset {
				t.Fatalf("limit %d offset %d: %d, total %d offset %d", limit, offset, rec.Code, p.Total, p.Offset)
			}
			if folders := len(p.Folders); offset == 0 && folders != 2 || offset > 0 && folders != 0 {
				t.Errorf("limit %d offset %d: %d folders, want 2 on the first page only", limit, offset, folders)
			}
			for _, v := range p.Videos {
				ids = append(ids, v.ID)
			}
			if len(p.Videos) < limit {
				break
			}
			if limit == 1 && offset > 30 && offset < 2345-2 {
				offset = 2345 - 2 // enough pages of one: jump to the end
			}
		}
		if limit == 1 {
			continue
		}
		if len(ids) != len(whole.Videos) {
			t.Errorf("limit %d: pages hold %d videos, want %d", limit, len(ids), len(whole.Videos))
			continue
		}
		for i, v := range whole.Videos {
			if ids[i] != v.ID {
				t.Errorf("limit %d: video %d is %s, want %s (%s)", limit, i, ids[i], v.ID, v.Name)
				break
			}
		}
	}
	// A file added between two pages is counted by the next one.
	libtest.Write(t, dir, libtest.Files{"ep99999.mp4": "new"})
	var p api.Listing
	call(t, a, "GET", "/api/library?dir=&offset=2000&limit=1000", "", &p)
	if p.Total != 2346 || len(p.Videos) != 346 || p.Videos[len(p.Videos)-1].Name != "ep99999.mp4" {
		t.Errorf("after a file was added: total %d, %d videos on the last page; want 2346, 346 ending with ep99999.mp4", p.Total, len(p.Videos))
	}
	for _, bad := range []string{"limit=0", "limit=10001", "limit=x", "offset=5", "offset=-1&limit=5"} {
		if rec := call(t, a, "GET", "/api/library?dir=&"+bad, "", nil); rec.Code != http.StatusBadRequest {
			t.Errorf("GET /api/library?%s: StatusCode=%d, want 400", bad, rec.Code)
		}
	}
}
