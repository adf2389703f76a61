package probe

import (
	"strings"

	"reel/internal/rules"
)

// Verdict tells whether the webview can play a video, and if not, why.
type Verdict struct {
	Playable bool   `json:"playable"`
	Reason   string `json:"reason,omitempty"` // e.g. "HEVC — not playable here"
}

// notPlayable is rules.NotPlayable as sets, per GOOS, video and audio
// together: Probe's codec names do not overlap between the two.
var notPlayable = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for goos, d := range rules.NotPlayable {
		out[goos] = map[string]bool{}
		for _, c := range d.Video {
			out[goos][c] = true
		}
		for _, c := range d.Audio {
			out[goos][c] = true
		}
	}
	return out
}()

// Playability tells whether a webview on goos ("linux", "windows",
// "darwin") can play the codecs of info. An unknown goos or codec is
// reported playable.
func Playability(goos string, info Info) Verdict {
	if name, ok := unplayableContainers[goos][info.Container]; ok {
		return Verdict{Reason: name + " files — not playable here"}
	}
	deny := notPlayable[goos]
	var bad []string
	if deny[info.VideoCodec] {
		bad = append(bad, label(info.VideoCodec))
	}
	if deny[info.AudioCodec] {
		bad = append(bad, label(info.AudioCodec)+" audio")
	}
	if len(bad) == 0 {
		return Verdict{Playable: true}
	}
	return Verdict{Reason: strings.Join(bad, " and ") + " — not playable here"}
}

// unplayableContainers lists, per GOOS, the containers its webview does not
// open in a <video> element whatever their codecs: Chromium (WebView2)
// demuxes MP4, WebM/Matroska and Ogg only; WKWebView MP4/MOV and WebM only.
// GStreamer on Linux demuxes all the containers Reel lists.
var unplayableContainers = map[string]map[string]string{
	"windows": {"avi": "AVI", "mpegts": "MPEG-TS", "mpeg": "MPEG-PS", "flv": "FLV", "asf": "WMV"},
	"darwin":  {"matroska": "MKV", "avi": "AVI", "mpegts": "MPEG-TS", "mpeg": "MPEG-PS", "flv": "FLV", "asf": "WMV", "ogg": "Ogg"},
}

// label is the codec's short name (rules.Codecs), else its name in capitals.
func label(codec string) string {
	if c, ok := rules.Codecs[codec]; ok {
		return c.Label
	}
	return strings.ToUpper(codec)
}
