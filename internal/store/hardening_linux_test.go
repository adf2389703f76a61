package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallTmpfs mounts a tmpfs of size (mount's "size=" syntax) on a new
// temporary folder and returns it, or skips the test where it may not mount
// one (only root may). The mount goes with the test.
func smallTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// readOnlyDB makes a database at a path Reel cannot write: the file alone
// (whole says false) or its whole folder. As root, whom permissions do not
// stop, it uses a read-only mount: the file bound read-only onto itself, or
// a tmpfs remounted read-only.
func readOnlyDB(t *testing.T, whole bool) string {
	t.Helper()
	dir := t.TempDir()
	root := os.Geteuid() == 0
	if root && whole {
		dir = smallTmpfs(t, "4m")
	}
	path := filepath.Join(dir, "reel.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting("k", 1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	switch {
	case root && whole:
		if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount read-only: %v", err)
		}
	case root:
		if err := syscall.Mount(path, path, "", syscall.MS_BIND, ""); err != nil {
			t.Skipf("cannot bind-mount %s: %v", path, err)
		}
		t.Cleanup(func() { syscall.Unmount(path, syscall.MNT_DETACH) })
		if err := syscall.Mount("", path, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
			t.Skipf("cannot remount %s read-only: %v", path, err)
		}
	case whole:
		os.Chmod(path, 0o444)
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	default:
		os.Chmod(path, 0o444)
	}
	return path
}

// TestOpenReadOnly is issue 11 item 6: a database Reel cannot write is
// reported at Open, not by every save failing later.
func TestOpenReadOnly(t *testing.T) {
	t.Parallel()
	for _, whole := range []bool{false, true} {
		what := map[bool]string{false: "read-only file", true: "read-only folder"}[whole]
		t.Run(what, func(t *testing.T) {
			t.Parallel()
			path := readOnlyDB(t, whole)
			s, err := Open(path)
			if err == nil {
				werr := s.SetSetting("k", 2)
				s.Close()
				t.Fatalf("Open(%s): no error (a save then says %v), want ErrReadOnly", what, werr)
			}
			if !errors.Is(err, ErrReadOnly) {
				t.Errorf("Open(%s): %v, want ErrReadOnly", what, err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("Open(%s): the database was moved: %v", what, err)
			}
		})
	}
}

// TestDiskFull is issue 11 item 7 on a real full disk, a small tmpfs
// (only where the test may mount one: as root). Saves fail while the disk
// is full and the store says why (Problem); once space comes back, the
// next save works and every one after it, without a restart.
func TestDiskFull(t *testing.T) {
	t.Parallel()
	dir := smallTmpfs(t, "8m")
	s := openAt(t, filepath.Join(dir, "reel.db"))
	name := func(i int) string { return fmt.Sprintf("/videos/%04d-%s.mp4", i, strings.Repeat("x", 400)) }
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	var st syscall.Statfs_t
	syscall.Statfs(dir, &st)
	f.Write(make([]byte, max(int64(st.Bavail)*st.Bsize-128<<10, 0))) // 128 KiB left
	f.Close()

	var full error
	saved := 0
	for i := 0; i < 2000 && full == nil; i++ {
		if full = s.SavePosition(name(i), 1, 100); full == nil {
			saved++
		}
	}
	if !errors.Is(full, ErrDiskFull) || !strings.Contains(s.Problem(), "disk is full") {
		t.Fatalf("after %d saves on a full disk: %v, Problem %q; want ErrDiskFull and a problem", saved, full, s.Problem())
	}
	for i := range 50 { // still full: failing, never hanging
		s.SavePosition(name(i), 2, 100)
	}
	os.Remove(filler)
	for i := range 200 {
		if err := s.SavePosition(name(i), 3, 100); err != nil {
			t.Fatalf("space again, save %d: %v", i, err)
		}
	}
	if p := s.Problem(); p != "" {
		t.Errorf("space again: Problem %q, want none", p)
	}
	if p, _, _ := s.Position(name(199)); p.Position != 3 {
		t.Errorf("space again: position %v, want 3", p.Position)
	}
	t.Logf("%d saves before the disk was full (%v)", saved, full)
}

// TestDiskFullWALOnly is issue 11 item 7 as the attack met it: the disk is
// full and stays full, and the saves only update rows that exist (the
// positions of the videos being watched), so only the write-ahead log
// grows. SQLite checkpoints on its own only after a commit that worked:
// once the log could not grow, every later save failed until a restart.
// A checkpoint on failure lets the log start over.
func TestDiskFullWALOnly(t *testing.T) {
	t.Parallel()
	dir := smallTmpfs(t, "8m")
	s := openAt(t, filepath.Join(dir, "reel.db"))
	name := func(i int) string { return fmt.Sprintf("/videos/%02d-%s.mp4", i%20, strings.Repeat("x", 400)) }
	for i := range 20 {
		if err := s.SavePosition(name(i), 1, 100); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	var st syscall.Statfs_t
	syscall.Statfs(dir, &st)
	f.Write(make([]byte, max(int64(st.Bavail)*st.Bsize-256<<10, 0))) // 256 KiB left
	f.Close()
	failed, first := 0, -1
	const writes = 2000
	for i := range writes {
		if err := s.SavePosition(name(i), float64(i%90), 100); err != nil {
			if first < 0 {
				first = i
			}
			failed++
		}
	}
	t.Logf("disk full, updates only: %d of %d saves failed, the first at %d", failed, writes, first)
	if failed > writes/20 {
		t.Errorf("disk full, updates only: %d of %d saves failed (the first at %d), want at most %d", failed, writes, first, writes/20)
	}
}
