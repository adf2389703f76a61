//go:build desktop

package desktop

import (
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/internal/store"
)

// waitPosters takes screenshots into shot until the posters of every one of
// names are painted (ok says so of a poster's pixels), and returns each
// one's pixel statistics.
func waitPosters(t *testing.T, a *app, w window, shot string, timeout time.Duration, ok func(pixelStats) bool, names ...string) map[string]pixelStats {
	t.Helper()
	// Keep the pointer off the cards: a hovered card shows its play button.
	mouseTo(t, w.X+w.W-3, w.Y+w.H-3)
	deadline := time.Now().Add(timeout)
	var last map[string]pixelStats
	var missing []string
	painted := false
	for time.Now().Before(deadline) {
		layout := a.waitLayout(30*time.Second, names...)
		if err := grabScreen(shot); err != nil {
			t.Fatal(err)
		}
		img, err := loadPNG(shot)
		if err != nil {
			t.Fatal(err)
		}
		last, missing = map[string]pixelStats{}, nil
		for _, n := range names {
			r, _ := rowOf(layout, n)
			st := statsOf(img, posterRect(w, r, layout.scale()))
			last[n] = st
			if !ok(st) {
				missing = append(missing, n)
			}
		}
		// Twice in a row, so the posters have finished fading in.
		if len(missing) == 0 {
			if painted {
				return last
			}
			painted = true
		} else {
			painted = false
		}
		time.Sleep(400 * time.Millisecond)
	}
	for n, st := range last {
		t.Logf("%s: %v", n, st)
	}
	t.Fatalf("after %v these posters are still not painted: %s (see %s)", timeout, strings.Join(missing, ", "), shot)
	return nil
}

// TestLibraryThumbnails is issue 3's acceptance test: a folder opened in the
// real window shows every video's poster, and the posters are of the
// videos, not one picture repeated. Posters come from ffmpeg, and, without
// it (REEL_THUMBNAILER=webview), from frames the page itself draws and
// hands to Go.
func TestLibraryThumbnails(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Clips")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	makeCuts(t, dir, libraryCuts)
	names := []string{}
	for _, c := range libraryCuts {
		names = append(names, c.Name)
	}
	if linkBig(t, dir) {
		names = append(names, bigVideo)
	}
	for _, tt := range []struct {
		name string
		env  []string
		shot string
	}{
		{"ffmpeg", nil, "desktop-library.png"},
		{"webview", []string{"REEL_THUMBNAILER=webview"}, "desktop-library-webview.png"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			a := launchApp(t, dir, launch{Env: tt.env})
			defer a.kill() // its window must be gone before the next launch looks for one
			w := findWindow(t)
			shot := artifact(t, tt.shot)
			stats := waitPosters(t, a, w, shot, 45*time.Second, pixelStats.painted, names...)
			t.Logf("all %d posters painted %v after launch; screenshot: %s", len(names), time.Since(start).Round(100*time.Millisecond), shot)
			for _, n := range names {
				t.Logf("  %-12s %v", n, stats[n])
			}
			for i, x := range names {
				for _, y := range names[i+1:] {
					if d := gridDistance(stats[x], stats[y]); d < 8 {
						t.Errorf("the posters of %s and %s look the same (difference %.1f of 255)", x, y, d)
					}
				}
			}
			a.checkNoMediaError()
		})
	}
}

// TestREADMEScreenshot writes the README's picture of the library — a
// folder of videos with distinct posters — to REEL_SCREENSHOT_OUT. It runs
// only when that is set, so `make test` leaves docs/screenshot.png alone:
//
//	REEL_SCREENSHOT_OUT=docs/screenshot.png make test-desktop
func TestREADMEScreenshot(t *testing.T) {
	out := os.Getenv("REEL_SCREENSHOT_OUT")
	if out == "" {
		t.Skip("REEL_SCREENSHOT_OUT is not set")
	}
	if !filepath.IsAbs(out) {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			t.Fatal(err)
		}
		out = filepath.Join(root, out)
	}

	dir := filepath.Join(t.TempDir(), "Videos")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	makeScenes(t, dir, readmeScenes)

	// Some history, so the picture shows progress and the continue row.
	db := filepath.Join(t.TempDir(), "reel.db")
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]scene{}
	for _, s := range readmeScenes {
		byName[s.Name] = s
	}
	history := []struct {
		name     string
		fraction float64
	}{
		{"Desert Crossing.mp4", 1},
		{"Mountain Trail.mp4", 0.62},
		{"Holiday 2024.mp4", 0.35},
	}
	for _, h := range history {
		d := float64(byName[h.name].Seconds)
		if err := st.SavePosition(filepath.Join(dir, h.name), h.fraction*d, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	a := launchApp(t, dir, launch{DB: db})
	w := findWindow(t)
	if w.W != 1280 || w.H != 800 {
		xdotool(t, "windowsize", w.ID, "1280", "800")
		xdotool(t, "windowmove", w.ID, "0", "0")
		w = findWindow(t)
	}
	var names []string
	for _, s := range readmeScenes {
		if s.Sub == "" {
			names = append(names, s.Name)
		}
	}
	raw := filepath.Join(t.TempDir(), "screen.png")
	// Only the cards on screen need their posters.
	layout := a.waitLayout(30*time.Second, names...)
	var visible []string
	for _, n := range names {
		if r, _ := rowOf(layout, n); r.Y+r.W*9/16 < float64(w.H) {
			visible = append(visible, n)
		}
	}
	// Drawings may have large flat areas: anything but the placeholder will do.
	notPlaceholder := func(s pixelStats) bool { return s.Colors >= 16 && s.LumaSD >= 8 }
	waitPosters(t, a, w, raw, 30*time.Second, notPlaceholder, visible...)

	img, err := loadPNG(raw)
	if err != nil {
		t.Fatal(err)
	}
	crop := image.Rect(w.X, w.Y, w.X+w.W, w.Y+w.H)
	if b := img.Bounds(); !crop.In(b) {
		crop = b
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	geometry := fmt.Sprintf("%dx%d+%d+%d", crop.Dx(), crop.Dy(), crop.Min.X, crop.Min.Y)
	cmd := exec.Command("convert", raw, "-crop", geometry, "+repage", "-strip",
		"-define", "png:compression-level=9", "-define", "png:compression-filter=5", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("convert: %v\n%s", err, b)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("README screenshot: %s (%d KB, %v)", out, fi.Size()/1024, crop.Size())
	a.checkNoMediaError()
}
