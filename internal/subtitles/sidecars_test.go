package subtitles

import (
	"slices"
	"testing"
)

func TestSidecars(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		video string
		names []string
		want  []Track
	}{
		{
			name:  "plain srt and vtt",
			video: "Movie.mkv",
			names: []string{"Movie.mkv", "Movie.srt", "Movie.vtt", "Movie.txt", "Movie.nfo", "Other.srt"},
			want: []Track{
				{File: "Movie.srt", Lang: "", Label: "Subtitles", Format: "srt"},
				{File: "Movie.vtt", Lang: "", Label: "Subtitles", Format: "vtt"},
			},
		},
		{
			name:  "ass and ssa beside srt (issue 10)",
			video: "Movie.mkv",
			names: []string{"Movie.mkv", "Movie.en.ass", "Movie.SSA", "Movie.fr.srt", "Movie.ass.txt"},
			want: []Track{
				{File: "Movie.SSA", Label: "Subtitles", Format: "ssa"},
				{File: "Movie.en.ass", Lang: "en", Label: "English", Format: "ass"},
				{File: "Movie.fr.srt", Lang: "fr", Label: "French", Format: "srt"},
			},
		},
		{
			name:  "case-insensitive extension",
			video: "Movie.mkv",
			names: []string{"Movie.SRT", "Movie.en.Vtt"},
			want: []Track{
				{File: "Movie.SRT", Label: "Subtitles", Format: "srt"},
				{File: "Movie.en.Vtt", Lang: "en", Label: "English", Format: "vtt"},
			},
		},
		{
			name:  "two-letter code",
			video: "Movie.mp4",
			names: []string{"Movie.en.srt"},
			want:  []Track{{File: "Movie.en.srt", Lang: "en", Label: "English", Format: "srt"}},
		},
		{
			name:  "three-letter codes",
			video: "Movie.mp4",
			names: []string{"Movie.eng.srt", "Movie.fre.srt", "Movie.ger.srt"},
			want: []Track{
				{File: "Movie.eng.srt", Lang: "en", Label: "English", Format: "srt"},
				{File: "Movie.fre.srt", Lang: "fr", Label: "French", Format: "srt"},
				{File: "Movie.ger.srt", Lang: "de", Label: "German", Format: "srt"},
			},
		},
		{
			name:  "language names",
			video: "Movie.mp4",
			names: []string{"Movie.English.srt", "Movie.Deutsch.srt", "Movie.français.srt"},
			want: []Track{
				{File: "Movie.English.srt", Lang: "en", Label: "English", Format: "srt"},
				{File: "Movie.français.srt", Lang: "fr", Label: "French", Format: "srt"},
				{File: "Movie.Deutsch.srt", Lang: "de", Label: "German", Format: "srt"},
			},
		},
		{
			name:  "forced",
			video: "Movie.mkv",
			names: []string{"Movie.en.forced.srt", "Movie.forced.srt"},
			want: []Track{
				{File: "Movie.forced.srt", Label: "Subtitles (forced)", Format: "srt"},
				{File: "Movie.en.forced.srt", Lang: "en", Label: "English (forced)", Format: "srt"},
			},
		},
		{
			name:  "region and script subtags",
			video: "Movie.mkv",
			names: []string{"Movie.pt-BR.vtt", "Movie.zh_Hans.srt"},
			want: []Track{
				{File: "Movie.pt-BR.vtt", Lang: "pt-BR", Label: "Brazilian Portuguese", Format: "vtt"},
				{File: "Movie.zh_Hans.srt", Lang: "zh-Hans", Label: "Simplified Chinese", Format: "srt"},
			},
		},
		{
			name:  "hearing impaired",
			video: "Movie.mkv",
			names: []string{"Movie.en.sdh.srt", "Movie.es.hi.srt", "Movie.cc.srt"},
			want: []Track{
				{File: "Movie.cc.srt", Label: "Subtitles (SDH)", Format: "srt"},
				{File: "Movie.en.sdh.srt", Lang: "en", Label: "English (SDH)", Format: "srt"},
				{File: "Movie.es.hi.srt", Lang: "es", Label: "Spanish (SDH)", Format: "srt"},
			},
		},
		{
			name:  "hi alone is Hindi",
			video: "Movie.mkv",
			names: []string{"Movie.hi.srt"},
			want:  []Track{{File: "Movie.hi.srt", Lang: "hi", Label: "Hindi", Format: "srt"}},
		},
		{
			name:  "extra name part is the label",
			video: "Movie.mkv",
			names: []string{"Movie.Commentary.srt", "Movie.en.Commentary.forced.srt", "Movie.dir.srt"},
			want: []Track{
				{File: "Movie.Commentary.srt", Label: "Commentary", Format: "srt"},
				{File: "Movie.dir.srt", Label: "dir", Format: "srt"},
				{File: "Movie.en.Commentary.forced.srt", Lang: "en", Label: "English (Commentary, forced)", Format: "srt"},
			},
		},
		{
			name:  "no-language first then by label",
			video: "Show S01E02.mkv",
			names: []string{"Show S01E02.fr.srt", "Show S01E02.srt", "Show S01E02.de.srt", "Show S01E02.en.srt", "Show S01E02.en.forced.srt"},
			want: []Track{
				{File: "Show S01E02.srt", Label: "Subtitles", Format: "srt"},
				{File: "Show S01E02.en.srt", Lang: "en", Label: "English", Format: "srt"},
				{File: "Show S01E02.en.forced.srt", Lang: "en", Label: "English (forced)", Format: "srt"},
				{File: "Show S01E02.fr.srt", Lang: "fr", Label: "French", Format: "srt"},
				{File: "Show S01E02.de.srt", Lang: "de", Label: "German", Format: "srt"},
			},
		},
		{
			name:  "name prefix without dot does not match",
			video: "Movie.mkv",
			names: []string{"Movie2.srt", "Movies.en.srt", "Mov.srt"},
			want:  []Track{},
		},
		{
			name:  "video name case-insensitive",
			video: "movie.mkv",
			names: []string{"Movie.en.srt"},
			want:  []Track{{File: "Movie.en.srt", Lang: "en", Label: "English", Format: "srt"}},
		},
		{
			name:  "longer video name claims its sidecars",
			video: "Movie.mkv",
			names: []string{"Movie.mkv", "Movie.Part2.mkv", "Movie.Part2.srt", "Movie.Part2.en.srt", "Movie.en.srt"},
			want:  []Track{{File: "Movie.en.srt", Lang: "en", Label: "English", Format: "srt"}},
		},
		{
			name:  "longer video name in the same family",
			video: "Movie.Part2.mkv",
			names: []string{"Movie.mkv", "Movie.Part2.mkv", "Movie.Part2.srt", "Movie.en.srt"},
			want:  []Track{{File: "Movie.Part2.srt", Label: "Subtitles", Format: "srt"}},
		},
		{
			name:  "exact case beats folded case",
			video: "a.mkv",
			names: []string{"a.mkv", "A.mkv", "a.srt", "A.srt"},
			want:  []Track{{File: "a.srt", Label: "Subtitles", Format: "srt"}},
		},
		{
			name:  "no subtitles",
			video: "Movie.mkv",
			names: []string{"Movie.mkv", "cover.jpg"},
			want:  []Track{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Sidecars(tt.video, tt.names)
			if got == nil || !slices.Equal(got, tt.want) {
				t.Errorf("Sidecars(%q, %q)\n got %#v\nwant %#v", tt.video, tt.names, got, tt.want)
			}
		})
	}
}
