// Package proc starts the programs Reel runs (ffmpeg, ffprobe, the file
// manager) so that they hold nothing of Reel's: no descriptor they were
// not given, and, for the ones Reel waits on, no life after Reel's.
package proc

import (
	"context"
	"os"
	"os/exec"
)

// Command returns the command running program with args, to be started
// at once. It inherits no descriptor of Reel's but the standard three and
// its ExtraFiles (CloseInherited), and on Linux the kernel kills it when
// Reel dies, even by kill -9 (issue 9): no ffmpeg outlives the app.
func Command(ctx context.Context, program string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, program, args...)
	dieWithParent(cmd)
	CloseInherited()
	return cmd
}

// Input returns the name ffmpeg and ffprobe read the open file f by, and
// the files to hand them in ExtraFiles: on Linux /dev/fd/3, f itself, so
// the program reads exactly the file Reel opened inside the folder's
// os.Root whatever happens to its path; elsewhere f's path.
func Input(f *os.File) (string, []*os.File) {
	if passByDescriptor {
		return "/dev/fd/3", []*os.File{f}
	}
	return f.Name(), nil
}
