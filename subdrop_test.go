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
