//go:build desktop

package desktop

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/bench/playback/measure"
)

// benchASS is a minute of styled subtitles as a fansub has them: a
// dialogue line every 2 s at the bottom, bold with an outline and a fade,
// and, with signs, a coloured sign that moves across the top for 3 s of
// every 4 (libass draws it anew on every frame). Both stay clear of
// videoBox, where frames are counted.
func benchASS(signs bool) string {
	var b strings.Builder
	b.WriteString("[Script Info]\nScriptType: v4.00+\nPlayResX: 640\nPlayResY: 360\nWrapStyle: 0\n\n" +
		"[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n" +
		"Style: Default,DejaVu Sans,22,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,-1,0,0,0,100,100,0,0,1,2,1,2,20,20,12,1\n" +
		"Style: Sign,DejaVu Serif,20,&H0000D7FF,&H000000FF,&H00400000,&H00000000,0,-1,0,0,100,100,0,0,1,1.5,0,8,10,10,10,1\n\n" +
		"[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n")
	ts := func(s float64) string {
		return fmt.Sprintf("%d:%02d:%05.2f", int(s)/3600, int(s)/60%60, s-float64(int(s)/60*60))
	}
	for s := 0.0; s < 60; s += 2 {
		fmt.Fprintf(&b, "Dialogue: 0,%s,%s,Default,,0,0,0,,{\\fad(150,150)}Line %d: the quick brown fox\\Njumps over the lazy dog\n", ts(s), ts(s+1.9), int(s/2)+1)
	}
	for s := 0.0; s < 60 && signs; s += 4 {
		fmt.Fprintf(&b, "Dialogue: 1,%s,%s,Sign,,0,0,0,,{\\move(40,30,600,30)\\t(\\frz10)\\blur1}Sign %d\n", ts(s), ts(s+3), int(s/4)+1)
	}
	return b.String()
}

// TestASSBench is issue 10's renderer cost (make bench-ass, REEL_BENCH=1):
// frames shown and the CPU of all of Reel's processes while the benchmark
// clip plays with styled subtitles on (dialogue only, and dialogue with a
// moving sign), against the same clip with them off, each in a fresh
// window, in turn, twice, in one run.
func TestASSBench(t *testing.T) {
	if os.Getenv("REEL_BENCH") == "" {
		t.Skip("the ASS benchmark runs with REEL_BENCH=1 (make bench-ass)")
	}
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(benchFolder(t), benchClip))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, benchClip), data, 0o600); err != nil {
		t.Fatal(err)
	}
	ass := filepath.Join(dir, strings.TrimSuffix(benchClip, filepath.Ext(benchClip))+".ass")
	const rec = 10 * time.Second
	type result struct {
		fps, cpu float64
		usage    measure.Usage
	}
	const off, dialogue, signs = "without subtitles", "ASS dialogue   ", "ASS with signs "
	results := map[string][]result{}
	report := []string{"load before: " + loadNote()}
	for round := 1; round <= 2; round++ {
		for _, mode := range []string{off, dialogue, signs} {
			on := mode != off
			if on {
				if err := os.WriteFile(ass, []byte(benchASS(mode == signs)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			a, w, _ := playClip(t, dir)
			if on {
				a.skipAll()
				xdotool(t, "key", "c")
				a.waitFor("the styled subtitles' renderer", 30*time.Second, func(e event) bool {
					if e.Event == "ass-error" {
						t.Fatalf("styled subtitles failed: %s", e.Message)
					}
					return e.Event == "ass-ready"
				})
				time.Sleep(3 * time.Second) // the note C shows fades
			}
			cpu := make(chan measure.Usage, 1)
			go func() {
				u, err := measure.CPU(a.cmd.Process.Pid, rec)
				if err != nil {
					t.Error(err)
				}
				cpu <- u
			}()
			f := record(t, videoBox(w.X, w.Y), rec)
			u := <-cpu
			a.kill()
			r := result{f.PerSecond(), u.Cores, u}
			results[mode] = append(results[mode], r)
			report = append(report, fmt.Sprintf("round %d, %s: %.1f frames/s shown, CPU %.1f %% of a core (%v)", round, mode, r.fps, 100*r.cpu, u))
		}
	}
	mean := func(rs []result) (fps, cpu float64) {
		for _, r := range rs {
			fps += r.fps / float64(len(rs))
			cpu += r.cpu / float64(len(rs))
		}
		return fps, cpu
	}
	offF, offC := mean(results[off])
	for _, mode := range []string{dialogue, signs} {
		onF, onC := mean(results[mode])
		report = append(report, fmt.Sprintf("mean, %s vs %s: frames/s %.1f vs %.1f (%.2f×); CPU %.1f %% vs %.1f %% of a core (%+.1f points)",
			strings.TrimSpace(mode), off, onF, offF, onF/offF, 100*onC, 100*offC, 100*(onC-offC)))
	}
	report = append(report, "load after: "+loadNote())
	fmt.Println("\n== make bench-ass (issue 10): the ASS renderer's cost in the window ==")
	for _, l := range report {
		fmt.Println(l)
	}
}
