package main

import (
	"os"
	"strings"
	"testing"

	"reel/internal/library"
)

// TestDesktopFileOpensWhatReelLists keeps build/linux/reel.desktop's
// MimeType= in step with the extensions the library lists (issue 12):
// "Open with Reel" must be offered for each, and for folders.
func TestDesktopFileOpensWhatReelLists(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("build/linux/reel.desktop")
	if err != nil {
		t.Fatal(err)
	}
	mime := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "MimeType="); ok {
			for _, m := range strings.Split(v, ";") {
				mime[m] = true
			}
		}
	}
	exts := []string{".mp4", ".m4v", ".mov", ".webm", ".mkv", ".ogv", ".avi", ".ts", ".m2ts", ".mts", ".mpg", ".mpeg", ".wmv", ".flv", ".3gp"}
	for _, ext := range exts {
		name := "a" + ext
		if !library.IsVideo(name) {
			t.Errorf("%s: the library no longer lists it; drop it here and from the .desktop file", ext)
			continue
		}
		if ct := library.ContentType(name); !mime[ct] {
			t.Errorf("%s: MimeType= lacks %s", ext, ct)
		}
	}
	if !mime["inode/directory"] {
		t.Errorf("MimeType= lacks inode/directory: folders get no \"Open with Reel\"")
	}
}
