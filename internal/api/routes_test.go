package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/libtest"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/thumbs"
	"reel/internal/watch"
)

// step is one request of a route's specification and what it must answer.
// Steps of one table run in order: a PUT is seen by the GET after it.
type step struct {
	name   string
	method string
	target string
	body   string
	code   int
	// want, when set, is the JSON the answer must equal (compared as
	// decoded values, so key order and spacing do not matter).
	want string
	// has, when set, must occur in the body (error answers: the message).
	has string
}

// run sends each step to h and checks its status and body.
func run(t *testing.T, h http.Handler, steps []step) {
	t.Helper()
	for _, s := range steps {
		req := httptest.NewRequest(s.method, s.target, strings.NewReader(s.body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		in := s.method + " " + s.target
		if s.body != "" {
			in += " " + s.body
		}
		if rec.Code != s.code {
			t.Errorf("%s: %s: StatusCode=%d, want %d (body %s)", s.name, in, rec.Code, s.code, rec.Body)
			continue
		}
		if s.want != "" && !sameJSON(rec.Body.Bytes(), []byte(s.want)) {
			t.Errorf("%s: %s: body %s, want %s", s.name, in, strings.TrimSpace(rec.Body.String()), s.want)
		}
		if s.has != "" && !strings.Contains(rec.Body.String(), s.has) {
			t.Errorf("%s: %s: body %s, want it to contain %q", s.name, in, strings.TrimSpace(rec.Body.String()), s.has)
		}
	}
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return bytes.Equal(ja, jb)
}

// fixture is an API over a real library and an in-memory store.
type fixture struct {
	a      *api.API
	lib    *library.Library
	st     *store.Store
	dir    string
	videos map[string]library.Video // by path
}

func newFixture(t *testing.T, files libtest.Files, cfg api.Config) *fixture {
	t.Helper()
	lib, dir, videos := libtest.Library(t, files)
	st := memStore(t)
	cfg.Library, cfg.Store = lib, st
	if cfg.MediaURL == nil {
		cfg.MediaURL = mediaURL
	}
	return &fixture{a: api.New(cfg), lib: lib, st: st, dir: dir, videos: videos}
}

func TestPlayerSettings(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a"}, api.Config{})
	const defaults = `{"volume":1,"muted":false,"rate":1,"autoplayNext":true,"resume":"ask","loop":false,"subtitleLang":"","audioLang":"","theme":"system","wheel":"volume","subtitleSize":1}`
	long := strings.Repeat("x", 513)
	run(t, fx.a, []step{
		{"defaults before any change", "GET", "/api/settings", "", 200, defaults, ""},
		{"a put merges the fields it is given", "PUT", "/api/settings", `{"volume":0.5,"muted":true}`, 200,
			`{"volume":0.5,"muted":true,"rate":1,"autoplayNext":true,"resume":"ask","loop":false,"subtitleLang":"","audioLang":"","theme":"system","wheel":"volume","subtitleSize":1}`, ""},
		{"and keeps the others on the next", "PUT", "/api/settings", `{"rate":2,"resume":"always","subtitleLang":"en"}`, 200,
			`{"volume":0.5,"muted":true,"rate":2,"autoplayNext":true,"resume":"always","loop":false,"subtitleLang":"en","audioLang":"","theme":"system","wheel":"volume","subtitleSize":1}`, ""},
		{"the saved settings are read back", "GET", "/api/settings", "", 200,
			`{"volume":0.5,"muted":true,"rate":2,"autoplayNext":true,"resume":"always","loop":false,"subtitleLang":"en","audioLang":"","theme":"system","wheel":"volume","subtitleSize":1}`, ""},
		{"volume at its lowest", "PUT", "/api/settings", `{"volume":0}`, 200, "", `"volume":0,`},
		{"volume at its highest", "PUT", "/api/settings", `{"volume":1}`, 200, "", `"volume":1,`},
		{"rate at its lowest", "PUT", "/api/settings", `{"rate":0.25}`, 200, "", `"rate":0.25`},
		{"rate at its highest", "PUT", "/api/settings", `{"rate":4}`, 200, "", `"rate":4`},
		{"volume below 0", "PUT", "/api/settings", `{"volume":-0.01}`, 400, "", "volume is 0–1"},
		{"volume above 1", "PUT", "/api/settings", `{"volume":1.01}`, 400, "", "volume is 0–1"},
		{"rate below 0.25", "PUT", "/api/settings", `{"rate":0.24}`, 400, "", "rate 0.25–4"},
		{"rate above 4", "PUT", "/api/settings", `{"rate":4.01}`, 400, "", "rate 0.25–4"},
		{"resume never (issue 13: always can be undone)", "PUT", "/api/settings", `{"resume":"never"}`, 200, "", `"resume":"never"`},
		{"resume back to ask", "PUT", "/api/settings", `{"resume":"ask"}`, 200, "", `"resume":"ask"`},
		{"resume none of the modes", "PUT", "/api/settings", `{"resume":"sometimes"}`, 400, "", "resume ask, always, never"},
		{"the panel's choices", "PUT", "/api/settings", `{"audioLang":"de","theme":"light","wheel":"seek"}`, 200, "", `"audioLang":"de","theme":"light","wheel":"seek"`},
		{"a theme Reel has not", "PUT", "/api/settings", `{"theme":"pink"}`, 400, "", "theme system, dark, light"},
		{"a wheel action Reel has not", "PUT", "/api/settings", `{"wheel":"zoom"}`, 400, "", "wheel volume, seek, none"},
		{"an audio language too long for a tag", "PUT", "/api/settings", `{"audioLang":"` + long[:36] + `"}`, 400, "", ""},
		{"a subtitle key of 512 bytes", "PUT", "/api/settings", `{"subtitleLang":"` + long[:512] + `"}`, 200, "", long[:512]},
		{"a subtitle key of 513 bytes", "PUT", "/api/settings", `{"subtitleLang":"` + long + `"}`, 400, "", ""},
		{"subtitle size at its smallest (issue 10)", "PUT", "/api/settings", `{"subtitleSize":0.5}`, 200, "", `"subtitleSize":0.5`},
		{"subtitle size at its largest", "PUT", "/api/settings", `{"subtitleSize":3}`, 200, "", `"subtitleSize":3`},
		{"subtitle size below 0.5", "PUT", "/api/settings", `{"subtitleSize":0.49}`, 400, "", "subtitleSize 0.5–3"},
		{"subtitle size above 3", "PUT", "/api/settings", `{"subtitleSize":3.01}`, 400, "", "subtitleSize 0.5–3"},
		{"subtitle size 0", "PUT", "/api/settings", `{"subtitleSize":0}`, 400, "", "subtitleSize 0.5–3"},
		{"a body that is not JSON", "PUT", "/api/settings", `volume=1`, 400, "", "not the JSON"},
		{"a field of the wrong type", "PUT", "/api/settings", `{"volume":"loud"}`, 400, "", "not the JSON"},
		{"refused puts changed nothing", "GET", "/api/settings", "", 200, "", `"subtitleLang":"` + long[:512] + `"`},
		{"no other method", "DELETE", "/api/settings", "", 404, "", "no such API route"},
	})
}

// TestPlayerSettingsSavedBefore: settings saved by a Reel that had no
// subtitle size read back with the default one, and a PUT of another
// field keeps it valid (issue 10).
func TestPlayerSettingsSavedBefore(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a"}, api.Config{})
	old := map[string]any{"volume": 0.5, "muted": false, "rate": 1.5, "autoplayNext": true, "resume": "ask", "loop": false,
		"subtitleLang": "en", "audioLang": "", "theme": "system", "wheel": "volume"}
	if err := fx.st.SetSetting("player", old); err != nil {
		t.Fatal(err)
	}
	run(t, fx.a, []step{
		{"read with the default size", "GET", "/api/settings", "", 200, "", `"subtitleLang":"en","audioLang":"","theme":"system","wheel":"volume","subtitleSize":1}`},
		{"another field saved", "PUT", "/api/settings", `{"volume":0.25}`, 200, "", `"volume":0.25`},
		{"then the size", "PUT", "/api/settings", `{"subtitleSize":1.4}`, 200, "", `"rate":1.5`},
		{"both kept", "GET", "/api/settings", "", 200, "", `"subtitleSize":1.4`},
	})
}

func TestFolderSettings(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a", "sub/b.mp4": "b"}, api.Config{})
	const zero = `{"sort":"","desc":false,"filter":"","view":"","recursive":false}`
	filter500 := strings.Repeat("f", 500)
	run(t, fx.a, []step{
		{"the zero value before any change", "GET", "/api/settings/folder", "", 200, zero, ""},
		{"a put merges the fields it is given", "PUT", "/api/settings/folder", `{"sort":"date","desc":true}`, 200,
			`{"sort":"date","desc":true,"filter":"","view":"","recursive":false}`, ""},
		{"and keeps the others on the next (issue 14)", "PUT", "/api/settings/folder", `{"view":"list"}`, 200,
			`{"sort":"date","desc":true,"filter":"","view":"list","recursive":false}`, ""},
		{"read back", "GET", "/api/settings/folder?dir=", "", 200, `{"sort":"date","desc":true,"filter":"","view":"list","recursive":false}`, ""},
		{"a subfolder has its own", "GET", "/api/settings/folder?dir=sub", "", 200, zero, ""},
		{"saved apart", "PUT", "/api/settings/folder?dir=sub", `{"recursive":true,"filter":"` + filter500 + `"}`, 200, "", `"recursive":true`},
		{"without touching the top", "GET", "/api/settings/folder", "", 200, "", `"view":"list"`},
		{"a dir named with a trailing slash is the same folder", "GET", "/api/settings/folder?dir=sub/", "", 200, "", `"recursive":true`},
		{"every sort is accepted", "PUT", "/api/settings/folder", `{"sort":"duration"}`, 200, "", `"sort":"duration"`},
		{"an unknown sort", "PUT", "/api/settings/folder", `{"sort":"colour"}`, 400, "", "sort must be"},
		{"an unknown view", "PUT", "/api/settings/folder", `{"view":"tiles"}`, 400, "", "view grid or list"},
		{"a filter over 500 bytes", "PUT", "/api/settings/folder", `{"filter":"` + filter500 + `x"}`, 400, "", ""},
		{"a body that is not JSON", "PUT", "/api/settings/folder", `[]`, 400, "", "not the JSON"},
		{"a missing folder", "GET", "/api/settings/folder?dir=nope", "", 404, "", ""},
		{"a file is not a folder", "PUT", "/api/settings/folder?dir=a.mp4", `{}`, 404, "", ""},
		{"a path out of the folder", "GET", "/api/settings/folder?dir=..", "", 400, "", ""},
		{"an absolute path", "PUT", "/api/settings/folder?dir=" + url.QueryEscape(fx.dir), `{}`, 400, "", ""},
		{"refused puts changed nothing", "GET", "/api/settings/folder", "", 200, "", `"sort":"duration"`},
	})
	t.Run("keyed by the folder on disk", func(t *testing.T) {
		got, err := fx.st.FolderSettings(filepath.Join(fx.dir, "sub"))
		if err != nil || !got.Recursive {
			t.Errorf("store.FolderSettings(%s/sub) = %+v, %v; want the saved recursive", fx.dir, got, err)
		}
	})
	t.Run("no folder open", func(t *testing.T) {
		none := newAPI(t, api.Config{Library: library.New(), MediaURL: mediaURL})
		run(t, none, []step{
			{"get", "GET", "/api/settings/folder", "", 409, "", "no folder is open"},
			{"put", "PUT", "/api/settings/folder", `{}`, 409, "", "no folder is open"},
		})
	})
}

func TestPositions(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a", "b.mp4": "b"}, api.Config{})
	a := "/api/position/" + fx.videos["a.mp4"].ID
	run(t, fx.a, []step{
		{"nothing saved yet", "GET", a, "", 200, `{"position":0,"duration":0,"watched":false}`, ""},
		{"a position is saved", "PUT", a, `{"position":60,"duration":100}`, 200, `{"position":60,"duration":100,"watched":false}`, ""},
		{"and read back", "GET", a, "", 200, `{"position":60,"duration":100,"watched":false}`, ""},
		{"a stop just under 95 % is not watched", "PUT", a, `{"position":94.9,"duration":100,"stop":true}`, 200, `{"position":94.9,"duration":100,"watched":false}`, ""},
		{"playing past 95 % is not watched (issue 13)", "PUT", a, `{"position":97,"duration":100}`, 200, `{"position":97,"duration":100,"watched":false}`, ""},
		{"and a stop after seeking back keeps the place", "PUT", a, `{"position":30,"duration":100,"stop":true}`, 200, `{"position":30,"duration":100,"watched":false}`, ""},
		{"a stop at 95 % is watched", "PUT", a, `{"position":95,"duration":100,"stop":true}`, 200, `{"position":95,"duration":100,"watched":true}`, ""},
		{"and stays watched from an earlier position", "PUT", a, `{"position":10,"duration":100}`, 200, `{"position":10,"duration":100,"watched":true}`, ""},
		{"a zero duration keeps the one saved", "PUT", a, `{"position":0,"duration":0}`, 200, `{"position":0,"duration":100,"watched":true}`, ""},
		{"a negative position", "PUT", a, `{"position":-1,"duration":100}`, 400, "", "not negative"},
		{"a negative duration", "PUT", a, `{"position":1,"duration":-1}`, 400, "", "not negative"},
		{"a position too large for a float", "PUT", a, `{"position":1e400,"duration":1}`, 400, "", ""},
		{"a body that is not JSON", "PUT", a, `60`, 400, "", "not the JSON"},
		{"a body over 4 KiB", "PUT", a, `{"position":1,"duration":2,"x":"` + strings.Repeat("y", 5000) + `"}`, 400, "", ""},
		{"an id never listed", "GET", "/api/position/0123456789abcdef01234567", "", 404, "", ""},
		{"an id never listed is not saved", "PUT", "/api/position/0123456789abcdef01234567", `{"position":1,"duration":2}`, 404, "", ""},
		{"the other video is untouched", "GET", "/api/position/" + fx.videos["b.mp4"].ID, "", 200, `{"position":0,"duration":0,"watched":false}`, ""},
		{"no other method", "POST", a, `{}`, 404, "", "no such API route"},
	})
	t.Run("marking watched and unwatched", func(t *testing.T) {
		b := "/api/position/" + fx.videos["b.mp4"].ID
		mark := "/api/videos/" + fx.videos["b.mp4"].ID + "/watched"
		run(t, fx.a, []step{
			{"a place to keep", "PUT", b, `{"position":40,"duration":100,"stop":true}`, 200, `{"position":40,"duration":100,"watched":false}`, ""},
			{"marked watched, rewound to the start", "POST", mark, "", 200, `{"position":0,"duration":100,"watched":true}`, ""},
			{"and read back", "GET", b, "", 200, `{"position":0,"duration":100,"watched":true}`, ""},
			{"marked unwatched, from the start", "DELETE", mark, "", 200, `{"position":0,"duration":100,"watched":false}`, ""},
			{"an id never listed", "POST", "/api/videos/0123456789abcdef01234567/watched", "", 404, "", ""},
			{"no other method", "PUT", mark, "", 404, "", "no such API route"},
			{"put back as the listing test below expects", "PUT", b, `{"position":30,"duration":100}`, 200, "", ""},
		})
	})
	t.Run("a listing carries the position", func(t *testing.T) {
		var l api.Listing
		call(t, fx.a, "PUT", "/api/position/"+fx.videos["b.mp4"].ID, `{"position":30,"duration":100}`, nil)
		call(t, fx.a, "GET", "/api/library", "", &l)
		for _, v := range l.Videos {
			if v.Name == "b.mp4" && (v.Position != 30 || v.Duration != 100 || v.Watched) {
				t.Errorf("listing of b.mp4 = position %v duration %v watched %v, want 30, 100, false", v.Position, v.Duration, v.Watched)
			}
			if v.Name == "a.mp4" && !v.Watched {
				t.Errorf("listing of a.mp4 = watched false, want true")
			}
		}
	})
}

func TestContinue(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a", "b.mp4": "b", "sub/c.mp4": "c", "gone.mp4": "g", "done.mp4": "d"}, api.Config{})
	other := libtest.Folder(t, libtest.Files{"elsewhere.mp4": "e"})
	for _, p := range []struct {
		path     string
		pos, dur float64
	}{
		{filepath.Join(other, "elsewhere.mp4"), 50, 100}, // another folder: not listed here
		{filepath.Join(fx.dir, "a.mp4"), 10, 100},
		{filepath.Join(fx.dir, "done.mp4"), 100, 100}, // watched: played to the end
		{filepath.Join(fx.dir, "b.mp4"), 3, 100},      // not started (under 5 s)
		{filepath.Join(fx.dir, "gone.mp4"), 20, 100},  // removed below
		{filepath.Join(fx.dir, "sub", "c.mp4"), 40, 100},
	} {
		if err := fx.st.SavePosition(p.path, p.pos, p.dur); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(fx.dir, "gone.mp4")); err != nil {
		t.Fatal(err)
	}
	var got []api.Video
	if rec := call(t, fx.a, "GET", "/api/continue", "", &got); rec.Code != 200 {
		t.Fatalf("GET /api/continue: StatusCode=%d", rec.Code)
	}
	var names []string
	for _, v := range got {
		names = append(names, v.Path)
		listed := fx.videos[v.Path]
		if v.ID != listed.ID || v.URL != mediaURL(listed.ID) {
			t.Errorf("continue %s: id %q url %q, want the listing's id %q and url %q", v.Path, v.ID, v.URL, listed.ID, mediaURL(listed.ID))
		}
	}
	if want := "sub/c.mp4 a.mp4"; strings.Join(names, " ") != want {
		t.Errorf("GET /api/continue = %q, want %q (most recent first; not other folders, watched, unstarted or removed ones)", names, want)
	}
	if len(got) == 2 && (got[0].Position != 40 || got[0].Duration != 100 || got[1].Position != 10) {
		t.Errorf("positions = %v/%v and %v, want 40/100 and 10", got[0].Position, got[0].Duration, got[1].Position)
	}
	t.Run("its ids play", func(t *testing.T) {
		run(t, fx.a, []step{{"position of a continued video", "GET", "/api/position/" + got[0].ID, "", 200, "", `"position":40`}})
	})
	t.Run("nothing open", func(t *testing.T) {
		none := newAPI(t, api.Config{Library: library.New(), MediaURL: mediaURL, Store: fx.st})
		run(t, none, []step{{"no folder", "GET", "/api/continue", "", 200, `[]`, ""}})
	})
}

func TestRecent(t *testing.T) {
	t.Parallel()
	first := libtest.Folder(t, libtest.Files{"a.mp4": "a"})
	second := libtest.Folder(t, libtest.Files{"b.mp4": "b"})
	lib := library.New()
	t.Cleanup(func() { lib.Close() })
	a := newAPI(t, api.Config{Library: lib, MediaURL: mediaURL})
	run(t, a, []step{{"empty at first", "GET", "/api/recent", "", 200, `[]`, ""}})
	for _, d := range []string{first, second} {
		if _, err := a.OpenFolder(d); err != nil {
			t.Fatal(err)
		}
	}
	var recent []api.Recent
	call(t, a, "GET", "/api/recent", "", &recent)
	if len(recent) != 2 || recent[0].Path != second || recent[1].Path != first || recent[0].Name != filepath.Base(second) {
		t.Fatalf("GET /api/recent = %+v, want %s then %s", recent, second, first)
	}
	if strings.Contains(recent[1].ID, "/") || strings.Contains(recent[1].ID, filepath.Base(first)) {
		t.Errorf("recent id %q shows the path", recent[1].ID)
	}
	run(t, a, []step{
		{"open a recent folder by id", "POST", "/api/recent/" + recent[1].ID + "/open", "", 200, "", `"root":` + string(mustJSON(first))},
		{"an unknown id is not opened", "POST", "/api/recent/0123456789abcdef/open", "", 404, "", "not among the recent"},
		{"a path is not an id", "POST", "/api/recent/" + url.PathEscape(second) + "/open", "", 404, "", ""},
		{"forget one", "DELETE", "/api/recent/" + recent[0].ID, "", 204, "", ""},
		{"forgotten", "GET", "/api/recent", "", 200, "", recent[1].ID},
		{"forget an unknown id", "DELETE", "/api/recent/" + recent[0].ID, "", 404, "", "not among the recent"},
	})
	if lib.Current() != first {
		t.Errorf("after opening the recent %s, Current() = %q", first, lib.Current())
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func TestSubtitles(t *testing.T) {
	t.Parallel()
	srt := "1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n"
	fx := newFixture(t, libtest.Files{
		"a.mp4": "a", "a.en.srt": srt, "a.vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n",
		"b.mp4": "b", "b.vtt": "not a subtitle file",
		"c.mp4": "c",
	}, api.Config{})
	var l api.Listing
	call(t, fx.a, "GET", "/api/library", "", &l)
	tracks := map[string][]api.Subtitle{}
	for _, v := range l.Videos {
		tracks[v.Name] = v.Subtitles
	}
	if len(tracks["a.mp4"]) != 2 || len(tracks["c.mp4"]) != 0 || tracks["c.mp4"] == nil {
		t.Fatalf("subtitle tracks = %+v, want two for a.mp4 and an empty list for c.mp4", tracks)
	}
	var en string
	for _, tr := range tracks["a.mp4"] {
		if tr.Lang == "en" {
			en = tr.URL
		}
	}
	a, b, c := fx.videos["a.mp4"].ID, fx.videos["b.mp4"].ID, fx.videos["c.mp4"].ID
	run(t, fx.a, []step{
		{"SRT becomes WebVTT", "GET", en, "", 200, "", "WEBVTT"},
		{"its cue times use dots", "GET", en, "", 200, "", "00:00:01.000 --> 00:00:02.500"},
		{"a track number past the end", "GET", "/api/subtitles/" + a + "/2", "", 404, "", ""},
		{"a negative track number", "GET", "/api/subtitles/" + a + "/-1", "", 404, "", ""},
		{"a track that is not a number", "GET", "/api/subtitles/" + a + "/en", "", 400, "", "track must be a number"},
		{"a broken WebVTT file", "GET", "/api/subtitles/" + b + "/0", "", 422, "", "cannot read b.vtt"},
		{"a video without subtitles", "GET", "/api/subtitles/" + c + "/0", "", 404, "", ""},
		{"an id never listed", "GET", "/api/subtitles/0123456789abcdef01234567/0", "", 404, "", ""},
	})
	t.Run("served as text/vtt", func(t *testing.T) {
		rec := call(t, fx.a, "GET", en, "", nil)
		if ct := rec.Header().Get("Content-Type"); ct != "text/vtt; charset=utf-8" {
			t.Errorf("GET %s: Content-Type=%q, want text/vtt", en, ct)
		}
	})
	t.Run("a file over 16 MiB", func(t *testing.T) {
		big := bytes.Repeat([]byte("x"), 16<<20+1)
		if err := os.WriteFile(filepath.Join(fx.dir, "c.srt"), big, 0o644); err != nil {
			t.Fatal(err)
		}
		run(t, fx.a, []step{{"too large", "GET", "/api/subtitles/" + c + "/0", "", 400, "", "larger than 16 MiB"}})
	})
}

func TestMeta(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "not really an mp4"}, api.Config{})
	fx.a = newAPI(t, api.Config{Library: fx.lib, Store: fx.st, MediaURL: mediaURL, Meta: metadata.New(fx.lib, fx.st, nil)})
	id := fx.videos["a.mp4"].ID
	ids := make([]string, 501)
	for i := range ids {
		ids[i] = id
	}
	many, _ := json.Marshal(map[string][]string{"ids": ids})
	run(t, fx.a, []step{
		{"no ids", "POST", "/api/meta", `{"ids":[]}`, 200, `{"items":{},"errors":{}}`, ""},
		{"an unknown id is an error, not a failure", "POST", "/api/meta", `{"ids":["0123456789abcdef01234567"]}`, 200, "", `"0123456789abcdef01234567":`},
		{"a file that is not a video says why", "POST", "/api/meta", `{"ids":["` + id + `"]}`, 200, "", id},
		{"at most 500 ids", "POST", "/api/meta", string(many), 400, "", "at most 500"},
		{"a body that is not JSON", "POST", "/api/meta", `ids`, 400, "", "not the JSON"},
		{"not a GET", "GET", "/api/meta", "", 404, "", "no such API route"},
	})
	t.Run("metadata off", func(t *testing.T) {
		off := newAPI(t, api.Config{Library: fx.lib, MediaURL: mediaURL})
		run(t, off, []step{{"off", "POST", "/api/meta", `{"ids":[]}`, 404, "", "metadata is off"}})
	})
}

func TestThumbs(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a", "b.mp4": "b"}, api.Config{})
	svc, err := thumbs.New(fx.st, fx.lib, t.TempDir(), false) // no ffmpeg: the page captures
	if err != nil {
		t.Fatal(err)
	}
	fx.a = newAPI(t, api.Config{Library: fx.lib, Store: fx.st, MediaURL: mediaURL, Thumbs: svc})
	a, b := "/api/thumb/"+fx.videos["a.mp4"].ID, "/api/thumb/"+fx.videos["b.mp4"].ID
	jpeg := "\xff\xd8\xff\xe0 a poster"
	run(t, fx.a, []step{
		{"no poster yet: the page is asked to capture one", "GET", a, "", 404, `{"error":"no poster yet","capture":true}`, ""},
		{"a captured poster is kept", "PUT", a, jpeg, 204, "", ""},
		{"and served", "GET", a, "", 200, "", "a poster"},
		{"a body that is not a JPEG", "PUT", b, "GIF89a", 400, "", "must be a JPEG"},
		{"a JPEG over 2 MiB", "PUT", b, "\xff\xd8\xff" + strings.Repeat("x", thumbs.MaxJPEG), 400, "", "at most 2 MiB"},
		{"refused puts keep nothing", "GET", b, "", 404, "", `"capture":true`},
		{"an id never listed", "GET", "/api/thumb/0123456789abcdef01234567", "", 404, "", ""},
		{"an id never listed takes no poster", "PUT", "/api/thumb/0123456789abcdef01234567", jpeg, 404, "", ""},
	})
	t.Run("never a 304, and the request is left alone", func(t *testing.T) {
		req := httptest.NewRequest("GET", a, nil)
		req.Header.Set("If-None-Match", "*")
		req.Header.Set("If-Modified-Since", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
		rec := httptest.NewRecorder()
		fx.a.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/jpeg" {
			t.Errorf("GET %s with validators: StatusCode=%d Content-Type=%q, want 200 image/jpeg", a, rec.Code, rec.Header().Get("Content-Type"))
		}
		if req.Header.Get("If-None-Match") != "*" || req.Header.Get("If-Modified-Since") == "" {
			t.Errorf("the handler rewrote the request's headers: %v", req.Header)
		}
	})
	t.Run("posters off", func(t *testing.T) {
		off := newAPI(t, api.Config{Library: fx.lib, MediaURL: mediaURL})
		run(t, off, []step{
			{"get", "GET", a, "", 404, `{"error":"posters are off"}`, ""},
			{"put", "PUT", a, jpeg, 404, "", "posters are off"},
		})
	})
}

func TestChanges(t *testing.T) {
	t.Parallel()
	w, err := watch.New()
	if err != nil {
		t.Skipf("no file watcher here: %v", err)
	}
	t.Cleanup(func() { w.Close() })
	fx := newFixture(t, libtest.Files{"a.mp4": "a"}, api.Config{})
	fx.a = newAPI(t, api.Config{Library: fx.lib, Store: fx.st, MediaURL: mediaURL, Watcher: w})
	var l api.Listing
	call(t, fx.a, "GET", "/api/library", "", &l)
	run(t, fx.a, []step{
		{"since is not a number", "GET", "/api/changes?since=x", "", 400, "", "since must be a version number"},
		{"since is missing", "GET", "/api/changes", "", 400, "", "since must be a version number"},
	})
	t.Run("a change on disk ends the wait", func(t *testing.T) {
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() {
			rec := httptest.NewRecorder()
			fx.a.ServeHTTP(rec, httptest.NewRequest("GET", "/api/changes?since="+jsonNumber(l.Version), nil))
			done <- rec
		}()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			// Written until the watcher has seen one: it may start watching
			// after the first write.
			os.WriteFile(filepath.Join(fx.dir, "new.mp4"), []byte{byte(i)}, 0o644)
			select {
			case rec := <-done:
				var v struct{ Version uint64 }
				json.Unmarshal(rec.Body.Bytes(), &v)
				if rec.Code != 200 || v.Version <= l.Version {
					t.Errorf("GET /api/changes?since=%d: %d %s, want a later version", l.Version, rec.Code, rec.Body)
				}
				return
			case <-tick.C:
			case <-ctx.Done():
				t.Fatal("GET /api/changes did not answer after a change on disk")
			}
		}
	})
	t.Run("live updates off", func(t *testing.T) {
		off := newAPI(t, api.Config{Library: fx.lib, MediaURL: mediaURL})
		run(t, off, []step{{"off", "GET", "/api/changes?since=0", "", 404, "", "live updates are off"}})
	})
}

func jsonNumber(v uint64) string { return string(mustJSON(v)) }

// TestNotice checks that a notice is shown once.
func TestNotice(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{"a.mp4": "a"}, api.Config{})
	fx.a.SetNotice("The database was rebuilt.")
	fx.a.SetNotice("Posters are off.")
	run(t, fx.a, []step{
		{"both notices, once", "GET", "/api/state", "", 200, "", `"notice":"The database was rebuilt. Posters are off."`},
		{"then none", "GET", "/api/state", "", 200, "", `"notice":""`},
	})
}
