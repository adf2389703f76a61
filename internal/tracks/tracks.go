// Package tracks answers what a player offers to choose in one video
// (issue 10): its audio and subtitle tracks and its chapters, read by
// internal/probe, and the text of its embedded subtitle tracks, extracted
// with ffmpeg in one pass per file (every text track at once) and cached
// on disk by (path, size, modification time), like the posters. While
// the pass runs, the cues extracted so far can be read (SubtitlePart), so
// a film's first cues show long before ffmpeg has read its last byte.
//
// SRT and mov_text tracks come out as WebVTT (converted by
// internal/subtitles), WebVTT as it is, ASS and SSA as their own text for
// an ASS renderer. Picture subtitles (PGS, VobSub, DVB) are not extracted.
package tracks

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"reel/internal/ffmpegbin"
	"reel/internal/library"
	"reel/internal/probe"
	"reel/internal/proc"
	"reel/internal/subtitles"
)

// Errors of Subtitle.
var (
	// ErrNoTrack means the video has no subtitle track of that number.
	ErrNoTrack = errors.New("tracks: no such subtitle track")
	// ErrImage means the track is pictures (PGS, VobSub, DVB), which Reel
	// cannot show as text.
	ErrImage = errors.New("tracks: picture subtitles cannot be shown as text")
	// ErrNoFFmpeg means ffmpeg, which extracts embedded subtitles, is missing.
	ErrNoFFmpeg = errors.New("tracks: embedded subtitles need ffmpeg, which is not installed")
	// ErrExtract means ffmpeg failed to read the subtitles of the file.
	ErrExtract = errors.New("tracks: ffmpeg could not read the subtitles")
)

// Files opens videos by id through the library's os.Root.
type Files interface {
	Describe(id string) (library.Video, error)
	OpenFile(id string) (*os.File, os.FileInfo, error)
}

// Service reads layouts and extracts embedded subtitles.
type Service struct {
	files   Files
	dir     string
	ffmpeg  string
	ffprobe probe.FFprobe
	sem     chan struct{} // extractions at a time
	ctx     context.Context
	cancel  context.CancelFunc

	mu      sync.Mutex
	layouts map[string]probe.Layout // by cache key; a layout is small
	runs    map[string]*run
}

// run is one extraction pass, shared by every request for the file.
type run struct {
	done chan struct{}
	err  error
	// work is the folder ffmpeg writes into (raw names) until the pass
	// ends and it becomes the cache folder; SubtitlePart reads it meanwhile.
	work string
}

// New returns a service caching extracted subtitles in dir. Without
// ffmpeg and ffprobe on PATH (or beside the executable) layouts of MP4 and
// Matroska still work; extraction answers ErrNoFFmpeg.
func New(files Files, dir string) (*Service, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("tracks: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Service{files: files, dir: dir, sem: make(chan struct{}, 2), ctx: ctx, cancel: cancel,
		layouts: map[string]probe.Layout{}, runs: map[string]*run{}}
	s.ffmpeg, _ = ffmpegbin.Find("ffmpeg")
	s.ffprobe, _ = probe.FindFFprobe()
	return s, nil
}

// Close stops the extractions under way.
func (s *Service) Close() { s.cancel() }

// HasFFmpeg reports whether embedded subtitles can be extracted.
func (s *Service) HasFFmpeg() bool { return s.ffmpeg != "" }

// key names a file's version: its path, size and modification time.
func key(v library.Video) string {
	sum := sha256.Sum256([]byte(v.AbsPath + "\x00" + strconv.FormatInt(v.Size, 10) + "\x00" + strconv.FormatInt(v.ModTime.UnixNano(), 10)))
	return hex.EncodeToString(sum[:16])
}

