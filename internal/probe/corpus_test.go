package probe

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reel/internal/testmedia"
	"reflect"
	"strings"
	"testing"
)

// corpus returns issue 9's format corpus (testmedia.Formats).
func corpus(t *testing.T) string { return testmedia.Formats(t) }

// TestCorpus probes every file of the format corpus (issue 9): AVI, TS,
// M2TS, FLV, WMV, Ogg and MPEG-PS through ffprobe, the rest in Go, each
// with the codec string of every track and, for fragmented MP4, the
// duration its mvhd does not give.
func TestCorpus(t *testing.T) {
	dir := corpus(t)
	ff, err := FindFFprobe()
	if err != nil {
		t.Fatalf("ffprobe: %v", err)
	}
	v := func(codec, s string, depth int) Track {
		return Track{Type: "video", Codec: codec, CodecString: s, BitDepth: depth}
	}
	a := func(codec, s string, channels int) Track {
		return Track{Type: "audio", Codec: codec, CodecString: s, Channels: channels}
	}
	h264 := v("h264", "avc1.42c00c", 0)
	h264ff := v("h264", "avc1.42c00c", 8) // ffprobe knows the pixel format
	aac := a("aac", "mp4a.40.2", 1)
	tests := []struct {
		file      string
		container string
		width     int
		height    int
		tracks    []Track
	}{
		{"mp4-h264-aac.mp4", "mp4", 320, 180, []Track{h264, aac}},
		{"mp4-h264-aac51.mp4", "mp4", 320, 180, []Track{h264, a("aac", "mp4a.40.2", 6)}},
		{"mp4-fragmented.mp4", "mp4", 320, 180, []Track{h264, aac}},
		{"mp4-vfr.mp4", "mp4", 320, 180, []Track{h264, aac}},
		{"mp4-rotated.mp4", "mp4", 180, 320, []Track{h264, aac}},
		{"mp4-hevc-aac.mp4", "mp4", 320, 180, []Track{v("hevc", "hvc1.1.6.L60.90", 8), aac}},
		{"mp4-hevc10-aac.mp4", "mp4", 320, 180, []Track{v("hevc", "hvc1.2.4.L60.90", 10), aac}},
		{"mp4-av1-opus.mp4", "mp4", 320, 180, []Track{v("av1", "av01.0.00M.08", 8), a("opus", "opus", 1)}},
		{"mp4-h264-ac3.mp4", "mp4", 320, 180, []Track{h264, a("ac3", "ac-3", 1)}}, // dac3, not the entry's 2 (issue 10)
		{"mp4-h264-eac3.mp4", "mp4", 320, 180, []Track{h264, a("eac3", "ec-3", 1)}}, // dec3
		{"mp4-mpeg4-mp3.mp4", "mp4", 320, 180, []Track{v("mpeg4", "mp4v.20.9", 0), a("mp3", "mp4a.6b", 2)}},
		{"mkv-h264-ac3.mkv", "matroska", 320, 180, []Track{h264, a("ac3", "ac-3", 1)}},
		{"mkv-h264-eac3.mkv", "matroska", 320, 180, []Track{h264, a("eac3", "ec-3", 1)}},
		{"mkv-h264-dts.mkv", "matroska", 320, 180, []Track{h264, a("dts", "dtsc", 1)}},
		{"mkv-h264-pcm.mkv", "matroska", 320, 180, []Track{h264, a("pcm", "pcm", 1)}},
		{"mkv-hevc-aac.mkv", "matroska", 320, 180, []Track{v("hevc", "hvc1.1.6.L60.90", 8), aac}},
		{"mkv-vp9-opus.mkv", "matroska", 320, 180, []Track{v("vp9", "vp09.00.10.08", 0), a("opus", "opus", 1)}},
		{"mkv-av1-aac.mkv", "matroska", 320, 180, []Track{v("av1", "av01.0.00M.08", 8), aac}},
		{"mkv-tracks.mkv", "matroska", 320, 180, []Track{h264, aac, a("ac3", "ac-3", 6)}}, // issue 10
		{"mp4-tracks.mp4", "mp4", 320, 180, []Track{h264, aac, aac}},
		{"webm-vp9-opus.webm", "webm", 320, 180, []Track{v("vp9", "vp09.00.10.08", 0), a("opus", "opus", 1)}},
		{"webm-vp8-vorbis.webm", "webm", 320, 180, []Track{v("vp8", "vp8", 0), a("vorbis", "vorbis", 1)}},
		{"webm-av1-opus.webm", "webm", 320, 180, []Track{v("av1", "av01.0.00M.08", 8), a("opus", "opus", 1)}},
		{"mov-h264-aac.mov", "mov", 320, 180, []Track{h264, aac}},
		{"mov-prores-pcm.mov", "mov", 320, 180, []Track{v("prores", "prores", 0), a("pcm", "pcm", 0)}},
		{"avi-mpeg4-mp3.avi", "avi", 320, 180, []Track{v("mpeg4", "mp4v.20.9", 8), a("mp3", "mp4a.6b", 1)}},
		{"avi-h264-ac3.avi", "avi", 320, 180, []Track{h264ff, a("ac3", "ac-3", 1)}},
		{"ts-h264-aac.ts", "mpegts", 320, 180, []Track{h264ff, aac}},
		{"ts-hevc-ac3.ts", "mpegts", 320, 180, []Track{v("hevc", "hvc1.1.6.L60.B0", 8), a("ac3", "ac-3", 1)}},
		{"m2ts-h264-ac3.m2ts", "mpegts", 320, 180, []Track{h264ff, a("ac3", "ac-3", 1)}},
		{"flv-h264-aac.flv", "flv", 320, 180, []Track{h264ff, aac}},
		{"wmv-wmv2-wma.wmv", "asf", 320, 180, []Track{v("wmv2", "wmv2", 8), a("wma", "wma", 1)}},
		{"ogv-theora-vorbis.ogv", "ogg", 320, 180, []Track{v("theora", "theora", 8), a("vorbis", "vorbis", 1)}},
		{"mpg-mpeg2-mp2.mpg", "mpeg", 320, 180, []Track{v("mpeg2", "mp4v.61", 8), a("mp2", "mp4a.69", 1)}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				t.Fatal(err)
			}
			got, err := ProbeWith(context.Background(), ff, f, st.Size())
			if err != nil {
				t.Fatalf("%s: %v", tt.file, err)
			}
			// Every clip is 4 s (issue 10's track clips 12 s, for their
			// chapters); the VFR one drops frames towards its end.
			want := 4.0
			if strings.Contains(tt.file, "-tracks.") {
				want = 12
			}
			if math.Abs(got.Duration-want) > 0.1 {
				t.Errorf("%s: duration %.3f, want %g", tt.file, got.Duration, want)
			}
			if got.Container != tt.container || got.Width != tt.width || got.Height != tt.height {
				t.Errorf("%s: %s %dx%d, want %s %dx%d", tt.file, got.Container, got.Width, got.Height, tt.container, tt.width, tt.height)
			}
			if got.Fragmented != (tt.file == "mp4-fragmented.mp4") {
				t.Errorf("%s: fragmented %v", tt.file, got.Fragmented)
			}
			if !reflect.DeepEqual(got.Tracks, tt.tracks) {
				t.Errorf("%s: tracks\n got %+v\nwant %+v", tt.file, got.Tracks, tt.tracks)
			}
			if got.VideoCodec != tt.tracks[0].Codec || got.AudioCodec != tt.tracks[1].Codec {
				t.Errorf("%s: codecs %s/%s, want %s/%s", tt.file, got.VideoCodec, got.AudioCodec, tt.tracks[0].Codec, tt.tracks[1].Codec)
			}
		})
	}
	all, _ := filepath.Glob(filepath.Join(dir, "*.*"))
	for _, p := range all {
		if !seen[filepath.Base(p)] {
			t.Errorf("%s is in the corpus but not in this table", filepath.Base(p))
		}
	}
}

// TestProbeWithoutFFprobe: without ffprobe the containers only it reads
// stay ErrUnsupported, named, rather than failing in some other way.
func TestProbeWithoutFFprobe(t *testing.T) {
	dir := corpus(t)
	for _, name := range []string{"avi-h264-ac3.avi", "ts-h264-aac.ts", "flv-h264-aac.flv", "wmv-wmv2-wma.wmv", "ogv-theora-vorbis.ogv", "mpg-mpeg2-mp2.mpg"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		info, err := ProbeWith(context.Background(), FFprobe{}, f, st.Size())
		f.Close()
		if !errors.Is(err, ErrUnsupported) || info.Container == "" {
			t.Errorf("%s: %+v, %v; want the container and ErrUnsupported", name, info, err)
		}
	}
}
