package measure

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// RecordChanges grabs the box r of X display for d at rate grabs a second
// and returns when the picture in it changed: the wall-clock time of each
// frame that differs from the one before, from x11grab's own clock (the
// input's start time plus each frame's timestamp).
func RecordChanges(ctx context.Context, display string, r Rect, d time.Duration, rate int) ([]time.Time, error) {
	r = r.even()
	// info: the log carries the input's start time.
	args := append(grabInput("info", display, r, rate), "-t", fmt.Sprintf("%.3f", d.Seconds()), "-f", "framemd5", "-")
	cmd := exec.CommandContext(ctx, "ffmpeg", args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ffmpeg x11grab: %v: %s", err, bytes.TrimSpace(errb.Bytes()))
	}
	m := startRE.FindSubmatch(errb.Bytes())
	if m == nil {
		return nil, fmt.Errorf("ffmpeg x11grab: no input start time in its log")
	}
	start, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		return nil, err
	}
	return changeTimes(&out, time.Unix(0, int64(start*1e9)))
}

// startRE finds the input's start time (seconds since the epoch) in ffmpeg's log.
var startRE = regexp.MustCompile(`start: ([0-9]+\.[0-9]+)`)

// changeTimes reads framemd5 output and returns, for each frame whose hash
// differs from the frame before, start plus its timestamp.
func changeTimes(r io.Reader, start time.Time) ([]time.Time, error) {
	sc := bufio.NewScanner(r)
	num, den := 0, 0
	prev := ""
	var times []time.Time
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if tb, ok := strings.CutPrefix(line, "#tb 0: "); ok {
			if _, err := fmt.Sscanf(tb, "%d/%d", &num, &den); err != nil || num <= 0 || den <= 0 {
				return nil, fmt.Errorf("framemd5: time base %q", tb)
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ",")
		if len(f) != 6 || den == 0 {
			return nil, fmt.Errorf("framemd5: unexpected line %q", line)
		}
		pts, err := strconv.ParseInt(strings.TrimSpace(f[2]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("framemd5: pts in %q", line)
		}
		hash := strings.TrimSpace(f[5])
		if prev != "" && hash != prev {
			times = append(times, start.Add(time.Duration(pts*int64(num)*int64(time.Second)/int64(den))))
		}
		prev = hash
	}
	return times, sc.Err()
}

// FirstSustained returns the first change after which at least n changes
// fall within the next window: where a video starts moving, as opposed to
// a page painting once or twice.
func FirstSustained(changes []time.Time, n int, window time.Duration) (time.Time, bool) {
	for i, t := range changes {
		count := 0
		for _, u := range changes[i:] {
			if u.Sub(t) > window {
				break
			}
			count++
		}
		if count >= n {
			return t, true
		}
	}
	return time.Time{}, false
}
