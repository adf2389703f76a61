//go:build linux

package reveal

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reel/internal/dbustest"
)

func TestFileAsksTheFileManager(t *testing.T) {
	shown := dbustest.FileManager(t, dbustest.Use(t))

	dir := filepath.Join(t.TempDir(), "Films & Séries")
	path := filepath.Join(dir, "Episode #3 100%.mkv")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := File(path); err != nil {
		t.Fatalf("File(%q) = %v", path, err)
	}
	select {
	case uris := <-shown:
		// Reserved characters are escaped so the URI names this file (RFC 8089, RFC 3986 §2.1).
		want := "file://" + strings.NewReplacer(" ", "%20", "#", "%23", "%", "%25", "é", "%C3%A9").Replace(path)
		if len(uris) != 1 || uris[0] != want {
			t.Errorf("File(%q): ShowItems got %q, want [%q]", path, uris, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("File(%q): the file manager was never asked", path)
	}
}

func TestFileFallsBackToXDGOpen(t *testing.T) {
	dbustest.Use(t) // a bus with no file manager on it
	dir := t.TempDir()
	log := filepath.Join(dir, "opened")
	fake := filepath.Join(dir, "fake-xdg-open")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+log+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := openCommand
	openCommand = fake
	t.Cleanup(func() { openCommand = old })

	path := filepath.Join(dir, "a.mp4")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := File(path); err != nil {
		t.Fatalf("File(%q) = %v", path, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		b, err := os.ReadFile(log)
		if err == nil && len(b) > 0 {
			if string(b) != dir {
				t.Errorf("File(%q): xdg-open got %q, want %q", path, b, dir)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("File(%q): xdg-open was never run", path)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFileRefusesBadPaths(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "gone.mp4")
	tests := []struct {
		name, path string
		want       error
	}{
		{"relative", "videos/a.mp4", ErrNotAbsolute},
		{"empty", "", ErrNotAbsolute},
		{"missing", missing, os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := File(tt.path); !errors.Is(err, tt.want) {
				t.Errorf("File(%q) = %v, want %v", tt.path, err, tt.want)
			}
		})
	}
}
