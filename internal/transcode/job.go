package transcode

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reel/internal/proc"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rung is how far from the file the page's stream is (issue 9; Jellyfin
// calls them Direct Stream and Transcode).
type Rung string

const (
	// Remux copies audio and video into fMP4 segments.
	Remux Rung = "remux"
	// RemuxAAC copies the video and converts the audio to AAC.
	RemuxAAC Rung = "aac"
	// Transcode converts the video to H.264 and the audio to AAC.
	Transcode Rung = "h264"
)

// ParseRung checks a rung named in a URL.
func ParseRung(s string) (Rung, error) {
	switch r := Rung(s); r {
	case Remux, RemuxAAC, Transcode:
		return r, nil
	}
	return "", fmt.Errorf("transcode: no rung %q", s)
}

const (
	// minSegment is the shortest segment: keyframes closer than this to
	// the previous boundary do not start a new one.
	minSegment = 2.0
	// headSegments is how many segments one encoder makes before it
	// stops; playback that goes on starts the next where it ended.
	headSegments = 40
	// lookahead is how far ahead of a running encoder a request may be
	// and still wait for it rather than start another at its segment.
	lookahead = 3
	// maxHeads bounds the encoders of one job; the oldest is stopped.
	maxHeads = 2
)

// ErrClosed reports a request to a job that was stopped meanwhile.
var ErrClosed = errors.New("transcode: stream stopped")

// Job is the HLS stream of one file on one rung: a playlist whose
// segments start at the file's keyframes, known before any is made, and
// the encoders (heads) making them on demand.
type Job struct {
	m     *Manager
	rung  Rung
	f     *os.File
	dir   string
	start float64 // the file's start time: segment times are relative to it
	key0  float64 // the first keyframe, absolute
	audio bool    // the file has an audio stream
	// audioIndex is the audio track played: FFmpeg's 0:a:audioIndex.
	audioIndex int
	// copyAudio: the audio is copied (remux), else converted to AAC.
	copyAudio bool
	times     []float64 // segment n starts at times[n], absolute
	end       float64   // absolute end of the last segment
	video     bool      // the file has a video stream
	// pad is added to every timestamp (file time - start): the video's
	// delay (how long after it starts decoding its first frame shows:
	// B-frames) less the first keyframe's time, so that the stream's first
	// frame decodes at 0 and no decode time is negative; audioOnlyPad
	// without video. Set once, under mu, by the first head measured.
	pad    float64
	padSet bool

	mu      sync.Mutex
	changed chan struct{} // closed and replaced when a segment or head changes
	ready   []bool
	size    []int64
	used    []time.Time
	heads   []*head
	tracks  map[uint32]track // from the init segment; nil until one is made
	nextID  int
	closed  bool
	lastUse time.Time
	waiting int // requests waiting for a segment: the stream is in use
}

type head struct {
	id         int
	start, end int // segments [start, end)
	next       int // the segment it is making
	cancel     context.CancelFunc
	offsets    map[uint32]float64 // track ID → seconds added to its decode times
	// firstAudio answers once with the time of the head's first audio
	// packet, as ffmpeg reports it (watchStderr); nil without audio.
	firstAudio chan audioTime
	waiters    int // requests waiting for this head's segments
	done       bool
	err        error
}

// audioTime is the first audio packet the muxer got: its presentation
// time in the track's timescale, ok false when ffmpeg's log did not say.
type audioTime struct {
	pts int64
	ok  bool
}

// segmentTimes merges keyframes into segment starts at least minSegment
// apart; the first segment starts at the file's start.
func segmentTimes(keyframes []float64, start, end float64) []float64 {
	times := []float64{start}
	for _, k := range keyframes {
		if k-times[len(times)-1] >= minSegment && end-k >= minSegment/2 {
			times = append(times, k)
		}
	}
	return times
}

// Playlist is the HLS media playlist (RFC 8216) of the job; query is
// added to every URI so that the segment requests carry the same
// credentials as the playlist's.
func (j *Job) Playlist(query string) []byte {
	if query != "" {
		query = "?" + query
	}
	var b bytes.Buffer
	longest := 0.0
	for n := range j.times {
		longest = max(longest, j.duration(n))
	}
	fmt.Fprintf(&b, "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:%d\n", int(math.Ceil(longest)))
	b.WriteString("#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-INDEPENDENT-SEGMENTS\n")
	fmt.Fprintf(&b, "#EXT-X-MAP:URI=\"init.mp4%s\"\n", query)
	for n := range j.times {
		fmt.Fprintf(&b, "#EXTINF:%.6f,\n%d.m4s%s\n", j.duration(n), n, query)
	}
	b.WriteString("#EXT-X-ENDLIST\n")
	return b.Bytes()
}

