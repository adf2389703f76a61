package probe

import (
	"encoding/binary"
	"strings"
)

// Codec names follow FFmpeg's where it has one, shortened where FFmpeg
// splits a family the library view does not need to tell apart (all PCM
// variants are "pcm", all DTS flavours "dts").

// isoVideo maps ISO/QuickTime video sample entry types to codec names.
var isoVideo = map[string]string{
	"avc1": "h264", "avc2": "h264", "avc3": "h264", "avc4": "h264",
	"hvc1": "hevc", "hev1": "hevc", "dvh1": "hevc", "dvhe": "hevc",
	"av01": "av1",
	"vp08": "vp8",
	"vp09": "vp9",
	"mp4v": "mpeg4", "xvid": "mpeg4", "XVID": "mpeg4", "DIVX": "mpeg4", "FMP4": "mpeg4",
	"mp2v": "mpeg2", "m2v1": "mpeg2",
	"mp1v": "mpeg1", "m1v1": "mpeg1",
	"jpeg": "mjpeg", "mjpa": "mjpeg", "mjpb": "mjpeg",
	"apch": "prores", "apcn": "prores", "apcs": "prores", "apco": "prores", "ap4h": "prores", "ap4x": "prores",
	"AVdn": "dnxhd", "AVdh": "dnxhd",
	"s263": "h263", "h263": "h263",
	"vvc1": "vvc", "vvi1": "vvc",
}

// isoAudio maps ISO/QuickTime audio sample entry types to codec names.
var isoAudio = map[string]string{
	"mp4a": "aac",
	".mp3": "mp3", "mp3 ": "mp3",
	"ac-3": "ac3", "sac3": "ac3",
	"ec-3": "eac3",
	"dtsc": "dts", "dtsh": "dts", "dtsl": "dts", "dtse": "dts",
	"Opus": "opus",
	"fLaC": "flac",
	"alac": "alac",
	"samr": "amr", "sawb": "amr",
	"lpcm": "pcm", "sowt": "pcm", "twos": "pcm", "in24": "pcm", "in32": "pcm",
	"fl32": "pcm", "fl64": "pcm", "ipcm": "pcm", "fpcm": "pcm", "raw ": "pcm",
	"NONE": "pcm", "ulaw": "pcm", "alaw": "pcm",
}

// objectTypeVideo and objectTypeAudio map the objectTypeIndication of an
// esds DecoderConfigDescriptor, which is what tells MPEG-4 Part 2 from
// MPEG-2 in an mp4v entry and MP3 from AAC in an mp4a entry (the MP4
// registration authority's table, mp4ra.org "object types").
var objectTypeVideo = map[byte]string{
	0x20: "mpeg4",
	0x21: "h264",
	0x60: "mpeg2", 0x61: "mpeg2", 0x62: "mpeg2", 0x63: "mpeg2", 0x64: "mpeg2", 0x65: "mpeg2",
	0x6A: "mpeg1",
	0x6C: "mjpeg",
}

var objectTypeAudio = map[byte]string{
	0x40: "aac", 0x66: "aac", 0x67: "aac", 0x68: "aac",
	0x69: "mp3", 0x6B: "mp3",
	0xA5: "ac3",
	0xA6: "eac3",
	0xA9: "dts", 0xAA: "dts", 0xAB: "dts", 0xAC: "dts",
	0xAD: "opus",
	0xDD: "vorbis",
}

// isoCodec names the codec of an ISO sample entry; oti is the esds
// objectTypeIndication, 0 when there is none.
func isoCodec(table map[string]string, otiTable map[byte]string, fourcc string, oti byte) string {
	if fourcc == "mp4v" || fourcc == "mp4a" {
		if c, ok := otiTable[oti]; ok {
			return c
		}
	}
	return table[fourcc]
}

// matroskaExact and matroskaPrefix map Matroska CodecIDs to codec names
// (https://www.matroska.org/technical/codec_specs.html).
var matroskaExact = map[string]string{
	"V_MPEG4/ISO/AVC":  "h264",
	"V_MPEGH/ISO/HEVC": "hevc",
	"V_MPEGI/ISO/VVC":  "vvc",
	"V_AV1":            "av1",
	"V_VP8":            "vp8",
	"V_VP9":            "vp9",
	"V_THEORA":         "theora",
	"V_MPEG4/ISO/SP":   "mpeg4",
	"V_MPEG4/ISO/ASP":  "mpeg4",
	"V_MPEG4/ISO/AP":   "mpeg4",
	"V_MPEG4/MS/V3":    "msmpeg4",
	"V_MPEG1":          "mpeg1",
	"V_MPEG2":          "mpeg2",
	"V_MJPEG":          "mjpeg",
	"V_PRORES":         "prores",
	"A_MPEG/L3":        "mp3",
	"A_MPEG/L2":        "mp2",
	"A_OPUS":           "opus",
	"A_VORBIS":         "vorbis",
	"A_EAC3":           "eac3",
	"A_FLAC":           "flac",
	"A_ALAC":           "alac",
	"A_TRUEHD":         "truehd",
}

var matroskaPrefix = []struct{ prefix, codec string }{
	{"A_AAC", "aac"}, // A_AAC and the older A_AAC/MPEG4/LC...
	{"A_AC3", "ac3"}, // A_AC3 and A_AC3/BSID9, A_AC3/BSID10
	{"A_DTS", "dts"},
	{"A_PCM/", "pcm"},
	{"V_REAL/", "realvideo"},
}

// vfwFourCC maps the biCompression of the BITMAPINFOHEADER that
// V_MS/VFW/FOURCC tracks carry as CodecPrivate.
var vfwFourCC = map[string]string{
	"XVID": "mpeg4", "xvid": "mpeg4", "DIVX": "mpeg4", "divx": "mpeg4", "DX50": "mpeg4", "FMP4": "mpeg4", "MP4V": "mpeg4",
	"H264": "h264", "h264": "h264", "AVC1": "h264", "avc1": "h264", "X264": "h264", "x264": "h264",
	"MP42": "msmpeg4", "MP43": "msmpeg4", "DIV3": "msmpeg4",
	"WVC1": "vc1", "WMV3": "vc1",
	"MJPG": "mjpeg",
}

// acmFormat maps the wFormatTag of the WAVEFORMATEX that A_MS/ACM tracks
// carry as CodecPrivate.
var acmFormat = map[uint16]string{
	0x0001: "pcm", 0x0003: "pcm",
	0x0055: "mp3",
	0x00FF: "aac", 0x1610: "aac",
	0x2000: "ac3",
	0x2001: "dts",
}

// matroskaCodec names the codec of a Matroska track from its CodecID and,
// for the Video for Windows and ACM compatibility modes, its CodecPrivate.
func matroskaCodec(id string, private []byte) string {
	if c, ok := matroskaExact[id]; ok {
		return c
	}
	for _, p := range matroskaPrefix {
		if strings.HasPrefix(id, p.prefix) {
			return p.codec
		}
	}
	switch id {
	case "V_MS/VFW/FOURCC":
		if len(private) >= 20 {
			return vfwFourCC[string(private[16:20])]
		}
	case "A_MS/ACM":
		if len(private) >= 2 {
			return acmFormat[binary.LittleEndian.Uint16(private)]
		}
	}
	return ""
}
