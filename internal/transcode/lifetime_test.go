package transcode

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	longOnce sync.Once
	longPath string
	longErr  error
)

// longClip is 60 s of video and sound: long enough that an encoder is
// still running when the tests stop it.
func longClip(t *testing.T) string {
	t.Helper()
	corpus(t) // skips without ffmpeg
	longOnce.Do(func() {
		dir, err := os.MkdirTemp("", "reel-transcode-")
		if err != nil {
			longErr = err
			return
		}
		longPath = filepath.Join(dir, "long.mp4")
		out, err := exec.Command("ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=24",
			"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "60", "-c:v", "libx264", "-preset", "ultrafast",
			"-g", "24", "-c:a", "aac", longPath).CombinedOutput()
		if err != nil {
			longErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	if longErr != nil {
		t.Fatal(longErr)
	}
	return longPath
}

// children returns the pids of the live processes named comm whose parent
// is ppid, from /proc.
func children(ppid int, comm string) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...
		s := string(stat)
		open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || close < open {
			continue
		}
		fields := strings.Fields(s[close+1:])
		if len(fields) < 2 || s[open+1:close] != comm || fields[0] == "Z" {
			continue
		}
		if p, _ := strconv.Atoi(fields[1]); p == ppid {
			out = append(out, pid)
		}
	}
	return out
}

func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(fields) > 0 && fields[0] != "Z"
}

func waitGone(t *testing.T, pids []int, within time.Duration, why string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for _, pid := range pids {
		for alive(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: ffmpeg %d still running after %v", why, pid, within)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// startEncoder starts a transcode of the long clip and waits for its first
// segment, so that its encoder is running.
func startEncoder(t *testing.T, m *Manager, id string) *Job {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	j, err := m.Job(ctx, id, Transcode, opener(t, longClip(t)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Segment(ctx, 0); err != nil {
		t.Fatal(err)
	}
	return j
}

// TestNoEncoderOutlives: closing the stream (the player), closing the
// Manager (the app quitting) and an idle stream each end the encoders
// (issue 9).
func TestNoEncoderOutlives(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	tests := []struct {
		name string
		idle time.Duration
		end  func(m *Manager)
	}{
		{"the player closes the stream", time.Minute, func(m *Manager) { m.Stop("long") }},
		{"the app quits", time.Minute, func(m *Manager) { m.Close() }},
		{"nobody asks for a segment", 500 * time.Millisecond, func(m *Manager) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := New(Options{Dir: t.TempDir(), Idle: tt.idle})
			if err != nil {
				t.Skip(err)
			}
			defer m.Close()
			startEncoder(t, m, "long")
			pids := children(os.Getpid(), "ffmpeg")
			if len(pids) == 0 || m.Running() == 0 {
				t.Fatalf("%s: no encoder running after the first segment", tt.name)
			}
			tt.end(m)
			waitGone(t, pids, 5*time.Second, tt.name)
		})
	}
}

// TestNoEncoderOutlivesKill9: an encoder dies with the app even when the
// app is killed with SIGKILL and cannot clean up (PR_SET_PDEATHSIG).
func TestNoEncoderOutlivesKill9(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("PR_SET_PDEATHSIG is Linux's")
	}
	clip := longClip(t)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestEncoderHelper$")
	cmd.Env = append(os.Environ(), "REEL_ENCODER_HELPER="+clip, "REEL_ENCODER_DIR="+t.TempDir())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	sc := bufio.NewScanner(out)
	ready := false
	for sc.Scan() {
		if sc.Text() == "encoding" {
			ready = true
			break
		}
	}
	if !ready {
		t.Fatal("the helper never started encoding")
	}
	pids := children(cmd.Process.Pid, "ffmpeg")
	if len(pids) == 0 {
		t.Fatal("the helper runs no ffmpeg")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	waitGone(t, pids, 3*time.Second, "kill -9 of the app")
}

// TestEncoderHelper is the app TestNoEncoderOutlivesKill9 kills.
func TestEncoderHelper(t *testing.T) {
	clip := os.Getenv("REEL_ENCODER_HELPER")
	if clip == "" {
		t.Skip("only run by TestNoEncoderOutlivesKill9")
	}
	m, err := New(Options{Dir: os.Getenv("REEL_ENCODER_DIR")})
	if err != nil {
		t.Fatal(err)
	}
	j, err := m.Job(context.Background(), "long", Transcode, opener(t, clip))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Segment(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	fmt.Println("encoding")
	time.Sleep(time.Minute)
}
