package api_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"reel/internal/api"
	"reel/internal/libtest"
)

// assScript is a small ASS file with a positioned, coloured, bold line.
const assScript = "[Script Info]\r\nScriptType: v4.00+\r\nPlayResX: 640\r\nPlayResY: 360\r\n\r\n[Events]\r\n" +
	"Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\n" +
	"Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\pos(160,90)\\c&H0000FF&\\b1}Caf\xe9\r\n"

func TestASSSidecars(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, libtest.Files{
		"a.mp4": "a", "a.en.ass": assScript,
		"b.mp4": "b", "b.ssa": "1\n00:00:01,000 --> 00:00:02,000\nan SRT file named .ssa\n",
	}, api.Config{})
	var l api.Listing
	call(t, fx.a, "GET", "/api/library", "", &l)
	tracks := map[string][]api.Subtitle{}
	for _, v := range l.Videos {
		tracks[v.Name] = v.Subtitles
	}
	if got := tracks["a.mp4"]; len(got) != 1 || got[0].Format != "ass" || got[0].Lang != "en" {
		t.Fatalf("a.mp4's subtitles = %+v, want one English ass track", got)
	}
	if got := tracks["b.mp4"]; len(got) != 1 || got[0].Format != "ssa" {
		t.Fatalf("b.mp4's subtitles = %+v, want one ssa track", got)
	}
	url := tracks["a.mp4"][0].URL
	// Latin-1 é becomes UTF-8, CRLF becomes LF; the override tags stay.
	want := "[Script Info]\nScriptType: v4.00+\nPlayResX: 640\nPlayResY: 360\n\n[Events]\n" +
		"Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n" +
		"Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\pos(160,90)\\c&H0000FF&\\b1}Café\n"
	rec := call(t, fx.a, "GET", url, "", nil)
	if rec.Code != 200 || rec.Body.String() != want {
		t.Errorf("GET %s: %d %q, want 200 %q", url, rec.Code, rec.Body, want)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/x-ssa; charset=utf-8" {
		t.Errorf("GET %s: Content-Type=%q, want text/x-ssa; charset=utf-8", url, ct)
	}
	run(t, fx.a, []step{
		{"an SRT file named .ssa", "GET", tracks["b.mp4"][0].URL, "", 422, "", "cannot read b.ssa"},
	})
}

// fontVideo makes a one-second MKV with DejaVu Sans Bold attached, as
// ffmpeg's users attach fonts, and returns its bytes and the font's.
func fontVideo(t *testing.T) (mkv, font []byte) {
	t.Helper()
	const path = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" // fonts-dejavu-core
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ffmpeg is missing")
		}
		t.Skip("ffmpeg is missing")
	}
	font, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "font.mkv")
	cmd := exec.Command("ffmpeg", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=12", "-t", "1",
		"-c:v", "libx264", "-preset", "ultrafast", "-attach", path, "-metadata:s:t", "mimetype=application/x-truetype-font", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, b)
	}
	mkv, err = os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return mkv, font
}

func TestFonts(t *testing.T) {
	t.Parallel()
	mkv, font := fontVideo(t)
	fx := newFixture(t, libtest.Files{"f.mkv": string(mkv), "p.mp4": "not matroska", "g.mkv": "\x1a\x45\xdf\xa3 broken"}, api.Config{})
	f, p, g := fx.videos["f.mkv"].ID, fx.videos["p.mp4"].ID, fx.videos["g.mkv"].ID
	run(t, fx.a, []step{
		{"the attached font is listed", "GET", "/api/fonts/" + f, "", 200,
			`[{"name": "DejaVuSans-Bold.ttf", "url": "/api/fonts/` + f + `/0"}]`, ""},
		{"an MP4 has none", "GET", "/api/fonts/" + p, "", 200, `[]`, ""},
		{"a damaged MKV has none", "GET", "/api/fonts/" + g, "", 200, `[]`, ""},
		{"a font number past the end", "GET", "/api/fonts/" + f + "/1", "", 404, "", "no font 1"},
		{"a negative font number", "GET", "/api/fonts/" + f + "/-1", "", 404, "", ""},
		{"a font that is not a number", "GET", "/api/fonts/" + f + "/x", "", 400, "", "font must be a number"},
		{"a font of a video without fonts", "GET", "/api/fonts/" + p + "/0", "", 404, "", ""},
		{"an id never listed", "GET", "/api/fonts/0123456789abcdef01234567", "", 404, "", ""},
		{"a path for an id", "GET", "/api/fonts/..%2F..%2Fetc%2Fpasswd", "", 404, "", ""},
	})
	t.Run("served as font/ttf", func(t *testing.T) {
		url := "/api/fonts/" + f + "/0"
		rec := call(t, fx.a, "GET", url, "", nil)
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), font) {
			t.Fatalf("GET %s: %d, %d bytes, want 200 and the font's %d", url, rec.Code, rec.Body.Len(), len(font))
		}
		if ct := rec.Header().Get("Content-Type"); ct != "font/ttf" {
			t.Errorf("GET %s: Content-Type=%q, want font/ttf", url, ct)
		}
	})
}
