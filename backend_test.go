//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"reel/internal/store"
)

// TestReadOnlyDatabaseNotice is issue 11 item 6: Reel on a database it
// cannot write starts on an in-memory one and says why, instead of
// starting silently and failing every save.
func TestReadOnlyDatabaseNotice(t *testing.T) {
	dir := t.TempDir()
	root := os.Geteuid() == 0
	if root {
		if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4m"); err != nil {
			t.Skipf("running as root and cannot mount a tmpfs to make read-only: %v", err)
		}
		defer syscall.Unmount(dir, syscall.MNT_DETACH)
	}
	path := filepath.Join(dir, "reel.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if root {
		if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount read-only: %v", err)
		}
	} else {
		os.Chmod(path, 0o444)
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
	}
	t.Setenv("REEL_DB", path)
	st, notice := openStore()
	defer st.Close()
	if !strings.Contains(notice, "read-only") {
		t.Errorf("openStore on a read-only database: notice %q, want it to say read-only", notice)
	}
	if err := st.SetSetting("k", 1); err != nil {
		t.Errorf("the store Reel fell back to cannot save either: %v", err)
	}
}