func (j *Job) duration(n int) float64 {
	if n+1 < len(j.times) {
		return j.times[n+1] - j.times[n]
	}
	return j.end - j.times[n]
}

// Segments is the number of segments.
func (j *Job) Segments() int { return len(j.times) }

func (j *Job) segPath(n int) string   { return filepath.Join(j.dir, strconv.Itoa(n)+".m4s") }
func (j *Job) initPath() string       { return filepath.Join(j.dir, "init.mp4") }
func (j *Job) headInit(id int) string { return filepath.Join(j.dir, fmt.Sprintf("h%d-init.mp4", id)) }

// Init returns the path of the init segment, starting an encoder at the
// first segment when none is running.
func (j *Job) Init(ctx context.Context) (string, error) {
	return j.wait(ctx, 0, true)
}

// Segment returns the path of segment n once it is made. A request close
// ahead of a running encoder waits for it; any other starts an encoder at
// n, so a seek far away costs one segment's encoding, not the way there.
func (j *Job) Segment(ctx context.Context, n int) (string, error) {
	if n < 0 || n >= len(j.times) {
		return "", fmt.Errorf("transcode: no segment %d", n)
	}
	return j.wait(ctx, n, false)
}

// maxStarts bounds the encoders one request starts: an encoder that ends
// without the segment is retried once more, then its error is returned.
const maxStarts = 2

