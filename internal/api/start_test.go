package api_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/internal/api"
	"reel/internal/libtest"
	"reel/internal/store"
)

// startOf asks a for /api/state?start=1 and returns its Start.
func startOf(t *testing.T, a *api.API) *api.Start {
	t.Helper()
	var st api.State
	if rec := call(t, a, "GET", "/api/state?start=1", "", &st); rec.Code != 200 {
		t.Fatalf("GET /api/state?start=1: StatusCode=%d", rec.Code)
	}
	return st.Start
}

// cachedStart waits for the listing cache that a first page writes after
// its answer, and returns the Start that shows it.
func cachedStart(t *testing.T, a *api.API) *api.Start {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := startOf(t, a)
		if s != nil && s.Listing != nil || time.Now().After(deadline) {
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// launch is one launch of Reel on dir with the store st: a new library
// and API, the folder opened as main.go opens it.
func launch(t *testing.T, dir string, st *store.Store) *api.API {
	t.Helper()
	lib := libtest.Open(t, dir)
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL, Mode: "window", Store: st})
	if _, err := a.OpenFolder(dir); err != nil {
		t.Fatal(err)
	}
	return a
}

func videoPaths(vs []api.Video) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Path)
	}
	return out
}

// TestStart is issue 8: a launch onto the last folder has its first page
// of videos, and its saved view settings, in GET /api/state?start=1, from
// the store, before the folder is read again.
func TestStart(t *testing.T) {
	t.Parallel()
	files := libtest.Files{"Sub/x.mp4": "x", "notes.txt": ""}
	for i := range 450 {
		files[fmt.Sprintf("ep%d.mp4", i)] = "v"
	}
	dir := libtest.Folder(t, files)
	st, err := store.Open(filepath.Join(t.TempDir(), "reel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	first := launch(t, dir, st)
	if s := startOf(t, first); s == nil || s.Listing != nil || s.Settings != (store.FolderSettings{}) {
		t.Fatalf("first launch, nothing listed yet: start %+v, want default settings and no listing", s)
	}
	run(t, first, []step{{"save a sort", "PUT", "/api/settings/folder?dir=", `{"sort":"size","desc":true}`, 200, "", ""}})
	var live api.Listing
	call(t, first, "GET", "/api/library?dir=&offset=0&limit=400", "", &live)
	if s := cachedStart(t, first); s == nil || s.Listing == nil {
		t.Fatalf("after the first page was listed: start %+v, want its cached listing", s)
	}
	if err := st.SavePosition(filepath.Join(dir, "ep1.mp4"), 30, 100); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "ep0.mp4")) // gone by the next launch: the cache still has it

	next := launch(t, dir, st)
	s := startOf(t, next)
	tests := []struct {
		name      string
		got, want any
	}{
		{"the saved settings", s.Settings, store.FolderSettings{Sort: "size", Desc: true}},
		{"the cached page is marked so", s.Listing.Cached, true},
		{"the last launch's first page, in name order", videoPaths(s.Listing.Videos), videoPaths(live.Videos)},
		{"the folders", len(s.Listing.Folders), 1},
		{"the folder's count of videos", s.Listing.Total, 450},
		{"the position saved since", s.Listing.Videos[1].Position, 30.0},
		{"Continue watching", videoPaths(s.Continue), []string{"ep1.mp4"}},
		{"the same ids as the listing's", s.Listing.Videos[5].ID, live.Videos[5].ID},
		{"this launch's media URL", s.Listing.Videos[5].URL, mediaURL(live.Videos[5].ID)},
	}
	for _, tt := range tests {
		if fmt.Sprint(tt.got) != fmt.Sprint(tt.want) {
			t.Errorf("GET /api/state?start=1 on the next launch, %s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	run(t, next, []step{
		{"a cached id is known before any listing", "GET", "/api/position/" + s.Listing.Videos[1].ID, "", 200, "", `"position":30`},
	})
	if rec := call(t, next, "GET", "/api/state", "", nil); strings.Contains(rec.Body.String(), `"start"`) {
		t.Errorf("GET /api/state: %s, want no start", rec.Body)
	}

	// Opening it from the recent list carries the same, with ?start=1.
	var recent []api.Recent
	call(t, next, "GET", "/api/recent", "", &recent)
	var opened api.State
	if rec := call(t, next, "POST", "/api/recent/"+recent[0].ID+"/open?start=1", "", &opened); rec.Code != 200 || opened.Start == nil || opened.Start.Listing == nil {
		t.Errorf("POST /api/recent/{id}/open?start=1: StatusCode=%d start %+v, want the cached listing", rec.Code, opened.Start)
	}

	// "All videos below" saved since: the cached flat page does not fit it.
	run(t, next, []step{{"save recursive", "PUT", "/api/settings/folder?dir=", `{"recursive":true}`, 200, "", ""}})
	if s := startOf(t, next); s.Listing != nil || !s.Settings.Recursive {
		t.Errorf("recursive saved, the cache flat: start %+v, want no listing", s)
	}
}
