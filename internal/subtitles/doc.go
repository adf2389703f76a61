// Package subtitles finds sidecar subtitle files beside a video and converts
// them to WebVTT, the only text track format the webview's <track> element
// plays.
//
// SRT is parsed here rather than with github.com/asticode/go-astisub. At
// v0.34.0 that library fails a whole file on one malformed timestamp, and
// loses text silently: the words after a blank line inside a cue, text after
// an unknown tag such as "<Narrator>" or a bare "a<b", and the space between
// "<i>Hello</i> <b>world</b>". It also double-escapes "&gt;" and keeps
// "{\an8}" as visible text. Lost text cannot be recovered by post-processing,
// and SRT is small enough to parse with care: see parseSRT and cueText.
package subtitles
