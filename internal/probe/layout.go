package probe

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/remko/go-mkvparse"
)

// Layout is what a player offers to choose in one file (issue 10): its
// audio tracks, its subtitle tracks and its chapters. Probe's Info keeps
// the codecs the library shows; Layout is read when a video is opened.
type Layout struct {
	Audio     []AudioTrack    `json:"audio"`
	Subtitles []SubtitleTrack `json:"subtitles"`
	Chapters  []Chapter       `json:"chapters"`
}

// AudioTrack is one audio track of a file.
type AudioTrack struct {
	// Index is the track's place among the file's audio tracks, from 0:
	// FFmpeg's stream specifier 0:a:Index, and the engine's AudioTrackList
	// order.
	Index    int    `json:"index"`
	Codec    string `json:"codec"`    // as Info.AudioCodec: "aac", "ac3", "opus", ...
	Language string `json:"language"` // as the file says: "eng", "fre", "en-US"; "" when unknown or "und"
	Channels int    `json:"channels,omitempty"`
	Title    string `json:"title,omitempty"`
	Default  bool   `json:"default"`
}

// SubtitleTrack is one subtitle track of a file.
type SubtitleTrack struct {
	// Index is the track's place among the file's subtitle tracks, from
	// 0: FFmpeg's stream specifier 0:s:Index.
	Index int `json:"index"`
	// Format is "srt", "ass", "ssa", "vtt", "mov_text" (text), "pgs",
	// "vobsub", "dvb" (pictures), or FFmpeg's codec name for others.
	Format   string `json:"format"`
	Kind     string `json:"kind"` // "text" or "image"
	Language string `json:"language"`
	Title    string `json:"title,omitempty"`
	Default  bool   `json:"default"`
	Forced   bool   `json:"forced"`
}

// Chapter is one chapter: start and end in seconds, and its title.
type Chapter struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	Title string  `json:"title"`
}

// Text reports whether the track is text that can be converted to WebVTT
// or shown as ASS, rather than pictures.
func (t SubtitleTrack) Text() bool { return t.Kind == "text" }

// maxChapters bounds the chapters Layout lists; a crafted file may
// declare millions.
const maxChapters = 1000

// maxTitle bounds a track or chapter title, in bytes.
const maxTitle = 256

// subtitleFormats maps Matroska subtitle CodecIDs to formats
// (https://www.matroska.org/technical/codec_specs.html, "Subtitle Codec
// Mappings").
var subtitleFormats = map[string]string{
	"S_TEXT/UTF8":   "srt",
	"S_TEXT/ASCII":  "srt",
	"S_TEXT/ASS":    "ass",
	"S_ASS":         "ass",
	"S_TEXT/SSA":    "ssa",
	"S_SSA":         "ssa",
	"S_TEXT/WEBVTT": "vtt",
	// WebM's WebVTT (https://www.webmproject.org/docs/container/#webvtt),
	// which FFmpeg's Matroska muxer writes in MKVs too.
	"D_WEBVTT/SUBTITLES":    "vtt",
	"D_WEBVTT/CAPTIONS":     "vtt",
	"D_WEBVTT/DESCRIPTIONS": "vtt",
	"S_HDMV/PGS":            "pgs",
	"S_VOBSUB":              "vobsub",
	"S_DVBSUB":              "dvb",
	"S_HDMV/TEXTST":         "textst",
	"S_KATE":                "kate",
}

// ffmpegSubtitleFormats maps FFmpeg's subtitle codec names to formats.
var ffmpegSubtitleFormats = map[string]string{
	"subrip": "srt", "srt": "srt", "ass": "ass", "ssa": "ssa", "webvtt": "vtt", "mov_text": "mov_text",
	"hdmv_pgs_subtitle": "pgs", "dvd_subtitle": "vobsub", "dvb_subtitle": "dvb", "text": "srt",
}

// textFormats are the subtitle formats made of text, which Reel shows.
var textFormats = map[string]bool{"srt": true, "ass": true, "ssa": true, "vtt": true, "mov_text": true}

func subtitleKind(format string) string {
	if textFormats[format] {
		return "text"
	}
	return "image"
}

// cleanLanguage drops "und" and "zxx" (undetermined, no linguistic
// content: ISO 639-2) and anything that cannot be a language tag.
func cleanLanguage(s string) string {
	s = strings.TrimSpace(s)
	if s == "und" || s == "zxx" || s == "mis" || len(s) > 35 {
		return ""
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return ""
		}
	}
	return s
}

// cleanTitle trims a title and bounds its length, cutting at a rune.
func cleanTitle(s string) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if len(s) <= maxTitle {
		return s
	}
	cut := maxTitle
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut]
}

