package probe

import "testing"

// TestCodecStrings checks the codec strings against the examples of the
// specifications they come from (RFC 6381, ISO/IEC 14496-15 Annex E, the
// AV1 and VP9 ISOBMFF bindings).
func TestCodecStrings(t *testing.T) {
	tests := []struct {
		name   string
		codec  string
		fourcc string
		config []byte
		want   string
	}{
		{"avc high 3.1", "h264", "avc1", []byte{1, 0x64, 0x00, 0x1f, 0xff}, "avc1.64001f"},
		{"avc3 keeps its entry type", "h264", "avc3", []byte{1, 0x4d, 0x40, 0x28}, "avc3.4d4028"},
		{"avc without a record", "h264", "", nil, "avc1.4d401f"},
		{"avc with a bad version", "h264", "avc1", []byte{0, 0x64, 0, 0x1f}, "avc1.4d401f"},
		// Main profile, compatibility flags 0x60000000, level 93, first
		// constraint byte 0xB0: the Annex E example.
		{"hevc main 3.1", "hevc", "hvc1", []byte{1, 0x01, 0x60, 0, 0, 0, 0xB0, 0, 0, 0, 0, 0, 93}, "hvc1.1.6.L93.B0"},
		{"hevc main 10 high tier", "hevc", "hev1", []byte{1, 0x22, 0x20, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 153}, "hev1.2.4.H153.90"},
		{"hevc profile space 1", "hevc", "hvc1", []byte{1, 0x41, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 93}, "hvc1.A1.6.L93"},
		{"av1 main 4.0 8-bit", "av1", "av01", []byte{0x81, 0x08, 0x0c, 0}, "av01.0.08M.08"},
		{"av1 main 10-bit high tier", "av1", "av01", []byte{0x81, 0x04, 0xc0, 0}, "av01.0.04H.10"},
		{"av1 professional 12-bit", "av1", "av01", []byte{0x81, 0x44, 0x60, 0}, "av01.2.04M.12"},
		{"vp9 profile 2 10-bit", "vp9", "vp09", []byte{1, 0, 0, 0, 2, 31, 0xA0}, "vp09.02.31.10"},
		{"vp9 in webm", "vp9", "", nil, "vp09.00.10.08"},
		{"aac lc", "aac", "mp4a", []byte{0x11, 0x90}, "mp4a.40.2"},
		{"he-aac", "aac", "mp4a", []byte{0x2b, 0x92}, "mp4a.40.5"},
		{"escaped object type 42", "aac", "mp4a", []byte{0xf9, 0x40}, "mp4a.40.42"},
		{"ac-3", "ac3", "ac-3", nil, "ac-3"},
		{"e-ac-3", "eac3", "ec-3", nil, "ec-3"},
		{"unknown codec", "", "", nil, ""},
		{"codec without a registered string", "prores", "apcn", nil, "prores"},
	}
	for _, tt := range tests {
		if got := codecString(tt.codec, tt.fourcc, tt.config); got != tt.want {
			t.Errorf("%s: codecString(%q, %q, % x) = %q, want %q", tt.name, tt.codec, tt.fourcc, tt.config, got, tt.want)
		}
	}
}

func TestAACChannels(t *testing.T) {
	tests := []struct {
		name string
		asc  []byte
		want int
	}{
		{"stereo lc 48 kHz", []byte{0x11, 0x90}, 2},
		{"5.1 lc 48 kHz", []byte{0x11, 0xb0}, 6},
		{"7.1 is 8", []byte{0x11, 0xb8}, 8},
		{"explicit frequency", []byte{0x17, 0x80, 0x00, 0x00, 0x10}, 2},
		{"cut short", []byte{0x11}, 0},
		{"empty", nil, 0},
	}
	for _, tt := range tests {
		if got := aacChannels(tt.asc); got != tt.want {
			t.Errorf("%s: aacChannels(% x) = %d, want %d", tt.name, tt.asc, got, tt.want)
		}
	}
}
