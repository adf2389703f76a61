package probe

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	mp4 "github.com/abema/go-mp4"
	"github.com/remko/go-mkvparse"
)

// fixtureDir holds the files ffmpeg makes, shared by every test in the
// binary: making them is most of the suite's time.
var fixtureDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "reel-probe-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// source2s is two seconds of a 320x240 test pattern and a tone.
var source2s = []string{
	"-f", "lavfi", "-i", "testsrc=size=320x240:rate=24",
	"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
	"-t", "2",
}

// fixtureSpecs are the files made with ffmpeg; encoder names an encoder
// whose absence skips the cases that use the file.
var fixtureSpecs = []struct {
	name    string
	encoder string
	args    []string
}{
	{"h264_aac.mp4", "libx264", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"}},
	{"h264_aac_faststart.mp4", "libx264", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart"}},
	{"hevc_aac.mp4", "libx265", []string{"-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-c:a", "aac"}},
	{"h264_aac.mov", "libx264", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"}},
	{"h264_aac.mkv", "libx264", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"}},
	{"vp9_opus.webm", "libvpx-vp9", []string{"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"}},
	// Dolby audio in MP4 (issue 10's labels): the sample entry always says
	// 2 channels; dac3 and dec3 say how many there are.
	{"h264_ac3_51.mp4", "ac3", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "ac3", "-ac", "6"}},
	{"h264_eac3_51.mp4", "eac3", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "eac3", "-ac", "6"}},
	{"h264_ac3_mono.mp4", "ac3", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "ac3", "-ac", "1"}},
	{"h264_eac3_stereo.mp4", "eac3", []string{"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "eac3", "-ac", "2"}},
}

var (
	fixturesOnce sync.Once
	fixturesErr  error
	fixtureFiles map[string]string // name → path, for the files made
)

// fixture returns the path of the named ffmpeg-made file. It skips the
// test when ffmpeg or the file's encoder is missing, except under CI,
// where a missing ffmpeg fails the test.
func fixture(t testing.TB, name string) string {
	t.Helper()
	fixturesOnce.Do(makeFixtures)
	if fixturesErr != nil {
		if errors.Is(fixturesErr, exec.ErrNotFound) && os.Getenv("CI") == "" {
			t.Skipf("ffmpeg not available: %v", fixturesErr)
		}
		t.Fatal(fixturesErr)
	}
	path, ok := fixtureFiles[name]
	if !ok {
		t.Skipf("%s: encoder not available in this ffmpeg", name)
	}
	return path
}

// makeFixtures runs one ffmpeg per file, all at once.
func makeFixtures() {
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		fixturesErr = err
		return
	}
	out, err := exec.Command(ffmpeg, "-hide_banner", "-encoders").Output()
	if err != nil {
		fixturesErr = fmt.Errorf("ffmpeg -encoders: %w", err)
		return
	}
	encoders := string(out)
	fixtureFiles = make(map[string]string)
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
	)
	for _, spec := range fixtureSpecs {
		if !strings.Contains(encoders, " "+spec.encoder+" ") {
			continue
		}
		wg.Go(func() {
			path := filepath.Join(fixtureDir, spec.name)
			args := append([]string{"-v", "error", "-y"}, source2s...)
			args = append(append(args, spec.args...), path)
			out, err := exec.Command(ffmpeg, args...).CombinedOutput()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("ffmpeg %s: %v\n%s", spec.name, err, out))
				return
			}
			fixtureFiles[spec.name] = path
		})
	}
	wg.Wait()
	fixturesErr = errors.Join(errs...)
}

// sameInfo compares two Infos, durations to within 0.1 s.
func sameInfo(got, want Info) bool {
	d := got.Duration - want.Duration
	got.Duration, want.Duration = 0, 0
	got.Tracks, want.Tracks = nil, nil // TestCorpus checks them
	return reflect.DeepEqual(got, want) && math.Abs(d) <= 0.1
}

func TestProbeFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want Info
	}{
		{"h264_aac.mp4", Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "h264", AudioCodec: "aac", Container: "mp4"}},
		{"h264_aac_faststart.mp4", Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "h264", AudioCodec: "aac", Container: "mp4"}},
		{"hevc_aac.mp4", Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "hevc", AudioCodec: "aac", Container: "mp4"}},
		{"h264_aac.mov", Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "h264", AudioCodec: "aac", Container: "mov"}},
		{"h264_aac.mkv", Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "h264", AudioCodec: "aac", Container: "matroska"}},
		{"vp9_opus.webm", Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "vp9", AudioCodec: "opus", Container: "webm"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := fixture(t, tt.file)
			got, err := ProbeFile(path)
			if err != nil || !sameInfo(got, tt.want) {
				t.Errorf("ProbeFile(%s) = %+v, %v; want %+v, nil", tt.file, got, err, tt.want)
			}
		})
	}
}

