package tracks

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"reel/internal/library"
	"reel/internal/probe"
	"reel/internal/subtitles"
)

// Part is a subtitle track's text as far as its file's extraction has
// gone (issue 10: cues arrive as soon as they are ready).
type Part struct {
	// Text is the track's header (WebVTT's, or the ASS script's up to its
	// [Events] Format line) and its cues after the first `after` asked
	// for, whole cues only: WebVTT, or an ASS script. Empty for an ASS
	// track whose header ffmpeg has not written yet.
	Text []byte
	// Format is "vtt" or "ass".
	Format string
	// Cues counts the track's cues extracted so far, those left out of
	// Text included: the `after` of the next question.
	Cues int
	// Complete says the extraction is done: Cues are all there are.
	Complete bool
}

// pollEvery is how often a waiting SubtitlePart looks at the files ffmpeg
// is writing: a cue waits at most this long to be seen.
const pollEvery = 25 * time.Millisecond

// SubtitlePart answers subtitle track n of the video id as far as it is
// extracted, starting the extraction if none runs. It answers as soon as
// there are more than after cues or the extraction is done, and after
// wait at the latest with what there is (perhaps no new cue); it fails
// when ctx ends first. A cue that ffmpeg is still writing is never in the
// answer: its reader would show a half line, or miss the rest of it.
func (s *Service) SubtitlePart(ctx context.Context, id string, n, after int, wait time.Duration) (Part, error) {
	t, v, l, err := s.track(ctx, id, n)
	if err != nil {
		return Part{}, err
	}
	dir := filepath.Join(s.dir, key(v))
	final := filepath.Join(dir, FileName(t))
	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	var tick *time.Ticker
	var r *run
	last := cut(nil, format(t), after, false)
	seen := int64(-1) // the size of ffmpeg's file when last read; -1 while there is none
	for {
		if _, err := os.Stat(filepath.Join(dir, completeName)); err == nil {
			data, err := readAtMost(final)
			if err != nil {
				return Part{}, err
			}
			return cut(data, format(t), after, true), nil
		}
		if r == nil {
			if s.ffmpeg == "" {
				return Part{}, ErrNoFFmpeg
			}
			r = s.start(id, v, l)
			tick = time.NewTicker(pollEvery)
			defer tick.Stop()
		}
		select {
		case <-r.done:
			if r.err != nil {
				return Part{}, r.err
			}
			continue // the cache folder is there now
		default:
		}
		if p, size, err := soFar(r.work, t, seen); err != nil {
			return Part{}, err
		} else if size != seen {
			seen, last = size, cut(p, format(t), after, false)
			if last.Cues > after {
				return last, nil
			}
		}
		select {
		case <-r.done:
		case <-tick.C:
		case <-timeout.C:
			return last, nil
		case <-ctx.Done():
			return Part{}, ctx.Err()
		}
	}
}

// track is text subtitle track n of the video id, with the video and its layout.
func (s *Service) track(ctx context.Context, id string, n int) (probe.SubtitleTrack, library.Video, probe.Layout, error) {
	l, err := s.Layout(ctx, id)
	if err != nil {
		return probe.SubtitleTrack{}, library.Video{}, l, err
	}
	if n < 0 || n >= len(l.Subtitles) {
		return probe.SubtitleTrack{}, library.Video{}, l, ErrNoTrack
	}
	t := l.Subtitles[n]
	if !t.Text() {
		return t, library.Video{}, l, ErrImage
	}
	v, err := s.files.Describe(id)
	return t, v, l, err
}

// format is what track t is served as: "ass" or "vtt".
func format(t probe.SubtitleTrack) string {
	return strings.TrimPrefix(filepath.Ext(FileName(t)), ".")
}

// soFar reads what ffmpeg has written of track t into the folder work,
// unless its size is still seen: the whole cues as WebVTT (an SRT track
// converted) or an ASS script, and the file's size. A file not there (the
// pass waits its turn, ffmpeg has not opened its outputs yet, or the pass
// has just ended) answers nil and seen: nothing new.
func soFar(work string, t probe.SubtitleTrack, seen int64) ([]byte, int64, error) {
	path := filepath.Join(work, raw(t))
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		// Not yet, or the pass just ended and renamed the folder (the
		// caller looks again): what was read stays the answer.
		return nil, seen, nil
	}
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if st.Size() == seen {
		return nil, seen, nil
	}
	data, err := subtitles.ReadAll(f)
	if err != nil {
		return nil, 0, err
	}
	size := int64(len(data)) // what was read, which the file may have outgrown meanwhile
	return whole(data, t), size, nil
}

