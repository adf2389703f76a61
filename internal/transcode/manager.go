// Package transcode makes the streams of the rungs above direct play
// (issue 9): a file the page's engine cannot play as it is becomes HLS
// with fMP4 segments, remuxed, with its audio converted to AAC, or with
// its video converted to H.264, by ffmpeg.
//
// The playlist is exact and ready at once: its segments start at the
// file's own keyframes, read in Go (MP4 sample tables, Matroska Cues) or
// by ffprobe. Encoders start lazily at the segment a request needs and a
// seek far from a running one starts another at the keyframe before the
// target. Segments carry the file's own timestamps, so <video>.currentTime
// is the file's time. They are cached on disk under a size cap. No ffmpeg
// outlives the page closing the stream, the app quitting (its context), an
// idle stream, or a kill -9 of the app (PR_SET_PDEATHSIG on Linux).
package transcode

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"reel/internal/ffmpegbin"
	"reel/internal/probe"
	"reel/internal/proc"
)

// ErrNoFFmpeg reports that ffmpeg is not installed; InstallHint says how
// to install it.
var ErrNoFFmpeg = errors.New("transcode: ffmpeg is not installed")

// InstallHint says how to install ffmpeg on this system.
func InstallHint() string {
	switch runtime.GOOS {
	case "windows":
		return "Install ffmpeg (winget install ffmpeg), or put ffmpeg.exe and ffprobe.exe beside Reel, then restart Reel."
	case "darwin":
		return "Install ffmpeg (brew install ffmpeg), then restart Reel."
	}
	return "Install ffmpeg (sudo apt install ffmpeg, or your distribution's package), then restart Reel."
}

// Options configure a Manager.
type Options struct {
	// Dir holds the cached segments, one folder per file and rung.
	Dir string
	// MaxBytes caps the segments kept on disk; 0 means 2 GiB.
	MaxBytes int64
	// Idle stops the encoders of a stream nobody asked anything of for
	// this long; 0 means 60 s.
	Idle time.Duration
	// Trace, when set, gets a timed line per request, encoder start and
	// segment made: where a seek's time goes. Without it, New traces to
	// stderr when the environment has REEL_STREAM_TRACE=1.
	Trace io.Writer
}

// Manager owns the streams of one app run.
type Manager struct {
	ffmpeg, ffprobe string
	opt             Options
	ctx             context.Context
	cancel          context.CancelFunc
	started         atomic.Int64 // encoders started, for tests
	trace           *log.Logger  // nil: no tracing

	mu   sync.Mutex
	jobs map[string]*Job
	// openings dedups concurrent set-ups of the same stream.
	openings map[string]*opening
}

type opening struct {
	done chan struct{}
	job  *Job
	err  error
}

