package ffmpegbin

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "reel-test-tool")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	if got, err := Find("reel-test-tool"); err != nil || got != prog {
		t.Errorf("Find(on PATH) = %q, %v; want %q", got, err, prog)
	}
	if _, err := Find("reel-no-such-tool"); !errors.Is(err, exec.ErrNotFound) {
		t.Errorf("Find(missing) error = %v, want exec.ErrNotFound", err)
	}
}
