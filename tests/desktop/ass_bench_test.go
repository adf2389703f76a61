//go:build desktop

package desktop

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
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
// window, in turn, twice (REEL_BENCH_ROUNDS times when set), in one run;
// then, paused, the CPU and the display refresh wake-ups of each.
// REEL_BASELINE_BIN, when set, is an earlier build run the same way with
// styled subtitles on, in each round.
func TestASSBench(t *testing.T) {
	if os.Getenv("REEL_BENCH") == "" {
		t.Skip("the ASS benchmark runs with REEL_BENCH=1 (make bench-ass)")
	}
	dir := assFolder(t, benchASS(false))
	ass := filepath.Join(dir, strings.TrimSuffix(benchClip, filepath.Ext(benchClip))+".ass")
	const rec = 10 * time.Second
	type result struct {
		fps, cpu float64
		paused   measure.Usage
	}
	type mode struct {
		name  string
		on    bool
		signs bool
		bin   string
	}
	const off = "without subtitles"
	modes := []mode{{name: off}, {name: "ASS dialogue", on: true}, {name: "ASS with signs", on: true, signs: true}}
	if base := os.Getenv("REEL_BASELINE_BIN"); base != "" {
		modes = append(modes,
			mode{name: "ASS dialogue, baseline build", on: true, bin: base},
			mode{name: "ASS with signs, baseline build", on: true, signs: true, bin: base})
	}
	rounds := 2
	if n, err := strconv.Atoi(os.Getenv("REEL_BENCH_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	results := map[string][]result{}
	report := []string{"load before: " + loadNote()}
	for round := 1; round <= rounds; round++ {
		for _, m := range modes {
			// Without subtitles the script stays, and is not turned on.
			if err := os.WriteFile(ass, []byte(benchASS(m.signs)), 0o600); err != nil {
				t.Fatal(err)
			}
			a, w := playClipWith(t, dir, launch{Bin: m.bin})
			if m.on {
				a.toggleASS(t, true)
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
			// Paused: from the second second on, when what the pause set off is done.
			xdotool(t, "key", "space")
			time.Sleep(2 * time.Second)
			p := cpuOf(t, a.cmd.Process.Pid, 5*time.Second)
			a.kill()
			r := result{f.PerSecond(), u.Cores, p}
			results[m.name] = append(results[m.name], r)
			report = append(report,
				fmt.Sprintf("round %d, %s: playing %.1f frames/s shown, CPU %.1f %% of a core (%v)", round, m.name, r.fps, 100*r.cpu, u),
				fmt.Sprintf("round %d, %s: paused CPU %.1f %% of a core, display refresh %.0f wake-ups/s", round, m.name, 100*p.Cores, p.VBlank))
		}
	}
	mean := func(rs []result) (fps, cpu, pcpu, vblank float64) {
		for _, r := range rs {
			n := float64(len(rs))
			fps += r.fps / n
			cpu += r.cpu / n
			pcpu += r.paused.Cores / n
			vblank += r.paused.VBlank / n
		}
		return fps, cpu, pcpu, vblank
	}
	offF, offC, offP, offV := mean(results[off])
	for _, m := range modes[1:] {
		onF, onC, onP, onV := mean(results[m.name])
		report = append(report,
			fmt.Sprintf("mean, %s vs %s: playing frames/s %.1f vs %.1f (%.2f×); CPU %.1f %% vs %.1f %% of a core (%+.1f points)",
				m.name, off, onF, offF, onF/offF, 100*onC, 100*offC, 100*(onC-offC)),
			fmt.Sprintf("mean, %s vs %s: paused CPU %.1f %% vs %.1f %% of a core (%+.1f points); display refresh %.0f vs %.0f wake-ups/s",
				m.name, off, 100*onP, 100*offP, 100*(onP-offP), onV, offV))
	}
	report = append(report, "load after: "+loadNote())
	fmt.Println("\n== make bench-ass (issue 10): the ASS renderer's cost in the window ==")
	for _, l := range report {
		fmt.Println(l)
	}
}

// playClipWith is playClip with launch l: it launches Reel on dir, plays
// the clip and moves the pointer off so the controls hide.
func playClipWith(t *testing.T, dir string, l launch) (*app, window) {
	t.Helper()
	a := launchRetry(t, dir, l)
	w := findWindow(t)
	a.openVideo(w, benchClip)
	mouseTo(t, w.X+w.W-2, w.Y+w.H/2)
	time.Sleep(3500 * time.Millisecond) // autohide is 2 s, then the fade
	return a, w
}
