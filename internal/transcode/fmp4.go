package transcode

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"

	mp4 "github.com/abema/go-mp4"
)

// track is what an init segment says of one track.
type track struct {
	timescale uint32
	video     bool
}

// initTracks reads track ID → timescale and kind from an init segment.
func initTracks(init string) (map[uint32]track, error) {
	f, err := os.Open(init)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	traks, err := mp4.ExtractBox(f, nil, mp4.BoxPath{mp4.BoxTypeMoov(), mp4.BoxTypeTrak()})
	if err != nil {
		return nil, err
	}
	out := map[uint32]track{}
	for _, trak := range traks {
		boxes, err := mp4.ExtractBoxesWithPayload(f, trak, []mp4.BoxPath{
			{mp4.BoxTypeTkhd()}, {mp4.BoxTypeMdia(), mp4.BoxTypeMdhd()}, {mp4.BoxTypeMdia(), mp4.BoxTypeHdlr()},
		})
		if err != nil {
			return nil, err
		}
		var id uint32
		var t track
		for _, b := range boxes {
			switch p := b.Payload.(type) {
			case *mp4.Tkhd:
				id = p.TrackID
			case *mp4.Mdhd:
				t.timescale = p.Timescale
			case *mp4.Hdlr:
				t.video = string(p.HandlerType[:]) == "vide"
			}
		}
		if id != 0 && t.timescale != 0 {
			out[id] = t
		}
	}
	if len(out) == 0 {
		return nil, errors.New("transcode: init segment has no tracks")
	}
	return out, nil
}

// trackFragment is one traf of a media segment.
type trackFragment struct {
	id    uint32
	tfdt  []byte // the tfdt payload, rewritten in place
	first int64  // composition offset of the first sample
}

// fragments lists the track fragments of a media segment.
func fragments(seg []byte) ([]trackFragment, error) {
	var out []trackFragment
	err := walkBoxes(seg, func(path string, _ []byte, payload []byte) error {
		if path != "moof/traf" {
			return nil
		}
		var tf trackFragment
		if err := walkBoxes(payload, func(p string, _ []byte, pl []byte) error {
			switch p {
			case "tfhd":
				if len(pl) >= 8 {
					tf.id = binary.BigEndian.Uint32(pl[4:8])
				}
			case "tfdt":
				tf.tfdt = pl
			case "trun":
				tf.first = firstCompositionOffset(pl)
			}
			return nil
		}, ""); err != nil {
			return err
		}
		if len(tf.tfdt) < 8 {
			return fmt.Errorf("transcode: track fragment %d without tfdt", tf.id)
		}
		out = append(out, tf)
		return nil
	}, "")
	if err == nil && len(out) == 0 {
		err = errors.New("transcode: segment has no track fragments")
	}
	return out, err
}

// firstCompositionOffset reads the composition offset of a trun's first
// sample (ISO/IEC 14496-12 §8.8.8), 0 when the trun has none.
func firstCompositionOffset(trun []byte) int64 {
	if len(trun) < 8 {
		return 0
	}
	version := trun[0]
	flags := uint32(trun[1])<<16 | uint32(trun[2])<<8 | uint32(trun[3])
	off := 8 // version, flags, sample_count
	if flags&0x1 != 0 {
		off += 4 // data_offset
	}
	if flags&0x4 != 0 {
		off += 4 // first_sample_flags
	}
	for _, f := range []uint32{0x100, 0x200, 0x400} {
		if flags&f != 0 {
			off += 4
		}
	}
	if flags&0x800 == 0 || len(trun) < off+4 {
		return 0
	}
	v := binary.BigEndian.Uint32(trun[off:])
	if version == 0 {
		return int64(v)
	}
	return int64(int32(v))
}

// decodeTime reads a tfdt's baseMediaDecodeTime.
func decodeTime(tfdt []byte) int64 {
	if tfdt[0] == 1 && len(tfdt) >= 12 {
		return int64(binary.BigEndian.Uint64(tfdt[4:12]))
	}
	return int64(binary.BigEndian.Uint32(tfdt[4:8]))
}

// firstTimes returns each track's first presentation time in a segment,
// in seconds.
func firstTimes(seg []byte, tracks map[uint32]track) (map[uint32]float64, error) {
	frags, err := fragments(seg)
	if err != nil {
		return nil, err
	}
	out := map[uint32]float64{}
	for _, f := range frags {
		t, ok := tracks[f.id]
		if _, seen := out[f.id]; ok && !seen {
			out[f.id] = float64(decodeTime(f.tfdt)+f.first) / float64(t.timescale)
		}
	}
	return out, nil
}

