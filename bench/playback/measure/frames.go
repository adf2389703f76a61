package measure

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
)

// Rect is a box on the X screen, in screen pixels.
type Rect struct{ X, Y, W, H int }

// Frames is what a recording saw.
type Frames struct {
	Grabbed  int           // frames x11grab took
	Distinct int           // frames that differ from the frame before
	Span     time.Duration // how long the recording ran
}

// PerSecond is the distinct frames per second of recording.
func (f Frames) PerSecond() float64 {
	if f.Span <= 0 {
		return 0
	}
	return float64(f.Distinct) / f.Span.Seconds()
}

func (f Frames) String() string {
	return fmt.Sprintf("%.1f frames/s (%d distinct of %d grabbed in %.1f s)", f.PerSecond(), f.Distinct, f.Grabbed, f.Span.Seconds())
}

// Record grabs the box r of X display for d at rate grabs a second
// (without the pointer) and counts the distinct frames. The rate should be
// twice the video's, so that no painted frame falls between two grabs.
func Record(ctx context.Context, display string, r Rect, d time.Duration, rate int) (Frames, error) {
	if r.W <= 0 || r.H <= 0 {
		return Frames{}, fmt.Errorf("record: empty box %+v", r)
	}
	r = r.even()
	args := append(grabInput("error", display, r, rate), "-t", fmt.Sprintf("%.3f", d.Seconds()), "-f", "framemd5", "-")
	cmd := exec.CommandContext(ctx, "ffmpeg", args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return Frames{}, fmt.Errorf("ffmpeg x11grab: %v: %s", err, bytes.TrimSpace(errb.Bytes()))
	}
	grabbed, distinct, err := CountDistinct(&out)
	if err != nil {
		return Frames{}, err
	}
	span := time.Since(start)
	if grabbed > 0 {
		// The grab's own clock: frames taken over the rate asked for.
		span = time.Duration(float64(grabbed) / float64(rate) * float64(time.Second))
	}
	return Frames{Grabbed: grabbed, Distinct: distinct, Span: span}, nil
}

// CountDistinct reads ffmpeg's framemd5 output and counts the frames and
// the frames whose hash differs from the frame before (the first frame
// is not counted: it is where the recording starts, not a new frame).
func CountDistinct(r io.Reader) (frames, distinct int, err error) {
	sc := bufio.NewScanner(r)
	prev := ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// stream, dts, pts, duration, size, hash
		f := strings.Split(line, ",")
		if len(f) != 6 {
			return 0, 0, fmt.Errorf("framemd5: unexpected line %q", line)
		}
		hash := strings.TrimSpace(f[5])
		if frames > 0 && hash != prev {
			distinct++
		}
		prev = hash
		frames++
	}
	return frames, distinct, sc.Err()
}

// even is r with even sides, as x11grab's raw frames need.
func (r Rect) even() Rect {
	r.W &^= 1
	r.H &^= 1
	return r
}

// grabInput is ffmpeg's arguments up to its input: the box r (with even
// sides) of X display, grabbed rate times a second without the pointer,
// with its log at loglevel.
func grabInput(loglevel, display string, r Rect, rate int) []string {
	return []string{
		"-nostdin", "-hide_banner", "-loglevel", loglevel,
		"-f", "x11grab", "-draw_mouse", "0", "-framerate", fmt.Sprint(rate),
		"-video_size", fmt.Sprintf("%dx%d", r.W, r.H),
		"-i", fmt.Sprintf("%s+%d,%d", display, r.X, r.Y),
	}
}
