package transcode

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"reel/internal/ffmpegbin"
)

// ffmpegLog reads an encoder's stderr, run with -debug_ts: it reports the
// first audio packet the muxer gets, and keeps the last other lines for
// an error message (bounded by ffmpegbin.Tail, as internal/tracks's).
type ffmpegLog struct {
	tail ffmpegbin.Tail
}

// watch reads r to its end. The first "muxer <- type:audio" line's pts
// (or dts, without one) is sent on first, once; if r ends without one,
// ok false is sent. first may be nil.
func (l *ffmpegLog) watch(r io.Reader, first chan<- audioTime) {
	sent := first == nil
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if debugLine(line) {
			if !sent && strings.HasPrefix(line, "muxer <- type:audio ") {
				if pts, ok := packetTime(line); ok {
					first <- audioTime{pts: pts, ok: true}
					sent = true
				}
			}
			continue
		}
		l.tail.Add(line)
	}
	if !sent {
		first <- audioTime{}
	}
}

// debugLine tells -debug_ts's packet lines from the rest.
func debugLine(line string) bool {
	for _, p := range []string{"demuxer", "decoder", "encoder", "muxer", "filter"} {
		if strings.HasPrefix(line, p+" ") || strings.HasPrefix(line, p+"+") {
			return true
		}
	}
	return false
}

// packetTime reads pkt_pts, or pkt_dts when the packet has no pts, from a
// -debug_ts line: integers in the stream's time base, which for the MP4
// muxer is the track's timescale.
func packetTime(line string) (int64, bool) {
	field := func(name string) (int64, bool) {
		for _, f := range strings.Fields(line) {
			if v, ok := strings.CutPrefix(f, name+":"); ok {
				n, err := strconv.ParseInt(v, 10, 64)
				return n, err == nil
			}
		}
		return 0, false
	}
	if v, ok := field("pkt_pts"); ok {
		return v, true
	}
	return field("pkt_dts")
}

// String is the last lines ffmpeg wrote that were not packet lines:
// what it said went wrong.
func (l *ffmpegLog) String() string {
	var keep []string
	for _, s := range l.tail.Lines() {
		if s != "" && !strings.HasPrefix(s, "Press [q]") {
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, "\n")
}
