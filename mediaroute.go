package main

import (
	"path/filepath"
	"strings"

	"reel/internal/library"
)

// httpSeekingExt are the extensions of the containers whose seeks break
// when GStreamer reads them through reel:// (its souphttpsrc-based
// source) and work through WebKit's own http:// loader (issue 9): FLV
// restarts at 0:00, MPEG-TS and M2TS show a grey smear. The window plays
// those from http://; everything else keeps reel://, which seeks faster.
// AVI and Ogg too: through reel:// a seek to the middle of a 4 s clip
// lands at 1 s (AVI, MPEG-4 Part 2) or 0.3 s (Ogg, Theora).
var httpSeekingExt = map[string]bool{".flv": true, ".ts": true, ".m2ts": true, ".mts": true, ".m2t": true, ".avi": true, ".ogv": true, ".ogg": true}

// describer names a video by id: the library.
type describer interface {
	Describe(id string) (library.Video, error)
}

// windowMediaURL is the URL the window plays video id from, given its
// loopback URL: reel://, except for the containers that seek only over
// http://.
func windowMediaURL(lib describer, loopbackURL string, id string) string {
	if v, err := lib.Describe(id); err == nil && httpSeekingExt[strings.ToLower(filepath.Ext(v.Name))] {
		return loopbackURL
	}
	return "reel://" + strings.TrimPrefix(loopbackURL, "http://")
}
