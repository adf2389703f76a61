package tracks

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"reel/internal/probe"
)

const assHeader = "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname\nStyle: Default,DejaVu Sans\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"

// TestWhole: of a file ffmpeg is still writing, only whole cues are
// served, and an ASS script only once its header is whole (issue 10).
func TestWhole(t *testing.T) {
	srt := probe.SubtitleTrack{Index: 0, Format: "srt", Kind: "text"}
	vtt := probe.SubtitleTrack{Index: 0, Format: "vtt", Kind: "text"}
	ass := probe.SubtitleTrack{Index: 0, Format: "ass", Kind: "text"}
	tests := []struct {
		name     string
		track    probe.SubtitleTrack
		written  string
		cues     int
		want     []string // in the text
		wantNot  []string // never in the text
		noHeader bool     // no text at all
	}{
		{"srt: nothing yet", srt, "", 0, []string{"WEBVTT"}, nil, false},
		{"srt: half a cue", srt, "1\n00:00:01,000 --> 00:00:02,000\nFir", 0, []string{"WEBVTT"}, []string{"Fir", "-->"}, false},
		{"srt: a cue without its blank line", srt, "1\n00:00:01,000 --> 00:00:02,000\nFirst\n", 0, nil, []string{"First"}, false},
		{"srt: a whole cue and half the next", srt, "1\n00:00:01,000 --> 00:00:02,000\nFirst\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond line\nand th", 1,
			[]string{"00:00:01.000 --> 00:00:02.000\nFirst"}, []string{"Second", "00:00:03"}, false},
		{"srt: two whole cues", srt, "1\n00:00:01,000 --> 00:00:02,000\nFirst\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n\n", 2,
			[]string{"First", "Second"}, nil, false},
		{"vtt: the signature alone", vtt, "WEBVTT\n", 0, []string{"WEBVTT"}, nil, false},
		{"vtt: the last cue is not known whole", vtt, "WEBVTT\n\n00:01.000 --> 00:02.000\nA line\n", 0, nil, []string{"A line"}, false},
		{"vtt: a cue is whole once the next began", vtt, "WEBVTT\n\n00:01.000 --> 00:02.000\nA line\n\n00:03.000 --> 00:0", 1,
			[]string{"00:01.000 --> 00:02.000\nA line"}, []string{"00:03"}, false},
		{"ass: half the header", ass, assHeader[:40], 0, nil, nil, true},
		{"ass: the Format line unfinished", ass, assHeader[:len(assHeader)-10], 0, nil, nil, true},
		{"ass: the header whole", ass, assHeader, 0, []string{"[Events]", "Format: Layer"}, nil, false},
		{"ass: a whole line and half the next", ass, assHeader + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Premier\nDialogue: 0,0:00:03.00,0:00:04.00,Def", 1,
			[]string{"[V4+ Styles]", "Premier\n"}, []string{"0:00:03.00"}, false},
		{"ass: crlf", ass, strings.ReplaceAll(assHeader, "\n", "\r\n") + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Premier\r\nDialogue: 0,0:00", 1,
			[]string{"Premier"}, []string{"Dialogue: 0,0:00\n"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := cut(whole([]byte(tt.written), tt.track), format(tt.track), 0, false)
			if p.Cues != tt.cues || p.Complete {
				t.Errorf("%q: %d cues, complete %v; want %d, false", tt.written, p.Cues, p.Complete, tt.cues)
			}
			if tt.noHeader != (len(p.Text) == 0) {
				t.Errorf("%q: text %q; want text: %v", tt.written, p.Text, !tt.noHeader)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(p.Text), w) {
					t.Errorf("%q: text %q, want it to hold %q", tt.written, p.Text, w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(string(p.Text), w) {
					t.Errorf("%q: text %q holds %q, a cue not yet whole", tt.written, p.Text, w)
				}
			}
		})
	}
}

// TestCut: an answer holds the header and the cues after those the page has.
func TestCut(t *testing.T) {
	vtt := "WEBVTT\n\nSTYLE\n::cue { color: red }\n\n00:01.000 --> 00:02.000 line:0\nA\n\nNOTE a comment\n\nid\n00:03.000 --> 00:04.000\nB\n\n00:05.000 --> 00:06.000\nC\n"
	ass := assHeader + "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,A\nDialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,B\n"
	tests := []struct {
		name, format, text string
		after              int
		complete           bool
		cues               int
		want               string
	}{
		{"vtt from the start, complete: as it is", "vtt", vtt, 0, true, 3, vtt},
		{"vtt after one", "vtt", vtt, 1, true, 3, "WEBVTT\n\nSTYLE\n::cue { color: red }\n\nid\n00:03.000 --> 00:04.000\nB\n\n00:05.000 --> 00:06.000\nC\n"},
		{"vtt after all", "vtt", vtt, 3, false, 3, "WEBVTT\n\nSTYLE\n::cue { color: red }\n"},
		{"vtt after more than all", "vtt", vtt, 9, false, 3, "WEBVTT\n\nSTYLE\n::cue { color: red }\n"},
		{"vtt negative after", "vtt", vtt, -2, false, 3, "WEBVTT\n\nSTYLE\n::cue { color: red }\n\n00:01.000 --> 00:02.000 line:0\nA\n\nid\n00:03.000 --> 00:04.000\nB\n\n00:05.000 --> 00:06.000\nC\n"},
		{"vtt empty", "vtt", "", 0, false, 0, "WEBVTT\n"},
		{"ass from the start, complete: as it is", "ass", ass, 0, true, 2, ass},
		{"ass after one", "ass", ass, 1, false, 2, assHeader + "Dialogue: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,B\n"},
		{"ass without its header", "ass", "[Script Info]\n", 0, false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := cut([]byte(tt.text), tt.format, tt.after, tt.complete)
			if p.Cues != tt.cues || string(p.Text) != tt.want || p.Complete != tt.complete || p.Format != tt.format {
				t.Errorf("after %d: %d cues, %q, complete %v, %q; want %d, %q, %v, %q", tt.after, p.Cues, p.Text, p.Complete, p.Format, tt.cues, tt.want, tt.complete, tt.format)
			}
		})
	}
}