// TestDolbyChannels reads the channels of AC-3 and E-AC-3 tracks in MP4
// from their dac3 and dec3 boxes, as ffprobe does: the audio sample
// entry's count is 2 whatever the track holds (ETSI TS 102 366 annex F),
// so a 5.1 track was labelled stereo.
func TestDolbyChannels(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		file  string
		codec string
		want  int
	}{
		{"h264_ac3_51.mp4", "ac3", 6},
		{"h264_eac3_51.mp4", "eac3", 6},
		{"h264_ac3_mono.mp4", "ac3", 1},
		{"h264_eac3_stereo.mp4", "eac3", 2},
	} {
		t.Run(tt.file, func(t *testing.T) {
			path := fixture(t, tt.file)
			info, err := ProbeFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var got []Track
			for _, tr := range info.Tracks {
				if tr.Type == "audio" {
					got = append(got, tr)
				}
			}
			if len(got) != 1 || got[0].Codec != tt.codec || got[0].Channels != tt.want {
				t.Errorf("%s: audio tracks %+v, want one %s track of %d channels", tt.file, got, tt.codec, tt.want)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, _ := f.Stat()
			l, err := ReadLayout(t.Context(), FFprobe{}, f, st.Size())
			if err != nil || len(l.Audio) != 1 || l.Audio[0].Channels != tt.want {
				t.Errorf("%s: layout %+v, %v; want one audio track of %d channels", tt.file, l.Audio, err, tt.want)
			}
		})
	}
}

func TestAC3Config(t *testing.T) {
	for _, tt := range []struct {
		name       string
		dac3, dec3 []byte
		ac3, eac3  int
	}{
		{name: "3/2 with LFE: 5.1", dac3: []byte{0x10, 0x3d, 0xc0}, ac3: 6},
		{name: "1/0: mono", dac3: []byte{0x10, 0x08, 0xc0}, ac3: 1},
		{name: "too short", dac3: []byte{0x10}, dec3: []byte{0, 0, 0}},
		// data_rate, num_ind_sub 0; fscod 0, bsid 16, asvc 0, bsmod 0,
		// acmod 7, lfeon 1.
		{name: "E-AC-3 5.1", dec3: []byte{0x01, 0x80, 0x20, 0x0f, 0x00}, eac3: 6},
		{name: "E-AC-3 2/0", dec3: []byte{0x01, 0x80, 0x20, 0x04, 0x00}, eac3: 2},
	} {
		if tt.dac3 != nil {
			if got := ac3Channels(tt.dac3); got != tt.ac3 {
				t.Errorf("%s: ac3Channels(% x) = %d, want %d", tt.name, tt.dac3, got, tt.ac3)
			}
		}
		if tt.dec3 != nil {
			if got := eac3Channels(tt.dec3); got != tt.eac3 {
				t.Errorf("%s: eac3Channels(% x) = %d, want %d", tt.name, tt.dec3, got, tt.eac3)
			}
		}
	}
}

// full marks a truncated case whose headers survive the cut: Probe must
// return what it returns for the whole file.
//
//lint:ignore ST1012 a marker in the table's error column, never returned by code, so not an errFoo
var full = errors.New("same as the whole file")

