package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/libtest"
	"reel/internal/store"
)

func mediaURL(id string) string { return "http://127.0.0.1:1/media/" + id + "?token=t" }

// newAPI is api.New over a real in-memory store, unless cfg names one.
func newAPI(t testing.TB, cfg api.Config) *api.API {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = memStore(t)
	}
	return api.New(cfg)
}

// memStore is an empty in-memory store, closed when the test ends.
func memStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// call sends one request straight to a and decodes a JSON answer into v,
// when v is not nil.
func call(t *testing.T, a http.Handler, method, target, body string, v any) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, req)
	if got := rec.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("%s %s: Cache-Control=%q, want no-store", method, target, got)
	}
	if v != nil {
		if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s %s: Content-Type=%q, want JSON", method, target, ct)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatalf("%s %s: body %q: %v", method, target, rec.Body, err)
		}
	}
	return rec
}

// hasKeys fails unless m has every key of want.
func hasKeys[V any](t *testing.T, what string, m map[string]V, want ...string) {
	t.Helper()
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("%s: no %q in %q", what, k, slices.Sorted(maps.Keys(m)))
		}
	}
}

func TestState(t *testing.T) {
	t.Parallel()
	dir := libtest.Folder(t, libtest.Files{"a.mp4": "a"})
	lib := library.New()
	t.Cleanup(func() { lib.Close() })
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "browser"})

	var st map[string]any
	if rec := call(t, a, "GET", "/api/state", "", &st); rec.Code != http.StatusOK {
		t.Fatalf("GET /api/state: StatusCode=%d, want 200", rec.Code)
	}
	hasKeys(t, "GET /api/state", st, "root", "mode", "eventLog")
	if st["root"] != "" || st["mode"] != "browser" || st["eventLog"] != false {
		t.Errorf("GET /api/state before Open = %v, want root \"\", mode browser, eventLog false", st)
	}
	abs, err := a.OpenFolder(dir)
	if err != nil || abs != dir {
		t.Fatalf("OpenFolder(%q) = %q, %v", dir, abs, err)
	}
	call(t, a, "GET", "/api/state", "", &st)
	if st["root"] != dir || st["mode"] != "browser" {
		t.Errorf("GET /api/state after Open = %v, want root %q", st, dir)
	}

	withLog := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "window", EventLog: &bytes.Buffer{}})
	call(t, withLog, "GET", "/api/state", "", &st)
	if st["root"] != dir || st["mode"] != "window" || st["eventLog"] != true {
		t.Errorf("GET /api/state with an event log = %v, want root %q, mode window, eventLog true", st, dir)
	}
}

