package metadata

import (
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"reel/internal/library"
	"reel/internal/store"
)

var (
	clipOnce sync.Once
	clipPath string
	clipErr  error
)

// clip makes a 2-second 320×240 H.264/AAC MP4 once per test binary.
func clip(tb testing.TB) []byte {
	tb.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal("ffmpeg is required in CI")
		}
		tb.Skip("ffmpeg not installed")
	}
	clipOnce.Do(func() {
		dir, err := os.MkdirTemp("", "reel-meta-")
		if err != nil {
			clipErr = err
			return
		}
		clipPath = filepath.Join(dir, "clip.mp4")
		out, err := exec.Command("ffmpeg", "-loglevel", "error", "-y",
			"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24",
			"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
			"-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
			"-c:a", "aac", clipPath).CombinedOutput()
		if err != nil {
			clipErr = err
			tb.Logf("ffmpeg: %s", out)
		}
	})
	if clipErr != nil {
		tb.Fatal(clipErr)
	}
	b, err := os.ReadFile(clipPath)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

type fixture struct {
	lib   *library.Library
	store *store.Store
	svc   *Service
	dir   string
}

func newFixture(tb testing.TB, files map[string][]byte) *fixture {
	tb.Helper()
	dir := tb.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	st, err := store.Open(filepath.Join(tb.TempDir(), "reel.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	lib := library.New()
	tb.Cleanup(func() { lib.Close() })
	if _, err := lib.Open(dir); err != nil {
		tb.Fatal(err)
	}
	return &fixture{lib: lib, store: st, svc: New(lib, st, log.New(io.Discard, "", 0)), dir: dir}
}

func (f *fixture) ids(tb testing.TB) map[string]string {
	tb.Helper()
	l, err := f.lib.List("")
	if err != nil {
		tb.Fatal(err)
	}
	ids := map[string]string{}
	for _, v := range l.Videos {
		ids[v.Name] = v.ID
	}
	return ids
}

func TestGetProbesAndCaches(t *testing.T) {
	t.Parallel()
	mp4 := clip(t)
	f := newFixture(t, map[string][]byte{
		"good.mp4":      mp4,
		"truncated.mp4": mp4[:len(mp4)/3],
		"empty.mkv":     nil,
		"garbage.webm":  []byte("this is not a video at all"),
	})
	ids := f.ids(t)
	all := []string{ids["good.mp4"], ids["truncated.mp4"], ids["empty.mkv"], ids["garbage.webm"], "no-such-id"}
	items, missing := f.svc.Get(all)

	good := items[ids["good.mp4"]]
	if good.Error != "" || good.Duration < 1.9 || good.Duration > 2.1 || good.Width != 320 || good.Height != 240 ||
		good.VideoCodec != "h264" || good.AudioCodec != "aac" || good.Resolution != "240p" || !good.Verdict.Playable {
		t.Errorf("good.mp4: got %+v", good)
	}
	for _, name := range []string{"truncated.mp4", "empty.mkv", "garbage.webm"} {
		if e, ok := items[ids[name]]; !ok || e.Error == "" {
			t.Errorf("%s: got %+v, want an entry with an error", name, e)
		}
	}
	if _, ok := missing["no-such-id"]; !ok {
		t.Errorf("missing = %v, want no-such-id in it", missing)
	}

	// A second visit reads the store: even with the file made unreadable
	// behind the service's back, the cached answer comes back.
	again, _ := f.svc.Get([]string{ids["good.mp4"], ids["truncated.mp4"]})
	if again[ids["good.mp4"]].Duration != good.Duration {
		t.Errorf("cached good.mp4 = %+v, want %+v", again[ids["good.mp4"]], good)
	}
	if again[ids["truncated.mp4"]].Error == "" {
		t.Errorf("cached truncated.mp4 lost its error: %+v", again[ids["truncated.mp4"]])
	}
}

func TestChangedFileIsProbedAgain(t *testing.T) {
	t.Parallel()
	mp4 := clip(t)
	f := newFixture(t, map[string][]byte{"v.mp4": []byte("junk")})
	id := f.ids(t)["v.mp4"]
	first, _ := f.svc.Get([]string{id})
	if first[id].Error == "" {
		t.Fatalf("junk file: got %+v, want an error", first[id])
	}
	p := filepath.Join(f.dir, "v.mp4")
	if err := os.WriteFile(p, mp4, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	second, _ := f.svc.Get([]string{id})
	if second[id].Error != "" || second[id].Duration < 1.9 {
		t.Errorf("after replacing the file: got %+v, want the new clip", second[id])
	}
}

func TestResolution(t *testing.T) {
	t.Parallel()
	tests := []struct {
		w, h int
		want string
	}{
		{1920, 1080, "1080p"},
		{1920, 800, "1080p"},  // letterboxed film
		{1080, 1920, "1080p"}, // portrait phone video
		{3840, 2160, "2160p"},
		{1280, 720, "720p"},
		{640, 360, "360p"},
		{720, 576, "576p"},
		{0, 0, ""},
	}
	for _, tt := range tests {
		if got := Resolution(tt.w, tt.h); got != tt.want {
			t.Errorf("Resolution(%d, %d) = %q, want %q", tt.w, tt.h, got, tt.want)
		}
	}
}

// BenchmarkGet1000 probes 1,000 small MP4 files through the service, cold
// (nothing cached) and then cached (the second visit), against the
// baseline of ffprobe on one of the same files.
func BenchmarkGet1000(b *testing.B) {
	mp4 := clip(b)
	files := map[string][]byte{}
	for i := range 1000 {
		files["clip"+strconv.Itoa(i)+".mp4"] = mp4
	}
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			f := newFixture(b, files)
			ids := idList(b, f)
			b.StartTimer()
			get(b, f, ids)
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/file")
	})
	b.Run("cached", func(b *testing.B) {
		f := newFixture(b, files)
		ids := idList(b, f)
		get(b, f, ids)
		b.ResetTimer()
		for b.Loop() {
			get(b, f, ids)
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "µs/file")
	})
	b.Run("baseline-ffprobe-one-file", func(b *testing.B) {
		if _, err := exec.LookPath("ffprobe"); err != nil {
			b.Skip("no ffprobe")
		}
		for b.Loop() {
			if err := exec.Command("ffprobe", "-v", "error", "-show_format", "-show_streams", clipPath).Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func idList(b *testing.B, f *fixture) []string {
	var ids []string
	for _, id := range f.ids(b) {
		ids = append(ids, id)
	}
	return ids
}

func get(b *testing.B, f *fixture, ids []string) {
	for i := 0; i < len(ids); i += 200 {
		items, _ := f.svc.Get(ids[i:min(i+200, len(ids))])
		for _, e := range items {
			if e.Error != "" {
				b.Fatal(e.Error)
			}
		}
	}
}