// whole keeps the cues of a file ffmpeg is still writing that it has
// finished writing, as FileName(t)'s format. ffmpeg's SRT muxer ends each
// cue with a blank line; its WebVTT muxer starts each with one, so a cue
// is known whole once the next has begun (the last waits for the pass to
// end); its ASS muxer writes the script's header, then one Dialogue line
// per cue, and nothing is of use before the header's [Events] Format line.
func whole(data []byte, t probe.SubtitleTrack) []byte {
	switch t.Format {
	case "ass", "ssa":
		end := assHeaderEnd(data)
		if end < 0 {
			return nil
		}
		return data[:end+bytes.LastIndexByte(data[end:], '\n')+1]
	case "vtt":
		return data[:bytes.LastIndex(data, []byte("\n\n"))+1]
	}
	srt := data[:bytes.LastIndex(data, []byte("\n\n"))+1]
	if len(bytes.TrimSpace(srt)) == 0 {
		return nil
	}
	vtt, err := subtitles.ToVTT(srt, "srt")
	if err != nil {
		return nil // what finish will say once the pass ends
	}
	return vtt
}

// assHeaderEnd is where the header of an ASS script ends: after the line
// break of the Format line in its [Events] section; -1 before that.
func assHeaderEnd(data []byte) int {
	ev := bytes.Index(data, []byte("[Events]"))
	if ev < 0 {
		return -1
	}
	for i := ev; ; {
		nl := bytes.IndexByte(data[i:], '\n')
		if nl < 0 {
			return -1
		}
		line := bytes.TrimSpace(data[i : i+nl])
		if bytes.HasPrefix(line, []byte("Format:")) {
			return i + nl + 1
		}
		i += nl + 1
	}
}

// cut is the Part of text (whole cues of a track served as format) that
// holds its header and the cues after the first after. A complete text
// asked for from its start is served as it is.
func cut(text []byte, format string, after int, complete bool) Part {
	p := Part{Format: format, Complete: complete}
	var head []byte
	var cues [][]byte
	if format == "ass" {
		head, cues = splitASS(text)
	} else {
		head, cues = splitVTT(text)
	}
	p.Cues = len(cues)
	switch {
	case after <= 0 && complete:
		p.Text = text
	case head == nil:
		// An ASS script without its header yet.
	default:
		var b bytes.Buffer
		b.Write(head)
		sep := []byte("\n")
		if format != "ass" {
			sep = []byte("\n\n")
		}
		for _, c := range cues[min(max(after, 0), len(cues)):] {
			b.Write(sep)
			b.Write(c)
		}
		b.WriteByte('\n')
		p.Text = b.Bytes()
	}
	return p
}

// splitVTT parts WebVTT text into its header (the blocks before the first
// cue: the signature, STYLE and REGION blocks) and its cue blocks.
// Comments (NOTE blocks) among the cues are left out. Empty text has the
// bare signature for a header.
func splitVTT(text []byte) (head []byte, cues [][]byte) {
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	var heads [][]byte
	for _, b := range bytes.Split(text, []byte("\n\n")) {
		b = bytes.Trim(b, "\n")
		switch {
		case len(b) == 0:
		case bytes.Contains(b, []byte("-->")):
			cues = append(cues, b)
		case len(cues) == 0:
			heads = append(heads, b)
		}
	}
	if len(heads) == 0 {
		return []byte("WEBVTT"), cues
	}
	return bytes.Join(heads, []byte("\n\n")), cues
}

// splitASS parts an ASS script into its header, through its [Events]
// Format line, and its Dialogue lines; nil for a script without its
// header.
func splitASS(text []byte) (head []byte, cues [][]byte) {
	end := assHeaderEnd(text)
	if end < 0 {
		return nil, nil
	}
	for _, line := range bytes.Split(text[end:], []byte("\n")) {
		line = bytes.TrimRight(line, "\r")
		if bytes.HasPrefix(line, []byte("Dialogue:")) {
			cues = append(cues, line)
		}
	}
	return bytes.TrimRight(text[:end], "\r\n"), cues
}
