package rules

import (
	"path/filepath"
	"strings"
)

// SubtitleTypes maps the extensions of the subtitle files Reel reads, beside
// a video or dropped on the player, to their format (issue 10). SRT and
// WebVTT become WebVTT cues; ASS and SSA go as they are to the renderer
// that draws their styles and positions.
var SubtitleTypes = map[string]string{
	".srt": "srt",
	".vtt": "vtt",
	".ass": "ass",
	".ssa": "ssa",
}

// SubtitleFormat is the format ("srt", "vtt", "ass", "ssa") of a file
// named name, by its extension in any case, or "" when it is no subtitle
// file Reel reads.
func SubtitleFormat(name string) string {
	return SubtitleTypes[strings.ToLower(filepath.Ext(name))]
}