func (j *Job) wait(ctx context.Context, n int, init bool) (path string, err error) {
	var h *head
	starts := 0
	if j.m.trace != nil {
		t0 := time.Now()
		defer func() {
			j.m.tracef("%s %s: %s, %d encoder(s) started, err %v", j.rung, reqName(n, init), time.Since(t0).Round(time.Millisecond), starts, err)
		}()
	}
	j.mu.Lock()
	j.waiting++
	j.mu.Unlock()
	defer func() {
		j.mu.Lock()
		j.waiting--
		j.lastUse = time.Now()
		j.mu.Unlock()
	}()
	for {
		j.mu.Lock()
		if j.closed {
			j.mu.Unlock()
			return "", ErrClosed
		}
		j.lastUse = time.Now()
		if init && j.tracks != nil {
			j.mu.Unlock()
			return j.initPath(), nil
		}
		if !init && j.ready[n] {
			j.used[n] = time.Now()
			j.mu.Unlock()
			return j.segPath(n), nil
		}
		if h != nil && h.done {
			if h.err != nil && !errors.Is(h.err, ErrClosed) || starts >= maxStarts {
				err := h.err
				j.mu.Unlock()
				if err == nil || errors.Is(err, ErrClosed) {
					err = fmt.Errorf("transcode: segment %d was not made", n)
				}
				return "", err
			}
			h = nil
		}
		if h == nil {
			h = j.headFor(n, init)
			if h == nil {
				h = j.startHead(n)
				starts++
			}
			h.waiters++
			defer j.release(h)
		}
		ch := j.changed
		j.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// release ends a request's wait on h. A head that nobody waits for and
// that a newer head has replaced — the page seeked away and gave up its
// request — is stopped, so that it does not take the CPU the new one
// needs (issue 9: seeks in a transcode).
func (j *Job) release(h *head) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h.waiters--
	if h.waiters > 0 || h.done {
		return
	}
	for _, o := range j.heads {
		if o.id > h.id && !o.done {
			h.cancel()
			return
		}
	}
}

// headFor returns a running encoder that will reach n soon; for the init
// segment, any running encoder.
func (j *Job) headFor(n int, init bool) *head {
	for _, h := range j.heads {
		if !h.done && (init || h.start <= n && n < h.end && n <= h.next+lookahead) {
			return h
		}
	}
	return nil
}

func reqName(n int, init bool) string {
	if init {
		return "init"
	}
	return strconv.Itoa(n) + ".m4s"
}

func (j *Job) broadcast() {
	close(j.changed)
	j.changed = make(chan struct{})
}

// startHead starts an encoder at segment n; j.mu is held.
func (j *Job) startHead(n int) *head {
	end := min(n+headSegments, len(j.times))
	for i := n; i < end; i++ {
		if j.ready[i] && i > n {
			end = i
			break
		}
	}
	// A head nobody waits for is making what the page no longer asks
	// for: the page seeked away. It stops, so the new head has the CPU.
	var live []*head
	for _, h := range j.heads {
		switch {
		case h.done:
		case h.waiters == 0:
			h.cancel()
		default:
			live = append(live, h)
		}
	}
	for len(live) >= maxHeads {
		live[0].cancel()
		live = live[1:]
	}
	ctx, cancel := context.WithCancel(j.m.ctx)
	h := &head{id: j.nextID, start: n, end: end, next: n, cancel: cancel}
	if j.audio {
		h.firstAudio = make(chan audioTime, 1)
	}
	j.nextID++
	j.heads = slices.DeleteFunc(j.heads, func(o *head) bool { return o.done && o.waiters == 0 })
	j.heads = append(j.heads, h)
	go j.run(ctx, h)
	return h
}

// args builds the ffmpeg command line of a head.
func (j *Job) args(h *head, input string) []string {
	from := j.times[h.start]
	// -debug_ts (at level info) lists every packet the muxer gets: the
	// first audio one says where the audio starts (see watchStderr).
	args := []string{"-nostdin", "-hide_banner", "-nostats", "-loglevel", "info", "-debug_ts"}
	if h.start > 0 {
		// Input seeking lands on the keyframe at or before the time,
		// which is the segment's first keyframe.
		args = append(args, "-ss", ffTime(from-j.start))
	}
	if h.end < len(j.times) {
		args = append(args, "-t", ffTime(j.times[h.end]-from))
	}
	args = append(args, "-i", input, "-copyts", "-map", "0:v:0?", "-map", "0:a:"+strconv.Itoa(j.audioIndex)+"?", "-sn", "-dn", "-map_metadata", "-1")
	var cuts []string
	for i := h.start + 1; i < h.end; i++ {
		cuts = append(cuts, ffTime(j.times[i]))
	}
	switch j.rung {
	case Transcode:
		args = append(args, "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
			"-profile:v", "high", "-vf", "scale='min(1920,iw)':-2")
		if len(cuts) > 0 {
			// Keyframes where the segments start, so the encoder's
			// segments are the playlist's.
			args = append(args, "-force_key_frames", strings.Join(cuts, ","))
		}
		args = append(args, "-sc_threshold", "0")
	default:
		args = append(args, "-c:v", "copy")
	}
	if j.copyAudio {
		args = append(args, "-c:a", "copy")
	} else {
		args = append(args, "-c:a", "aac", "-ac", "2", "-b:a", "160k")
	}
	if len(cuts) == 0 {
		cuts = []string{ffTime(j.end + 3600)}
	}
	args = append(args,
		"-f", "segment", "-segment_format", "mp4",
		"-segment_format_options", "movflags=frag_keyframe+empty_moov+default_base_moof",
		"-segment_header_filename", j.headInit(h.id),
		"-segment_times", strings.Join(cuts, ","),
		"-segment_time_delta", "0.05",
		"-segment_start_number", strconv.Itoa(h.start),
		"-segment_list", "pipe:1", "-segment_list_type", "flat",
		filepath.Join(j.dir, fmt.Sprintf("h%d-%%d.m4s", h.id)))
	return args
}

func ffTime(t float64) string { return strconv.FormatFloat(max(t, 0), 'f', 6, 64) }

// run runs one head to its end, publishing each segment as ffmpeg
// finishes it.
func (j *Job) run(ctx context.Context, h *head) {
	input, extra := proc.Input(j.f)
	cmd := proc.Command(ctx, j.m.ffmpeg, j.args(h, input)...)
	cmd.ExtraFiles = extra
	cmd.WaitDelay = 2 * time.Second
	stderr := &ffmpegLog{}
	errPipe, err := cmd.StderrPipe()
	var out io.ReadCloser
	if err == nil {
		out, err = cmd.StdoutPipe()
	}
	if err == nil {
		err = cmd.Start()
	}
	logRead := make(chan struct{})
	if err == nil {
		go func() {
			stderr.watch(errPipe, h.firstAudio)
			close(logRead)
		}()
	}
	// Wait closes the pipes: the log is read to its end first, so that
	// an error message is whole.
	wait := func() error {
		<-logRead
		return cmd.Wait()
	}
	if err != nil {
		j.finish(h, err)
		return
	}
	j.m.started.Add(1)
	t0 := time.Now()
	j.m.tracef("%s encoder %d: segments %d-%d, ffmpeg %s", j.rung, h.id, h.start, h.end-1, strings.Join(j.args(h, input), " "))
	// ffmpeg's segment muxer lists a segment before it closes its file,
	// and opens the next segment's file right after closing it, both when
	// the first packet of the next segment arrives. So a listed segment is
	// whole once the next one's file exists (closedSoon, well under a
	// millisecond later): the first segment after a seek waits for no
	// other to be encoded. The head's last segment is whole once ffmpeg
	// has ended well.
	pending := -1
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		name := strings.TrimSpace(sc.Text())
		var id, n int
		if _, err := fmt.Sscanf(name, "h%d-%d.m4s", &id, &n); err != nil || id != h.id || n < h.start || n >= h.end {
			continue
		}
		if n < h.start+3 {
			j.m.tracef("%s encoder %d: listed %d after %s", j.rung, h.id, n, time.Since(t0).Round(time.Millisecond))
		}
		if pending >= 0 {
			if err := j.publish(ctx, h, pending); err != nil {
				cancelHead(h)
				_ = wait()
				j.finish(h, err)
				return
			}
			pending = -1
		}
		pending = n
		if n+1 < h.end && j.closedSoon(ctx, h, n) {
			if err := j.publish(ctx, h, n); err != nil {
				cancelHead(h)
				_ = wait()
				j.finish(h, err)
				return
			}
			pending = -1
		}
	}
	err = wait()
	switch {
	case ctx.Err() != nil:
		err = ErrClosed
	case err != nil:
		err = fmt.Errorf("transcode: ffmpeg: %v: %s", err, stderr.String())
	case pending >= 0:
		err = j.publish(ctx, h, pending)
	}
	j.finish(h, err)
}