// New finds ffmpeg and ffprobe beside the executable or on PATH; without
// them it returns ErrNoFFmpeg.
func New(opt Options) (*Manager, error) {
	ffmpeg, err := ffmpegbin.Find("ffmpeg")
	if err != nil {
		return nil, ErrNoFFmpeg
	}
	ffprobe, err := ffmpegbin.Find("ffprobe")
	if err != nil {
		return nil, ErrNoFFmpeg
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 2 << 30
	}
	if opt.Idle <= 0 {
		opt.Idle = 60 * time.Second
	}
	if err := os.MkdirAll(opt.Dir, 0o700); err != nil {
		return nil, err
	}
	if opt.Trace == nil && os.Getenv("REEL_STREAM_TRACE") == "1" {
		opt.Trace = os.Stderr
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &Manager{ffmpeg: ffmpeg, ffprobe: ffprobe, opt: opt, ctx: ctx, cancel: cancel,
		jobs: map[string]*Job{}, openings: map[string]*opening{}}
	if opt.Trace != nil {
		m.trace = log.New(opt.Trace, "stream ", log.Lmicroseconds)
	}
	go m.reap()
	return m, nil
}

// tracef writes one trace line when tracing is on.
func (m *Manager) tracef(format string, args ...any) {
	if m.trace != nil {
		m.trace.Printf(format, args...)
	}
}

// Source is a file the library opened for a stream, with what the probe
// read of it.
type Source struct {
	ID      string
	File    *os.File
	Size    int64
	ModTime time.Time
	Info    probe.Info
}

// Job returns the stream of a file on a rung, setting it up (keyframes,
// playlist) on first use. open is called only then; the Job keeps the
// file it returns open until the Manager closes.
func (m *Manager) Job(ctx context.Context, id string, rung Rung, open func() (Source, error)) (*Job, error) {
	return m.JobAudio(ctx, id, rung, 0, open)
}

// JobAudio is Job with the file's audio track audio (0 the first; FFmpeg's
// 0:a:N) in place of the first: the player's audio switch where the
// engine has no AudioTrackList (issue 10).
func (m *Manager) JobAudio(ctx context.Context, id string, rung Rung, audio int, open func() (Source, error)) (*Job, error) {
	if audio < 0 {
		audio = 0
	}
	key := id + "/" + string(rung)
	if audio > 0 {
		key += "/a" + strconv.Itoa(audio)
	}
	for {
		m.mu.Lock()
		if m.ctx.Err() != nil {
			m.mu.Unlock()
			return nil, ErrClosed
		}
		if j := m.jobs[key]; j != nil {
			m.mu.Unlock()
			return j, nil
		}
		if o := m.openings[key]; o != nil {
			m.mu.Unlock()
			select {
			case <-o.done:
				if o.err != nil {
					return nil, o.err
				}
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		o := &opening{done: make(chan struct{})}
		m.openings[key] = o
		m.mu.Unlock()

		o.job, o.err = m.setUp(ctx, rung, audio, open)
		m.mu.Lock()
		delete(m.openings, key)
		if o.err == nil {
			m.jobs[key] = o.job
		}
		m.mu.Unlock()
		close(o.done)
		return o.job, o.err
	}
}

func (m *Manager) setUp(ctx context.Context, rung Rung, audio int, open func() (Source, error)) (*Job, error) {
	t0 := time.Now()
	src, err := open()
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			src.File.Close()
		}
	}()
	video := src.Info.VideoCodec != ""
	// ffprobe's span and the keyframe index are read at the same time:
	// on a 2 GB MKV they take ~0.1 s and ~0.3 s of the first frame's
	// wait (issue 9). ffprobe opens its own file description
	// (/dev/fd/N), so the two do not share a file offset.
	type keyframes struct {
		kf  []float64
		err error
	}
	kfc := make(chan keyframes, 1)
	if video {
		go func() {
			kf, err := Keyframes(ctx, m.ffprobe, src.File, src.Info.Container)
			kfc <- keyframes{kf, err}
		}()
	}
	start, end, err := m.span(ctx, src.File)
	var kf keyframes
	if video {
		kf = <-kfc
	}
	if err != nil {
		return nil, err
	}
	var times []float64
	key0 := start
	if video {
		if kf.err != nil {
			return nil, kf.err
		}
		times, key0 = segmentTimes(kf.kf, start, end), kf.kf[0]
	} else {
		for t := start; t < end-minSegment/2 || t == start; t += 2 * minSegment {
			times = append(times, t)
		}
	}
	// The cache folder is named by the file's identity and the rung, so
	// a changed file never gets another's segments.
	// layout names how segments are timed (Job.pad, alignStart): segments
	// an older Reel cached are not mixed with new ones.
	const layout = "2"
	ident := fmt.Sprintf("%s|%d|%d|%s|%s", src.ID, src.Size, src.ModTime.UnixNano(), rung, layout)
	if audio > 0 {
		ident += "|a" + strconv.Itoa(audio)
		if rung == Remux && copyable(src.Info, audio) {
			ident += "|copy" // converted before: an older cache's segments are not mixed in
		}
	}
	sum := sha256.Sum256([]byte(ident))
	dir := filepath.Join(m.opt.Dir, hex.EncodeToString(sum[:12]))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	j := &Job{m: m, rung: rung, f: src.File, dir: dir, start: start, key0: key0, times: times, end: end, video: video,
		audio: src.Info.AudioCodec != "", audioIndex: audio, copyAudio: rung == Remux && copyable(src.Info, audio),
		changed: make(chan struct{}), ready: make([]bool, len(times)), size: make([]int64, len(times)),
		used: make([]time.Time, len(times)), lastUse: time.Now()}
	j.adopt()
	ok = true
	m.tracef("%s set up in %s: %d segments", rung, time.Since(t0).Round(time.Millisecond), len(times))
	return j, nil
}

// adopt takes over the segments a previous run left in the job's folder.
func (j *Job) adopt() {
	entries, err := os.ReadDir(j.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, "h") {
			os.Remove(filepath.Join(j.dir, name)) // an encoder's leftovers
			continue
		}
		if name == "init.mp4" {
			if t, err := initTracks(j.initPath()); err == nil {
				j.tracks = t
			}
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(name, ".m4s"))
		info, ierr := e.Info()
		if err != nil || ierr != nil || n < 0 || n >= len(j.ready) {
			continue
		}
		j.ready[n], j.size[n], j.used[n] = true, info.Size(), info.ModTime()
	}
	if j.tracks == nil {
		clear(j.ready) // segments without their init are of no use
	}
}

