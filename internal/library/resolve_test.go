package library

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"reel/internal/media"
)

const secretContent = "SECRET: must never be served"

// escapeFixture is an opened folder next to a secret file it must never
// give out, with links that point at the secret from inside the folder.
type escapeFixture struct {
	base, root string
	secret     os.FileInfo
	inside     map[string]bool // contents of the files inside root
	lib        *Library
	ids        []string
}

func newEscapeFixture(t testing.TB) *escapeFixture {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need extra rights on Windows")
	}
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(base, "root")
	secretPath := filepath.Join(base, "secret.mp4")
	write := func(p, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(secretPath, secretContent)
	write(filepath.Join(base, "secret.srt"), "1\n00:00:01,000 --> 00:00:02,000\n"+secretContent+"\n")
	write(filepath.Join(root, "clip.srt"), "1\n00:00:01,000 --> 00:00:02,000\ninside: subtitle\n")
	write(filepath.Join(root, "clip.mp4"), "inside: clip")
	write(filepath.Join(root, "sub", "inner.mp4"), "inside: inner")
	links := map[string]string{
		"link-in.mp4":      "clip.mp4",
		"link-out.mp4":     "../secret.mp4",
		"link-abs.mp4":     secretPath,
		"dir-out":          "..",
		"dir-abs":          base,
		"sub/link-up.mp4":  "../../secret.mp4",
		"sub/link-top.mp4": "../clip.mp4",
		"clip.en.srt":      "../secret.srt",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	secret, err := os.Stat(secretPath)
	if err != nil {
		t.Fatal(err)
	}
	lib := New()
	t.Cleanup(func() { lib.Close() })
	if _, err := lib.Open(root); err != nil {
		t.Fatal(err)
	}
	fx := &escapeFixture{base: base, root: root, secret: secret, lib: lib,
		inside: map[string]bool{"inside: clip": true, "inside: inner": true,
			"1\n00:00:01,000 --> 00:00:02,000\ninside: subtitle\n": true}}
	for _, dir := range []string{"", "sub"} {
		l, err := lib.List(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range l.Videos {
			fx.ids = append(fx.ids, v.ID)
		}
	}
	return fx
}

// checkOpened fails if f, as returned by OpenFile, lies outside the root.
func (fx *escapeFixture) checkOpened(t *testing.T, input string, f *os.File, info os.FileInfo) {
	t.Helper()
	rel, err := filepath.Rel(fx.root, f.Name())
	if err != nil || !filepath.IsLocal(rel) {
		t.Fatalf("input=%q: opened %q, outside %q", input, f.Name(), fx.root)
	}
	if os.SameFile(info, fx.secret) {
		t.Fatalf("input=%q: opened the secret file as %q", input, f.Name())
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatalf("input=%q: reading %q: %v", input, f.Name(), err)
	}
	if !fx.inside[string(b)] {
		t.Fatalf("input=%q: opened %q with content %q, not a file of the folder", input, f.Name(), b)
	}
}

// checkVideo fails if v, handed out for input, lies outside the root, and
// opens it and its subtitles by id.
func (fx *escapeFixture) checkVideo(t *testing.T, input string, v Video) {
	t.Helper()
	if rel, err := filepath.Rel(fx.root, v.AbsPath); err != nil || !filepath.IsLocal(rel) {
		t.Fatalf("input=%q: handed out %q, outside %q", input, v.AbsPath, fx.root)
	}
	if f, info, err := fx.lib.OpenFile(v.ID); err == nil {
		fx.checkOpened(t, input, f, info)
		f.Close()
	}
	fx.checkID(t, v.ID)
}

// checkID opens id as a video, describes it and opens its subtitles.
func (fx *escapeFixture) checkID(t *testing.T, id string) {
	t.Helper()
	if f, info, err := fx.lib.OpenFile(id); err == nil {
		fx.checkOpened(t, id, f, info)
		f.Close()
	}
	if v, err := fx.lib.Describe(id); err == nil {
		if rel, err := filepath.Rel(fx.root, v.AbsPath); err != nil || !filepath.IsLocal(rel) {
			t.Fatalf("Describe(%q) = %q, outside %q", id, v.AbsPath, fx.root)
		}
	}
	for n := -1; n < 4; n++ {
		if f, _, err := fx.lib.OpenSidecar(id, n); err == nil {
			info, err := f.Stat()
			if err != nil {
				t.Fatal(err)
			}
			fx.checkOpened(t, id+" subtitle "+strconv.Itoa(n), f, info)
			f.Close()
		}
	}
}

// check tries s as an id, as a folder to list, as a video path and as a
// media URL.
func (fx *escapeFixture) check(t *testing.T, s string) {
	fx.checkID(t, s)
	if l, err := fx.lib.List(s); err == nil {
		for _, v := range l.Videos {
			fx.checkVideo(t, "dir="+s, v)
		}
	}
	if l, err := fx.lib.ListRecursive(s); err == nil {
		for _, v := range l.Videos {
			fx.checkVideo(t, "recursive dir="+s, v)
		}
	}
	if v, err := fx.lib.VideoAt(s); err == nil {
		fx.checkVideo(t, "VideoAt "+s, v)
	}
	h := media.Streaming(fx.lib, ContentType)
	targets := []*url.URL{{Path: media.Prefix + s}, {Path: "/" + s}}
	if u, err := url.Parse(media.Prefix + s); err == nil {
		targets = append(targets, u)
	}
	for _, u := range targets {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = u
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body := rec.Body.String()
		if strings.Contains(body, secretContent) {
			t.Fatalf("path=%q: served the secret file", u.Path)
		}
		if rec.Code == http.StatusOK && !fx.inside[body] {
			t.Fatalf("path=%q: served %q, not a file of the folder", u.Path, body)
		}
	}
}

func TestResolveEscapes(t *testing.T) {
	t.Parallel()
	fx := newEscapeFixture(t)
	if len(fx.ids) != 4 {
		t.Fatalf("listed %d videos, want 4 (clip, link-in, sub/inner, sub/link-top)", len(fx.ids))
	}
	// clip.mp4 has two sidecars: clip.srt, and clip.en.srt, a link to the
	// secret, which must not open.
	for _, id := range fx.ids {
		if _, rel, _ := fx.lib.Lookup(id); rel != "clip.mp4" {
			continue
		}
		var opened []string
		for n := range 2 {
			if f, tr, err := fx.lib.OpenSidecar(id, n); err == nil {
				opened = append(opened, tr.File)
				f.Close()
			}
		}
		if !slices.Equal(opened, []string{"clip.srt"}) {
			t.Errorf("sidecars of clip.mp4 that open: %q, want [clip.srt]", opened)
		}
	}
	for _, s := range fx.seeds() {
		fx.check(t, s)
	}
}

// seeds are ids and paths aimed at the secret: the ids the library would
// make for the links and the secret, had it listed them, and paths.
func (fx *escapeFixture) seeds() []string {
	s := append([]string{}, fx.ids...)
	for _, rel := range []string{"link-out.mp4", "link-abs.mp4", "sub/link-up.mp4", "../secret.mp4", "dir-out/secret.mp4", "dir-abs/secret.mp4"} {
		s = append(s, makeID(fx.root, rel), rel)
	}
	return append(s, makeID(fx.base, "secret.mp4"), "", ".", "..", "dir-out", "dir-abs", "sub/..",
		"%2e%2e%2fsecret.mp4", "..%2fsecret.mp4", filepath.Join(fx.base, "secret.mp4"),
		"/etc/passwd", strings.Repeat("0", 24), fx.ids[0]+"/../"+fx.ids[1])
}

func FuzzResolveID(f *testing.F) {
	fx := newEscapeFixture(f)
	for _, s := range fx.seeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fx.check(t, s)
	})
}

// TestOpenFileReplacedByLink covers a file swapped for a link to the
// secret between the listing and the request.
func TestOpenFileReplacedByLink(t *testing.T) {
	t.Parallel()
	fx := newEscapeFixture(t)
	var id string
	for _, candidate := range fx.ids {
		if _, rel, _ := fx.lib.Lookup(candidate); rel == "clip.mp4" {
			id = candidate
		}
	}
	clip := filepath.Join(fx.root, "clip.mp4")
	for _, target := range []string{"../secret.mp4", filepath.Join(fx.base, "secret.mp4")} {
		if err := os.Remove(clip); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, clip); err != nil {
			t.Fatal(err)
		}
		f, _, err := fx.lib.OpenFile(id)
		if err == nil {
			b, _ := io.ReadAll(f)
			f.Close()
			t.Fatalf("link to %q: OpenFile opened %q with %q, want an error", target, f.Name(), b)
		}
		fx.check(t, id)
	}
	if err := os.Remove(clip); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(clip, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, err := fx.lib.OpenFile(id); err != ErrNotVideo {
		t.Errorf("clip.mp4 replaced by a folder: OpenFile err = %v, want %v", err, ErrNotVideo)
	}
}