// Layout returns the tracks and chapters of the video id.
func (s *Service) Layout(ctx context.Context, id string) (probe.Layout, error) {
	v, err := s.files.Describe(id)
	if err != nil {
		return probe.Layout{}, err
	}
	k := key(v)
	s.mu.Lock()
	l, ok := s.layouts[k]
	s.mu.Unlock()
	if ok {
		return l, nil
	}
	f, info, err := s.files.OpenFile(id)
	if err != nil {
		return probe.Layout{}, err
	}
	defer f.Close()
	l, err = probe.ReadLayout(ctx, s.ffprobe, f, info.Size())
	if err != nil {
		return probe.Layout{}, err
	}
	s.mu.Lock()
	if len(s.layouts) > 1000 {
		clear(s.layouts) // a cache, not a record: a long session starts it over
	}
	s.layouts[k] = l
	s.mu.Unlock()
	return l, nil
}

// FileName is the name of text track t in a cache folder: N.vtt, or
// N.ass for ASS and SSA.
func FileName(t probe.SubtitleTrack) string {
	if t.Format == "ass" || t.Format == "ssa" {
		return strconv.Itoa(t.Index) + ".ass"
	}
	return strconv.Itoa(t.Index) + ".vtt"
}

// completeName marks a cache folder whose extraction finished.
const completeName = "complete"

// Prefetch starts extracting the text tracks of the video id, if it has
// any, without waiting: the player asks for the layout on open, and the
// cues are ready sooner.
func (s *Service) Prefetch(id string, l probe.Layout) {
	if s.ffmpeg == "" || !hasText(l) {
		return
	}
	v, err := s.files.Describe(id)
	if err != nil {
		return
	}
	s.start(id, v, l)
}

func hasText(l probe.Layout) bool {
	for _, t := range l.Subtitles {
		if t.Text() {
			return true
		}
	}
	return false
}

// Subtitle returns the text of subtitle track n of the video id and its
// format ("vtt" or "ass"), waiting for the file's extraction, which
// extracts every text track at once, while ctx allows.
func (s *Service) Subtitle(ctx context.Context, id string, n int) ([]byte, string, error) {
	t, v, l, err := s.track(ctx, id, n)
	if err != nil {
		return nil, "", err
	}
	dir := filepath.Join(s.dir, key(v))
	if _, err := os.Stat(filepath.Join(dir, completeName)); err != nil {
		if s.ffmpeg == "" {
			return nil, "", ErrNoFFmpeg
		}
		r := s.start(id, v, l)
		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, "", ctx.Err()
		}
		if r.err != nil {
			return nil, "", r.err
		}
	}
	data, err := readAtMost(filepath.Join(dir, FileName(t)))
	if err != nil {
		return nil, "", err
	}
	return data, format(t), nil
}

// start returns the extraction of v, starting it unless one runs.
func (s *Service) start(id string, v library.Video, l probe.Layout) *run {
	k := key(v)
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.runs[k]; ok {
		select {
		case <-r.done:
			if r.err == nil {
				return r
			}
			// A failed run is tried again on the next request.
		default:
			return r
		}
	}
	r := &run{done: make(chan struct{})}
	s.runs[k] = r
	work, err := os.MkdirTemp(s.dir, ".extract-*")
	if err != nil {
		r.err = fmt.Errorf("tracks: %w", err)
		close(r.done)
		return r
	}
	r.work = work
	go func() {
		defer close(r.done)
		defer os.RemoveAll(work) // gone already when the pass made it the cache folder
		r.err = s.extract(id, work, filepath.Join(s.dir, k), l)
	}()
	return r
}

// extractTimeout bounds one extraction: ffmpeg reads the whole file, which
// for a 50 GB film on a slow disk takes minutes.
const extractTimeout = 15 * time.Minute

