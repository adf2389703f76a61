package transcode

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"reel/internal/testmedia"
)

// tsFiles makes transport streams beyond the corpus's: B-frames (PTS
// after DTS), a keyframe every 12 frames, HEVC with IDR and CRA pictures,
// an M2TS of HEVC, and MPEG-2 video, which the Go reader leaves to ffprobe.
func tsFiles(t *testing.T) map[string]string {
	t.Helper()
	tmp := t.TempDir()
	src := []string{"-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "6"}
	files := map[string][]string{
		"bframes.ts":  {"-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-g", "12", "-keyint_min", "12"},
		"hevc-cra.ts": {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=25:min-keyint=25:open-gop=1:log-level=error"},
		"hevc.m2ts":   {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=20:log-level=error", "-mpegts_m2ts_mode", "1"},
		"mpeg2.ts":    {"-c:v", "mpeg2video", "-g", "15"},
		"scenecut.ts": {"-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-sc_threshold", "40"},
	}
	out := map[string]string{}
	for name, args := range files {
		path := filepath.Join(tmp, name)
		cmd := append(append(append([]string{"-loglevel", "error"}, src...), args...), "-f", "mpegts", path)
		if b, err := exec.Command("ffmpeg", cmd...).CombinedOutput(); err != nil {
			t.Fatalf("ffmpeg %s: %v: %s", name, err, b)
		}
		out[name] = path
	}
	return out
}

// TestTSKeyframes: the keyframes the Go reader finds in MPEG-TS and M2TS
// are ffprobe's (issue 9), in less time; other video codecs and damaged
// streams are left to ffprobe (errNoIndex).
func TestTSKeyframes(t *testing.T) {
	dir := corpus(t)
	ffprobe, err := exec.LookPath("ffprobe")
	if err != nil {
		t.Skip(err)
	}
	made := tsFiles(t)
	tests := []struct {
		name, path string
		noIndex    bool
	}{
		{"corpus H.264 TS", filepath.Join(dir, "ts-h264-aac.ts"), false},
		{"corpus HEVC TS", filepath.Join(dir, "ts-hevc-ac3.ts"), false},
		{"corpus H.264 M2TS", filepath.Join(dir, "m2ts-h264-ac3.m2ts"), false},
		{"B-frames", made["bframes.ts"], false},
		{"HEVC open GOP (CRA)", made["hevc-cra.ts"], false},
		{"HEVC M2TS", made["hevc.m2ts"], false},
		{"scene cuts", made["scenecut.ts"], false},
		{"MPEG-2 video", made["mpeg2.ts"], true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Open(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			t0 := time.Now()
			got, err := tsKeyframes(f)
			inGo := time.Since(t0)
			if tt.noIndex {
				if !errors.Is(err, errNoIndex) {
					t.Errorf("%s: got %v, %v; want errNoIndex", tt.name, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			t0 = time.Now()
			want, err := probeKeyframes(context.Background(), ffprobe, f)
			byProbe := time.Since(t0)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) < 2 || !near(got, want, 0.0005) {
				t.Errorf("%s: keyframes %v, want ffprobe's %v", tt.name, got, want)
			}
			t.Logf("%s: %d keyframes; Go %s, ffprobe %s", tt.name, len(got), inGo.Round(time.Microsecond), byProbe.Round(time.Millisecond))
		})
	}
}

// TestTSKeyframesDamaged: cut, empty or foreign input gives an error or
// fewer keyframes, never a panic or a time out of order.
func TestTSKeyframesDamaged(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpus(t), "ts-h264-aac.ts"))
	if err != nil {
		t.Fatal(err)
	}
	lostSync := slices.Clone(data)
	lostSync[188*40] = 0
	tests := []struct {
		name string
		in   []byte
		ok   bool
	}{
		{"empty", nil, false},
		{"not TS", bytes.Repeat([]byte("reel"), 1000), false},
		{"cut mid-packet", data[:188*100+77], true},
		{"sync lost", lostSync, false},
	}
	for _, tt := range tests {
		got, err := tsKeyframes(bytes.NewReader(tt.in))
		if (err == nil) != tt.ok {
			t.Errorf("%s: got %v, %v; want ok %v", tt.name, got, err, tt.ok)
		}
		if !slices.IsSorted(got) {
			t.Errorf("%s: keyframes out of order: %v", tt.name, got)
		}
	}
}

// tsPacketOf is one 188-byte packet of pid carrying payload, padded
// with an adaptation field's stuffing.
func tsPacketOf(pid int, start bool, payload []byte) []byte {
	p := []byte{tsSync, byte(pid >> 8 & 0x1F), byte(pid), 0x10}
	if start {
		p[1] |= 0x40
	}
	if pad := tsPacket - 4 - len(payload); pad > 0 {
		p[3] = 0x30
		p = append(p, byte(pad-1))
		if pad > 1 {
			p = append(p, 0x00)
			p = append(p, bytes.Repeat([]byte{0xFF}, pad-2)...)
		}
	}
	return append(p, payload...)
}

// synthTS is a transport stream of one H.264 program (PMT 0x100, video
// 0x101) whose PES packets carry the given PTS and first NAL unit types.
func synthTS(pts []int64, nal []byte) []byte {
	pat := []byte{0, 0x00, 0xB0, 0x0D, 0, 1, 0xC1, 0, 0, 0, 1, 0xE1, 0x00, 0, 0, 0, 0}
	pmt := []byte{0, 0x02, 0xB0, 0x12, 0, 1, 0xC1, 0, 0, 0xE1, 0x01, 0xF0, 0, streamH264, 0xE1, 0x01, 0xF0, 0, 0, 0, 0, 0}
	out := slices.Concat(tsPacketOf(0, true, pat), tsPacketOf(0x100, true, pmt))
	for i, t := range pts {
		pes := []byte{0, 0, 1, 0xE0, 0, 0, 0x80, 0x80, 5,
			0x21 | byte(t>>29&0x0E), byte(t >> 22), byte(t>>14) | 1, byte(t >> 7), byte(t<<1) | 1,
			0, 0, 0, 1, 0x09, 0xF0, 0, 0, 1, nal[i], 0x88, 0x84}
		out = append(out, tsPacketOf(0x101, true, pes)...)
	}
	return out
}

// TestTSKeyframesSynthetic: IDR slices count, others do not, and a PTS
// that wraps at 2^33 keeps counting up.
func TestTSKeyframesSynthetic(t *testing.T) {
	const wrap = int64(1) << 33
	tests := []struct {
		name string
		pts  []int64
		nal  []byte
		want []float64
	}{
		{"IDR and non-IDR", []int64{90000, 93600, 180000}, []byte{0x65, 0x41, 0x65}, []float64{1, 2}},
		{"wrap", []int64{wrap - 90000, 90000}, []byte{0x65, 0x65}, []float64{float64(wrap-90000) / 90000, float64(wrap+90000) / 90000}},
		{"no keyframe", []int64{90000}, []byte{0x41}, []float64{}},
	}
	for _, tt := range tests {
		got, err := tsKeyframes(bytes.NewReader(synthTS(tt.pts, tt.nal)))
		if err != nil || !near(got, tt.want, 1e-9) {
			t.Errorf("%s: got %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

// FuzzTSKeyframes feeds mutated transport streams to the reader: it must
// return sorted, non-negative times, no more than one per packet. The
// seeds are a synthetic stream and the corpus's TS and M2TS heads when
// make test-videos has made them.
func FuzzTSKeyframes(f *testing.F) {
	f.Add(synthTS([]int64{90000, 93600, 180000}, []byte{0x65, 0x41, 0x65}))
	for _, name := range []string{"ts-h264-aac.ts", "ts-hevc-ac3.ts", "m2ts-h264-ac3.m2ts"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "testdata-gen", "formats", name)); err == nil {
			f.Add(b[:min(len(b), 192*24)])
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := tsKeyframes(bytes.NewReader(data))
		if err != nil {
			return
		}
		if !slices.IsSorted(got) || len(got) > 0 && got[0] < 0 || len(got) > len(data)/188+1 {
			t.Fatalf("%d bytes: keyframes %v", len(data), got)
		}
	})
}

// BenchmarkTSKeyframes reads the keyframes of the 60 s test clip remuxed
// into MPEG-TS: in Go, against ffprobe reading the packets (the baseline).
func BenchmarkTSKeyframes(b *testing.B) {
	ffprobe, err := exec.LookPath("ffprobe")
	if err != nil {
		b.Skip(err)
	}
	clip := filepath.Join(filepath.Dir(testmedia.Formats(b)), "videos", "Extras", "clip.mp4")
	ts := filepath.Join(b.TempDir(), "clip.ts")
	if out, err := exec.Command("ffmpeg", "-loglevel", "error", "-i", clip, "-c", "copy", ts).CombinedOutput(); err != nil {
		b.Skipf("ffmpeg %s: %v: %s", clip, err, out)
	}
	f, err := os.Open(ts)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			if _, err := tsKeyframes(io.NewSectionReader(f, 0, 1<<62)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ffprobe", func(b *testing.B) {
		for b.Loop() {
			if _, err := probeKeyframes(context.Background(), ffprobe, f); err != nil {
				b.Fatal(err)
			}
		}
	})
}
