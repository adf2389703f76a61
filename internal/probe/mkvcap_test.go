package probe

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/remko/go-mkvparse"
)

// sparseMKV writes head, then a hole of hole bytes, then tail, to a new
// file: a few kilobytes on disk whatever the hole.
func sparseMKV(t *testing.T, head []byte, hole int64, tail []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "crafted.mkv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(head); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(tail, int64(len(head))+hole); err != nil {
		t.Fatal(err)
	}
	return p
}

// unknown starts an element of unknown size; its children follow it.
func unknown(id mkvparse.ElementID) []byte { return elSized(id, ^uint64(0), nil) }

// header is an element's ID and a size field of size, without its data.
func header(id mkvparse.ElementID, size uint64) []byte { return elSized(id, size, nil) }

// TestMatroskaElementCap is issue 11 item 4: headers with unknown-size
// Tracks, TrackEntry or Info and a 60 MB CodecPrivate or Title (a sparse
// file of a few KB) escaped the element cap: 16 such files in one
// /api/meta call took RSS from 67 MB to 682 MB. Every element read is
// capped now, inside unknown-size parents too. Not parallel: it measures
// the bytes the process allocates.
func TestMatroskaElementCap(t *testing.T) {
	const big = 60 << 20 // as in the issue
	const mid = 10 << 20 // under the 16 MB cap of a sized Tracks
	video := slices.Concat(elUint(mkvparse.TrackTypeElement, 1), elString(mkvparse.CodecIDElement, "V_MS/VFW/FOURCC"))
	xvid := append(make([]byte, 16), "XVID"...) // the head of a BITMAPINFOHEADER
	// private is a CodecPrivate of size bytes that starts with xvid; the
	// rest is the hole of the sparse file.
	private := func(size uint64) []byte { return slices.Concat(header(mkvparse.CodecPrivateElement, size), xvid) }
	trackEntry := uint64(len(video)) + 10 + mid // CodecPrivate: a 2-byte ID, an 8-byte size
	tests := []struct {
		name      string
		head      []byte
		hole      int64 // bytes of nothing after head
		tail      []byte
		wantCodec string // the codec from the head of CodecPrivate
		wantErr   error  // nil: read without error
	}{
		{
			"unknown-size Tracks and TrackEntry, 60 MB CodecPrivate",
			slices.Concat(ebmlHeader("matroska"), unknown(mkvparse.SegmentElement), mkvInfo,
				unknown(mkvparse.TracksElement), unknown(mkvparse.TrackEntryElement), video, private(big)),
			big - int64(len(xvid)), mkvCluster, "mpeg4", nil,
		},
		{
			"unknown-size Tracks, sized TrackEntry over the 16 MB cap",
			slices.Concat(ebmlHeader("matroska"), unknown(mkvparse.SegmentElement), mkvInfo,
				unknown(mkvparse.TracksElement), header(mkvparse.TrackEntryElement, uint64(len(video))+10+big), video, private(big)),
			big - int64(len(xvid)), mkvCluster, "", ErrMalformed,
		},
		{
			"sized Tracks and TrackEntry, 10 MB CodecPrivate",
			slices.Concat(ebmlHeader("matroska"), unknown(mkvparse.SegmentElement), mkvInfo,
				header(mkvparse.TracksElement, 9+trackEntry), header(mkvparse.TrackEntryElement, trackEntry), video, private(mid)),
			mid - int64(len(xvid)), mkvCluster, "mpeg4", nil,
		},
		{
			"unknown-size Info, 60 MB Title",
			slices.Concat(ebmlHeader("matroska"), unknown(mkvparse.SegmentElement),
				unknown(mkvparse.InfoElement), elUint(mkvparse.TimecodeScaleElement, 1_000_000),
				header(mkvparse.TitleElement, big)),
			big, slices.Concat(el(mkvparse.TracksElement, mkvVideo("V_VP9", 640, 360)), mkvCluster), "vp9", nil,
		},
		{
			"unknown-size Video inside unknown-size TrackEntry, 60 MB CodecPrivate",
			slices.Concat(ebmlHeader("matroska"), unknown(mkvparse.SegmentElement), mkvInfo,
				unknown(mkvparse.TracksElement), unknown(mkvparse.TrackEntryElement), video,
				unknown(mkvparse.VideoElement), elUint(mkvparse.PixelWidthElement, 320), private(big)),
			big - int64(len(xvid)), mkvCluster, "", nil,
		},
		{
			"60 MB Tracks of unknown-size elements only, no end",
			slices.Concat(ebmlHeader("matroska"), unknown(mkvparse.SegmentElement), mkvInfo,
				unknown(mkvparse.TracksElement), unknown(mkvparse.TrackEntryElement), header(mkvparse.CodecIDElement, big)),
			big, nil, "", ErrTruncated,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sparseMKV(t, tt.head, tt.hole, tt.tail)
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, _ := f.Stat()
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			info, err := Probe(f, st.Size(), ".mkv")
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 2<<20 {
				t.Errorf("Probe(%s): allocated %d KiB, want at most 2048", tt.name, alloc>>10)
			}
			if took > time.Second {
				t.Errorf("Probe(%s) took %v, want under 1s", tt.name, took)
			}
			if !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
				t.Errorf("Probe(%s): %v, want error %v", tt.name, err, tt.wantErr)
			}
			if tt.wantCodec != "" && info.VideoCodec != tt.wantCodec {
				t.Errorf("Probe(%s): video codec %q, want %q (from the head of CodecPrivate)", tt.name, info.VideoCodec, tt.wantCodec)
			}
			t.Logf("%s: %d KiB allocated, %v, %+v, %v", tt.name, alloc>>10, took, info, err)
		})
	}
}
