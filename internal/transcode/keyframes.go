package transcode

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"reel/internal/proc"
	"slices"
	"strconv"
	"strings"
	"time"

	mp4 "github.com/abema/go-mp4"
	"github.com/remko/go-mkvparse"
)

// maxKeyframes bounds the keyframes one file may list: a 24-hour file
// with a keyframe every frame at 60 frame/s.
const maxKeyframes = 24 * 3600 * 60

// errNoIndex means the container keeps no keyframe index Go can read (a
// fragmented MP4, a Matroska file without Cues): ffprobe reads the packets.
var errNoIndex = errors.New("transcode: no keyframe index")

// Keyframes returns the presentation times, in seconds from the start of
// the file, of the first video track's keyframes, in order. MP4 and MOV
// are read from the sample tables (stss, stts, ctts, elst), Matroska and
// WebM from the Cues, MPEG-TS and M2TS H.264 and HEVC from the PES headers
// and NAL unit types (tsKeyframes); other containers, and files whose
// index is missing, by ffprobe reading the packet headers, which reads
// the whole file.
func Keyframes(ctx context.Context, ffprobe string, f *os.File, container string) ([]float64, error) {
	var kf []float64
	err := errNoIndex
	switch container {
	case "mp4", "mov", "3gp":
		kf, err = mp4Keyframes(f)
	case "matroska", "webm":
		kf, err = matroskaKeyframes(f)
	case "mpegts":
		kf, err = tsKeyframes(io.NewSectionReader(f, 0, 1<<62))
	}
	if errors.Is(err, errNoIndex) {
		if ffprobe == "" {
			return nil, fmt.Errorf("transcode: %s keyframes need ffprobe", container)
		}
		kf, err = probeKeyframes(ctx, ffprobe, f)
	}
	if err != nil {
		return nil, err
	}
	if len(kf) == 0 {
		return nil, errors.New("transcode: no keyframes")
	}
	return kf, nil
}

// mp4Keyframes reads the sync samples of the first video track. A sample's
// presentation time is its decode time (the sum of the stts deltas before
// it) plus its composition offset (ctts), minus the media time the edit
// list starts at (elst) — the time ffmpeg gives it.
func mp4Keyframes(f io.ReadSeeker) ([]float64, error) {
	traks, err := mp4.ExtractBox(f, nil, mp4.BoxPath{mp4.BoxTypeMoov(), mp4.BoxTypeTrak()})
	if err != nil {
		return nil, err
	}
	for _, trak := range traks {
		boxes, err := mp4.ExtractBoxesWithPayload(f, trak, []mp4.BoxPath{
			{mp4.BoxTypeMdia(), mp4.BoxTypeHdlr()},
			{mp4.BoxTypeMdia(), mp4.BoxTypeMdhd()},
			{mp4.BoxTypeEdts(), mp4.BoxTypeElst()},
			{mp4.BoxTypeMdia(), mp4.BoxTypeMinf(), mp4.BoxTypeStbl(), mp4.BoxTypeStts()},
			{mp4.BoxTypeMdia(), mp4.BoxTypeMinf(), mp4.BoxTypeStbl(), mp4.BoxTypeStss()},
			{mp4.BoxTypeMdia(), mp4.BoxTypeMinf(), mp4.BoxTypeStbl(), mp4.BoxTypeCtts()},
		})
		if err != nil {
			return nil, err
		}
		var (
			video     bool
			timescale uint32
			start     int64
			stts      *mp4.Stts
			stss      *mp4.Stss
			ctts      *mp4.Ctts
		)
		for _, b := range boxes {
			switch p := b.Payload.(type) {
			case *mp4.Hdlr:
				video = string(p.HandlerType[:]) == "vide"
			case *mp4.Mdhd:
				timescale = p.Timescale
			case *mp4.Elst:
				// The first edit that is not an empty one (-1) says where
				// the presentation starts in the media.
				for _, e := range p.Entries {
					mt := int64(e.MediaTimeV0)
					if p.GetVersion() == 1 {
						mt = e.MediaTimeV1
					}
					if mt >= 0 {
						start = mt
						break
					}
				}
			case *mp4.Stts:
				stts = p
			case *mp4.Stss:
				stss = p
			case *mp4.Ctts:
				ctts = p
			}
		}
		if !video {
			continue
		}
		if timescale == 0 || stts == nil || len(stts.Entries) == 0 {
			return nil, errNoIndex // fragmented: the samples are in moofs
		}
		return syncTimes(stts, stss, ctts, timescale, start)
	}
	return nil, errors.New("transcode: no video track")
}