// copyable tells whether ffmpeg can copy the file's audio track n (0 the
// first) into fMP4 segments. The segment muxer writes the init segment
// before the first packet, so a codec whose sample entry needs that packet
// cannot be copied: AC-3 and E-AC-3 (their dac3/dec3 boxes), and AAC in
// MPEG-TS and MPEG-PS, whose configuration comes in ADTS headers. Those
// are converted to AAC, which an engine that asked for a remux decodes as
// well.
//
// The page asks for the remux rung by the first track's codec; another
// track is copied only when it is AAC, which every engine with Media
// Source Extensions decodes. Copying it spares the audio switch the
// conversion of a whole segment before its first sound (issue 10).
func copyable(info probe.Info, n int) bool {
	codec := info.AudioCodec
	if n > 0 {
		if codec = audioCodec(info, n); codec != "aac" {
			return false
		}
	}
	switch {
	case codec == "ac3", codec == "eac3":
		return false
	case codec == "aac" && (info.Container == "mpegts" || info.Container == "mpeg"):
		return false
	}
	return true
}

// audioCodec is the codec of the file's audio track n (FFmpeg's 0:a:n),
// "" when the probe did not list it.
func audioCodec(info probe.Info, n int) string {
	for _, t := range info.Tracks {
		if t.Type != "audio" {
			continue
		}
		if n == 0 {
			return t.Codec
		}
		n--
	}
	return ""
}

// span returns the start and end times of the file as ffmpeg reads them.
func (m *Manager) span(ctx context.Context, f *os.File) (start, end float64, err error) {
	input, extra := proc.Input(f)
	cmd := proc.Command(ctx, m.ffprobe, "-v", "error", "-show_entries", "format=start_time,duration",
		"-of", "default=nw=1", "-i", input)
	cmd.ExtraFiles = extra
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("transcode: ffprobe: %w", err)
	}
	var dur float64
	for _, line := range strings.Split(string(out), "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), "=")
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			continue
		}
		switch k {
		case "start_time":
			start = x
		case "duration":
			dur = x
		}
	}
	if dur <= 0 {
		return 0, 0, errors.New("transcode: the file's duration is unknown")
	}
	return start, start + dur, nil
}

// Stop ends the encoders of every stream of the video id; the page calls
// it when the player closes.
func (m *Manager) Stop(id string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for key, j := range m.jobs {
		if strings.HasPrefix(key, id+"/") {
			j.stopHeads()
		}
	}
}

// Running counts the live encoders of all streams.
func (m *Manager) Running() int {
	m.mu.Lock()
	jobs := make([]*Job, 0, len(m.jobs))
	for _, j := range m.jobs {
		jobs = append(jobs, j)
	}
	m.mu.Unlock()
	n := 0
	for _, j := range jobs {
		n += j.running()
	}
	return n
}

// Close stops every encoder and closes the files; the cache stays.
func (m *Manager) Close() {
	m.cancel()
	m.mu.Lock()
	defer m.mu.Unlock()
	for key, j := range m.jobs {
		j.mu.Lock()
		j.closed = true
		j.broadcast()
		j.mu.Unlock()
		j.f.Close()
		delete(m.jobs, key)
	}
}

// reap stops the encoders of idle streams, and forgets streams idle ten
// times as long (their segments stay cached on disk).
func (m *Manager) reap() {
	t := time.NewTicker(min(m.opt.Idle/4, 5*time.Second))
	defer t.Stop()
	for {
		select {
		case <-m.ctx.Done():
			return
		case <-t.C:
		}
		m.mu.Lock()
		for key, j := range m.jobs {
			j.mu.Lock()
			idle := time.Since(j.lastUse)
			if j.waiting > 0 {
				idle = 0
			}
			j.mu.Unlock()
			if idle > m.opt.Idle {
				j.stopHeads()
			}
			if idle > 10*m.opt.Idle && j.running() == 0 {
				j.mu.Lock()
				j.closed = true
				j.broadcast()
				j.mu.Unlock()
				j.f.Close()
				delete(m.jobs, key)
			}
		}
		m.mu.Unlock()
	}
}

// trim deletes the least recently used segments until the cache is under
// its cap.
func (m *Manager) trim() {
	type seg struct {
		j    *Job
		n    int
		size int64
		used time.Time
	}
	m.mu.Lock()
	jobs := make([]*Job, 0, len(m.jobs))
	for _, j := range m.jobs {
		jobs = append(jobs, j)
	}
	m.mu.Unlock()
	var all []seg
	var total int64
	for _, j := range jobs {
		j.mu.Lock()
		for n, r := range j.ready {
			if r {
				all = append(all, seg{j, n, j.size[n], j.used[n]})
				total += j.size[n]
			}
		}
		j.mu.Unlock()
	}
	if total <= m.opt.MaxBytes {
		return
	}
	sort.Slice(all, func(a, b int) bool { return all[a].used.Before(all[b].used) })
	for _, s := range all {
		if total <= m.opt.MaxBytes*9/10 {
			break
		}
		s.j.mu.Lock()
		if s.j.ready[s.n] && time.Since(s.j.used[s.n]) > time.Second {
			s.j.ready[s.n] = false
			os.Remove(s.j.segPath(s.n))
			total -= s.size
		}
		s.j.mu.Unlock()
	}
}
