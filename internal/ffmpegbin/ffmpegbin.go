// Package ffmpegbin finds FFmpeg's programs (ffmpeg, ffprobe), the one rule
// for where Reel looks for them: beside its own executable first (a package
// may ship them), then on PATH (Debian's ffmpeg, which `make run` installs).
package ffmpegbin

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// Find returns the path of the program name ("ffmpeg", "ffprobe"), or
// exec.ErrNotFound (wrapped) when neither place has it.
func Find(name string) (string, error) {
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if exe, err := os.Executable(); err == nil {
		beside := filepath.Join(filepath.Dir(exe), name)
		if st, err := os.Stat(beside); err == nil && st.Mode().IsRegular() {
			return beside, nil
		}
	}
	return exec.LookPath(name)
}
