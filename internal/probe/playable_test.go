package probe

import "testing"

func TestPlayability(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		goos  string
		video string
		audio string
		want  Verdict
	}{
		{"h264 aac on linux", "linux", "h264", "aac", Verdict{Playable: true}},
		{"h264 aac on windows", "windows", "h264", "aac", Verdict{Playable: true}},
		{"h264 aac on darwin", "darwin", "h264", "aac", Verdict{Playable: true}},
		{"hevc on linux via gst-libav", "linux", "hevc", "aac", Verdict{Playable: true}},
		{"hevc on windows", "windows", "hevc", "aac", Verdict{Reason: "HEVC — not playable here"}},
		{"hevc on darwin", "darwin", "hevc", "aac", Verdict{Playable: true}},
		{"vp9 opus everywhere: linux", "linux", "vp9", "opus", Verdict{Playable: true}},
		{"vp9 opus everywhere: windows", "windows", "vp9", "opus", Verdict{Playable: true}},
		{"vp9 opus everywhere: darwin", "darwin", "vp9", "opus", Verdict{Playable: true}},
		{"av1 on windows", "windows", "av1", "opus", Verdict{Playable: true}},
		{"av1 on darwin", "darwin", "av1", "aac", Verdict{Playable: true}},
		{"vp8 vorbis on linux", "linux", "vp8", "vorbis", Verdict{Playable: true}},
		{"vp8 on darwin", "darwin", "vp8", "vorbis", Verdict{Reason: "VP8 — not playable here"}},
		{"theora on linux", "linux", "theora", "vorbis", Verdict{Playable: true}},
		{"theora on windows", "windows", "theora", "vorbis", Verdict{Reason: "Theora — not playable here"}},
		{"theora on darwin", "darwin", "theora", "vorbis", Verdict{Reason: "Theora — not playable here"}},
		{"mpeg4 part 2 on linux", "linux", "mpeg4", "mp3", Verdict{Playable: true}},
		{"mpeg4 part 2 on windows", "windows", "mpeg4", "mp3", Verdict{Reason: "MPEG-4 Part 2 — not playable here"}},
		{"mpeg2 on windows", "windows", "mpeg2", "mp3", Verdict{Reason: "MPEG-2 — not playable here"}},
		{"ac3 on linux via gst-libav", "linux", "h264", "ac3", Verdict{Playable: true}},
		{"ac3 on windows", "windows", "h264", "ac3", Verdict{Reason: "AC-3 audio — not playable here"}},
		{"eac3 on windows", "windows", "h264", "eac3", Verdict{Reason: "E-AC-3 audio — not playable here"}},
		{"ac3 on darwin", "darwin", "h264", "ac3", Verdict{Playable: true}},
		{"dts on darwin", "darwin", "h264", "dts", Verdict{Reason: "DTS audio — not playable here"}},
		{"hevc and ac3 on windows", "windows", "hevc", "ac3", Verdict{Reason: "HEVC and AC-3 audio — not playable here"}},
		{"flac on windows", "windows", "", "flac", Verdict{Playable: true}},
		{"unknown codecs", "windows", "", "", Verdict{Playable: true}},
		{"codec Probe does not name", "windows", "cinepak", "qdm2", Verdict{Playable: true}},
		{"unknown goos", "plan9", "hevc", "dts", Verdict{Playable: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := Info{VideoCodec: tt.video, AudioCodec: tt.audio}
			if got := Playability(tt.goos, info); got != tt.want {
				t.Errorf("Playability(%q, video=%q audio=%q) = %+v, want %+v", tt.goos, tt.video, tt.audio, got, tt.want)
			}
		})
	}
}

func TestPlayabilityOfContainers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, goos, container string
		want                  Verdict
	}{
		{"mkv on linux", "linux", "matroska", Verdict{Playable: true}},
		{"mkv on windows", "windows", "matroska", Verdict{Playable: true}},
		{"mkv on darwin", "darwin", "matroska", Verdict{Reason: "MKV files — not playable here"}},
		{"avi on linux via gstreamer", "linux", "avi", Verdict{Playable: true}},
		{"avi on windows", "windows", "avi", Verdict{Reason: "AVI files — not playable here"}},
		{"mpeg-ts on windows", "windows", "mpegts", Verdict{Reason: "MPEG-TS files — not playable here"}},
		{"webm on darwin", "darwin", "webm", Verdict{Playable: true}},
		{"mp4 everywhere", "windows", "mp4", Verdict{Playable: true}},
	}
	for _, tt := range tests {
		info := Info{Container: tt.container, VideoCodec: "h264", AudioCodec: "aac"}
		if got := Playability(tt.goos, info); got != tt.want {
			t.Errorf("%s: Playability(%q, %+v) = %+v, want %+v", tt.name, tt.goos, info, got, tt.want)
		}
	}
}
