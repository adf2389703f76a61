package main

import (
	"path/filepath"
	"testing"
)

func TestLaunchTarget(t *testing.T) {
	t.Parallel()
	wd := filepath.FromSlash("/home/ann/Films")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no arguments", nil, ""},
		{"a relative video", []string{"ep3.mkv"}, filepath.FromSlash("/home/ann/Films/ep3.mkv")},
		{"an absolute folder", []string{"/media/usb/Videos"}, filepath.FromSlash("/media/usb/Videos")},
		{"dot dot is cleaned", []string{"../Series/./a.mp4"}, filepath.FromSlash("/home/ann/Series/a.mp4")},
		{"flags are skipped", []string{"--verbose", "ep1.mp4"}, filepath.FromSlash("/home/ann/Films/ep1.mp4")},
		{"only a flag", []string{"-x"}, ""},
		{"empty argument skipped", []string{"", "b.webm"}, filepath.FromSlash("/home/ann/Films/b.webm")},
		{"the first target wins", []string{"a.mp4", "b.mp4"}, filepath.FromSlash("/home/ann/Films/a.mp4")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := launchTarget(tt.args, wd); got != tt.want {
				t.Errorf("launchTarget(%q, %q) = %q, want %q", tt.args, wd, got, tt.want)
			}
		})
	}
}