// rebase moves each track fragment of a media segment by its track's
// offset in seconds, rewriting the tfdt boxes in place. ffmpeg's MP4
// muxer starts each track's decode times at 0 whatever -copyts says, and
// each track from its own first packet; the segments must carry the
// file's own times, the same for audio and video, so that
// <video>.currentTime is the file's time and the sound in sync after any
// seek (issue 9).
//
// A version 1 tfdt may be left negative here: only segment 0's audio from
// before the picture's start can be, and alignStart cuts it.
func rebase(seg []byte, offsets map[uint32]float64, tracks map[uint32]track) error {
	frags, err := fragments(seg)
	if err != nil {
		return err
	}
	for _, f := range frags {
		t, ok := tracks[f.id]
		if !ok {
			return fmt.Errorf("transcode: track fragment for unknown track %d", f.id)
		}
		v := decodeTime(f.tfdt) + int64(math.Round(offsets[f.id]*float64(t.timescale)))
		switch {
		case f.tfdt[0] == 1 && len(f.tfdt) >= 12:
			binary.BigEndian.PutUint64(f.tfdt[4:12], uint64(v))
		case v >= 0 && v <= math.MaxUint32:
			binary.BigEndian.PutUint32(f.tfdt[4:8], uint32(v))
		default:
			return errors.New("transcode: tfdt version 0 overflows")
		}
	}
	return nil
}

// walkBoxes calls fn for each box of data, descending into moof; path is
// the box types from the top joined by "/".
func walkBoxes(data []byte, fn func(path string, box, payload []byte) error, parent string) error {
	for off := 0; off < len(data); {
		if len(data)-off < 8 {
			return errors.New("transcode: truncated box header")
		}
		size := int(binary.BigEndian.Uint32(data[off:]))
		typ := string(data[off+4 : off+8])
		hdr := 8
		if size == 1 {
			if len(data)-off < 16 {
				return errors.New("transcode: truncated box header")
			}
			size, hdr = int(binary.BigEndian.Uint64(data[off+8:])), 16
		}
		if size == 0 {
			size = len(data) - off
		}
		if size < hdr || size > len(data)-off {
			return fmt.Errorf("transcode: box %q of %d bytes", typ, size)
		}
		path := typ
		if parent != "" {
			path = parent + "/" + typ
		}
		box := data[off : off+size]
		if err := fn(path, box, box[hdr:]); err != nil {
			return err
		}
		if typ == "moof" {
			if err := walkBoxes(box[hdr:], fn, path); err != nil {
				return err
			}
		}
		off += size
	}
	return nil
}

// alignStart makes the first segment's audio begin exactly where its
// video begins decoding, which the job's timeline puts at 0 (Job.pad).
// hls.js maps the earliest decode time of a stream's first segment to 0,
// and the page's buffered range is where both tracks have media. A video
// with B-frames shows its first frame a few frames after it starts
// decoding; WebKitGTK moves a first sample that decodes at 0 and shows by
// 0.1 s to 0 (AppendPipeline's "gap offset"), but audio that starts
// earlier (AAC's priming frame, a copied packet from before the first
// keyframe) or later than that left a gap of a few hundredths of a second
// at 0. hls.js jumped it with a seek that WebKitGTK sometimes never
// finished (issue 9: a first stream that never plays). Audio samples that
// end at or before 0 are dropped; the first one kept starts at 0, longer
// or shorter by less than one audio frame plus the video's delay.
// Segments of other shapes (no video, absolute data offsets) are returned
// unchanged; a negative decode time left is an error.
func alignStart(seg []byte, tracks map[uint32]track) ([]byte, error) {
	frags, err := fragments(seg)
	if err != nil {
		return nil, err
	}
	start, found := 0.0, false
	for _, f := range frags {
		if t := tracks[f.id]; t.video {
			start, found = float64(decodeTime(f.tfdt))/float64(t.timescale), true
			break
		}
	}
	if found {
		for id, t := range tracks {
			if t.video {
				continue
			}
			at := int64(math.Round(start * float64(t.timescale)))
			if seg, err = trimFront(seg, id, at); err != nil {
				return nil, err
			}
		}
	}
	if frags, err = fragments(seg); err != nil {
		return nil, err
	}
	for _, f := range frags {
		if decodeTime(f.tfdt) < 0 {
			return nil, fmt.Errorf("transcode: track %d decodes from before 0", f.id)
		}
	}
	return seg, nil
}

// sample is one entry of a trun.
type sample struct {
	duration, size, flags uint32
	cto                   uint32
}

