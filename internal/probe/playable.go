package probe

import "strings"

// Verdict tells whether the webview can play a video, and if not, why.
type Verdict struct {
	Playable bool   `json:"playable"`
	Reason   string `json:"reason,omitempty"` // e.g. "HEVC — not playable here"
}

// notPlayable lists, per GOOS, the codecs its webview is known not to
// decode in a <video> element. Anything not listed, including codecs Probe
// could not name, counts as playable: a wrong warning on a file that plays
// is worse than a failed play the player reports anyway.
//
//   - linux: WebKitGTK hands media to GStreamer, and with gstreamer1.0-libav
//     installed FFmpeg's decoders cover H.264, HEVC, VP8, VP9, AV1, Theora,
//     MPEG-1/2/4 and AC-3, E-AC-3 and DTS audio. Only VVC is beyond the
//     libav that distributions ship.
//   - windows: WebView2 is Chromium: H.264, VP8, VP9, AV1 and AAC, MP3,
//     Opus, Vorbis, FLAC and PCM. HEVC needs a paid Store extension and
//     hardware support, so it is treated as not playable.
//   - darwin: WKWebView uses AVFoundation: H.264, HEVC, ProRes and, on
//     macOS 11 and later, VP9 and AV1 where the hardware decodes them; AAC,
//     MP3, Opus, FLAC, ALAC, AC-3 and E-AC-3. VP8, Theora and the MPEG-1/2
//     and Part 2 codecs are not reliably decoded, DTS and TrueHD not at all.
var notPlayable = map[string]map[string]bool{
	"linux": set("vvc"),
	"windows": set("hevc", "vvc", "mpeg4", "msmpeg4", "mpeg2", "mpeg1", "theora", "prores", "dnxhd", "vc1", "mjpeg", "h263", "realvideo",
		"ac3", "eac3", "dts", "truehd", "alac", "amr", "mp2"),
	"darwin": set("vvc", "vp8", "theora", "mpeg4", "msmpeg4", "mpeg2", "mpeg1", "dnxhd", "vc1", "realvideo",
		"dts", "truehd", "mp2"),
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// codecLabels are the names the Reason shows.
var codecLabels = map[string]string{
	"hevc": "HEVC", "vvc": "VVC", "vp8": "VP8", "theora": "Theora",
	"mpeg4": "MPEG-4 Part 2", "msmpeg4": "MS MPEG-4", "mpeg2": "MPEG-2", "mpeg1": "MPEG-1",
	"prores": "ProRes", "dnxhd": "DNxHD", "vc1": "VC-1", "mjpeg": "Motion JPEG", "h263": "H.263",
	"realvideo": "RealVideo",
	"ac3":       "AC-3", "eac3": "E-AC-3", "dts": "DTS", "truehd": "TrueHD", "alac": "ALAC", "amr": "AMR",
	"mp2": "MP2",
}

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

func label(codec string) string {
	if l, ok := codecLabels[codec]; ok {
		return l
	}
	return strings.ToUpper(codec)
}
