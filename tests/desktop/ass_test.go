//go:build desktop

package desktop

import (
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// assScript is a line in red (ASS colours are BGR), bold, its top-left
// corner (\an7) at 10 % across and 30 % down the picture, from 1 s to 6 s.
const assScript = "[Script Info]\r\nScriptType: v4.00+\r\nPlayResX: 640\r\nPlayResY: 360\r\n\r\n" +
	"[V4+ Styles]\r\n" +
	"Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\r\n" +
	"Style: Default,DejaVu Sans,40,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,2,10,10,10,1\r\n\r\n" +
	"[Events]\r\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\n" +
	"Dialogue: 0,0:00:01.00,0:00:06.00,Default,,0,0,0,,{\\an7\\pos(64,108)\\c&H0000FF&\\b1}REEL WWW\r\n"

// TestWindowDrawsStyledSubtitles (issue 10): in the real window, C turns on
// an MKV's sidecar .ass; JASSUB's worker and WebAssembly start under the
// page's policy, and a screenshot while the line is due shows it in red
// where \pos puts it, with the font the MKV carries; after it ends, none.
func TestWindowDrawsStyledSubtitles(t *testing.T) {
	dir := t.TempDir()
	mkv := filepath.Join(dir, "styled.mkv")
	// Grey, so the picture's box can be found in the screenshot.
	if err := ffmpeg("-f", "lavfi", "-i", "color=c=0x808080:size=640x360:rate=24", "-t", "12",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "24", "-pix_fmt", "yuv420p",
		"-attach", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "-metadata:s:t", "mimetype=application/x-truetype-font", mkv); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "styled.ass"), []byte(assScript), 0o600); err != nil {
		t.Fatal(err)
	}
	a := startApp(t, dir)
	w := findWindow(t)
	_, _, playing := a.openVideo(w, "styled.mkv")
	xdotool(t, "key", "c")
	ready := a.waitFor("the styled subtitles' renderer", 30*time.Second, func(e event) bool {
		if e.Event == "ass-error" {
			t.Fatalf("styled subtitles failed: %s", e.Message)
		}
		return e.Event == "ass-ready"
	})
	t.Logf("C → renderer ready in %.0f ms (playing at %.0f ms)", ready.T-playing.T, playing.T)

	// The line is due from 1 s to 6 s; playback started at playing.At.
	if wait := time.Until(playing.At.Add(3 * time.Second)); wait > 0 {
		time.Sleep(wait)
	}
	on := screenshot(t, "desktop-ass-on.png")
	time.Sleep(time.Until(playing.At.Add(8 * time.Second)))
	off := screenshot(t, "desktop-ass-off.png")

	picture, red := colourBoxes(t, on)
	if red.Empty() {
		t.Fatalf("no red line on screen while it is due (%s); picture %v", on, picture)
	}
	left := float64(red.Min.X-picture.Min.X) / float64(picture.Dx())
	top := float64(red.Min.Y-picture.Min.Y) / float64(picture.Dy())
	width := float64(red.Dx()) / float64(picture.Dx())
	t.Logf("picture %v, red line %v: left %.3f, top %.3f, width %.3f of the picture", picture, red, left, top, width)
	if left < 0.08 || left > 0.12 || top < 0.26 || top > 0.34 {
		t.Errorf("the line starts at %.3f across, %.3f down; \\pos puts it at 0.10, 0.30", left, top)
	}
	// The browser test measures 0.338 for DejaVu Sans Bold and 0.316 for
	// the fallback font at this size.
	if width < 0.33 {
		t.Errorf("the line is %.3f of the picture wide, want ≥ 0.33: drawn without the MKV's font?", width)
	}
	if _, red := colourBoxes(t, off); !red.Empty() {
		t.Errorf("a red line %v is still on screen after the cue ended (%s)", red, off)
	}
}

// colourBoxes returns the boxes of the grey picture (the rows at least half
// grey: anti-aliased menu text has grey pixels too) and of the red pixels in
// the screenshot at path.
func colourBoxes(t *testing.T, path string) (picture, red image.Rectangle) {
	t.Helper()
	img, err := loadPNG(path)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	var reds int
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := image.Rectangle{}
		greys := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			p := image.Rect(x, y, x+1, y+1)
			switch {
			case r > 180 && g < 90 && bl < 90:
				red = red.Union(p)
				reds++
			case near8(r, 0x80) && near8(g, 0x80) && near8(bl, 0x80):
				row = row.Union(p)
				greys++
			}
		}
		if 2*greys >= b.Dx() {
			picture = picture.Union(row)
		}
	}
	if reds < 50 {
		red = image.Rectangle{}
	}
	return picture, red
}

func near8(v, want uint32) bool { return v+6 >= want && v <= want+6 }
