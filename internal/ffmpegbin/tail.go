package ffmpegbin

import (
	"bytes"
	"strings"
	"sync"
)

// TailLines and TailLineBytes bound what a Tail keeps: enough of ffmpeg's
// last words to say what failed.
const (
	TailLines     = 12
	TailLineBytes = 512
)

// Tail keeps the last lines an ffmpeg printed on its stderr, for an error
// message: at most TailLines lines of at most TailLineBytes bytes each.
// ffmpeg reading a damaged file can print a line per packet, millions for
// a film, so its log is never kept whole. The zero Tail is ready to use;
// it is an io.Writer (cmd.Stderr) and takes whole lines with Add.
type Tail struct {
	mu      sync.Mutex
	lines   []string
	partial []byte // the line being written, up to TailLineBytes
}

// Write takes ffmpeg's output as it comes, in pieces of any size.
func (t *Tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexAny(p, "\r\n") // ffmpeg ends its progress lines with \r
		if i < 0 {
			t.partial = appendBounded(t.partial, p)
			break
		}
		t.partial = appendBounded(t.partial, p[:i])
		t.add(string(t.partial))
		t.partial = t.partial[:0]
		p = p[i+1:]
	}
	return n, nil
}

// Add keeps one whole line.
func (t *Tail) Add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(line) > TailLineBytes {
		line = line[:TailLineBytes]
	}
	t.add(line)
}

func (t *Tail) add(line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	if len(t.lines) == TailLines {
		copy(t.lines, t.lines[1:])
		t.lines = t.lines[:TailLines-1]
	}
	t.lines = append(t.lines, line)
}

func appendBounded(b, p []byte) []byte {
	if room := TailLineBytes - len(b); len(p) > room {
		p = p[:max(room, 0)]
	}
	return append(b, p...)
}

// Lines are the last lines kept, oldest first, with the unfinished one.
func (t *Tail) Lines() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := append([]string(nil), t.lines...)
	if s := strings.TrimSpace(string(t.partial)); s != "" {
		out = append(out, s)
	}
	return out
}

// Last is the last line ffmpeg printed, which says what failed ("" for none).
func (t *Tail) Last() string {
	lines := t.Lines()
	if len(lines) == 0 {
		return ""
	}
	return lines[len(lines)-1]
}
