package measure

import (
	"strings"
	"testing"
)

func TestCountDistinct(t *testing.T) {
	head := "#format: frame checksums\n#version: 2\n#hash: MD5\n#tb 0: 1/60\n#media_type 0: video\n#codec_id 0: rawvideo\n#dimensions 0: 480x270\n#sar 0: 1/1\n#stream#, dts, pts, duration, size, hash\n"
	line := func(n int, hash string) string {
		return "0, " + strings.Repeat(" ", 3) + string(rune('0'+n%10)) + ", 0, 1, 518400, " + hash + "\n"
	}
	for _, tt := range []struct {
		name             string
		in               string
		frames, distinct int
		err              bool
	}{
		{"empty", head, 0, 0, false},
		{"one frame is no change", head + line(0, "a"), 1, 0, false},
		{"every frame new", head + line(0, "a") + line(1, "b") + line(2, "c"), 3, 2, false},
		{"repeats count once", head + line(0, "a") + line(1, "a") + line(2, "b") + line(3, "b") + line(4, "a"), 5, 2, false},
		{"still picture", head + line(0, "a") + line(1, "a") + line(2, "a"), 3, 0, false},
		{"garbage", head + "not a frame\n", 0, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, d, err := CountDistinct(strings.NewReader(tt.in))
			if (err != nil) != tt.err {
				t.Fatalf("%q: err = %v, want error %v", tt.in, err, tt.err)
			}
			if err == nil && (f != tt.frames || d != tt.distinct) {
				t.Errorf("%s: got %d frames, %d distinct; want %d, %d", tt.name, f, d, tt.frames, tt.distinct)
			}
		})
	}
}

func TestParseStat(t *testing.T) {
	for _, tt := range []struct {
		name  string
		line  string
		want  proc
		fails bool
	}{
		{"plain", "1234 (reel) S 1 1234 1234 0 -1 4194304 100 0 0 0 150 25 0 0 20 0 12 0 500 1000 200",
			proc{PID: 1234, PPID: 1, Comm: "reel", Ticks: 175}, false},
		{"comm with spaces and parens", "77 (Web (Content) x) R 1234 77 77 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 1 1 1",
			proc{PID: 77, PPID: 1234, Comm: "Web (Content) x", Ticks: 7}, false},
		{"truncated", "5 (x) S 1 2", proc{}, true},
		{"no comm", "5 x S 1 2 3", proc{}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStat(tt.line)
			if (err != nil) != tt.fails {
				t.Fatalf("%q: err = %v, want error %v", tt.line, err, tt.fails)
			}
			if err == nil && got != tt.want {
				t.Errorf("%q: got %+v, want %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestColours(t *testing.T) {
	tests := []struct {
		name string
		rgb  []byte
		most int
		want int
	}{
		{"empty", nil, 10, 0},
		{"flat", []byte{1, 2, 3, 1, 2, 3, 1, 2, 3}, 10, 1},
		{"two", []byte{1, 2, 3, 1, 2, 4, 1, 2, 3}, 10, 2},
		{"stops at most", []byte{1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0}, 2, 2},
	}
	for _, tt := range tests {
		if got := Colours(tt.rgb, tt.most); got != tt.want {
			t.Errorf("%s: Colours(%v, %d) = %d, want %d", tt.name, tt.rgb, tt.most, got, tt.want)
		}
	}
}

func TestParseSwitches(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want uint64
		err  bool
	}{
		{"both counted", "Name:\tVBlankMonitor\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t1200\nnonvoluntary_ctxt_switches:\t34\n", 1234, false},
		{"zero", "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n", 0, false},
		{"one line missing", "voluntary_ctxt_switches:\t5\n", 0, true},
		{"not a number", "voluntary_ctxt_switches:\tmany\nnonvoluntary_ctxt_switches:\t1\n", 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSwitches(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("%q: err = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("%q: got %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
