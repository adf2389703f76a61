package probe

import (
	"encoding/binary"
	"io"

	mp4 "github.com/abema/go-mp4"
)

// maxFragmentWalk bounds the top-level boxes fragmentedDuration steps over
// when the file has no mfra index to jump with: two per fragment.
const maxFragmentWalk = 4096

// fragmentedDuration returns where the last fragment of a fragmented MP4
// ends, in seconds, or 0 when it cannot tell (issue 9: such files read as
// 0 s long). The movie fragment random access box (mfra, ISO/IEC 14496-12
// §8.8.9), which ffmpeg and most packagers write at the end, points at the
// last fragments, so only the moofs from there on are read; without one
// the top-level boxes after moov are walked, within maxFragmentWalk.
func fragmentedDuration(src *source, afterMoov uint64, m *moovReader) float64 {
	start := afterMoov
	if last := lastIndexedMoof(src); last > start {
		start = last
	}
	var lastMoof *mp4.BoxInfo
	off := start
	for range maxFragmentWalk {
		if _, err := src.Seek(int64(off), io.SeekStart); err != nil {
			break
		}
		bi, err := mp4.ReadBoxInfo(src)
		if err != nil || checkTopBox(bi, src.size) != nil {
			break
		}
		if bi.Type == typeMoof {
			lastMoof = bi
		}
		off = bi.Offset + bi.Size
	}
	if lastMoof == nil {
		return 0
	}
	return m.fragmentEnd(src, lastMoof)
}

// lastIndexedMoof returns the offset of the last moof the mfra lists, or
// 0. The mfro box closing the file gives the size of the mfra (§8.8.11).
func lastIndexedMoof(src *source) uint64 {
	var tail [16]byte
	if src.size < int64(len(tail)) {
		return 0
	}
	if n, _ := src.ReadAt(tail[:], src.size-16); n < 16 || string(tail[4:8]) != "mfro" {
		return 0
	}
	size := int64(binary.BigEndian.Uint32(tail[12:]))
	if size < 16 || size > src.size || size > maxPayload*16 {
		return 0
	}
	if _, err := src.Seek(src.size-size, io.SeekStart); err != nil {
		return 0
	}
	mfra, err := mp4.ReadBoxInfo(src)
	if err != nil || mfra.Type != typeMfra {
		return 0
	}
	var last uint64
	_, err = mp4.ReadBoxStructureFromInternal(src, mfra, func(h *mp4.ReadHandle) (any, error) {
		switch h.BoxInfo.Type {
		case typeMfra:
			return expand(h)
		case mp4.BoxTypeTfra():
			if b, ok := payload(h).(*mp4.Tfra); ok {
				for _, e := range b.Entries {
					last = max(last, pick(b.GetVersion(), uint64(e.MoofOffsetV0), e.MoofOffsetV1))
				}
			}
		}
		return nil, nil
	})
	if err != nil || last >= uint64(src.size) {
		return 0
	}
	return last
}

// fragmentEnd reads one moof and returns the latest time any of its track
// fragments reaches: the traf's base decode time (tfdt) plus the durations
// of its samples, from trun, else tfhd's default, else trex's.
func (m *moovReader) fragmentEnd(src *source, moof *mp4.BoxInfo) float64 {
	type traf struct {
		id              uint32
		base            uint64
		defaultDuration uint32
		total           uint64
	}
	var trafs []*traf
	cur := func() *traf {
		if len(trafs) == 0 {
			return nil
		}
		return trafs[len(trafs)-1]
	}
	_, err := mp4.ReadBoxStructureFromInternal(src, moof, func(h *mp4.ReadHandle) (any, error) {
		if h.BoxInfo.Size < h.BoxInfo.HeaderSize {
			return nil, ErrMalformed
		}
		switch h.BoxInfo.Type {
		case typeMoof:
			return expand(h)
		case mp4.BoxTypeTraf():
			trafs = append(trafs, &traf{})
			return expand(h)
		}
		t := cur()
		if t == nil {
			return nil, nil
		}
		switch b := payload(h).(type) {
		case *mp4.Tfhd:
			t.id = b.TrackID
			t.defaultDuration = m.trex[b.TrackID]
			if b.GetFlags()&mp4.TfhdDefaultSampleDurationPresent != 0 {
				t.defaultDuration = b.DefaultSampleDuration
			}
		case *mp4.Tfdt:
			t.base = pick(b.GetVersion(), uint64(b.BaseMediaDecodeTimeV0), b.BaseMediaDecodeTimeV1)
		case *mp4.Trun:
			if b.GetFlags()&0x100 != 0 { // sample-duration-present
				for _, e := range b.Entries {
					t.total += uint64(e.SampleDuration)
				}
			} else {
				t.total += uint64(b.SampleCount) * uint64(t.defaultDuration)
			}
		}
		return nil, nil
	})
	if err != nil {
		return 0
	}
	end := 0.0
	for _, t := range trafs {
		for _, tr := range m.tracks {
			if tr.id == t.id {
				end = max(end, seconds(t.base+t.total, tr.timescale))
			}
		}
	}
	return end
}
