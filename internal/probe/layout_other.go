package probe

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
)

// isoSubtitles maps the sample entry types of MP4 subtitle tracks to
// formats: 3GPP timed text (FFmpeg's mov_text) and WebVTT in ISO (ISO/IEC
// 14496-30). QuickTime "text" entries are chapter tracks as FFmpeg writes
// them, which FFmpeg lists as data, not subtitles.
var isoSubtitles = map[string]string{"tx3g": "mov_text", "wvtt": "vtt"}

// isoLanguage reads an mdhd language: three 5-bit letters, each stored
// as its value minus 0x60 (ISO/IEC 14496-12 §8.4.2.3).
func isoLanguage(packed [3]byte) string {
	var b [3]byte
	for i, c := range packed {
		if c < 1 || c > 26 {
			return ""
		}
		b[i] = c + 0x60
	}
	return cleanLanguage(string(b[:]))
}

// mp4Layout lists the audio and subtitle tracks of an MP4 or MOV file.
// A track is the default one when tkhd marks it enabled, as FFmpeg reads
// it.
func mp4Layout(src *source) (Layout, error) {
	var info Info
	m, err := readMP4(src, &info)
	if err != nil {
		return Layout{}, err
	}
	var l Layout
	for _, t := range m.tracks {
		switch {
		case t.kind() == "soun" && len(l.Audio) < maxTracks:
			codec := isoCodec(isoAudio, objectTypeAudio, t.fourcc, t.oti)
			l.Audio = append(l.Audio, AudioTrack{Index: len(l.Audio), Codec: codec, Language: t.language,
				Channels: t.audioChannels(codec), Default: t.enabled})
		case isoSubtitles[t.fourcc] != "" && len(l.Subtitles) < maxTracks:
			format := isoSubtitles[t.fourcc]
			l.Subtitles = append(l.Subtitles, SubtitleTrack{Index: len(l.Subtitles), Format: format, Kind: subtitleKind(format),
				Language: t.language, Default: t.enabled})
		}
	}
	// FFmpeg marks only the first enabled track of a kind as default.
	firstDefault(l.Audio, func(t *AudioTrack) *bool { return &t.Default })
	firstDefault(l.Subtitles, func(t *SubtitleTrack) *bool { return &t.Default })
	return l, nil
}

// firstDefault keeps the default flag on the first track that has it.
func firstDefault[T any](tracks []T, flag func(*T) *bool) {
	seen := false
	for i := range tracks {
		f := flag(&tracks[i])
		if *f && seen {
			*f = false
		}
		seen = seen || *f
	}
}

// ffprobeLayoutAnswer is the part of `ffprobe -show_streams
// -show_chapters` a Layout needs.
type ffprobeLayoutAnswer struct {
	Streams []struct {
		CodecType   string            `json:"codec_type"`
		CodecName   string            `json:"codec_name"`
		Channels    int               `json:"channels"`
		Tags        map[string]string `json:"tags"`
		Disposition map[string]int    `json:"disposition"`
	} `json:"streams"`
	Chapters []struct {
		StartTime string            `json:"start_time"`
		EndTime   string            `json:"end_time"`
		Tags      map[string]string `json:"tags"`
	} `json:"chapters"`
}

// layout runs ffprobe on f for its streams' languages, titles and flags
// and its chapters.
func (p FFprobe) layout(ctx context.Context, f *os.File) (Layout, error) {
	out, err := p.run(ctx, f, "-show_streams", "-show_chapters")
	if err != nil {
		return Layout{}, err
	}
	return parseFFprobeLayout(out)
}

// parseFFprobeLayout reads ffprobe's JSON answer into a Layout.
func parseFFprobeLayout(data []byte) (Layout, error) {
	var a ffprobeLayoutAnswer
	if err := json.Unmarshal(data, &a); err != nil {
		return Layout{}, fmt.Errorf("%w: ffprobe answer: %v", ErrMalformed, err)
	}
	var l Layout
	for _, s := range a.Streams {
		lang, title := cleanLanguage(s.Tags["language"]), cleanTitle(s.Tags["title"])
		switch s.CodecType {
		case "audio":
			if len(l.Audio) < maxTracks {
				l.Audio = append(l.Audio, AudioTrack{Index: len(l.Audio), Codec: ffmpegCodec(s.CodecName), Language: lang,
					Channels: s.Channels, Title: title, Default: s.Disposition["default"] != 0})
			}
		case "subtitle":
			if len(l.Subtitles) < maxTracks {
				format := cmp.Or(ffmpegSubtitleFormats[s.CodecName], s.CodecName)
				l.Subtitles = append(l.Subtitles, SubtitleTrack{Index: len(l.Subtitles), Format: format, Kind: subtitleKind(format),
					Language: lang, Title: title, Default: s.Disposition["default"] != 0, Forced: s.Disposition["forced"] != 0})
			}
		}
	}
	for _, c := range a.Chapters {
		if len(l.Chapters) == maxChapters {
			break
		}
		start, err1 := strconv.ParseFloat(c.StartTime, 64)
		end, err2 := strconv.ParseFloat(c.EndTime, 64)
		if err1 != nil || err2 != nil || start < 0 || start > 1e9 {
			continue
		}
		l.Chapters = append(l.Chapters, Chapter{Start: start, End: max(end, start), Title: cleanTitle(c.Tags["title"])})
	}
	return l, nil
}
