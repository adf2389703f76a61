package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"reel/internal/subtitles"
)

func TestIsSubtitleFile(t *testing.T) {
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"/v/film.srt", true},
		{"/v/FILM.SRT", true},
		{"/v/a.vtt", true},
		{"/v/a.ass", true},
		{"/v/a.ssa", true},
		{"/v/film.mkv", false},
		{"/v/srt", false},
		{"/v/a.srt.txt", false},
	} {
		if got := isSubtitleFile(tt.path); got != tt.want {
			t.Errorf("isSubtitleFile(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestReadSubtitleDrop(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := write("big.srt", make([]byte, subtitles.MaxBytes+1))
	for _, tt := range []struct {
		name     string
		path     string
		wantText string
		wantErr  string
	}{
		{"utf-8 with a BOM", write("a.srt", []byte("\uFEFF1\n00:00:01,000 --> 00:00:02,000\nHé\n")), "1\n00:00:01,000 --> 00:00:02,000\nHé\n", ""},
		{"latin-1 read as such", write("b.srt", []byte("1\n00:00:01,000 --> 00:00:02,000\nH\xe9\n")), "1\n00:00:01,000 --> 00:00:02,000\nHé\n", ""},
		{"too large", big, "", "larger than 16 MiB"},
		{"a folder", dir, "", "not a file"},
		{"missing", filepath.Join(dir, "none.srt"), "", "could not open"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := readSubtitleDrop(tt.path)
			if d.Name != filepath.Base(tt.path) {
				t.Errorf("%s: Name = %q, want %q", tt.path, d.Name, filepath.Base(tt.path))
			}
			if d.Text != tt.wantText {
				t.Errorf("%s: Text = %q, want %q", tt.path, d.Text, tt.wantText)
			}
			if (tt.wantErr == "") != (d.Error == "") || !strings.Contains(d.Error, tt.wantErr) {
				t.Errorf("%s: Error = %q, want %q", tt.path, d.Error, tt.wantErr)
			}
		})
	}
}

// TestPageDrops: what a drop on the window hands the page (issue 10), and
// what Go opens itself (issue 12).
func TestPageDrops(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	folderLikeSRT := filepath.Join(dir, "subs.srt")
	if err := os.Mkdir(folderLikeSRT, 0o700); err != nil {
		t.Fatal(err)
	}
	const cue = "1\n00:00:01,000 --> 00:00:02,000\nHi\n"
	srt, ass := write("film.en.srt", cue), write("film.ASS", "[Script Info]\n")
	notes, sub := write("notes.txt", "hello"), write("film.sub", "{1}{2}Hi")
	video := write("film.mkv", "x")
	refused := "it is not a video, a folder or a subtitle file (.ass, .srt, .ssa, .vtt)"
	type drop struct{ name, text, err string }
	for _, tt := range []struct {
		name  string
		paths []string
		want  []drop // nil: Go opens the first path
	}{
		{"nothing", nil, nil},
		{"a folder opens", []string{dir}, nil},
		{"a folder named like a subtitle file opens", []string{folderLikeSRT}, nil},
		{"a video opens", []string{video}, nil},
		{"a missing video still goes to Go, which says so", []string{filepath.Join(dir, "gone.mp4")}, nil},
		{"a video first opens, whatever follows", []string{video, srt}, nil},
		{"a subtitle file is read", []string{srt}, []drop{{"film.en.srt", cue, ""}}},
		{"an ASS file is read", []string{ass}, []drop{{"film.ASS", "[Script Info]\n", ""}}},
		{"any other file is refused", []string{notes}, []drop{{"notes.txt", "", refused}}},
		{"a subtitle kind Reel does not read is refused", []string{sub}, []drop{{"film.sub", "", refused}}},
		{"subtitle files dragged together all go", []string{srt, ass, notes}, []drop{{"film.en.srt", cue, ""}, {"film.ASS", "[Script Info]\n", ""}, {"notes.txt", "", refused}}},
		{"a video after a subtitle file is left out", []string{srt, video, dir}, []drop{{"film.en.srt", cue, ""}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []drop
			for _, d := range pageDrops(tt.paths) {
				got = append(got, drop{d.Name, d.Text, d.Error})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q: to the page %q, want %q", tt.paths, got, tt.want)
			}
		})
	}
}
