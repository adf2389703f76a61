package watch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWatchSeesAddRemoveRename(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Watch([]string{dir})

	steps := []struct {
		name string
		do   func() error
	}{
		{"a file created", func() error { return os.WriteFile(filepath.Join(dir, "a.mp4"), []byte("x"), 0o600) }},
		{"a file renamed", func() error { return os.Rename(filepath.Join(dir, "a.mp4"), filepath.Join(dir, "b.mp4")) }},
		{"a file removed", func() error { return os.Remove(filepath.Join(dir, "b.mp4")) }},
	}
	for _, st := range steps {
		before := w.Version()
		if err := st.do(); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		got := w.Wait(ctx, before)
		cancel()
		if got <= before {
			t.Errorf("%s: version %d after 1 s, want > %d", st.name, got, before)
		}
	}
}

func TestWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Watch([]string{t.TempDir()})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if got := w.Wait(ctx, 0); got != 0 {
		t.Errorf("Wait with no change = %d, want 0", got)
	}
}

func TestBurstIsOneChange(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Watch([]string{dir})
	for i := range 50 {
		if err := os.WriteFile(filepath.Join(dir, "f"+string(rune('a'+i%26))+".mp4"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(3 * settle)
	if got := w.Version(); got < 1 || got > 3 {
		t.Errorf("50 quick writes gave version %d, want 1 to 3", got)
	}
}

func TestUnwatchableFolderIsSkipped(t *testing.T) {
	t.Parallel()
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Watch([]string{filepath.Join(t.TempDir(), "missing")})
	if len(w.dirs) != 0 {
		t.Errorf("dirs = %v, want none", w.dirs)
	}
}
