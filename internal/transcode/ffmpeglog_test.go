package transcode

import (
	"strings"
	"testing"
)

// TestFFmpegLog: the first audio packet the muxer got is read from
// -debug_ts lines (ffmpeg 5.1's format), and only other lines are kept
// for an error message.
func TestFFmpegLog(t *testing.T) {
	tests := []struct {
		name    string
		log     string
		want    audioTime
		message string
	}{
		{"audio after video",
			"Input #0, matroska\nmuxer <- type:video pkt_pts:87321993 pkt_pts_time:7106.28 pkt_dts:87320969 pkt_dts_time:7106.2 duration:504\n" +
				"muxer <- type:audio pkt_pts:341097552 pkt_pts_time:7106.2 pkt_dts:341097552 pkt_dts_time:7106.2 duration:1008\n" +
				"muxer <- type:audio pkt_pts:341098584 pkt_pts_time:7106.22\n",
			audioTime{pts: 341097552, ok: true}, "Input #0, matroska"},
		{"no pts: the dts",
			"muxer <- type:audio pkt_pts:NOPTS pkt_pts_time:NOPTS pkt_dts:4410 pkt_dts_time:0.1\n",
			audioTime{pts: 4410, ok: true}, ""},
		{"no audio line", "demuxer -> ist_index:0 type:video\nencoder <- type:video frame_pts:0\nConversion failed!\n",
			audioTime{}, "Conversion failed!"},
		{"another format", "[out#0/segment @ 0x1] muxer <- pts:100 pts_time:1\n", audioTime{}, "[out#0/segment @ 0x1] muxer <- pts:100 pts_time:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l ffmpegLog
			first := make(chan audioTime, 1)
			l.watch(strings.NewReader(tt.log), first)
			if got := <-first; got != tt.want {
				t.Errorf("%q: first audio %+v, want %+v", tt.log, got, tt.want)
			}
			if got := l.String(); got != tt.message {
				t.Errorf("%q: message %q, want %q", tt.log, got, tt.message)
			}
		})
	}
}
