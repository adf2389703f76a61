// Package rules holds the rules Go and the page must agree on. Go owns
// them here; `go generate ./internal/rules` writes them, with the API's
// default settings, into frontend/src/generated/rules.ts, and a test fails
// when that file is out of date (issue 14: one owner for every rule).
package rules

//go:generate go run ./tsgen -o ../../frontend/src/generated/rules.ts

// WatchedFraction is how far into a video playback must get for it to
// count as watched: it leaves Continue watching, and the player no longer
// offers to resume it.
const WatchedFraction = 0.95

// StartedAfter is how many seconds into a video a position must be to count
// as started: earlier ones are neither listed to continue nor offered to
// resume.
const StartedAfter = 5.0

// ResumeKeptFor is how many seconds a video must play away from its saved
// position before that position is given up: until then the player keeps
// offering it and saves no other (issue 13: a prompt left unanswered, or a
// glance at the start, must not overwrite 1:30:00).
const ResumeKeptFor = 30.0

// MaxSubtitleBytes bounds one subtitle track: a file beside the video, one
// dropped on the player, or one extracted from a video. Real ones are a few
// hundred KiB, and the page holds the whole text (issue 11).
const MaxSubtitleBytes = 16 << 20

// Limits on playback speed and volume, as the player's controls and the
// API's validation of the saved settings apply them.
const (
	MinRate   = 0.25
	MaxRate   = 4.0
	MinVolume = 0.0
	MaxVolume = 1.0
	// VolumeStep is how much ↑ and ↓ change the volume.
	VolumeStep = 0.05
	// MinSubtitleSize and MaxSubtitleSize bound the subtitle size, a
	// factor of the engine's own (mpv's sub-scale), which − and + step
	// through by SubtitleSizeStep (issue 10).
	MinSubtitleSize  = 0.5
	MaxSubtitleSize  = 3.0
	SubtitleSizeStep = 0.1
)

// Rates are the speeds [ and ] step through and the speed menu offers,
// from MinRate to MaxRate.
var Rates = []float64{0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 3, 4}

// Sorts are the orders the library offers, the first the default; "" in a
// saved folder setting also means the default.
var Sorts = []string{"name", "date", "size", "duration"}

// Views are the library's layouts, the first the default.
var Views = []string{"grid", "list"}

// Wails events the native side sends the page.
const (
	// FolderOpenedEvent: a folder was opened from the native side (a drop
	// on the window); the page lists it.
	FolderOpenedEvent = "folder-opened"
	// WindowClosingEvent asks the page to save what it must (the position
	// of the playing video) and then call Quit.
	WindowClosingEvent = "window-closing"
	// MenuEvent carries the action of a native menu item that acts on the
	// page ("play-pause", "next", …).
	MenuEvent = "menu"
	// SubtitleFileEvent carries a subtitle file dropped on the window
	// (issue 10): its name and text, or the reason it was not read.
	SubtitleFileEvent = "subtitle-file"
	// DragOverEvent carries true while files are dragged over the window
	// and false when they leave it or are dropped: on Linux the window,
	// not the page, takes the drop, so the page sees no drag of its own
	// and lights up on this (issue 10, issue 13).
	DragOverEvent = "drag-over"
)

// ResumeModes are what the player does with a saved position, the first the
// default: offer to resume it, resume at once, or always start over
// (issue 13: the settings panel can change the choice).
var ResumeModes = []string{"ask", "always", "never"}

// WheelActions are what the mouse wheel does over the player, the first the
// default (volume, as in VLC and IINA), or seek, or nothing.
var WheelActions = []string{"volume", "seek", "none"}

// Themes are the page's colour themes, the first the default; "system"
// follows the desktop's light or dark preference.
var Themes = []string{"system", "dark", "light"}