// syncTimes walks the sample tables once. Without an stss every sample is
// a sync sample (ISO/IEC 14496-12 §8.6.2.1).
func syncTimes(stts *mp4.Stts, stss *mp4.Stss, ctts *mp4.Ctts, timescale uint32, start int64) ([]float64, error) {
	var sync []uint32
	if stss != nil {
		sync = stss.SampleNumber
	}
	if len(sync) > maxKeyframes {
		return nil, fmt.Errorf("transcode: %d keyframes", len(sync))
	}
	var out []float64
	var sample uint32 = 1 // sample numbers start at 1
	var dts int64
	si, ci := 0, 0
	var cLeft uint32
	if ctts != nil && len(ctts.Entries) > 0 {
		cLeft = ctts.Entries[0].SampleCount
	}
	offset := func() int64 { // composition offset of the current sample
		if ctts == nil || ci >= len(ctts.Entries) {
			return 0
		}
		e := ctts.Entries[ci]
		if ctts.GetVersion() == 0 {
			return int64(e.SampleOffsetV0)
		}
		return int64(e.SampleOffsetV1)
	}
	for _, e := range stts.Entries {
		for range e.SampleCount {
			isSync := stss == nil
			for si < len(sync) && sync[si] < sample {
				si++
			}
			if si < len(sync) && sync[si] == sample {
				isSync = true
			}
			if isSync {
				if stss == nil && len(out) >= maxKeyframes {
					return nil, errors.New("transcode: too many keyframes")
				}
				out = append(out, float64(dts+offset()-start)/float64(timescale))
			}
			dts += int64(e.SampleDelta)
			sample++
			if ctts != nil && ci < len(ctts.Entries) {
				cLeft--
				for cLeft == 0 && ci < len(ctts.Entries) {
					ci++
					if ci < len(ctts.Entries) {
						cLeft = ctts.Entries[ci].SampleCount
					}
				}
			}
			if stss != nil && si >= len(sync) {
				return normalize(out), nil
			}
		}
	}
	return normalize(out), nil
}

// normalize sorts the times and drops negative ones and duplicates; B-frame
// reordering never moves a keyframe, but a damaged table may.
func normalize(t []float64) []float64 {
	slices.Sort(t)
	t = slices.Compact(t)
	for len(t) > 0 && t[0] < 0 {
		t = t[1:]
	}
	return t
}

// matroskaKeyframes reads the Cues of a Matroska file: the CueTime of
// each CuePoint, for the track the first CuePoint names (ffmpeg and
// mkvmerge index the video track's keyframes). The SeekHead says where the
// Cues are; they usually follow the clusters.
func matroskaKeyframes(f io.ReadSeeker) ([]float64, error) {
	h := &cueReader{scale: 1_000_000}
	err := mkvparse.Parse(f, h)
	if err != nil && !errors.Is(err, errStopHeader) {
		return nil, err
	}
	if h.cuesAt <= 0 || h.segment <= 0 {
		return nil, errNoIndex
	}
	if _, err := f.Seek(h.segment+h.cuesAt, io.SeekStart); err != nil {
		return nil, err
	}
	h.inCues = true
	// The Cues are read through a buffer: element by element straight
	// from the file, a 5-hour file's 19,200 cue points took ~0.3 s of
	// system calls, all of it before the first frame (issue 9).
	if err := mkvparse.Parse(fullReader{bufio.NewReaderSize(f, 64<<10)}, h); err != nil && !errors.Is(err, errStopHeader) {
		return nil, err
	}
	if len(h.times) == 0 {
		return nil, errNoIndex
	}
	out := make([]float64, len(h.times))
	for i, t := range h.times {
		out[i] = float64(t) * float64(h.scale) / 1e9
	}
	return normalize(out), nil
}

var errStopHeader = errors.New("transcode: header read")

