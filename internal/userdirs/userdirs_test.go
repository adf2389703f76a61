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
