package probe

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
)

// Track is one audio or video track of a file, with the codec string a
// page hands to its own engine (canPlayType, MediaSource.isTypeSupported)
// to learn whether it decodes the track (issue 9).
type Track struct {
	Type  string `json:"type"`  // "video" or "audio"
	Codec string `json:"codec"` // as Info.VideoCodec and Info.AudioCodec
	// CodecString is the RFC 6381 "codecs" parameter of the track
	// ("avc1.64001f", "hvc1.1.6.L93.B0", "av01.0.04M.08", "mp4a.40.2",
	// "ac-3", "opus"), or the bare codec name where no registered form
	// exists ("prores", "wmv2"). "" when the codec is unknown.
	CodecString string `json:"codecString"`
	Channels    int    `json:"channels,omitempty"` // audio
	BitDepth    int    `json:"bitDepth,omitempty"` // video, when the headers say
}

// simpleCodecStrings are the codec strings that carry no parameters: the
// MP4 registration authority's sample entry names (mp4ra.org) where a
// codec has one, the WebM names otherwise.
var simpleCodecStrings = map[string]string{
	"ac3":    "ac-3",
	"eac3":   "ec-3",
	"opus":   "opus",
	"flac":   "flac",
	"vorbis": "vorbis",
	"theora": "theora",
	"vp8":    "vp8",
	"dts":    "dtsc",
	"alac":   "alac",
	"mp3":    "mp4a.6b", // RFC 6381 §3.3: objectTypeIndication 0x6B
	"mp2":    "mp4a.69", // 0x69: MPEG-2 audio (ISO/IEC 13818-3), layer 2 included
	"mpeg2":  "mp4v.61", // 0x61: MPEG-2 Main
	"mpeg1":  "mp4v.6a",
	"pcm":    "pcm",
	"truehd": "mlpa",
}

// codecString returns the codec string of a track whose codec is codec;
// config is its decoder configuration record where the container keeps one
// (avcC, hvcC, av1C, vpcC payloads, or an AAC AudioSpecificConfig), and
// fourcc the MP4 sample entry type ("" outside MP4).
func codecString(codec, fourcc string, config []byte) string {
	switch codec {
	case "h264":
		return avcString(fourcc, config)
	case "hevc":
		return hevcString(fourcc, config)
	case "av1":
		return av1String(config)
	case "vp9":
		return vp9String(config)
	case "aac":
		return aacString(config)
	case "mpeg4":
		return "mp4v.20.9" // Simple Profile level 0 is what ffmpeg and DivX write; browsers decode none of it
	case "":
		return ""
	}
	if s, ok := simpleCodecStrings[codec]; ok {
		return s
	}
	return codec
}

// avcString reads profile_idc, the constraint flags and level_idc from an
// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1; RFC 6381
// §3.3). Without one it answers Main profile level 3.1, which every
// engine that decodes H.264 accepts.
func avcString(fourcc string, rec []byte) string {
	if fourcc != "avc3" {
		fourcc = "avc1"
	}
	if len(rec) < 4 || rec[0] != 1 {
		return fourcc + ".4d401f"
	}
	return fmt.Sprintf("%s.%02x%02x%02x", fourcc, rec[1], rec[2], rec[3])
}

// hevcString builds "hvc1.P.C.Tl.B" from an HEVCDecoderConfigurationRecord
// (ISO/IEC 14496-15 §8.3.3.1 and Annex E.3): the profile space as a letter
// before the profile, the 32 compatibility flags bit-reversed in hex, the
// tier and level, then the six constraint bytes with trailing zeros left out.
func hevcString(fourcc string, rec []byte) string {
	if fourcc != "hev1" {
		fourcc = "hvc1"
	}
	if len(rec) < 13 || rec[0] != 1 {
		return fourcc + ".1.6.L93.B0"
	}
	space := [...]string{"", "A", "B", "C"}[rec[1]>>6]
	tier := "L"
	if rec[1]&0x20 != 0 {
		tier = "H"
	}
	profile := rec[1] & 0x1F
	compat := bits.Reverse32(binary.BigEndian.Uint32(rec[2:6]))
	s := fmt.Sprintf("%s.%s%d.%X.%s%d", fourcc, space, profile, compat, tier, rec[12])
	constraints := rec[6:12]
	n := len(constraints)
	for n > 0 && constraints[n-1] == 0 {
		n--
	}
	for _, c := range constraints[:n] {
		s += fmt.Sprintf(".%X", c)
	}
	return s
}

// av1String builds "av01.P.LLT.DD" from an AV1CodecConfigurationRecord
// (AV1 Codec ISOBMFF Binding §2.3 and "Codecs Parameter String").
func av1String(rec []byte) string {
	if len(rec) < 4 || rec[0] != 0x81 {
		return "av01.0.04M.08"
	}
	profile := rec[1] >> 5
	level := rec[1] & 0x1F
	tier := "M"
	if rec[2]&0x80 != 0 {
		tier = "H"
	}
	return fmt.Sprintf("av01.%d.%02d%s.%02d", profile, level, tier, av1Depth(rec))
}

// av1Depth reads high_bitdepth and twelve_bit from an av1C record.
func av1Depth(rec []byte) int {
	switch {
	case rec[2]&0x40 == 0:
		return 8
	case rec[1]>>5 == 2 && rec[2]&0x20 != 0:
		return 12
	}
	return 10
}