func TestProbeTruncated(t *testing.T) {
	t.Parallel()
	first := func(n int) func([]byte) []byte {
		return func(b []byte) []byte { return b[:min(n, len(b))] }
	}
	half := func(b []byte) []byte { return b[:len(b)/2] }
	// insideTracks cuts 40 bytes into the Matroska Tracks element.
	insideTracks := func(b []byte) []byte {
		return b[:element(b, mkvparse.TracksElement)+40]
	}
	tests := []struct {
		name    string
		file    string
		cut     func([]byte) []byte
		wantErr error
	}{
		{"mp4 moov at end, first 1000 bytes", "h264_aac.mp4", first(1000), ErrTruncated},
		{"mp4 moov at end, first half", "h264_aac.mp4", half, ErrTruncated},
		{"mp4 moov at end, zero bytes", "h264_aac.mp4", first(0), ErrTruncated},
		{"mp4 moov at end, last byte missing", "h264_aac.mp4", func(b []byte) []byte { return b[:len(b)-1] }, ErrTruncated},
		{"mp4 faststart, first 1000 bytes", "h264_aac_faststart.mp4", first(1000), ErrTruncated},
		{"mp4 faststart, first half keeps moov", "h264_aac_faststart.mp4", half, full},
		{"mov, first half", "h264_aac.mov", half, ErrTruncated},
		{"mkv, first 1000 bytes keep Info and Tracks", "h264_aac.mkv", first(1000), full},
		{"mkv, first half", "h264_aac.mkv", half, full},
		{"mkv, cut inside Tracks", "h264_aac.mkv", insideTracks, ErrTruncated},
		{"mkv, first 20 bytes", "h264_aac.mkv", first(20), ErrTruncated},
		{"webm, cut inside Tracks", "vp9_opus.webm", insideTracks, ErrTruncated},
		{"webm, zero bytes", "vp9_opus.webm", first(0), ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(fixture(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			want, err := Probe(bytes.NewReader(data), int64(len(data)), filepath.Ext(tt.file))
			if err != nil {
				t.Fatalf("whole %s: %v", tt.file, err)
			}
			cut := tt.cut(data)
			got, err := Probe(bytes.NewReader(cut), int64(len(cut)), filepath.Ext(tt.file))
			switch {
			case tt.wantErr == full && (err != nil || !sameInfo(got, want)):
				t.Errorf("%s cut to %d bytes: Probe = %+v, %v; want %+v, nil", tt.file, len(cut), got, err, want)
			case tt.wantErr != full && !errors.Is(err, tt.wantErr):
				t.Errorf("%s cut to %d bytes: Probe = %+v, %v; want error %v", tt.file, len(cut), got, err, tt.wantErr)
			}
		})
	}
}

// TestProbeOnlyReadsHeaders places the headers of a real file at the two
// ends of a 50 GB file that exists only as a ReaderAt, and counts the
// bytes Probe asks for.
func TestProbeOnlyReadsHeaders(t *testing.T) {
	t.Parallel()
	const size = 50 << 30
	tests := []struct {
		name string
		file func(t *testing.T) *sparseFile
		want Info
	}{
		{
			"mp4 moov after 50 GB of mdat",
			func(t *testing.T) *sparseFile {
				boxes := topBoxes(t, fixtureBytes(t, "h264_aac.mp4"), "ftyp", "moov")
				ftyp, moov := boxes[0], boxes[1]
				mdat := binary.BigEndian.AppendUint64([]byte{0, 0, 0, 1, 'm', 'd', 'a', 't'}, size-uint64(len(ftyp)+len(moov)))
				return &sparseFile{size: size, parts: map[int64][]byte{
					0:                       append(ftyp, mdat...),
					size - int64(len(moov)): moov,
				}}
			},
			Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "h264", AudioCodec: "aac", Container: "mp4"},
		},
		{
			"mkv with 50 GB of clusters",
			func(t *testing.T) *sparseFile {
				data := fixtureBytes(t, "h264_aac.mkv")
				cluster := element(data, mkvparse.ClusterElement)
				return &sparseFile{size: size, parts: map[int64][]byte{0: data[:cluster+8]}}
			},
			Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "h264", AudioCodec: "aac", Container: "matroska"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.file(t)
			got, err := Probe(f, f.size, ".bin")
			if err != nil || !sameInfo(got, tt.want) {
				t.Errorf("Probe = %+v, %v; want %+v, nil", got, err, tt.want)
			}
			t.Logf("read %d bytes", f.read)
			if f.read > 256<<10 {
				t.Errorf("Probe read %d bytes of a %d-byte file, want at most %d", f.read, f.size, 256<<10)
			}
		})
	}
}

// element returns the offset of the first element with the given ID that
// is not the target of a SeekHead entry (SeekID, 0x53AB, names IDs too).
func element(data []byte, id mkvparse.ElementID) int {
	var idBytes [4]byte
	binary.BigEndian.PutUint32(idBytes[:], uint32(id))
	for off := 0; ; off++ {
		i := bytes.Index(data[off:], idBytes[:])
		if i < 0 {
			panic(fmt.Sprintf("no element %x", id))
		}
		off += i
		if off < 3 || !bytes.Equal(data[off-3:off], []byte{0x53, 0xAB, 0x84}) {
			return off
		}
	}
}

