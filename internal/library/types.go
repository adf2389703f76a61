package library

import (
	"path/filepath"
	"strings"
)

// videoTypes maps the extensions Reel lists to the Content-Type it serves.
var videoTypes = map[string]string{
	".mp4":  "video/mp4",
	".m4v":  "video/mp4",
	".mov":  "video/quicktime",
	".webm": "video/webm",
	".mkv":  "video/x-matroska",
	".ogv":  "video/ogg",
	".avi":  "video/x-msvideo",
	".ts":   "video/mp2t",
	".m2ts": "video/mp2t",
	".mts":  "video/mp2t",
	".mpg":  "video/mpeg",
	".mpeg": "video/mpeg",
	".wmv":  "video/x-ms-wmv",
	".flv":  "video/x-flv",
	".3gp":  "video/3gpp",
}

// IsVideo reports whether name has a video extension Reel lists.
func IsVideo(name string) bool {
	_, ok := videoTypes[strings.ToLower(filepath.Ext(name))]
	return ok
}

// ContentType returns the Content-Type for a video file name, from its
// extension alone (sniffing is off).
func ContentType(name string) string {
	if t, ok := videoTypes[strings.ToLower(filepath.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