// vp9String builds "vp09.PP.LL.DD" from a VPCodecConfigurationRecord
// (VP Codec ISO Media File Format Binding §2.2, a full box: four bytes of
// version and flags first). WebM keeps no such record; then it answers
// profile 0, level 1, 8 bits, which Chromium checks as "VP9 at all".
func vp9String(rec []byte) string {
	if len(rec) < 7 {
		return "vp09.00.10.08"
	}
	return fmt.Sprintf("vp09.%02d.%02d.%02d", rec[4], rec[5], rec[6]>>4)
}

// aacString builds "mp4a.40.N" from the audio object type at the start of
// an AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1): five bits, 31 meaning
// six more follow. Without one it answers AAC-LC (2).
func aacString(asc []byte) string {
	if len(asc) < 1 {
		return "mp4a.40.2"
	}
	aot := int(asc[0] >> 3)
	if aot == 31 && len(asc) >= 2 {
		aot = 32 + int(asc[0]&0x07)<<3 | int(asc[1]>>5)
	}
	if aot == 0 {
		aot = 2
	}
	return "mp4a.40." + strconv.Itoa(aot)
}

// videoBitDepth reads the luma bit depth from a decoder configuration
// record, 0 when it does not say: hvcC's bitDepthLumaMinus8 (ISO/IEC
// 14496-15 §8.3.3.1), av1C's high_bitdepth and twelve_bit, vpcC's
// bitDepth.
func videoBitDepth(codec string, rec []byte) int {
	switch codec {
	case "hevc":
		if len(rec) >= 18 && rec[0] == 1 {
			return int(rec[17]&7) + 8
		}
	case "av1":
		if len(rec) >= 4 && rec[0] == 0x81 {
			return av1Depth(rec)
		}
	case "vp9":
		if len(rec) >= 7 {
			return int(rec[6] >> 4)
		}
	}
	return 0
}

// maxTracks bounds the tracks Info lists; a crafted file may declare
// thousands.
const maxTracks = 64

// matroskaTracks lists the audio and video tracks of a Matroska file. The
// CodecPrivate of AVC, HEVC and AV1 tracks is the same configuration
// record MP4 keeps in avcC, hvcC and av1C, that of AAC tracks the
// AudioSpecificConfig (Matroska codec specs); VP9 keeps none.
func matroskaTracks(list []matroskaTrack) []Track {
	var out []Track
	for _, t := range list {
		if len(out) == maxTracks {
			break
		}
		codec := matroskaCodec(t.codecID, t.private)
		var config []byte
		switch codec {
		case "h264", "hevc", "av1", "aac":
			config = t.private
		}
		switch t.kind {
		case 1:
			out = append(out, Track{Type: "video", Codec: codec, CodecString: codecString(codec, "", config), BitDepth: videoBitDepth(codec, config)})
		case 2:
			channels := int(min(max(t.channels, 0), 255))
			if codec == "aac" {
				channels = cmp.Or(aacChannels(config), channels)
			}
			out = append(out, Track{Type: "audio", Codec: codec, CodecString: codecString(codec, "", config), Channels: channels})
		}
	}
	return out
}

// aacChannels reads channelConfiguration from an AudioSpecificConfig
// (ISO/IEC 14496-3 §1.6.2.1): after the 5-bit object type (plus 6 more
// when it is 31) and the 4-bit frequency index (plus 24 bits when it is
// 15). Configurations 1–6 are that many channels, 7 is 7.1.
func aacChannels(asc []byte) int {
	var bitsRead uint
	read := func(n uint) (uint32, bool) {
		var v uint32
		for range n {
			i := bitsRead / 8
			if int(i) >= len(asc) {
				return 0, false
			}
			v = v<<1 | uint32(asc[i]>>(7-bitsRead%8))&1
			bitsRead++
		}
		return v, true
	}
	aot, ok := read(5)
	if ok && aot == 31 {
		_, ok = read(6)
	}
	freq, ok2 := read(4)
	if !ok || !ok2 {
		return 0
	}
	if freq == 15 {
		if _, ok := read(24); !ok {
			return 0
		}
	}
	c, ok := read(4)
	switch {
	case !ok || c == 0 || c > 7:
		return 0
	case c == 7:
		return 8
	}
	return int(c)
}

// acmodChannels is the full-range channels of each AC-3 audio coding mode
// (acmod, ETSI TS 102 366 table 4.3): 1+1 (dual mono), 1/0, 2/0, 3/0,
// 2/1, 3/1, 2/2, 3/2.
var acmodChannels = [8]int{2, 1, 2, 3, 3, 4, 4, 5}

// ac3Channels reads the channels of an AC-3 track from its dac3 box's
// payload (TS 102 366 F.4: fscod 2, bsid 5, bsmod 3, acmod 3, lfeon 1
// bits), or 0 when it is too short.
func ac3Channels(dac3 []byte) int {
	if len(dac3) < 3 {
		return 0
	}
	acmod := dac3[1] >> 3 & 7
	lfe := int(dac3[1] >> 2 & 1)
	return acmodChannels[acmod] + lfe
}

// eac3Channels reads the channels of an E-AC-3 track's first independent
// substream from its dec3 box's payload (TS 102 366 F.6: data_rate 13,
// num_ind_sub 3, then fscod 2, bsid 5, reserved 1, asvc 1, bsmod 3, acmod
// 3, lfeon 1 bits), or 0 when it is too short. Channels a dependent
// substream adds (7.1) are not counted, as FFmpeg's MP4 reader does not.
func eac3Channels(dec3 []byte) int {
	if len(dec3) < 4 {
		return 0
	}
	acmod := dec3[3] >> 1 & 7
	lfe := int(dec3[3] & 1)
	return acmodChannels[acmod] + lfe
}