func fixtureBytes(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(fixture(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// topBoxes returns the named top-level boxes of an MP4 file.
func topBoxes(t *testing.T, data []byte, types ...string) [][]byte {
	t.Helper()
	found := map[string][]byte{}
	for off := 0; off+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		if n < 8 || off+n > len(data) {
			t.Fatalf("box at %d: size %d", off, n)
		}
		found[string(data[off+4:off+8])] = data[off : off+n]
		off += n
	}
	var out [][]byte
	for _, typ := range types {
		b, ok := found[typ]
		if !ok {
			t.Fatalf("no %s box", typ)
		}
		out = append(out, b)
	}
	return out
}

// sparseFile is an io.ReaderAt of the given size whose bytes are zero
// except for parts, keyed by offset. It counts the bytes read.
type sparseFile struct {
	size  int64
	parts map[int64][]byte
	read  int64
}

func (f *sparseFile) ReadAt(p []byte, off int64) (int, error) {
	if off >= f.size {
		return 0, io.EOF
	}
	n := len(p)
	if int64(n) > f.size-off {
		n = int(f.size - off)
	}
	clear(p[:n])
	for at, b := range f.parts {
		lo, hi := max(off, at), min(off+int64(n), at+int64(len(b)))
		if lo < hi {
			copy(p[lo-off:hi-off], b[lo-at:hi-at])
		}
	}
	f.read += int64(n)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// The builders below make small files in code, for the cases ffmpeg
// cannot make (hostile headers) and for the fuzz seeds, which must not
// need ffmpeg.

// box builds an ISO box of the given type around parts.
func box(typ string, parts ...[]byte) []byte {
	n := 8
	for _, p := range parts {
		n += len(p)
	}
	b := binary.BigEndian.AppendUint32(make([]byte, 0, n), uint32(n))
	b = append(b, typ...)
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// fields encodes the fields of an ISO box with go-mp4.
func fields(b mp4.IImmutableBox) []byte {
	var buf bytes.Buffer
	if _, err := mp4.Marshal(&buf, b, mp4.Context{}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

var ftypISOM = box("ftyp", []byte("isom"), u32(0x200), []byte("isomiso2avc1mp41"))

// identity and rotate90 are tkhd matrices; phones record portrait video
// as landscape frames with rotate90.
var (
	identity = [9]int32{1 << 16, 0, 0, 0, 1 << 16, 0, 0, 0, 1 << 30}
	rotate90 = [9]int32{0, 1 << 16, 0, -1 << 16, 0, 0, 0, 0, 1 << 30}
)

// isoTrak builds a trak whose stsd holds one entry.
func isoTrak(handler string, width, height uint32, entry []byte) []byte {
	return isoTrakTurned(handler, width, height, identity, entry)
}

func isoTrakTurned(handler string, width, height uint32, matrix [9]int32, entry []byte) []byte {
	return box("trak",
		box("tkhd", fields(&mp4.Tkhd{TrackID: 1, DurationV0: 2000, Width: width << 16, Height: height << 16, Matrix: matrix})),
		box("mdia",
			box("mdhd", fields(&mp4.Mdhd{Timescale: 1000, DurationV0: 2000, Language: [3]byte{'u' - 0x60, 'n' - 0x60, 'd' - 0x60}})),
			box("hdlr", fields(&mp4.Hdlr{HandlerType: [4]byte([]byte(handler)), Name: handler})),
			box("minf", box("stbl",
				box("stsd", fields(&mp4.Stsd{EntryCount: 1}), entry),
				box("stts", u32(0), u32(0)),
			)),
		),
	)
}

func visualEntry(typ string, width, height uint16, children ...[]byte) []byte {
	e := &mp4.VisualSampleEntry{
		SampleEntry: mp4.SampleEntry{AnyTypeBox: mp4.AnyTypeBox{Type: mp4.StrToBoxType(typ)}, DataReferenceIndex: 1},
		Width:       width, Height: height, Horizresolution: 72 << 16, Vertresolution: 72 << 16, FrameCount: 1, Depth: 24, PreDefined3: -1,
	}
	return box(typ, append([][]byte{fields(e)}, children...)...)
}

func audioEntry(typ string, children ...[]byte) []byte {
	e := &mp4.AudioSampleEntry{
		SampleEntry:  mp4.SampleEntry{AnyTypeBox: mp4.AnyTypeBox{Type: mp4.StrToBoxType(typ)}, DataReferenceIndex: 1},
		ChannelCount: 2, SampleSize: 16, SampleRate: 48000 << 16,
	}
	return box(typ, append([][]byte{fields(e)}, children...)...)
}

// esds builds an esds box naming the given objectTypeIndication.
func esds(oti byte) []byte {
	return box("esds", fields(&mp4.Esds{Descriptors: []mp4.Descriptor{
		{Tag: mp4.ESDescrTag, Size: 23, ESDescriptor: &mp4.ESDescriptor{ESID: 1}},
		{Tag: mp4.DecoderConfigDescrTag, Size: 13, DecoderConfigDescriptor: &mp4.DecoderConfigDescriptor{ObjectTypeIndication: oti, StreamType: 5, Reserved: true}},
	}}))
}

func mvhd2s() []byte {
	return box("mvhd", fields(&mp4.Mvhd{Timescale: 1000, DurationV0: 2000, Rate: 1 << 16, Volume: 256, NextTrackID: 3}))
}

// isoFile builds ftyp, mdat, then a moov holding the given traks.
func isoFile(traks ...[]byte) []byte {
	moov := box("moov", append([][]byte{mvhd2s()}, traks...)...)
	return slices.Concat(ftypISOM, box("mdat", make([]byte, 64)), moov)
}

// el builds a Matroska element with an 8-byte size field.
func el(id mkvparse.ElementID, parts ...[]byte) []byte {
	payload := bytes.Join(parts, nil)
	return elSized(id, uint64(len(payload)), payload)
}

// elSized builds an element whose size field says size, whatever the
// payload; ^uint64(0) writes the "unknown size" marker.
func elSized(id mkvparse.ElementID, size uint64, payload []byte) []byte {
	var b []byte
	for shift := 24; shift >= 0; shift -= 8 {
		if c := byte(uint32(id) >> shift); c != 0 || len(b) > 0 {
			b = append(b, c)
		}
	}
	if size == ^uint64(0) {
		b = append(b, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)
	} else {
		b = binary.BigEndian.AppendUint64(b, size|1<<56)
	}
	return append(b, payload...)
}

func elUint(id mkvparse.ElementID, v uint64) []byte {
	return el(id, binary.BigEndian.AppendUint64(nil, v))
}

func elFloat(id mkvparse.ElementID, v float64) []byte {
	return el(id, binary.BigEndian.AppendUint64(nil, math.Float64bits(v)))
}

func elString(id mkvparse.ElementID, s string) []byte { return el(id, []byte(s)) }

func ebmlHeader(docType string) []byte {
	return el(mkvparse.EBMLElement,
		elUint(mkvparse.EBMLVersionElement, 1),
		elUint(mkvparse.EBMLReadVersionElement, 1),
		elString(mkvparse.DocTypeElement, docType),
		elUint(mkvparse.DocTypeVersionElement, 4),
		elUint(mkvparse.DocTypeReadVersionElement, 2),
	)
}

// mkvInfo is a segment Info of 2.5 s.
var mkvInfo = el(mkvparse.InfoElement,
	elUint(mkvparse.TimecodeScaleElement, 1_000_000),
	elFloat(mkvparse.DurationElement, 2500),
)

func mkvVideo(codecID string, width, height uint64, extra ...[]byte) []byte {
	return mkvVideoDisplay(codecID, el(mkvparse.VideoElement, elUint(mkvparse.PixelWidthElement, width), elUint(mkvparse.PixelHeightElement, height)), extra...)
}

func mkvVideoDisplay(codecID string, video []byte, extra ...[]byte) []byte {
	return el(mkvparse.TrackEntryElement, append([][]byte{
		elUint(mkvparse.TrackNumberElement, 1),
		elUint(mkvparse.TrackTypeElement, 1),
		elString(mkvparse.CodecIDElement, codecID),
		video,
	}, extra...)...)
}

func mkvAudio(codecID string) []byte {
	return el(mkvparse.TrackEntryElement,
		elUint(mkvparse.TrackNumberElement, 2),
		elUint(mkvparse.TrackTypeElement, 2),
		elString(mkvparse.CodecIDElement, codecID),
	)
}

var mkvCluster = el(mkvparse.ClusterElement, elUint(mkvparse.TimecodeElement, 0))

// mkvFile builds an EBML header and a Segment of the given children.
func mkvFile(docType string, children ...[]byte) []byte {
	return slices.Concat(ebmlHeader(docType), el(mkvparse.SegmentElement, children...))
}

// blockAdditionMapping (0x41E4) is a TrackEntry child newer than
// go-mkvparse's element table; 0x41E7 is its BlockAddIDType.
var blockAdditionMapping = el(0x41E4, elUint(0x41E7, 0x64766343))

func garbage(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestProbeBuilt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		data    []byte
		ext     string
		want    Info
		wantErr error
	}{
		{
			"mp4 h264 and aac",
			isoFile(isoTrak("vide", 640, 360, visualEntry("avc1", 640, 360)), isoTrak("soun", 0, 0, audioEntry("mp4a", esds(0x40)))),
			".mp4", Info{Duration: 2, Width: 640, Height: 360, VideoCodec: "h264", AudioCodec: "aac", Container: "mp4"}, nil,
		},
		{
			"mp4a whose esds says mp3",
			isoFile(isoTrak("soun", 0, 0, audioEntry("mp4a", esds(0x6B)))),
			".mp4", Info{Duration: 2, AudioCodec: "mp3", Container: "mp4"}, nil,
		},
		{
			"mp4v whose esds says mpeg2",
			isoFile(isoTrak("vide", 720, 576, visualEntry("mp4v", 720, 576, esds(0x61)))),
			".mp4", Info{Duration: 2, Width: 720, Height: 576, VideoCodec: "mpeg2", Container: "mp4"}, nil,
		},
		{
			"tkhd without size falls back to the sample entry",
			isoFile(isoTrak("vide", 0, 0, visualEntry("hvc1", 1920, 1080))),
			".mp4", Info{Duration: 2, Width: 1920, Height: 1080, VideoCodec: "hevc", Container: "mp4"}, nil,
		},
		{
			"sample entry go-mp4 does not know",
			isoFile(isoTrak("vide", 1280, 720, box("apcn", make([]byte, 78))), isoTrak("soun", 0, 0, box("ac-3", make([]byte, 28)))),
			".mov", Info{Duration: 2, Width: 1280, Height: 720, VideoCodec: "prores", AudioCodec: "ac3", Container: "mp4"}, nil,
		},
		{
			"portrait video recorded turned by 90°",
			isoFile(isoTrakTurned("vide", 1920, 1080, rotate90, visualEntry("hvc1", 1920, 1080))),
			".mov", Info{Duration: 2, Width: 1080, Height: 1920, VideoCodec: "hevc", Container: "mp4"}, nil,
		},
		{
			"heif image",
			slices.Concat(box("ftyp", []byte("heic"), u32(0), []byte("mif1heic")), box("meta", make([]byte, 40))),
			".heic", Info{Container: "heif"}, ErrUnsupported,
		},
		{
			"quicktime starting with moov, no ftyp",
			box("moov", mvhd2s(), isoTrak("vide", 320, 240, visualEntry("avc1", 320, 240))),
			".mov", Info{Duration: 2, Width: 320, Height: 240, VideoCodec: "h264", Container: "mov"}, nil,
		},
		{
			"ftyp with the qt brand",
			slices.Concat(box("ftyp", []byte("qt  "), u32(0x200), []byte("qt  ")), box("moov", mvhd2s())),
			".mov", Info{Duration: 2, Container: "mov"}, nil,
		},
		{
			"matroska h264 and opus",
			mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement, mkvVideo("V_MPEG4/ISO/AVC", 1280, 720), mkvAudio("A_OPUS")), mkvCluster),
			".mkv", Info{Duration: 2.5, Width: 1280, Height: 720, VideoCodec: "h264", AudioCodec: "opus", Container: "matroska"}, nil,
		},
		{
			"webm doctype",
			mkvFile("webm", mkvInfo, el(mkvparse.TracksElement, mkvVideo("V_VP9", 640, 480), mkvAudio("A_VORBIS")), mkvCluster),
			".webm", Info{Duration: 2.5, Width: 640, Height: 480, VideoCodec: "vp9", AudioCodec: "vorbis", Container: "webm"}, nil,
		},
		{
			"anamorphic video shows at its display size",
			mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement, mkvVideoDisplay("V_MPEG2", el(mkvparse.VideoElement,
				elUint(mkvparse.PixelWidthElement, 720), elUint(mkvparse.PixelHeightElement, 576),
				elUint(mkvparse.DisplayWidthElement, 1024), elUint(mkvparse.DisplayHeightElement, 576),
			))), mkvCluster),
			".mkv", Info{Duration: 2.5, Width: 1024, Height: 576, VideoCodec: "mpeg2", Container: "matroska"}, nil,
		},
		{
			"display size as an aspect ratio is not a size",
			mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement, mkvVideoDisplay("V_MPEG2", el(mkvparse.VideoElement,
				elUint(mkvparse.PixelWidthElement, 720), elUint(mkvparse.PixelHeightElement, 576),
				elUint(mkvparse.DisplayWidthElement, 16), elUint(mkvparse.DisplayHeightElement, 9), elUint(mkvparse.DisplayUnitElement, 3),
			))), mkvCluster),
			".mkv", Info{Duration: 2.5, Width: 720, Height: 576, VideoCodec: "mpeg2", Container: "matroska"}, nil,
		},
		{
			"Tracks before Info",
			mkvFile("matroska", el(mkvparse.TracksElement, mkvVideo("V_MPEGH/ISO/HEVC", 3840, 2160)), mkvInfo, mkvCluster),
			".mkv", Info{Duration: 2.5, Width: 3840, Height: 2160, VideoCodec: "hevc", Container: "matroska"}, nil,
		},
		{
			"element unknown to go-mkvparse before CodecID",
			mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement,
				el(mkvparse.TrackEntryElement,
					elUint(mkvparse.TrackTypeElement, 1),
					blockAdditionMapping,
					elString(mkvparse.CodecIDElement, "V_AV1"),
					el(mkvparse.VideoElement, el(0x55C0, []byte{1, 2, 3}), elUint(mkvparse.PixelWidthElement, 1920), elUint(mkvparse.PixelHeightElement, 800)),
				),
				mkvAudio("A_EAC3"),
			), mkvCluster),
			".mkv", Info{Duration: 2.5, Width: 1920, Height: 800, VideoCodec: "av1", AudioCodec: "eac3", Container: "matroska"}, nil,
		},
		{
			"video for windows xvid",
			mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement,
				mkvVideo("V_MS/VFW/FOURCC", 640, 352, el(mkvparse.CodecPrivateElement, append(make([]byte, 16), "XVID"+"\x00\x00\x00\x00"...))),
			), mkvCluster),
			".mkv", Info{Duration: 2.5, Width: 640, Height: 352, VideoCodec: "mpeg4", Container: "matroska"}, nil,
		},
		{
			"matroska without Duration",
			mkvFile("matroska", el(mkvparse.InfoElement, elUint(mkvparse.TimecodeScaleElement, 1_000_000)), el(mkvparse.TracksElement, mkvAudio("A_FLAC")), mkvCluster),
			".mka", Info{AudioCodec: "flac", Container: "matroska"}, nil,
		},
		{"EBML of another document type", mkvFile("notmatroska", mkvInfo), ".mkv", Info{Container: "matroska"}, ErrUnsupported},
		{"avi", slices.Concat([]byte("RIFF"), u32(1000), []byte("AVI LIST")), ".avi", Info{Container: "avi"}, ErrUnsupported},
		{"ogg", slices.Concat([]byte("OggS\x00\x02"), make([]byte, 40)), ".ogv", Info{Container: "ogg"}, ErrUnsupported},
		{"mpeg-ts", bytes.Repeat(append([]byte{0x47}, make([]byte, 187)...), 3), ".ts", Info{Container: "mpegts"}, ErrUnsupported},
		{"flv", slices.Concat([]byte("FLV\x01\x05"), make([]byte, 20)), ".flv", Info{Container: "flv"}, ErrUnsupported},
		{"garbage", garbage(4096), ".bin", Info{}, ErrUnrecognized},
		{"garbage named .mp4", garbage(4096), ".mp4", Info{}, ErrUnrecognized},
		{"mdat first without a QuickTime extension", box("mdat", make([]byte, 100)), ".bin", Info{}, ErrUnrecognized},
		{"seven bytes", []byte("ftypiso"), ".mp4", Info{}, ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Probe(bytes.NewReader(tt.data), int64(len(tt.data)), tt.ext)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) || !sameInfo(got, tt.want) {
				t.Errorf("Probe(%d bytes, %q) = %+v, %v; want %+v, %v", len(tt.data), tt.ext, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// hostileCases are headers that lie. Each must fail fast with the given
// error, or, where wantErr is nil, be read without error.
func hostileCases() []struct {
	name    string
	data    []byte
	wantErr error
} {
	free := box("free")
	nestedTrak := box("mdhd")
	for range 5000 {
		nestedTrak = box("trak", nestedTrak)
	}
	nestedTracks := mkvVideo("V_VP8", 1, 1)
	for range 3000 {
		nestedTracks = el(mkvparse.TrackEntryElement, el(mkvparse.TracksElement, nestedTracks))
	}
	var unknownSizeTags []byte
	for range 20000 {
		unknownSizeTags = append(unknownSizeTags, elSized(mkvparse.TagsElement, ^uint64(0), nil)...)
	}
	return []struct {
		name    string
		data    []byte
		wantErr error
	}{
		{"box size smaller than its header", slices.Concat(ftypISOM, u32(4), []byte("moov"), make([]byte, 64)), ErrMalformed},
		{"moov larger than the file", slices.Concat(ftypISOM, u32(1<<30), []byte("moov"), mvhd2s()), ErrTruncated},
		{"64-bit size of 2^64-1", slices.Concat(ftypISOM, u32(1), []byte("mdat"), binary.BigEndian.AppendUint64(nil, math.MaxUint64)), ErrTruncated},
		{"64-bit size smaller than its header", slices.Concat(ftypISOM, u32(1), []byte("moov"), binary.BigEndian.AppendUint64(nil, 9), mvhd2s()), ErrMalformed},
		{"mdat of size 0 runs to the end, no moov", slices.Concat(ftypISOM, u32(0), []byte("mdat"), make([]byte, 1000)), ErrTruncated},
		{"20000 top-level boxes before moov", slices.Concat(ftypISOM, bytes.Repeat(free, 20000), box("moov", mvhd2s())), ErrMalformed},
		{"moov of 20000 empty boxes", slices.Concat(ftypISOM, box("moov", bytes.Repeat(free, 20000))), ErrMalformed},
		{"trak nested 5000 deep", slices.Concat(ftypISOM, box("moov", mvhd2s(), nestedTrak)), nil},
		{"tkhd of 4 bytes", slices.Concat(ftypISOM, box("moov", box("trak", u32(4), []byte("tkhd")))), ErrMalformed},
		{"child larger than its trak", slices.Concat(ftypISOM, box("moov", box("trak", u32(1000), []byte("mdia")))), ErrMalformed},
		{"stsd claiming 2^32-1 entries", isoFile(box("trak", box("mdia", box("minf", box("stbl", box("stsd", fields(&mp4.Stsd{EntryCount: math.MaxUint32}))))))), nil},
		{"Tracks larger than the file", slices.Concat(ebmlHeader("matroska"), el(mkvparse.SegmentElement, elSized(mkvparse.TracksElement, 1<<40, mkvAudio("A_AAC")))), ErrTruncated},
		{"TrackEntry overrunning Tracks", mkvFile("matroska", el(mkvparse.TracksElement, elSized(mkvparse.TrackEntryElement, 1000, mkvAudio("A_AAC")))), ErrMalformed},
		{"CodecPrivate of 1 TB", mkvFile("matroska", el(mkvparse.TracksElement, el(mkvparse.TrackEntryElement, elSized(mkvparse.CodecPrivateElement, 1<<40, nil)))), ErrMalformed},
		{"element ID longer than 4 bytes", mkvFile("matroska", el(mkvparse.TracksElement, []byte{0x08, 1, 2, 3, 4, 0x80})), ErrMalformed},
		{"20000 unknown-size Tags", slices.Concat(ebmlHeader("matroska"), elSized(mkvparse.SegmentElement, ^uint64(0), unknownSizeTags)), ErrMalformed},
		{"Tracks and TrackEntry nested 3000 deep", mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement, nestedTracks), mkvCluster), nil},
		{"Cluster before Tracks", mkvFile("matroska", mkvInfo, mkvCluster, el(mkvparse.TracksElement, mkvAudio("A_AAC"))), ErrMalformed},
		{"unknown-size Segment without Tracks", slices.Concat(ebmlHeader("matroska"), elSized(mkvparse.SegmentElement, ^uint64(0), mkvInfo)), ErrTruncated},
	}
}