// fakeFFmpeg writes a script in place of ffmpeg that writes each output
// it is given (-f srt PATH, -f ass PATH) in two steps: a header, a whole
// cue and half the next, then the file "step1" in ctl; once the test makes
// "go" in ctl, the rest. It records its pid in ctl.
func fakeFFmpeg(t *testing.T) (path, ctl string) {
	t.Helper()
	ctl = t.TempDir()
	script := `#!/bin/sh
ctl='` + ctl + `'
echo $$ > "$ctl/pid"
next=; last=
for a in "$@"; do
  if [ -n "$next" ]; then eval "$next=\$a"; next=; fi
  [ "$last" = "-f" ] && next="out_$a"
  last=$a
done
printf '1\n00:00:01,000 --> 00:00:02,000\nFirst cue\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond' > "$out_srt"
printf '` + assHeader + `Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Premier\nDialogue: 0,0:00:03.00,0:00:04.00,Def' > "$out_ass"
touch "$ctl/step1"
while [ ! -e "$ctl/go" ]; do sleep 0.01; done
printf ' cue, two lines\nand more\n\n' >> "$out_srt"
printf 'ault,,0,0,0,,Deuxième\n' >> "$out_ass"
`
	path = filepath.Join(ctl, "ffmpeg")
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, ctl
}

