package measure

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"time"
)

// Watch is a recording of a box of the screen that waits for a picture.
type Watch struct {
	cancel context.CancelFunc
	done   chan struct{}
	at     time.Time
	frames int
	last   []byte // the last frame grabbed
	err    error
}

// WatchBox starts grabbing the box r of X display, rate times a second,
// and notes when a grabbed frame first satisfies drawn (which gets the
// frame as packed RGB, 3 bytes a pixel, r.W×r.H). The time noted is when
// the frame reached this process, a little after x11grab took it: an upper
// bound of when the screen first showed it, to within one grab. Start it
// before what it waits for, and call Wait.
func WatchBox(display string, r Rect, rate int, drawn func(rgb []byte) bool) (*Watch, error) {
	if r.W <= 0 || r.H <= 0 {
		return nil, fmt.Errorf("watch: empty box %+v", r)
	}
	r = r.even()
	ctx, cancel := context.WithCancel(context.Background())
	args := append(grabInput("error", display, r, rate),
		// Each grab once, as it comes: a constant-rate output would
		// repeat frames to fill the gaps of a late grab, and fall behind.
		"-fps_mode", "passthrough",
		"-f", "rawvideo", "-pix_fmt", "rgb24", "-")
	cmd := exec.CommandContext(ctx, "ffmpeg", args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("ffmpeg x11grab: %w", err)
	}
	w := &Watch{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		defer cmd.Wait()
		br := bufio.NewReaderSize(out, r.W*r.H*3)
		frame := make([]byte, r.W*r.H*3)
		for {
			if _, err := io.ReadFull(br, frame); err != nil {
				w.err = fmt.Errorf("watch: the picture never came (%d frames grabbed)", w.frames)
				return
			}
			w.frames++
			w.last = frame
			if drawn(frame) {
				w.at = time.Now()
				cancel()
				return
			}
		}
	}()
	return w, nil
}

// Wait waits up to timeout for the picture and returns when it reached
// this process; it stops the recording.
func (w *Watch) Wait(timeout time.Duration) (time.Time, error) {
	select {
	case <-w.done:
	case <-time.After(timeout):
		w.cancel()
		<-w.done
		return time.Time{}, fmt.Errorf("watch: no picture within %s (%d frames grabbed, the last of %d colours)", timeout, w.frames, Colours(w.last, 1<<20))
	}
	return w.at, w.err
}

// Colours counts the distinct colours of a packed RGB frame, stopping at
// most: a flat box has one or two, text has dozens (its anti-aliasing).
func Colours(rgb []byte, most int) int {
	seen := map[[3]byte]bool{}
	for i := 0; i+2 < len(rgb) && len(seen) < most; i += 3 {
		seen[[3]byte{rgb[i], rgb[i+1], rgb[i+2]}] = true
	}
	return len(seen)
}
