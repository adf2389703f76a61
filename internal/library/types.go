package library

import (
	"path/filepath"
	"strings"

	"reel/internal/rules"
)

// IsVideo reports whether name has a video extension Reel lists
// (rules.VideoTypes).
func IsVideo(name string) bool { return rules.IsVideo(name) }

// ContentType returns the Content-Type for a video file name, from its
// extension alone (sniffing is off).
func ContentType(name string) string {
	if t, ok := rules.VideoTypes[strings.ToLower(filepath.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
