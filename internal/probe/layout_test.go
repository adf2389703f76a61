package probe

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReadLayout reads the tracks and chapters of issue 10's clips: the
// MKV in Go, the MP4's tracks in Go and its chapters through ffprobe, and
// the same MKV through ffprobe alone, which must agree with the Go reader.
func TestReadLayout(t *testing.T) {
	dir := corpus(t)
	ff, err := FindFFprobe()
	if err != nil {
		t.Fatalf("ffprobe: %v", err)
	}
	chapters := []Chapter{{0, 4, "Opening"}, {4, 8, "Middle part"}, {8, 12, "Credits"}}
	mkv := Layout{
		Audio: []AudioTrack{
			{Index: 0, Codec: "aac", Language: "eng", Channels: 1, Default: true},
			{Index: 1, Codec: "ac3", Language: "fre", Channels: 6, Title: "Commentaire"},
		},
		Subtitles: []SubtitleTrack{
			{Index: 0, Format: "srt", Kind: "text", Language: "eng"},
			{Index: 1, Format: "ass", Kind: "text", Language: "fre"},
		},
		Chapters: chapters,
	}
	tests := []struct {
		name string
		file string
		ff   FFprobe
		want Layout
	}{
		{"mkv in go", "mkv-tracks.mkv", FFprobe{}, mkv},
		{"mp4 tracks in go, chapters by ffprobe", "mp4-tracks.mp4", ff, Layout{
			Audio: []AudioTrack{
				{Index: 0, Codec: "aac", Language: "eng", Channels: 1, Default: true},
				{Index: 1, Codec: "aac", Language: "fre", Channels: 1},
			},
			Subtitles: []SubtitleTrack{{Index: 0, Format: "mov_text", Kind: "text", Language: "eng", Default: true}},
			Chapters:  chapters,
		}},
		{"mp4 without ffprobe has no chapters", "mp4-tracks.mp4", FFprobe{}, Layout{
			Audio: []AudioTrack{
				{Index: 0, Codec: "aac", Language: "eng", Channels: 1, Default: true},
				{Index: 1, Codec: "aac", Language: "fre", Channels: 1},
			},
			Subtitles: []SubtitleTrack{{Index: 0, Format: "mov_text", Kind: "text", Language: "eng", Default: true}},
			Chapters:  []Chapter{},
		}},
		{"mkv without subtitles or chapters", "mkv-h264-ac3.mkv", FFprobe{}, Layout{
			// ffmpeg writes FlagDefault 0 for a track it was not told is the default.
			Audio:     []AudioTrack{{Index: 0, Codec: "ac3", Channels: 1}},
			Subtitles: []SubtitleTrack{}, Chapters: []Chapter{},
		}},
		{"avi through ffprobe", "avi-h264-ac3.avi", ff, Layout{
			Audio:     []AudioTrack{{Index: 0, Codec: "ac3", Channels: 1}},
			Subtitles: []SubtitleTrack{}, Chapters: []Chapter{},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, _ := f.Stat()
			got, err := ReadLayout(context.Background(), tt.ff, f, st.Size())
			if err != nil {
				t.Fatalf("%s: ReadLayout: %v", tt.file, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s:\n got %+v\nwant %+v", tt.file, got, tt.want)
			}
		})
	}
}

// TestReadLayoutFFprobeAgrees checks the Go Matroska reader against
// ffprobe on the same file (languages, titles, flags, chapters).
func TestReadLayoutFFprobeAgrees(t *testing.T) {
	ff, err := FindFFprobe()
	if err != nil {
		t.Fatalf("ffprobe: %v", err)
	}
	f, err := os.Open(filepath.Join(corpus(t), "mkv-tracks.mkv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	goLayout, err := ReadLayout(context.Background(), FFprobe{}, f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	ffLayout, err := ff.layout(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	ffLayout.normalize()
	if !reflect.DeepEqual(goLayout, ffLayout) {
		t.Errorf("mkv-tracks.mkv: Go reads\n %+v\nffprobe reads\n %+v", goLayout, ffLayout)
	}
}

// TestReadLayoutBadInput: truncated, empty and unrecognised files give a
// clear error, never a panic.
func TestReadLayoutBadInput(t *testing.T) {
	dir := corpus(t)
	whole, err := os.ReadFile(filepath.Join(dir, "mkv-tracks.mkv"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrTruncated},
		{"ebml header only", whole[:40], ErrTruncated},
		{"cut in the tracks", whole[:300], ErrTruncated},
		{"text", []byte("this is not a video at all, only words"), ErrUnrecognized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "x.mkv")
			if err := os.WriteFile(p, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = ReadLayout(context.Background(), FFprobe{}, f, int64(len(tt.data)))
			if !errors.Is(err, tt.want) {
				t.Errorf("%s (%d bytes): err = %v, want %v", tt.name, len(tt.data), err, tt.want)
			}
		})
	}
}

// TestCleanLanguage: undetermined codes and junk read as no language.
func TestCleanLanguage(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"eng", "eng"}, {"fr-CA", "fr-CA"}, {"und", ""}, {"zxx", ""}, {" de ", "de"},
		{"e\x00g", ""}, {"<script>", ""}, {"a-very-long-tag-that-is-no-language-at-all", ""},
	} {
		if got := cleanLanguage(tt.in); got != tt.want {
			t.Errorf("cleanLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