func cancelHead(h *head) { h.cancel() }

// closedSoon waits, for at most a second, until ffmpeg has opened the
// file of segment n+1 of head h, which it does right after closing n.
func (j *Job) closedSoon(ctx context.Context, h *head, n int) bool {
	next := filepath.Join(j.dir, fmt.Sprintf("h%d-%d.m4s", h.id, n+1))
	for wait := time.Millisecond; ctx.Err() == nil; wait = min(2*wait, 50*time.Millisecond) {
		if _, err := os.Stat(next); err == nil {
			return true
		}
		if wait >= 50*time.Millisecond {
			return false
		}
		time.Sleep(wait)
	}
	return false
}

// audioOnlyPad is added to every timestamp of a stream without video: its
// AAC priming starts before the file does, and an MP4 decode time cannot
// be negative. A stream with video is padded by its video's delay (Job.pad).
// hls.js maps the first segment it loads to its playlist time, so
// currentTime is still the file's time.
const audioOnlyPad = 1.0

// publish rebases segment n of head h to the file's times and moves it
// where requests find it.
func (j *Job) publish(ctx context.Context, h *head, n int) error {
	tmp := filepath.Join(j.dir, fmt.Sprintf("h%d-%d.m4s", h.id, n))
	data, err := os.ReadFile(tmp)
	if err != nil {
		return err
	}
	if h.offsets == nil {
		t0 := time.Now()
		if err := j.measure(ctx, h, data); err != nil {
			return fmt.Errorf("segment %d (%d bytes) of encoder %d: %w", n, len(data), h.id, err)
		}
		j.m.tracef("%s encoder %d: measured offsets in %s", j.rung, h.id, time.Since(t0).Round(time.Millisecond))
	}
	j.mu.Lock()
	tracks := j.tracks
	j.mu.Unlock()
	if err := rebase(data, h.offsets, tracks); err != nil {
		return err
	}
	if n == 0 {
		if data, err = alignStart(data, tracks); err != nil {
			return fmt.Errorf("segment 0: %w", err)
		}
	}
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, j.segPath(n)); err != nil {
		return err
	}
	j.mu.Lock()
	already := j.ready[n]
	j.ready[n], j.size[n], j.used[n] = true, int64(len(data)), time.Now()
	h.next = n + 1
	j.broadcast()
	j.mu.Unlock()
	j.m.trim()
	if already || n+1 < len(j.ready) && j.isReady(n+1) {
		// Another head made what follows: this one is no longer needed.
		cancelHead(h)
	}
	return nil
}

