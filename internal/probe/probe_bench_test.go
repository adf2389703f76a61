package probe

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// benchDir caches the benchmark files between runs: the 2 GB file takes a
// few seconds to make and is reused while it is there.
var benchDir = filepath.Join(os.TempDir(), "reel-bench")

// benchFile returns benchDir/name, running make to create it when it is
// missing. make writes to the path it is given; the result is renamed into
// place only when make succeeds, so an interrupted run leaves no half file.
func benchFile(b *testing.B, name string, make func(path string) error) string {
	b.Helper()
	path := filepath.Join(benchDir, name)
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(benchDir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp := path + ".part" + filepath.Ext(name)
	if err := make(tmp); err != nil {
		os.Remove(tmp)
		b.Fatalf("making %s: %v", name, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

func ffmpeg(b *testing.B, args ...string) func(path string) error {
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		b.Skip("ffmpeg not available")
	}
	return func(path string) error {
		out, err := exec.Command(bin, append(append([]string{"-v", "error", "-y"}, args...), path)...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%v\n%s", err, out)
		}
		return nil
	}
}

// bigMP4 is about 2 GB of H.264 and AAC with its moov at the end: 301
// loops of a 60 s, 7 MB file, copied without re-encoding.
func bigMP4(b *testing.B) string {
	small := benchFile(b, "small60.mp4", ffmpeg(b,
		"-f", "lavfi", "-i", "testsrc=size=320x240:rate=24",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
		"-t", "60", "-c:v", "libx264", "-preset", "ultrafast", "-g", "24", "-b:v", "850k",
		"-c:a", "aac", "-b:a", "96k"))
	return benchFile(b, "big.mp4", ffmpeg(b, "-stream_loop", "300", "-i", small, "-c", "copy"))
}

// countingReader counts the bytes Probe reads.
type countingReader struct {
	r io.ReaderAt
	n int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

func BenchmarkProbeMP4(b *testing.B) {
	path := bigMP4(b)
	var read int64
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st, err := f.Stat()
		if err != nil {
			b.Fatal(err)
		}
		cr := &countingReader{r: f}
		info, err := Probe(cr, st.Size(), ".mp4")
		f.Close()
		if err != nil || info.VideoCodec != "h264" || info.Duration < 18000 {
			b.Fatalf("Probe(%s, %d bytes) = %+v, %v", path, st.Size(), info, err)
		}
		read = cr.n
	}
	b.ReportMetric(float64(read), "bytes-read/op")
}

func ffprobe(b *testing.B, path string) {
	bin, err := exec.LookPath("ffprobe")
	if err != nil {
		b.Skip("ffprobe not available")
	}
	for b.Loop() {
		if out, err := exec.Command(bin, "-v", "error", "-show_format", "-show_streams", path).CombinedOutput(); err != nil {
			b.Fatalf("ffprobe %s: %v\n%s", path, err, out)
		}
	}
}

// BenchmarkFFprobe is the baseline for BenchmarkProbeMP4: the same file
// through ffprobe, which also reads every sample table in moov.
func BenchmarkFFprobe(b *testing.B) {
	ffprobe(b, bigMP4(b))
}

// smallFiles returns 1000 paths: 500 copies each of a 2 s MP4 and a 2 s
// Matroska file.
func smallFiles(b *testing.B) []string {
	var sources []string
	for _, name := range []string{"small2.mp4", "small2.mkv"} {
		sources = append(sources, benchFile(b, name, ffmpeg(b, append(source2s,
			"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac")...)))
	}
	dir := filepath.Join(benchDir, "small1000")
	var paths []string
	for i := range 500 {
		for _, src := range sources {
			path := filepath.Join(dir, fmt.Sprintf("%03d%s", i, filepath.Base(src)))
			paths = append(paths, path)
		}
	}
	if _, err := os.Stat(paths[len(paths)-1]); err == nil {
		return paths
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	for i, path := range paths {
		data, err := os.ReadFile(sources[i%len(sources)])
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return paths
}

// BenchmarkProbe1000Small probes 1000 small files per op, one at a time
// and with ProbeAll's default worker pool.
func BenchmarkProbe1000Small(b *testing.B) {
	paths := smallFiles(b)
	for _, bm := range []struct {
		name    string
		workers int
	}{
		{"sequential", 1},
		{"parallel", 0},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				for _, r := range ProbeAll(paths, bm.workers) {
					if r.Err != nil {
						b.Fatalf("%s: %v", r.Path, r.Err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(paths)), "ns/file")
		})
	}
}

// BenchmarkFFprobeSmall is the per-file baseline for
// BenchmarkProbe1000Small: one of the small files through ffprobe.
func BenchmarkFFprobeSmall(b *testing.B) {
	ffprobe(b, smallFiles(b)[0])
}
