package main

import (
	"os"
	"path/filepath"
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

// TestPageDrop: what a drop on the window hands the page (issue 10), and
// what Go opens itself (issue 12).
func TestPageDrop(t *testing.T) {
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
	for _, tt := range []struct {
		name     string
		path     string
		toPage   bool
		wantText string
		wantErr  string
	}{
		{"a folder opens", dir, false, "", ""},
		{"a folder named like a subtitle file opens", folderLikeSRT, false, "", ""},
		{"a video opens", write("film.mkv", "x"), false, "", ""},
		{"a missing video still goes to Go, which says so", filepath.Join(dir, "gone.mp4"), false, "", ""},
		{"a subtitle file is read", write("film.en.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n"), true, "1\n00:00:01,000 --> 00:00:02,000\nHi\n", ""},
		{"an ASS file is read", write("film.ASS", "[Script Info]\n"), true, "[Script Info]\n", ""},
		{"any other file is refused", write("notes.txt", "hello"), true, "", "it is not a video, a folder or a subtitle file (.ass, .srt, .ssa, .vtt)"},
		{"a subtitle kind Reel does not read is refused", write("film.sub", "{1}{2}Hi"), true, "", "not a video, a folder or a subtitle file"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, toPage := pageDrop(tt.path)
			if toPage != tt.toPage {
				t.Fatalf("%s: to the page %v, want %v", tt.path, toPage, tt.toPage)
			}
			if !toPage {
				return
			}
			if d.Name != filepath.Base(tt.path) || d.Text != tt.wantText {
				t.Errorf("%s: Name %q, Text %q; want %q, %q", tt.path, d.Name, d.Text, filepath.Base(tt.path), tt.wantText)
			}
			if (tt.wantErr == "") != (d.Error == "") || !strings.Contains(d.Error, tt.wantErr) {
				t.Errorf("%s: Error = %q, want %q", tt.path, d.Error, tt.wantErr)
			}
		})
	}
}