func (s *Service) extract(id, work, dir string, l probe.Layout) error {
	if _, err := os.Stat(filepath.Join(dir, completeName)); err == nil {
		return nil // another Reel, or an earlier run, made it
	}
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
	f, _, err := s.files.OpenFile(id)
	if err != nil {
		return err
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(s.ctx, extractTimeout)
	defer cancel()
	return extractInto(ctx, s.ffmpeg, f, l.Subtitles, work, dir)
}

// Extract writes every text track of tracks, read from the open file f in
// one ffmpeg pass, into dir (FileName names each), then marks dir
// complete. Files appear whole or not at all: ffmpeg writes into a
// temporary folder that is renamed into place.
func Extract(ctx context.Context, ffmpeg string, f *os.File, tracks []probe.SubtitleTrack, dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".extract-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	return extractInto(ctx, ffmpeg, f, tracks, tmp, dir)
}

// extractInto is Extract with ffmpeg writing into the folder tmp, beside
// dir, where SubtitlePart reads the cues while the pass runs.
func extractInto(ctx context.Context, ffmpeg string, f *os.File, tracks []probe.SubtitleTrack, tmp, dir string) error {
	input, extra := proc.Input(f)
	// -copyts: the cues keep the file's own times, which are the player's;
	// without it ffmpeg shifts them by the file's start (AAC's priming
	// makes that -21 ms in ffmpeg's own MKVs).
	args := []string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-copyts", "-i", input}
	var text []probe.SubtitleTrack
	for _, t := range tracks {
		if !t.Text() {
			continue
		}
		text = append(text, t)
		// -flush_packets 1: each cue reaches the file as it is muxed, for
		// SubtitlePart. Without it a muxer holds 32 KiB (AVIOContext's
		// buffer) before its first write: half the cues of a film, which
		// ffmpeg finds only as it reads on through the file.
		args = append(args, "-map", "0:s:"+strconv.Itoa(t.Index), "-flush_packets", "1")
		out := filepath.Join(tmp, raw(t))
		switch t.Format {
		case "ass", "ssa":
			args = append(args, "-c:s", "copy", "-f", "ass", out)
		case "vtt":
			args = append(args, "-c:s", "webvtt", "-f", "webvtt", out)
		default: // srt, mov_text: SRT, which internal/subtitles turns into WebVTT
			args = append(args, "-c:s", "srt", "-f", "srt", out)
		}
	}
	if len(text) == 0 {
		return ErrNoTrack
	}
	// The pass starts while the window's answer to GET /api/tracks is
	// written: inheriting its pipe, ffmpeg would hold the track list back
	// until the pass ends (proc.CloseInherited).
	cmd := proc.Command(ctx, ffmpeg, args...)
	cmd.ExtraFiles = extra
	// Bounded: a damaged file can make ffmpeg complain once per packet.
	var stderr ffmpegbin.Tail
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: %s", ErrExtract, cmp.Or(stderr.Last(), err.Error()))
	}
	for _, t := range text {
		if err := finish(tmp, t); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, completeName), nil, 0o600); err != nil {
		return err
	}
	os.RemoveAll(dir) // an unfinished folder of an earlier run
	return os.Rename(tmp, dir)
}

// raw is the file ffmpeg writes track t to.
func raw(t probe.SubtitleTrack) string {
	switch t.Format {
	case "ass", "ssa":
		return FileName(t)
	case "vtt":
		return FileName(t)
	}
	return strconv.Itoa(t.Index) + ".srt"
}

// finish turns what ffmpeg wrote for t into FileName(t). A track with no
// cue is an empty file to ffmpeg; it becomes a WebVTT file with none.
func finish(dir string, t probe.SubtitleTrack) error {
	p := filepath.Join(dir, raw(t))
	data, err := readAtMost(p)
	if errors.Is(err, subtitles.ErrTooLarge) {
		return fmt.Errorf("%w: track %d: %v", ErrExtract, t.Index, err)
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	switch t.Format {
	case "ass", "ssa":
		return nil
	case "vtt":
		if len(bytes.TrimSpace(data)) == 0 {
			return os.WriteFile(p, []byte("WEBVTT\n"), 0o600)
		}
		return nil
	}
	vtt := []byte("WEBVTT\n")
	if len(bytes.TrimSpace(data)) > 0 {
		if vtt, err = subtitles.ToVTT(data, "srt"); err != nil {
			return fmt.Errorf("%w: track %d: %v", ErrExtract, t.Index, err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, FileName(t)), vtt, 0o600); err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// readAtMost reads the file at path, refusing one over subtitles.MaxBytes.
func readAtMost(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return subtitles.ReadAll(f)
}
