package userdirs

import (
	"os"
	"path/filepath"
	"testing"
)

func TestXDGVideos(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, want string
	}{
		{"no user-dirs file falls back to ~/Videos", "", "/home/u/Videos"},
		{"home-relative entry", `XDG_VIDEOS_DIR="$HOME/Filme"`, "/home/u/Filme"},
		{"absolute entry", `XDG_VIDEOS_DIR="/data/videos"`, "/data/videos"},
		{"disabled entry", `XDG_VIDEOS_DIR="$HOME/"`, ""},
		{"relative entry is ignored", `XDG_VIDEOS_DIR="Videos"`, "/home/u/Videos"},
		{"comments and other keys", "# x\nXDG_MUSIC_DIR=\"$HOME/Music\"\n", "/home/u/Videos"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := t.TempDir()
			if tt.file != "" {
				if err := os.WriteFile(filepath.Join(cfg, "user-dirs.dirs"), []byte(tt.file), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if got := xdgVideos("/home/u", cfg); got != tt.want {
				t.Errorf("file %q: got %q, want %q", tt.file, got, tt.want)
			}
		})
	}
}

func TestFirstDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	last := filepath.Join(dir, "last")
	videos := filepath.Join(dir, "Videos")
	file := filepath.Join(dir, "file.mp4")
	for _, p := range []string{last, videos} {
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	gone := filepath.Join(dir, "gone")
	for _, tt := range []struct {
		name string
		dirs []string
		want string
	}{
		{"the last folder first", []string{last, videos, dir}, last},
		{"Videos when the last one is gone", []string{gone, videos, dir}, videos},
		{"Videos when nothing was opened", []string{"", videos, dir}, videos},
		{"home when there is no Videos", []string{"", "", dir}, dir},
		{"a file is no folder to start in", []string{file, "", dir}, dir},
		{"nothing at all", []string{"", gone}, ""},
	} {
		if got := firstDir(tt.dirs...); got != tt.want {
			t.Errorf("%s: firstDir(%q) = %q, want %q", tt.name, tt.dirs, got, tt.want)
		}
	}
}