// fullReader answers each Read in full, as a file does: mkvparse reads an
// element's data with a single Read. It is no io.Seeker, so mkvparse
// skips an element by reading it, which within the Cues is a few bytes.
type fullReader struct{ r *bufio.Reader }

func (f fullReader) Read(p []byte) (int, error) { return io.ReadFull(f.r, p) }

// cueReader finds the SeekHead entry for Cues on a first pass and reads
// the Cues on a second.
type cueReader struct {
	segment int64 // file offset of the Segment's data
	scale   int64
	seekID  []byte
	seekPos int64
	cuesAt  int64 // Cues position, relative to the Segment's data
	inCues  bool
	track   int64
	times   []int64
	curTime int64
}

var cuesID = []byte{0x1C, 0x53, 0xBB, 0x6B}

func (c *cueReader) HandleMasterBegin(id mkvparse.ElementID, info mkvparse.ElementInfo) (bool, error) {
	switch id {
	case mkvparse.SegmentElement:
		if !c.inCues {
			c.segment = info.Offset
		}
		return true, nil
	case mkvparse.SeekHeadElement, mkvparse.SeekElement, mkvparse.InfoElement:
		return !c.inCues, nil
	case mkvparse.CuesElement, mkvparse.CuePointElement, mkvparse.CueTrackPositionsElement:
		return c.inCues, nil
	case mkvparse.ClusterElement, mkvparse.TracksElement:
		if !c.inCues {
			return false, errStopHeader
		}
	}
	return false, nil
}

func (c *cueReader) HandleMasterEnd(id mkvparse.ElementID, _ mkvparse.ElementInfo) error {
	switch id {
	case mkvparse.SeekElement:
		if bytes.Equal(c.seekID, cuesID) {
			c.cuesAt = c.seekPos
		}
		c.seekID, c.seekPos = nil, 0
	case mkvparse.CuesElement:
		return errStopHeader
	}
	return nil
}

func (c *cueReader) HandleString(mkvparse.ElementID, string, mkvparse.ElementInfo) error { return nil }

func (c *cueReader) HandleInteger(id mkvparse.ElementID, v int64, _ mkvparse.ElementInfo) error {
	switch id {
	case mkvparse.SeekPositionElement:
		c.seekPos = v
	case mkvparse.TimecodeScaleElement:
		if v > 0 {
			c.scale = v
		}
	case mkvparse.CueTimeElement:
		c.curTime = v
	case mkvparse.CueTrackElement:
		if c.track == 0 {
			c.track = v
		}
		if v == c.track && len(c.times) < maxKeyframes {
			c.times = append(c.times, c.curTime)
		}
	}
	return nil
}

func (c *cueReader) HandleFloat(mkvparse.ElementID, float64, mkvparse.ElementInfo) error { return nil }

func (c *cueReader) HandleDate(mkvparse.ElementID, time.Time, mkvparse.ElementInfo) error {
	return nil
}

func (c *cueReader) HandleBinary(id mkvparse.ElementID, v []byte, _ mkvparse.ElementInfo) error {
	if id == mkvparse.SeekIDElement {
		c.seekID = append([]byte(nil), v...)
	}
	return nil
}

// probeKeyframes lists the keyframe packets of the first video stream
// with ffprobe: their headers only, no decoding.
func probeKeyframes(ctx context.Context, ffprobe string, f *os.File) ([]float64, error) {
	path, extra := proc.Input(f)
	cmd := proc.Command(ctx, ffprobe, "-v", "error", "-select_streams", "v:0",
		"-show_entries", "packet=pts_time,dts_time,flags", "-of", "csv=p=0", "-i", path)
	cmd.ExtraFiles = extra
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	var kf []float64
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		// pts,dts,flags; AVI packets have no pts, their dts is the time.
		f := strings.Split(sc.Text(), ",")
		if len(f) < 3 || !strings.HasPrefix(f[2], "K") {
			continue
		}
		t, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			t, err = strconv.ParseFloat(f[1], 64)
		}
		if err == nil && len(kf) < maxKeyframes {
			kf = append(kf, t)
		}
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("transcode: ffprobe keyframes: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return normalize(kf), nil
}
