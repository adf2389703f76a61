package subtitles

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"reel/internal/rules"
)

// MaxBytes bounds one subtitle track (rules.MaxSubtitleBytes): a crafted
// file must not make Reel read gigabytes (issue 11).
const MaxBytes = rules.MaxSubtitleBytes

// ReadAll reads a subtitle track from r, refusing one over MaxBytes with
// ErrTooLarge without reading more than one byte past it.
func ReadAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, ErrTooLarge
	}
	return data, nil
}

var (
	// ErrTooLarge is said of a subtitle track over MaxBytes.
	ErrTooLarge = fmt.Errorf("subtitles: a track over %d MiB", MaxBytes>>20)

	// ErrUnsupportedFormat is returned by ToVTT for a format other than
	// "srt" or "vtt".
	ErrUnsupportedFormat = errors.New("subtitles: unsupported format")

	// ErrNotWebVTT is returned by ToVTT for "vtt" data that does not start
	// with the WEBVTT signature.
	ErrNotWebVTT = errors.New("subtitles: not a WebVTT file")

	// ErrNoCues is returned by ToVTT for a non-empty "srt" file in which not
	// one cue could be parsed.
	ErrNoCues = errors.New("subtitles: no cues found")
)

// ToVTT converts subtitle data in format ("srt" or "vtt", in any case) to
// WebVTT UTF-8 text with LF line endings.
//
// The text encoding is detected, not declared: a UTF-8 or UTF-16 byte order
// mark is honoured, valid UTF-8 is taken as such, and anything else is read
// as Windows-1252.
//
// SRT input is parsed leniently. Cues with malformed timings are skipped,
// tags other than <i>, <b> and <u> are removed, and ASS override codes such
// as {\an8} are dropped; only a non-empty file with no usable cue at all is
// an error (ErrNoCues). An empty file gives a WebVTT file with no cues.
//
// WebVTT input is checked for its signature (ErrNotWebVTT) and passed
// through with its encoding and line endings normalised.
//
// ToVTT holds the whole file in memory; callers should bound the size of
// data they read.
func ToVTT(data []byte, format string) ([]byte, error) {
	format = strings.ToLower(format)
	if format != "srt" && format != "vtt" {
		return nil, fmt.Errorf("%w: %q", ErrUnsupportedFormat, format)
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("subtitles: decoding %s: %w", format, err)
	}
	if format == "vtt" {
		return checkWebVTT(text)
	}
	return srtToWebVTT(text)
}

// checkWebVTT returns text if it starts with the WebVTT signature: "WEBVTT"
// alone or followed by a space, tab or line break (WebVTT §4.1).
func checkWebVTT(text string) ([]byte, error) {
	rest, ok := strings.CutPrefix(text, "WEBVTT")
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n') {
		return nil, ErrNotWebVTT
	}
	return []byte(text), nil
}

func srtToWebVTT(text string) ([]byte, error) {
	cues := parseSRT(text)
	if len(cues) == 0 && strings.TrimSpace(text) != "" {
		return nil, ErrNoCues
	}
	var b strings.Builder
	b.Grow(len(text) + len(text)/8)
	b.WriteString("WEBVTT\n")
	for _, c := range cues {
		lines := cueText(c.lines)
		if lines == nil {
			continue
		}
		b.WriteString("\n")
		b.WriteString(formatTimestamp(c.start))
		b.WriteString(" --> ")
		b.WriteString(formatTimestamp(c.end))
		b.WriteString("\n")
		for _, l := range lines {
			b.WriteString(l)
			b.WriteString("\n")
		}
	}
	return []byte(b.String()), nil
}

// formatTimestamp formats ms as a WebVTT timestamp, "HH:MM:SS.mmm", with
// the hours always present and at least two digits wide.
func formatTimestamp(ms int64) string {
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}
