package thumbs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"reel/internal/library"
	"reel/internal/store"
)

type fixture struct {
	lib *library.Library
	st  *store.Store
	dir string
}

func newFixture(t *testing.T, files map[string][]byte) *fixture {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "reel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lib := library.New()
	t.Cleanup(func() { lib.Close() })
	if _, err := lib.Open(dir); err != nil {
		t.Fatal(err)
	}
	return &fixture{lib: lib, st: st, dir: dir}
}

func (f *fixture) video(t *testing.T, name string) library.Video {
	t.Helper()
	l, err := f.lib.List("")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range l.Videos {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("%s not listed", name)
	return library.Video{}
}

var jpeg = append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte{1}, 100)...)

func TestWithoutFFmpegThePageCaptures(t *testing.T) {
	t.Parallel()
	f := newFixture(t, map[string][]byte{"a.mp4": []byte("x")})
	s, err := New(f.st, f.lib, t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	v := f.video(t, "a.mp4")
	if _, err := s.Get(context.Background(), v, 10); !errors.Is(err, ErrNeedCapture) {
		t.Fatalf("Get before any poster: err = %v, want ErrNeedCapture", err)
	}
	if err := s.Put(v, jpeg); err != nil {
		t.Fatalf("Put: %v", err)
	}
	p, err := s.Get(context.Background(), v, 10)
	if err != nil {
		t.Fatalf("Get after Put: %v", err)
	}
	if got, _ := os.ReadFile(p); !bytes.Equal(got, jpeg) {
		t.Errorf("poster bytes differ from what was Put")
	}

	// The file changes: its old poster no longer applies.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(f.dir, "a.mp4"), later, later); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(context.Background(), f.video(t, "a.mp4"), 10); !errors.Is(err, ErrNeedCapture) {
		t.Errorf("Get after the file changed: err = %v, want ErrNeedCapture", err)
	}
}

func TestPutRefusesWhatIsNotAJPEG(t *testing.T) {
	t.Parallel()
	f := newFixture(t, map[string][]byte{"a.mp4": []byte("x")})
	s, err := New(f.st, f.lib, t.TempDir(), false)
	if err != nil {
		t.Fatal(err)
	}
	v := f.video(t, "a.mp4")
	for name, body := range map[string][]byte{
		"empty":     nil,
		"png":       []byte("\x89PNG\r\n\x1a\n...."),
		"html":      []byte("<script>alert(1)</script>"),
		"too large": append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, MaxJPEG)...),
	} {
		if err := s.Put(v, body); !errors.Is(err, ErrNotJPEG) {
			t.Errorf("%s: Put err = %v, want ErrNotJPEG", name, err)
		}
	}
}

func TestFFmpegMakesAPoster(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ffmpeg is required in CI")
		}
		t.Skip("ffmpeg not installed")
	}
	src := filepath.Join(t.TempDir(), "clip.mp4")
	if out, err := exec.Command("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=24",
		"-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", src).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	clip, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, map[string][]byte{"clip.mp4": clip, "broken.mp4": []byte("not a video")})
	s, err := New(f.st, f.lib, t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Get(context.Background(), f.video(t, "clip.mp4"), 2)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	b, err := os.ReadFile(p)
	if err != nil || !bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}) {
		t.Fatalf("poster at %s is not a JPEG (err %v)", p, err)
	}
	if _, err := s.Get(context.Background(), f.video(t, "broken.mp4"), 0); !errors.Is(err, ErrNeedCapture) {
		t.Errorf("broken file: err = %v, want ErrNeedCapture so the page may try", err)
	}
}