// trimFront rewrites the first moof of seg so that track id's first
// sample starts at tick at: whole samples that end by then are dropped,
// and the first kept sample's duration takes up the difference.
func trimFront(seg []byte, id uint32, at int64) ([]byte, error) {
	// The first moof, and everything around it.
	moofAt, moofEnd := -1, 0
	for off := 0; off+8 <= len(seg); {
		size := int(binary.BigEndian.Uint32(seg[off:]))
		if size < 8 || off+size > len(seg) {
			return nil, errors.New("transcode: bad box in segment")
		}
		if string(seg[off+4:off+8]) == "moof" {
			moofAt, moofEnd = off, off+size
			break
		}
		off += size
	}
	if moofAt < 0 {
		return nil, errors.New("transcode: segment has no moof")
	}
	type child struct {
		typ  string
		body []byte // the whole box
	}
	var kids []child
	for off := moofAt + 8; off < moofEnd; {
		if moofEnd-off < 8 {
			return nil, errors.New("transcode: truncated box header")
		}
		size := int(binary.BigEndian.Uint32(seg[off:]))
		if size < 8 || off+size > moofEnd {
			return nil, errors.New("transcode: bad box in moof")
		}
		kids = append(kids, child{string(seg[off+4 : off+8]), seg[off : off+size]})
		off += size
	}
	// Find the track's traf and build its replacement.
	target := -1
	var newTraf []byte
	var dropped uint32 // bytes of sample data no longer referenced
	for i, k := range kids {
		if k.typ != "traf" {
			continue
		}
		traf, drop, ok, err := trimTraf(k.body, id, at)
		if err != nil {
			return nil, err
		}
		if ok {
			target, newTraf, dropped = i, traf, drop
			break
		}
		if traf == nil && drop == 1 {
			return seg, nil // a shape this does not rewrite
		}
	}
	if target < 0 {
		return seg, nil
	}
	grow := len(newTraf) - len(kids[target].body)
	var moof bytes.Buffer
	moof.Write(seg[moofAt : moofAt+8])
	for i, k := range kids {
		body := k.body
		if i == target {
			body = newTraf
		}
		if k.typ == "traf" {
			// Sample data offsets count from the moof's start
			// (default-base-is-moof): the mdat moved by grow bytes.
			body = slices.Clone(body)
			extra := grow
			if i == target {
				extra += int(dropped)
			}
			if err := moveDataOffsets(body, extra); err != nil {
				return nil, err
			}
		}
		moof.Write(body)
	}
	out := moof.Bytes()
	binary.BigEndian.PutUint32(out, uint32(len(out)))
	return slices.Concat(seg[:moofAt], out, seg[moofEnd:]), nil
}