func TestProbeHostile(t *testing.T) {
	t.Parallel()
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got, err := Probe(bytes.NewReader(tt.data), int64(len(tt.data)), ".mp4")
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("Probe took %v, want under 1s", elapsed)
			}
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("Probe(%d bytes) = %+v, %v; want error %v", len(tt.data), got, err, tt.wantErr)
			}
		})
	}
}

func TestProbeAll(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string][]byte{
		"a.mp4": isoFile(isoTrak("vide", 640, 360, visualEntry("avc1", 640, 360))),
		"b.mkv": mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement, mkvAudio("A_OPUS")), mkvCluster),
		"c.mp4": garbage(100),
	}
	var paths []string
	for range 10 {
		for name, data := range files {
			path := filepath.Join(dir, fmt.Sprint(len(paths))+name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path)
		}
	}
	paths = append(paths, filepath.Join(dir, "missing.mp4"))
	for _, workers := range []int{0, 1, 3, 100} {
		results := ProbeAll(paths, workers)
		if len(results) != len(paths) {
			t.Fatalf("workers=%d: %d results for %d paths", workers, len(results), len(paths))
		}
		for i, r := range results {
			info, err := ProbeFile(paths[i])
			if r.Path != paths[i] || !reflect.DeepEqual(r.Info, info) || (r.Err == nil) != (err == nil) {
				t.Errorf("workers=%d: result %d = %+v, want {%s %+v %v}", workers, i, r, paths[i], info, err)
			}
		}
	}
}