func TestLibrary(t *testing.T) {
	t.Parallel()
	lib, dir, videos := libtest.Library(t, libtest.Files{
		"b.mp4": "bb", "a.mkv": "a", "notes.txt": "", "Films/2019/c.webm": "ccc", "Series/": "",
	})
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "browser"})

	var raw map[string]json.RawMessage
	rec := call(t, a, "GET", "/api/library", "", &raw)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /api/library: StatusCode=%d, want 200", rec.Code)
	}
	hasKeys(t, "GET /api/library", raw, "root", "dir", "folders", "videos", "problems")
	var l struct {
		Root     string           `json:"root"`
		Dir      string           `json:"dir"`
		Folders  []map[string]any `json:"folders"`
		Videos   []map[string]any `json:"videos"`
		Problems []string         `json:"problems"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	if l.Root != dir || l.Dir != "" || l.Problems == nil || len(l.Problems) != 0 {
		t.Errorf("root=%q dir=%q problems=%v, want %q, \"\", []", l.Root, l.Dir, l.Problems, dir)
	}
	var folders []string
	for _, f := range l.Folders {
		hasKeys(t, "folder", f, "name", "path")
		folders = append(folders, fmt.Sprint(f["name"], "=", f["path"]))
	}
	if want := []string{"Films=Films", "Series=Series"}; !slices.Equal(folders, want) {
		t.Errorf("folders = %q, want %q", folders, want)
	}
	var names []string
	for _, v := range l.Videos {
		hasKeys(t, "video", v, "id", "name", "path", "size", "modTime", "url")
		name, _ := v["name"].(string)
		names = append(names, name)
		want := videos[name]
		if v["id"] != want.ID || v["path"] != name || v["size"] != float64(want.Size) || v["url"] != mediaURL(want.ID) {
			t.Errorf("video %v, want id %q, path %q, size %d, url %q", v, want.ID, name, want.Size, mediaURL(want.ID))
		}
		if mt, _ := v["modTime"].(string); mt != want.ModTime.Format(time.RFC3339Nano) {
			t.Errorf("video %s: modTime %q, want %q", name, mt, want.ModTime.Format(time.RFC3339Nano))
		}
	}
	if want := []string{"a.mkv", "b.mp4"}; !slices.Equal(names, want) {
		t.Errorf("videos = %q, want %q", names, want)
	}

	t.Run("a subfolder is listed by its path", func(t *testing.T) {
		t.Parallel()
		var l library.Listing
		rec := call(t, a, "GET", "/api/library?dir="+url.QueryEscape("Films/2019"), "", &l)
		if rec.Code != http.StatusOK || l.Dir != "Films/2019" || len(l.Videos) != 1 || l.Videos[0].Path != "Films/2019/c.webm" {
			t.Fatalf("dir=Films/2019: StatusCode=%d, %+v", rec.Code, l)
		}
		if l.Videos[0].URL != mediaURL(l.Videos[0].ID) {
			t.Errorf("dir=Films/2019: url %q, want %q", l.Videos[0].URL, mediaURL(l.Videos[0].ID))
		}
	})
	t.Run("the absolute path of a video is never sent", func(t *testing.T) {
		t.Parallel()
		rec := call(t, a, "GET", "/api/library", "", nil)
		if strings.Contains(rec.Body.String(), filepath.Join(dir, "b.mp4")) {
			t.Errorf("listing shows the absolute path of b.mp4: %s", rec.Body)
		}
	})
}

func TestLibraryErrors(t *testing.T) {
	t.Parallel()
	lib, dir, _ := libtest.Library(t, libtest.Files{"a.mp4": "a", "sub/": ""})
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL})
	empty := library.New()
	t.Cleanup(func() { empty.Close() })
	none := newAPI(t, api.Config{Library: empty, MediaURL: mediaURL})
	tests := []struct {
		name   string
		a      http.Handler
		method string
		target string
		code   int
	}{
		{"bad_dir_parent", a, "GET", "/api/library?dir=..", http.StatusBadRequest},
		{"bad_dir_encoded", a, "GET", "/api/library?dir=%2e%2e%2f", http.StatusBadRequest},
		{"bad_dir_absolute", a, "GET", "/api/library?dir=" + url.QueryEscape(dir), http.StatusBadRequest},
		{"bad_dir_backslash", a, "GET", "/api/library?dir=..%5c", http.StatusBadRequest},
		{"missing_dir", a, "GET", "/api/library?dir=nope", http.StatusNotFound},
		{"file_as_dir", a, "GET", "/api/library?dir=a.mp4", http.StatusNotFound},
		{"no_folder", none, "GET", "/api/library", http.StatusConflict},
		{"unknown_route", a, "GET", "/api/nope", http.StatusNotFound},
		{"post_to_library", a, "POST", "/api/library", http.StatusNotFound},
		{"events_get", a, "GET", "/api/events", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var e api.Error
			rec := call(t, tt.a, tt.method, tt.target, "", &e)
			if rec.Code != tt.code {
				t.Errorf("%s %s: StatusCode=%d, want %d", tt.method, tt.target, rec.Code, tt.code)
			}
			if e.Error == "" {
				t.Errorf("%s %s: body %q, want an error message", tt.method, tt.target, rec.Body)
			}
			if strings.Contains(e.Error, dir) {
				t.Errorf("%s %s: error %q shows the folder's path", tt.method, tt.target, e.Error)
			}
		})
	}
}

func TestLibraryRemovedFolder(t *testing.T) {
	t.Parallel()
	lib, dir, _ := libtest.Library(t, libtest.Files{"sub/a.mp4": "a"})
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL})
	if err := os.RemoveAll(filepath.Join(dir, "sub")); err != nil {
		t.Fatal(err)
	}
	var e api.Error
	if rec := call(t, a, "GET", "/api/library?dir=sub", "", &e); rec.Code != http.StatusNotFound {
		t.Errorf("dir=sub after removal: StatusCode=%d, want 404", rec.Code)
	}
}

func TestLibraryUnreadableFolder(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("chmod does not remove read access on Windows")
	}
	if os.Geteuid() == 0 {
		t.Skip("running as root, which reads any folder")
	}
	lib, dir, _ := libtest.Library(t, libtest.Files{"locked/a.mp4": "a"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL})
	var e api.Error
	if rec := call(t, a, "GET", "/api/library?dir=locked", "", &e); rec.Code != http.StatusForbidden {
		t.Errorf("dir=locked: StatusCode=%d, want 403", rec.Code)
	}
}

func TestEventsOff(t *testing.T) {
	t.Parallel()
	lib := library.New()
	t.Cleanup(func() { lib.Close() })
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL})
	var e api.Error
	if rec := call(t, a, "POST", "/api/events", `{"type":"play"}`, &e); rec.Code != http.StatusNotFound {
		t.Errorf("POST /api/events without a log: StatusCode=%d, want 404", rec.Code)
	}
}

// lockedBuffer is an event log that the test reads while the API writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestEventsOn(t *testing.T) {
	t.Parallel()
	lib := library.New()
	t.Cleanup(func() { lib.Close() })
	var log lockedBuffer
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, EventLog: &log})

	posted := []string{`{"type":"play","t":1.5}`, `{"type":"seeked","t":90,"note":"<b>&</b>"}`, `{"type":"ended"}`}
	for _, ev := range posted {
		if rec := call(t, a, "POST", "/api/events", ev, nil); rec.Code != http.StatusNoContent {
			t.Fatalf("POST /api/events %s: StatusCode=%d, want 204", ev, rec.Code)
		}
	}
	lines := strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n")
	if len(lines) != len(posted) {
		t.Fatalf("event log has %d lines, want %d: %q", len(lines), len(posted), log.String())
	}
	for i, line := range lines {
		var got, want map[string]any
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("line %d %q: %v", i, line, err)
		}
		json.Unmarshal([]byte(posted[i]), &want)
		at, _ := got["at"].(string)
		if at == "" {
			t.Errorf("line %d %q: no time", i, line)
		}
		delete(got, "at")
		if !maps.Equal(got, want) {
			t.Errorf("line %d = %v, want %v", i, got, want)
		}
	}

	t.Run("bad events are refused and not logged", func(t *testing.T) {
		before := log.String()
		for _, body := range []string{"", "not json", "[1,2]", `"text"`, "42", "null", `{"a":`} {
			var e api.Error
			if rec := call(t, a, "POST", "/api/events", body, &e); rec.Code != http.StatusBadRequest {
				t.Errorf("POST /api/events %q: StatusCode=%d, want 400", body, rec.Code)
			}
		}
		if after := log.String(); after != before {
			t.Errorf("event log grew with bad events: %q", strings.TrimPrefix(after, before))
		}
	})
	t.Run("concurrent events are whole lines", func(t *testing.T) {
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() {
				call(t, a, "POST", "/api/events", `{"n":`+strings.Repeat("1", i+1)+`}`, nil)
			})
		}
		wg.Wait()
		for _, line := range strings.Split(strings.TrimSuffix(log.String(), "\n"), "\n") {
			if !json.Valid([]byte(line)) {
				t.Errorf("event log line %q is not JSON", line)
			}
		}
	})
}

// TestOpenFailure is issue 13's folder chooser: a folder that cannot be
// opened is explained once, in /api/state, with the status and message a
// listing of it would answer, not Go's raw error.
func TestOpenFailure(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a"}, api.Config{})
	gone := filepath.Join(t.TempDir(), "gone")
	file := filepath.Join(fx.dir, "a.mp4")
	for _, tt := range []struct {
		name   string
		dir    string
		status int
		msg    string
	}{
		{"a folder that is not there", gone, 404, "not found: it was moved or deleted"},
		{"a file", file, 400, "that is a file, not a folder"},
	} {
		if _, err := fx.a.OpenFolder(tt.dir); err == nil {
			t.Fatalf("%s: OpenFolder(%q) = nil error", tt.name, tt.dir)
		}
		var st api.State
		call(t, fx.a, "GET", "/api/state", "", &st)
		want := api.OpenFailure{Path: tt.dir, Status: tt.status, Error: tt.msg}
		if st.Failed == nil || *st.Failed != want {
			t.Errorf("%s: state.failed = %+v, want %+v", tt.name, st.Failed, want)
		}
		var again api.State
		call(t, fx.a, "GET", "/api/state", "", &again)
		if again.Failed != nil {
			t.Errorf("%s: state.failed is told twice: %+v", tt.name, again.Failed)
		}
	}
	if _, err := fx.a.OpenFolder(fx.dir); err != nil {
		t.Fatal(err)
	}
	var st api.State
	call(t, fx.a, "GET", "/api/state", "", &st)
	if st.Failed != nil {
		t.Errorf("after a folder opened: state.failed = %+v, want none", st.Failed)
	}
}