// trimTraf rewrites one traf when it is track id's: its tfdt becomes at
// and its trun lists the samples kept, each with its duration and size.
// ok is false for another track's traf; traf nil with drop 1 means a
// shape this does not rewrite (base data offsets, several truns).
func trimTraf(box []byte, id uint32, at int64) (traf []byte, drop uint32, ok bool, err error) {
	var tfhd, tfdt, trun []byte
	truns := 0
	if err := walkBoxes(box[8:], func(p string, _ []byte, pl []byte) error {
		switch p {
		case "tfhd":
			tfhd = pl
		case "tfdt":
			tfdt = pl
		case "trun":
			trun = pl
			truns++
		}
		return nil
	}, ""); err != nil {
		return nil, 0, false, err
	}
	if len(tfhd) < 8 || binary.BigEndian.Uint32(tfhd[4:8]) != id {
		return nil, 0, false, nil
	}
	tfFlags := uint32(tfhd[1])<<16 | uint32(tfhd[2])<<8 | uint32(tfhd[3])
	if tfFlags&0x1 != 0 || truns != 1 || len(tfdt) < 8 || len(trun) < 8 {
		return nil, 1, false, nil
	}
	// Defaults from the tfhd (ISO/IEC 14496-12 §8.8.7).
	var defDur, defSize, defFlags uint32
	o := 8
	if tfFlags&0x2 != 0 {
		o += 4
	}
	read := func() uint32 {
		if len(tfhd) < o+4 {
			return 0
		}
		v := binary.BigEndian.Uint32(tfhd[o:])
		o += 4
		return v
	}
	if tfFlags&0x8 != 0 {
		defDur = read()
	}
	if tfFlags&0x10 != 0 {
		defSize = read()
	}
	if tfFlags&0x20 != 0 {
		defFlags = read()
	}
	// The trun's samples (§8.8.8).
	flags := uint32(trun[1])<<16 | uint32(trun[2])<<8 | uint32(trun[3])
	if flags&0x1 == 0 {
		return nil, 1, false, nil
	}
	count := int(binary.BigEndian.Uint32(trun[4:8]))
	dataOffset := binary.BigEndian.Uint32(trun[8:12])
	o2 := 12
	firstFlags, hasFirst := defFlags, flags&0x4 != 0
	if hasFirst {
		if len(trun) < o2+4 {
			return nil, 0, false, errors.New("transcode: truncated trun")
		}
		firstFlags = binary.BigEndian.Uint32(trun[o2:])
		o2 += 4
	}
	samples := make([]sample, 0, count)
	for i := range count {
		s := sample{duration: defDur, size: defSize, flags: defFlags}
		if i == 0 && hasFirst {
			s.flags = firstFlags
		}
		for _, f := range []struct {
			bit uint32
			dst *uint32
		}{{0x100, &s.duration}, {0x200, &s.size}, {0x400, &s.flags}, {0x800, &s.cto}} {
			if flags&f.bit == 0 {
				continue
			}
			if len(trun) < o2+4 {
				return nil, 0, false, errors.New("transcode: truncated trun")
			}
			*f.dst = binary.BigEndian.Uint32(trun[o2:])
			o2 += 4
		}
		samples = append(samples, s)
	}
	if len(samples) == 0 {
		return nil, 1, false, nil
	}
	t := decodeTime(tfdt)
	for len(samples) > 1 && t+int64(samples[0].duration) <= at {
		t += int64(samples[0].duration)
		drop += samples[0].size
		samples = samples[1:]
	}
	d := int64(samples[0].duration) + t - at
	if d <= 0 || d > math.MaxUint32 {
		return nil, 1, false, nil
	}
	samples[0].duration = uint32(d)
	// The new trun: data offset, then duration, size, flags (and
	// composition offset when the old one had them) for every sample.
	nf := uint32(0x1 | 0x100 | 0x200 | 0x400 | flags&0x800)
	var b bytes.Buffer
	put := func(v uint32) { _ = binary.Write(&b, binary.BigEndian, v) }
	put(uint32(trun[0])<<24 | nf)
	put(uint32(len(samples)))
	put(dataOffset)
	for _, s := range samples {
		put(s.duration)
		put(s.size)
		put(s.flags)
		if nf&0x800 != 0 {
			put(s.cto)
		}
	}
	newTfdt := slices.Clone(tfdt)
	if newTfdt[0] == 1 && len(newTfdt) >= 12 {
		binary.BigEndian.PutUint64(newTfdt[4:12], uint64(max(at, 0)))
	} else {
		if at < 0 || at > math.MaxUint32 {
			return nil, 0, false, errors.New("transcode: tfdt version 0 overflows")
		}
		binary.BigEndian.PutUint32(newTfdt[4:8], uint32(at))
	}
	// Rebuild the traf, keeping its other boxes as they were.
	var out bytes.Buffer
	out.Write(box[:8])
	if err := walkBoxes(box[8:], func(p string, whole []byte, _ []byte) error {
		switch p {
		case "tfdt":
			out.Write(boxOf("tfdt", newTfdt))
		case "trun":
			out.Write(boxOf("trun", b.Bytes()))
		default:
			out.Write(whole)
		}
		return nil
	}, ""); err != nil {
		return nil, 0, false, err
	}
	traf = out.Bytes()
	binary.BigEndian.PutUint32(traf, uint32(len(traf)))
	return traf, drop, true, nil
}

// boxOf wraps a payload in a box header.
func boxOf(typ string, payload []byte) []byte {
	out := make([]byte, 8, 8+len(payload))
	binary.BigEndian.PutUint32(out, uint32(8+len(payload)))
	copy(out[4:], typ)
	return append(out, payload...)
}

// moveDataOffsets adds n to the data offset of every trun in a traf box.
func moveDataOffsets(traf []byte, n int) error {
	return walkBoxes(traf[8:], func(p string, _ []byte, pl []byte) error {
		if p != "trun" || len(pl) < 12 || pl[3]&0x1 == 0 {
			return nil
		}
		v := int64(int32(binary.BigEndian.Uint32(pl[8:12]))) + int64(n)
		if v < math.MinInt32 || v > math.MaxInt32 {
			return errors.New("transcode: data offset overflows")
		}
		binary.BigEndian.PutUint32(pl[8:12], uint32(int32(v)))
		return nil
	}, "")
}
