package subtitles

import (
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"reel/internal/natsort"
	"reel/internal/rules"
)

// Track is one sidecar subtitle file beside a video.
type Track struct {
	File   string `json:"-"`      // file name inside the same directory as the video
	Lang   string `json:"lang"`   // BCP 47 code from the name ("en", "pt-BR"), or ""
	Label  string `json:"label"`  // "English", "English (forced)", the name's extra part, or "Subtitles"
	Format string `json:"format"` // "srt", "vtt", "ass" or "ssa"
}

// FormatOf is the subtitle format a file name's extension says ("srt",
// "vtt", "ass", "ssa"), or "" for any other file. The list is
// rules.SubtitleTypes, which the page reads too.
func FormatOf(name string) string {
	return rules.SubtitleFormat(name)
}

// Sidecars returns the subtitle tracks for videoName found among names, the
// file names of the video's directory.
//
// A sidecar is named after the video, with the extension .srt, .vtt, .ass or .ssa in
// any case, optionally with dot-separated parts between: a language
// ("movie.en.srt", "movie.eng.srt", "movie.English.srt", "movie.pt-BR.vtt"),
// "forced", "sdh" or "cc" (and "hi" after a language), and any other name,
// which becomes the label ("movie.Commentary.srt"). The video name is matched
// case-insensitively, as other players do, except that a file matching
// another video in names more closely is left to that video: with "Movie.mkv"
// and "Movie.Part2.mkv", "Movie.Part2.srt" belongs to the second.
//
// Tracks without a language come first, then tracks by label, then by file
// name, so the order is stable. The result is never nil, so that it encodes
// as a JSON array.
func Sidecars(videoName string, names []string) []Track {
	stem := strings.TrimSuffix(videoName, path.Ext(videoName))
	tracks := []Track{}
	for _, name := range names {
		format := FormatOf(name)
		if format == "" {
			continue
		}
		ext := path.Ext(name)
		sub := strings.TrimSuffix(name, ext)
		rest, exact, ok := matchStem(stem, sub)
		if !ok || claimedByOther(videoName, len(stem), exact, sub, names) {
			continue
		}
		lang, label := describe(rest)
		tracks = append(tracks, Track{File: name, Lang: lang, Label: label, Format: format})
	}
	slices.SortFunc(tracks, compareTracks)
	return tracks
}

// matchStem reports whether the subtitle stem sub belongs to the video stem
// stem: equal to it, or it followed by '.' and more. rest is what follows
// the '.', and exact whether the match is case-sensitive.
func matchStem(stem, sub string) (rest string, exact, ok bool) {
	if len(sub) < len(stem) || !strings.EqualFold(sub[:len(stem)], stem) {
		return "", false, false
	}
	exact = sub[:len(stem)] == stem
	rest = sub[len(stem):]
	if rest == "" {
		return "", exact, true
	}
	if rest[0] != '.' {
		return "", false, false
	}
	return rest[1:], exact, true
}

// claimedByOther reports whether another video in names is a better match
// for the subtitle stem sub than videoName, whose stem is stemLen bytes long
// and matched exactly or not: a longer stem wins, and at equal length an
// exact match beats a case-insensitive one.
func claimedByOther(videoName string, stemLen int, exact bool, sub string, names []string) bool {
	for _, other := range names {
		ext := path.Ext(other)
		if other == videoName || !rules.IsVideo(other) {
			continue
		}
		otherStem := strings.TrimSuffix(other, ext)
		_, otherExact, ok := matchStem(otherStem, sub)
		if !ok {
			continue
		}
		if len(otherStem) > stemLen || len(otherStem) == stemLen && otherExact && !exact {
			return true
		}
	}
	return false
}

// describe reads the language and label from the parts of a sidecar name
// between the video's name and the extension, such as "en.forced".
func describe(rest string) (lang, label string) {
	var (
		name        string
		extras      []string
		forced, sdh bool
	)
	for part := range strings.SplitSeq(rest, ".") {
		switch lower := strings.ToLower(part); {
		case part == "":
		case lower == "forced":
			forced = true
		// "sdh" is also an ISO 639-3 code and "hi" is Hindi, but in file names
		// they almost always mean subtitles for the deaf and hard of hearing.
		case lower == "sdh" || lower == "cc" || lower == "hi" && lang != "":
			sdh = true
		case lang == "":
			if lang, name = parseLanguage(part); lang == "" {
				extras = append(extras, part)
			}
		default:
			extras = append(extras, part)
		}
	}

	var quals []string
	switch {
	case lang != "":
		label, quals = name, extras
	case len(extras) > 0:
		label = strings.Join(extras, ".")
	default:
		label = "Subtitles"
	}
	if forced {
		quals = append(quals, "forced")
	}
	if sdh {
		quals = append(quals, "SDH")
	}
	if len(quals) > 0 {
		label += " (" + strings.Join(quals, ", ") + ")"
	}
	return lang, label
}

// parseLanguage returns the BCP 47 tag and English name of the language a
// file name part denotes, or "" if it denotes none. It accepts ISO 639 codes
// with optional subtags ("en", "eng", "pt-BR", "pt_BR", "zh-Hans") and the
// names of languages in English or in themselves ("English", "Deutsch").
//
// A tag is accepted only if it has an English name: language.Parse takes any
// well-formed three-letter code, and a part such as "dir" or "cut" should
// not become a language.
func parseLanguage(part string) (tag, name string) {
	if isLanguageCode(part) {
		t, err := language.Parse(strings.ReplaceAll(part, "_", "-"))
		if err != nil || t == language.Und {
			return "", ""
		}
		name := display.English.Tags().Name(t)
		if name == "" {
			return "", ""
		}
		return t.String(), name
	}
	if t, ok := languagesByName()[strings.ToLower(part)]; ok {
		return t.String(), display.English.Tags().Name(t)
	}
	return "", ""
}

// isLanguageCode reports whether part starts with a two- or three-letter
// subtag, as ISO 639 codes do, followed by nothing or by '-' or '_'.
func isLanguageCode(part string) bool {
	n := 0
	for n < len(part) && isASCIILetter(part[n]) {
		n++
	}
	return (n == 2 || n == 3) && (n == len(part) || part[n] == '-' || part[n] == '_')
}

// languagesByName maps lower-case language names, in English and in the
// language itself, to their tags.
var languagesByName = sync.OnceValue(func() map[string]language.Tag {
	m := make(map[string]language.Tag)
	add := func(name string, t language.Tag) {
		if name = strings.ToLower(name); name != "" {
			if _, dup := m[name]; !dup {
				m[name] = t
			}
		}
	}
	for _, t := range display.Supported.Tags() {
		add(display.English.Tags().Name(t), t)
		add(display.Self.Name(t), t)
	}
	return m
})

// compareTracks orders tracks with no language first, then by label.
func compareTracks(a, b Track) int {
	if (a.Lang == "") != (b.Lang == "") {
		if a.Lang == "" {
			return -1
		}
		return 1
	}
	if c := natsort.Compare(a.Label, b.Label); c != 0 {
		return c
	}
	return strings.Compare(a.File, b.File)
}