// sentinels are the errors Probe's errors wrap on byte-slice input.
var sentinels = []error{ErrUnsupported, ErrUnrecognized, ErrTruncated, ErrMalformed}

func FuzzProbe(f *testing.F) {
	f.Add(isoFile(isoTrak("vide", 640, 360, visualEntry("avc1", 640, 360)), isoTrak("soun", 0, 0, audioEntry("mp4a", esds(0x40)))), ".mp4")
	f.Add(isoFile(isoTrak("vide", 720, 576, visualEntry("mp4v", 720, 576, esds(0x61)))), ".mp4")
	f.Add(box("moov", mvhd2s(), isoTrak("soun", 0, 0, audioEntry("mp4a", box("wave", esds(0x6B))))), ".mov")
	f.Add(mkvFile("matroska", mkvInfo, el(mkvparse.TracksElement, mkvVideo("V_MPEG4/ISO/AVC", 1280, 720), mkvAudio("A_OPUS")), mkvCluster), ".mkv")
	f.Add(mkvFile("webm", mkvInfo, el(mkvparse.TracksElement, mkvVideo("V_VP9", 640, 480, blockAdditionMapping)), mkvCluster), ".webm")
	f.Add(slices.Concat(ebmlHeader("matroska"), elSized(mkvparse.SegmentElement, ^uint64(0), mkvInfo)), ".mkv")
	f.Add([]byte("RIFF\x00\x00\x00\x00AVI LIST"), ".avi")
	for _, tt := range hostileCases() {
		if len(tt.data) < 4096 {
			f.Add(tt.data, ".mp4")
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		start := time.Now()
		info, err := Probe(bytes.NewReader(data), int64(len(data)), ext)
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("Probe(%q) took %v", data, elapsed)
		}
		if err != nil && !slices.ContainsFunc(sentinels, func(s error) bool { return errors.Is(err, s) }) {
			t.Errorf("Probe(%q) error %v wraps none of the package's errors", data, err)
		}
		if info.Duration < 0 || math.IsNaN(info.Duration) || math.IsInf(info.Duration, 0) || info.Width < 0 || info.Height < 0 {
			t.Errorf("Probe(%q) = %+v, want a finite duration and sizes >= 0", data, info)
		}
	})
}
