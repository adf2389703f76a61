package measure

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// miniBrowsers are where Debian and Ubuntu (libwebkit2gtk-4.1-0) put
// WebKitGTK's own browser.
var miniBrowsers = []string{
	"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
	"/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
	"/usr/libexec/webkit2gtk-4.1/MiniBrowser",
}

// MiniBrowser is the path of WebKitGTK's MiniBrowser, or an error saying
// which package ships it.
func MiniBrowser() (string, error) {
	for _, p := range miniBrowsers {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no MiniBrowser in %v (package libwebkit2gtk-4.1-0)", miniBrowsers)
}

// BarePage writes dir/bare.html: clip filling the window, as Reel's player
// shows it (object-fit: contain on black), and nothing else. With pauseAfter
// > 0 the page pauses the video after that many seconds of playing: the
// baseline for the CPU of a paused player.
func BarePage(dir, clip string, pauseAfter float64) (string, error) {
	abs, err := filepath.Abs(clip)
	if err != nil {
		return "", err
	}
	src := (&url.URL{Scheme: "file", Path: abs}).String()
	script := ""
	if pauseAfter > 0 {
		script = fmt.Sprintf(`<script>const v=document.querySelector('video');`+
			`v.addEventListener('playing',()=>setTimeout(()=>v.pause(),%d),{once:true})</script>`, int(pauseAfter*1000))
	}
	page := `<!doctype html><meta charset="utf-8"><title>bare</title>` +
		`<style>html,body{margin:0;height:100%;background:#000;overflow:hidden}` +
		`video{display:block;width:100%;height:100%;object-fit:contain}</style>` +
		`<video autoplay muted src="` + html.EscapeString(src) + `"></video>` + script
	path := filepath.Join(dir, "bare.html")
	return path, os.WriteFile(path, []byte(page), 0o644)
}

// StartBare starts MiniBrowser full screen on page, in a process group of
// its own: the caller ends it with KillGroup, its web and network
// processes with it.
func StartBare(page string, env []string) (*exec.Cmd, error) {
	mb, err := MiniBrowser()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(mb, "--full-screen", "--autoplay-policy=allow", "file://"+page)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start MiniBrowser: %w", err)
	}
	return cmd, nil
}

// KillGroup ends cmd's process group (StartBare's MiniBrowser and the
// processes it started) and waits for cmd.
func KillGroup(cmd *exec.Cmd) {
	if cmd.Process == nil || cmd.ProcessState != nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Wait()
}

// MakeClip writes the benchmark's clip to path unless it is there: 60 s of
// 640×360 H.264 at 30 frames a second (every frame differs: testsrc2
// moves), with AAC sound.
func MakeClip(path string) error {
	if st, err := os.Stat(path); err == nil && st.Size() > 0 {
		return nil
	}
	tmp := path + ".tmp.mp4"
	cmd := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
		"-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
		"-t", "60", "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-b:v", "800k", "-pix_fmt", "yuv420p",
		"-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("ffmpeg clip: %v: %s", err, out)
	}
	return os.Rename(tmp, path)
}

// BareLoad is the launch baseline: the time from starting MiniBrowser on
// page to its load finishing (--exit-after-load), WebKitGTK's own start-up
// and first page.
func BareLoad(page string, env []string) (time.Duration, error) {
	mb, err := MiniBrowser()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(mb, "--exit-after-load", "file://"+page)
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("MiniBrowser --exit-after-load: %v: %s", err, out)
	}
	return time.Since(start), nil
}
