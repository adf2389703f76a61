package transcode

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"

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
			binary.BigEndian.PutUint64(f.tfdt[4:12], uint64(max(v, 0)))
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