// measure works out, from a head's first segment, how far each track's
// decode times must move: ffmpeg starts each at 0 from its own first
// packet. The video's first packet is the keyframe the head started at;
// the audio's first packet is found in the file (a copy keeps the packets
// from the seek point on; AAC made from decoded audio starts at the seek
// point, less the encoder's 1024-sample priming).
func (j *Job) measure(ctx context.Context, h *head, seg []byte) error {
	j.mu.Lock()
	tracks := j.tracks
	j.mu.Unlock()
	if tracks == nil {
		t, err := initTracks(j.headInit(h.id))
		if err != nil {
			return err
		}
		if err := os.Rename(j.headInit(h.id), j.initPath()); err != nil {
			return err
		}
		tracks = t
		j.mu.Lock()
		j.tracks = t
		j.mu.Unlock()
	}
	firsts, err := firstTimes(seg, tracks)
	if err != nil {
		return err
	}
	frags, err := fragments(seg)
	if err != nil {
		return err
	}
	// The job's timeline: the stream's first frame decodes at 0
	// (alignStart), from the first measured head's video delay.
	j.mu.Lock()
	if !j.padSet {
		j.pad, j.padSet = audioOnlyPad, true
		for _, f := range frags {
			if t := tracks[f.id]; t.video {
				j.pad = float64(f.first)/float64(t.timescale) - (j.key0 - j.start)
				if h.start > 0 {
					// Another head's delay: segment 0's may be longer,
					// and a decode time cannot be negative. Its start
					// keeps a gap, as before (an audio switch that
					// started past segment 0, issue 10).
					j.pad += audioOnlyPad
				}
				break
			}
		}
	}
	pad := j.pad
	j.mu.Unlock()
	seek := j.times[h.start]
	if h.start == 0 {
		seek = j.key0
	}
	audio, reported := seek, false
	if h.firstAudio != nil {
		select {
		case a := <-h.firstAudio:
			h.firstAudio <- a // kept for a retry of this segment
			for _, t := range tracks {
				if !t.video && a.ok {
					audio, reported = float64(a.pts)/float64(t.timescale), true
				}
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if j.audio && !reported && (j.copyAudio || h.start == 0) {
		// An ffmpeg whose log did not say: ask ffprobe.
		if audio, err = j.findFirstAudio(ctx, h.start > 0, seek); err != nil {
			return err
		}
	}
	offsets := map[uint32]float64{}
	for id, t := range tracks {
		want := seek
		switch {
		case !t.video && reported:
			want = audio // the muxer's own first packet
		case !t.video && !j.copyAudio:
			want = audio - 1024.0/float64(t.timescale)
		case !t.video:
			want = audio
		}
		offsets[id] = want - j.start + pad - firsts[id]
	}
	h.offsets = offsets
	return nil
}

// findFirstAudio returns the time of the first audio packet of the file,
// or, after a seek, the first one at or after the seek point.
func (j *Job) findFirstAudio(ctx context.Context, seeked bool, seek float64) (float64, error) {
	input, extra := proc.Input(j.f)
	interval := "%+5"
	if seeked {
		interval = ffTime(seek-j.start-1) + "%+5"
	}
	cmd := proc.Command(ctx, j.m.ffprobe, "-v", "error", "-select_streams", "a:"+strconv.Itoa(j.audioIndex), "-read_intervals", interval,
		"-show_entries", "packet=pts_time,dts_time", "-of", "csv=p=0", "-i", input)
	cmd.ExtraFiles = extra
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("transcode: ffprobe audio: %w", err)
	}
	best := math.Inf(1)
	for _, line := range strings.Fields(string(out)) {
		pts, dts, _ := strings.Cut(line, ",")
		t, err := strconv.ParseFloat(pts, 64)
		if err != nil {
			t, err = strconv.ParseFloat(strings.TrimSuffix(dts, ","), 64) // AVI: no pts
		}
		if err != nil || seeked && t < seek-1e-3 {
			continue
		}
		best = min(best, t)
	}
	if math.IsInf(best, 1) {
		return seek, nil
	}
	return best, nil
}

func (j *Job) isReady(n int) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.ready[n]
}

func (j *Job) finish(h *head, err error) {
	j.mu.Lock()
	h.done, h.err = true, err
	j.broadcast()
	j.mu.Unlock()
	os.Remove(j.headInit(h.id))
}

// stopHeads ends the job's encoders; their segments stay cached.
func (j *Job) stopHeads() {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, h := range j.heads {
		if !h.done {
			h.cancel()
		}
	}
}

// running counts the job's live encoders.
func (j *Job) running() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for _, h := range j.heads {
		if !h.done {
			n++
		}
	}
	return n
}
