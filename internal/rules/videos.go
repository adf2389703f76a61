package rules

import (
	"path/filepath"
	"strings"
)

// VideoTypes maps the extensions of the files Reel lists as videos to the
// Content-Type it serves them with. The library lists by it; the subtitle
// matcher leaves a video's own sidecars to it.
var VideoTypes = map[string]string{
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

// IsVideo reports whether name has a video extension Reel lists, in any
// case.
func IsVideo(name string) bool {
	_, ok := VideoTypes[strings.ToLower(filepath.Ext(name))]
	return ok
}
