package transcode

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestKeyframesInGo: the keyframes read in Go from MP4 sample tables and
// Matroska Cues are the ones ffprobe finds packet by packet, B-frames and
// edit lists included.
func TestKeyframesInGo(t *testing.T) {
	dir := corpus(t)
	ffprobe, err := exec.LookPath("ffprobe")
	if err != nil {
		t.Skip(err)
	}
	tmp := t.TempDir()
	// B-frames make presentation times differ from decode times, and
	// ffmpeg's MP4 muxer then writes an edit list.
	for _, name := range []string{"bframes.mp4", "bframes.mkv"} {
		out, err := exec.Command("ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "5",
			"-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-g", "30", "-keyint_min", "30", filepath.Join(tmp, name)).CombinedOutput()
		if err != nil {
			t.Fatalf("ffmpeg %s: %v: %s", name, err, out)
		}
	}
	tests := []struct{ path, container string }{
		{filepath.Join(tmp, "bframes.mp4"), "mp4"},
		{filepath.Join(tmp, "bframes.mkv"), "matroska"},
		{filepath.Join(dir, "mp4-h264-aac.mp4"), "mp4"},
		{filepath.Join(dir, "mp4-vfr.mp4"), "mp4"},
		{filepath.Join(dir, "mp4-rotated.mp4"), "mp4"},
		{filepath.Join(dir, "mov-prores-pcm.mov"), "mov"},
		{filepath.Join(dir, "mkv-h264-ac3.mkv"), "matroska"},
		{filepath.Join(dir, "webm-vp9-opus.webm"), "webm"},
		{filepath.Join(dir, "mkv-hevc-aac.mkv"), "matroska"},
	}
	for _, tt := range tests {
		f, err := os.Open(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		switch tt.container {
		case "mp4", "mov":
			got, err = mp4Keyframes(f)
		default:
			got, err = matroskaKeyframes(f)
		}
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(tt.path), err)
			f.Close()
			continue
		}
		want, err := probeKeyframes(context.Background(), ffprobe, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !near(got, want, 0.002) {
			t.Errorf("%s: keyframes %v, want %v", filepath.Base(tt.path), got, want)
		}
	}
}

func near(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

func TestSegmentTimes(t *testing.T) {
	tests := []struct {
		name       string
		keyframes  []float64
		start, end float64
		want       []float64
	}{
		{"one-second GOPs merge into two-second segments", []float64{0, 1, 2, 3, 4, 5}, 0, 6, []float64{0, 2, 4}},
		{"a late first keyframe still starts at the file's start", []float64{1.4, 3.4, 5.4}, 1.4, 7, []float64{1.4, 3.4, 5.4}},
		{"a keyframe just before the end starts no segment", []float64{0, 2, 3.9}, 0, 4.2, []float64{0, 2}},
		{"long GOPs are one segment each", []float64{0, 10, 20}, 0, 30, []float64{0, 10, 20}},
	}
	for _, tt := range tests {
		if got := segmentTimes(tt.keyframes, tt.start, tt.end); !near(got, tt.want, 1e-9) {
			t.Errorf("%s: segmentTimes(%v, %v, %v) = %v, want %v", tt.name, tt.keyframes, tt.start, tt.end, got, tt.want)
		}
	}
}
