package measure

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"time"
)

// Mpv is an mpv playing one file, driven over its JSON IPC socket.
type Mpv struct {
	cmd    *exec.Cmd
	sock   string
	conn   net.Conn
	events chan map[string]any
}

// StartMpv plays file in an mpv window (software output, as Reel's window
// draws without a GPU), muted, and connects to its IPC socket in dir.
func StartMpv(file, dir string) (*Mpv, error) {
	sock := filepath.Join(dir, "mpv.sock")
	cmd := exec.Command("mpv", "--no-config", "--really-quiet", "--mute=yes", "--ao=null",
		"--vo=x11", "--hwdec=no", "--geometry=1280x800+0+0", "--keep-open=yes",
		"--input-ipc-server="+sock, file)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start mpv (apt-get install mpv): %w", err)
	}
	m := &Mpv{cmd: cmd, sock: sock, events: make(chan map[string]any, 256)}
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.Dial("unix", sock)
		if err == nil {
			m.conn = c
			break
		}
		if time.Now().After(deadline) {
			m.Close()
			return nil, fmt.Errorf("mpv IPC %s: %w", sock, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	go func() {
		sc := bufio.NewScanner(m.conn)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		for sc.Scan() {
			var ev map[string]any
			if json.Unmarshal(sc.Bytes(), &ev) == nil && ev["event"] != nil {
				m.events <- ev
			}
		}
		close(m.events)
	}()
	return m, nil
}

func (m *Mpv) send(args ...any) error {
	b, err := json.Marshal(map[string]any{"command": args})
	if err != nil {
		return err
	}
	_, err = m.conn.Write(append(b, '\n'))
	return err
}

// wait waits for the event called name.
func (m *Mpv) wait(name string, timeout time.Duration) error {
	deadline := time.After(timeout)
	for {
		select {
		case ev, ok := <-m.events:
			if !ok {
				return fmt.Errorf("mpv exited waiting for %s", name)
			}
			if ev["event"] == name {
				return nil
			}
		case <-deadline:
			return fmt.Errorf("mpv: no %s within %v", name, timeout)
		}
	}
}

// Started waits until mpv plays.
func (m *Mpv) Started() error {
	return m.wait("playback-restart", 30*time.Second)
}

// Seek seeks to t seconds (absolute: mpv's default for it is a precise
// seek, as setting currentTime is in WebKit) and returns the time until mpv
// restarts playback there, its playback-restart event.
func (m *Mpv) Seek(t float64) (time.Duration, error) {
	// Drop what came before this seek.
	for len(m.events) > 0 {
		<-m.events
	}
	start := time.Now()
	if err := m.send("seek", t, "absolute"); err != nil {
		return 0, err
	}
	if err := m.wait("playback-restart", 10*time.Second); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// Close ends mpv.
func (m *Mpv) Close() {
	if m.conn != nil {
		m.conn.Close()
	}
	if m.cmd.Process != nil {
		_ = m.cmd.Process.Kill()
		_ = m.cmd.Wait()
	}
}

// Duration asks mpv for the file's duration in seconds.
func (m *Mpv) Duration() (float64, error) {
	// get_property answers with a request_id'd reply, not an event: read
	// it from a second connection so the event reader keeps its stream.
	c, err := net.Dial("unix", m.sock)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if _, err := c.Write([]byte(`{"command":["get_property","duration"],"request_id":1}` + "\n")); err != nil {
		return 0, err
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		var r struct {
			Data      *float64 `json:"data"`
			RequestID int      `json:"request_id"`
			Error     string   `json:"error"`
		}
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.RequestID == 1 {
			if r.Error != "success" || r.Data == nil {
				return 0, fmt.Errorf("mpv duration: %s", r.Error)
			}
			return *r.Data, nil
		}
	}
	return 0, fmt.Errorf("mpv duration: no answer: %v", sc.Err())
}
