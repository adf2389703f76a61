package rules

// Codec is how people know a codec that Probe names (FFmpeg's names).
type Codec struct {
	// Label is short, for the library's badge: "HEVC".
	Label string `json:"label"`
	// Name is for sentences in the player's error overlay: "HEVC (H.265)".
	Name string `json:"name"`
}

// Codecs are the codecs with a name people know; others are shown in
// capitals ("xyz" as "XYZ").
var Codecs = map[string]Codec{
	"h264":      {"H.264", "H.264"},
	"hevc":      {"HEVC", "HEVC (H.265)"},
	"vvc":       {"VVC", "VVC (H.266)"},
	"av1":       {"AV1", "AV1"},
	"vp8":       {"VP8", "VP8"},
	"vp9":       {"VP9", "VP9"},
	"mpeg4":     {"MPEG-4 Part 2", "MPEG-4 Part 2"},
	"msmpeg4":   {"MS MPEG-4", "MS MPEG-4"},
	"mpeg2":     {"MPEG-2", "MPEG-2"},
	"mpeg1":     {"MPEG-1", "MPEG-1"},
	"theora":    {"Theora", "Theora"},
	"prores":    {"ProRes", "ProRes"},
	"dnxhd":     {"DNxHD", "DNxHD"},
	"vc1":       {"VC-1", "VC-1"},
	"mjpeg":     {"Motion JPEG", "Motion JPEG"},
	"h263":      {"H.263", "H.263"},
	"realvideo": {"RealVideo", "RealVideo"},
	"aac":       {"AAC", "AAC"},
	"mp3":       {"MP3", "MP3"},
	"opus":      {"Opus", "Opus"},
	"vorbis":    {"Vorbis", "Vorbis"},
	"flac":      {"FLAC", "FLAC"},
	"ac3":       {"AC-3", "AC-3"},
	"eac3":      {"E-AC-3", "E-AC-3"},
	"dts":       {"DTS", "DTS"},
	"truehd":    {"TrueHD", "TrueHD"},
	"alac":      {"ALAC", "ALAC"},
	"amr":       {"AMR", "AMR"},
	"mp2":       {"MP2", "MP2"},
	"pcm":       {"PCM", "PCM"},
}

// Denied are the codecs a webview is known not to decode in <video>.
type Denied struct {
	Video []string `json:"video"`
	Audio []string `json:"audio"`
}

// NotPlayable lists, per GOOS, the codecs its webview is known not to
// decode. Anything not listed, including codecs Probe could not name,
// counts as playable: a wrong warning on a file that plays is worse than a
// failed play the player reports anyway.
//
//   - linux: WebKitGTK hands media to GStreamer, and with gstreamer1.0-libav
//     installed FFmpeg's decoders cover H.264, HEVC, VP8, VP9, AV1, Theora,
//     MPEG-1/2/4 and AC-3, E-AC-3 and DTS audio. Only VVC is beyond the
//     libav that distributions ship.
//   - windows: WebView2 is Chromium: H.264, VP8, VP9, AV1 and AAC, MP3,
//     Opus, Vorbis, FLAC and PCM. HEVC needs a paid Store extension and
//     hardware support, so it is treated as not playable. Its Audio list is
//     the Windows audio deny-list the player's advice names.
//   - darwin: WKWebView uses AVFoundation: H.264, HEVC, ProRes and, on
//     macOS 11 and later, VP9 and AV1 where the hardware decodes them; AAC,
//     MP3, Opus, FLAC, ALAC, AC-3 and E-AC-3. VP8, Theora and the MPEG-1/2
//     and Part 2 codecs are not reliably decoded, DTS and TrueHD not at all.
var NotPlayable = map[string]Denied{
	"linux": {Video: []string{"vvc"}, Audio: []string{}},
	"windows": {
		Video: []string{"hevc", "vvc", "mpeg4", "msmpeg4", "mpeg2", "mpeg1", "theora", "prores", "dnxhd", "vc1", "mjpeg", "h263", "realvideo"},
		Audio: []string{"ac3", "eac3", "dts", "truehd", "alac", "amr", "mp2"},
	},
	"darwin": {
		Video: []string{"vvc", "vp8", "theora", "mpeg4", "msmpeg4", "mpeg2", "mpeg1", "dnxhd", "vc1", "realvideo"},
		Audio: []string{"dts", "truehd", "mp2"},
	},
}

// Fix is what makes a file that does not play on one platform play.
type Fix struct {
	// Video maps a video codec to its own fix.
	Video map[string]string `json:"video"`
	// Audio is the fix for an audio codec on the platform's Audio deny-list,
	// with "{codec}" standing for the codec's Name; "" when there is none.
	Audio string `json:"audio"`
	// Other is the fix for anything else.
	Other string `json:"other"`
}

// Fixes are the player's advice for a file the webview cannot decode.
var Fixes = struct {
	// Browser is the advice in a browser (reel serve), whatever the platform.
	Browser string `json:"browser"`
	// Unknown is the advice on a platform not listed.
	Unknown string `json:"unknown"`
	// Platforms is the advice in the Reel window, per GOOS.
	Platforms map[string]Fix `json:"platforms"`
}{
	Browser: "This browser cannot decode it. Open the folder in the Reel window, or convert the file (for example to H.264/AAC MP4).",
	Unknown: "Convert the file to a common format such as H.264/AAC MP4.",
	Platforms: map[string]Fix{
		"linux": {
			Video: map[string]string{"vvc": "No GStreamer decoder for VVC ships with Linux distributions yet: convert the file, for example with ffmpeg -c:v libx264 -c:a aac."},
			Other: "Install the GStreamer decoders, then restart Reel: sudo apt install gstreamer1.0-libav gstreamer1.0-plugins-good gstreamer1.0-plugins-bad (Fedora: gstreamer1-libav).",
		},
		"windows": {
			Video: map[string]string{"hevc": "Install the “HEVC Video Extensions” from the Microsoft Store (it needs a graphics card that decodes HEVC), then restart Reel."},
			Audio: "Windows’ webview cannot decode {codec} audio: convert the audio, for example with ffmpeg -c:v copy -c:a aac.",
			Other: "Windows’ webview cannot decode it: convert the file, for example to H.264/AAC MP4 with ffmpeg.",
		},
		"darwin": {
			Video: map[string]string{},
			Other: "macOS cannot decode it in a webview: convert the file, for example to H.264/AAC MP4 with ffmpeg.",
		},
	},
}