// TestSubtitlePart: while the pass runs, each answer holds the whole cues
// written so far and says it is partial; the half-written cue comes once
// whole; the last answer is complete; a new launch reads the cache.
func TestSubtitlePart(t *testing.T) {
	s, dir := service(t)
	fake, ctl := fakeFFmpeg(t)
	s.ffmpeg = fake
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const id = "mkv-tracks.mkv"
	wait := 20 * time.Second

	first, err := s.SubtitlePart(ctx, id, 0, 0, wait)
	if err != nil {
		t.Fatal(err)
	}
	if first.Complete || first.Cues != 1 || first.Format != "vtt" || !strings.Contains(string(first.Text), "00:00:01.000 --> 00:00:02.000\nFirst cue") || strings.Contains(string(first.Text), "Second") {
		t.Errorf("first answer: %d cues, complete %v, %q; want the first cue alone, partial", first.Cues, first.Complete, first.Text)
	}
	ass, err := s.SubtitlePart(ctx, id, 1, 0, wait)
	if err != nil {
		t.Fatal(err)
	}
	if ass.Complete || ass.Cues != 1 || ass.Format != "ass" || !strings.HasPrefix(string(ass.Text), "[Script Info]") || !strings.Contains(string(ass.Text), "Premier") || strings.Contains(string(ass.Text), "0:00:03") {
		t.Errorf("ASS answer: %d cues, complete %v, %q; want the header and the first line, partial", ass.Cues, ass.Complete, ass.Text)
	}
	// Nothing new within the wait: the header and no cue, still partial.
	idle, err := s.SubtitlePart(ctx, id, 0, 1, 100*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if idle.Complete || idle.Cues != 1 || strings.Contains(string(idle.Text), "-->") {
		t.Errorf("no new cue: %d cues, complete %v, %q; want 1, partial, no cue", idle.Cues, idle.Complete, idle.Text)
	}

	if err := os.WriteFile(filepath.Join(ctl, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	second, err := s.SubtitlePart(ctx, id, 0, 1, wait)
	if err != nil {
		t.Fatal(err)
	}
	if second.Cues != 2 || !strings.Contains(string(second.Text), "00:00:03.000 --> 00:00:04.000\nSecond cue, two lines\nand more") || strings.Contains(string(second.Text), "First") {
		t.Errorf("second answer: %d cues, %q; want the second cue whole, without the first", second.Cues, second.Text)
	}
	var done Part
	for !done.Complete {
		if done, err = s.SubtitlePart(ctx, id, 0, 2, wait); err != nil {
			t.Fatal(err)
		}
	}
	all, _, err := s.Subtitle(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	if done.Cues != 2 || strings.Contains(string(done.Text), "-->") {
		t.Errorf("complete answer after 2: %d cues, %q; want 2, none in the text", done.Cues, done.Text)
	}

	// A new launch reads the cache: complete at once, and no ffmpeg runs.
	again, err := New(files{dir}, s.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	again.ffmpeg = "/nonexistent/ffmpeg"
	hit, err := again.SubtitlePart(ctx, id, 0, 0, wait)
	if err != nil || !hit.Complete || hit.Cues != 2 || string(hit.Text) != string(all) {
		t.Errorf("cache hit: %d cues, complete %v, %q, %v; want 2, complete, %q", hit.Cues, hit.Complete, hit.Text, err, all)
	}
	hitASS, err := again.SubtitlePart(ctx, id, 1, 0, wait)
	if err != nil || !hitASS.Complete || hitASS.Cues != 2 || !strings.Contains(string(hitASS.Text), "Deuxième") {
		t.Errorf("ASS cache hit: %d cues, complete %v, %q, %v; want 2, complete, both lines", hitASS.Cues, hitASS.Complete, hitASS.Text, err)
	}
}

// TestSubtitlePartErrors: the same errors as Subtitle, before any wait.
func TestSubtitlePartErrors(t *testing.T) {
	s, _ := service(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		id   string
		n    int
		want error
	}{
		{"no such track", "mkv-tracks.mkv", 2, ErrNoTrack},
		{"negative track", "mkv-tracks.mkv", -1, ErrNoTrack},
		{"cut in the headers", "headers.mkv", 0, probe.ErrTruncated},
		{"unknown id", "nothing.mkv", 0, os.ErrNotExist},
	} {
		if _, err := s.SubtitlePart(ctx, tt.id, tt.n, 0, time.Minute); !errors.Is(err, tt.want) {
			t.Errorf("%s: %s track %d: err = %v, want %v", tt.name, tt.id, tt.n, err, tt.want)
		}
	}
	s.ffmpeg = ""
	if _, err := s.SubtitlePart(ctx, "mkv-tracks.mkv", 0, 0, time.Minute); !errors.Is(err, ErrNoFFmpeg) {
		t.Errorf("without ffmpeg: err = %v, want ErrNoFFmpeg", err)
	}
}

// TestSubtitlePartClose: Close ends a pass under way: its ffmpeg is
// killed, the request waiting for cues fails, and no folder is left.
func TestSubtitlePartClose(t *testing.T) {
	s, _ := service(t)
	fake, ctl := fakeFFmpeg(t)
	s.ffmpeg = fake
	ctx := context.Background()
	if _, err := s.SubtitlePart(ctx, "mkv-tracks.mkv", 0, 0, time.Minute); err != nil {
		t.Fatal(err)
	}
	pidText, err := os.ReadFile(filepath.Join(ctl, "pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(pidText)))
	waiting := make(chan error, 1)
	go func() {
		_, err := s.SubtitlePart(ctx, "mkv-tracks.mkv", 0, 1, time.Minute)
		waiting <- err
	}()
	s.Close()
	select {
	case err := <-waiting:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("waiting request after Close: err = %v, want context.Canceled", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("waiting request: no answer 20 s after Close")
	}
	if err := syscall.Kill(pid, 0); err == nil {
		// Reaped by cmd.Wait once killed, so the pid is gone.
		t.Errorf("ffmpeg (pid %d) still runs after Close", pid)
	}
	left, _ := filepath.Glob(filepath.Join(s.dir, ".extract-*"))
	if len(left) > 0 {
		t.Errorf("folders left after Close: %q", left)
	}
}