// ReadLayout reads the audio tracks, subtitle tracks and chapters of the
// open file f of the given size. Matroska and WebM are read in Go, as are
// the tracks of MP4 and MOV; with ff.Path set, ffprobe reads the chapters
// of MP4 (go-mp4 has no chapter boxes) and everything of the containers
// only it reads (see ProbeWith). Without ffprobe those come back empty
// with ErrUnsupported.
func ReadLayout(ctx context.Context, ff FFprobe, f *os.File, size int64) (l Layout, err error) {
	defer func() {
		if v := recover(); v != nil {
			l, err = Layout{}, fmt.Errorf("%w: parser panic: %v", ErrMalformed, v)
		}
	}()
	src := newSource(f, size)
	defer src.release()
	head := make([]byte, sniffSize)
	n, rerr := src.ReadAt(head, 0)
	if rerr != nil && rerr != io.EOF && rerr != io.ErrUnexpectedEOF {
		return Layout{}, rerr
	}
	if n < 8 {
		return Layout{}, fmt.Errorf("%w: %d bytes", ErrTruncated, n)
	}
	kind, container := sniff(head[:n], strings.ToLower(filepath.Ext(f.Name())))
	switch kind {
	case kindEBML:
		l, err = matroskaLayout(src)
	case kindISO:
		l, err = mp4Layout(src)
		if err == nil && ff.Path != "" {
			// Chapters of MP4 (a QuickTime chapter track or Nero's chpl)
			// come from ffprobe; without it the file simply has none.
			if fl, ferr := ff.layout(ctx, f); ferr == nil {
				l.Chapters = fl.Chapters
			}
		}
	case kindOther:
		if ff.Path == "" || !ffprobeContainers[container] {
			return Layout{}, fmt.Errorf("%w: %s", ErrUnsupported, container)
		}
		l, err = ff.layout(ctx, f)
	default:
		return Layout{}, ErrUnrecognized
	}
	if err != nil {
		return Layout{}, err
	}
	l.normalize()
	return l, nil
}

// normalize gives the lists their JSON form ([] rather than null) and
// fills chapter ends that the file leaves out with the next start.
func (l *Layout) normalize() {
	if l.Audio == nil {
		l.Audio = []AudioTrack{}
	}
	if l.Subtitles == nil {
		l.Subtitles = []SubtitleTrack{}
	}
	if l.Chapters == nil {
		l.Chapters = []Chapter{}
	}
	for i := range l.Chapters {
		c := &l.Chapters[i]
		if c.End <= c.Start && i+1 < len(l.Chapters) {
			c.End = l.Chapters[i+1].Start
		}
	}
}

// matroskaLayout runs the Matroska reader up to the first Cluster,
// collecting the tracks' languages, names and flags and the chapters of
// the first edition.
func matroskaLayout(src *source) (Layout, error) {
	m := &matroskaReader{src: src, scale: defaultTimestampScale, layout: true}
	err := mkvparse.Parse(src, m)
	switch {
	case errors.Is(err, errStop), err == nil && m.tracksDone:
	case err == nil:
		return Layout{}, fmt.Errorf("%w: no complete Tracks element", ErrTruncated)
	default:
		return Layout{}, boxError(err)
	}
	if !m.tracksDone {
		return Layout{}, fmt.Errorf("%w: no Tracks element before the first Cluster", ErrMalformed)
	}
	var l Layout
	for _, t := range m.tracks {
		lang := cleanLanguage(t.languageIETF)
		if lang == "" {
			// Language defaults to "eng" where the element is absent
			// (RFC 9559 §5.1.4.1.19); writers that mean "unknown" say "und".
			lang = cleanLanguage(cmp.Or(t.language, "eng"))
		}
		switch t.kind {
		case 2:
			if len(l.Audio) == maxTracks {
				continue
			}
			channels := int(min(max(t.channels, 0), 255))
			l.Audio = append(l.Audio, AudioTrack{Index: len(l.Audio), Codec: matroskaCodec(t.codecID, t.private),
				Language: lang, Channels: channels, Title: cleanTitle(t.name), Default: !t.notDefault})
		case 17:
			if len(l.Subtitles) == maxTracks {
				continue
			}
			format, ok := subtitleFormats[t.codecID]
			if !ok {
				format = strings.ToLower(strings.TrimPrefix(t.codecID, "S_"))
			}
			l.Subtitles = append(l.Subtitles, SubtitleTrack{Index: len(l.Subtitles), Format: format, Kind: subtitleKind(format),
				Language: lang, Title: cleanTitle(t.name), Default: !t.notDefault, Forced: t.forced})
		}
	}
	l.Chapters = m.chapters
	return l, nil
}
