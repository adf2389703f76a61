package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestUpdateSettingTwoInstances is issue 11 item 5: two Reels on one
// database each merge settings inside one transaction, so no update is
// lost: 2 stores × 2 goroutines × 100 increments make 400.
func TestUpdateSettingTwoInstances(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "reel.db")
	a := openAt(t, path)
	b := openAt(t, path)
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for _, s := range []*Store{a, a, b, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				var n struct{ N int }
				errs <- s.UpdateSetting("counter", &n, func() error { n.N++; return nil })
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("UpdateSetting: %v", err)
		}
	}
	var n struct{ N int }
	if _, err := b.Setting("counter", &n); err != nil || n.N != 400 {
		t.Errorf("after 400 increments from two stores: counter=%d, %v; want 400", n.N, err)
	}
	t.Run("an error from merge stores nothing", func(t *testing.T) {
		bad := errors.New("no")
		var m struct{ N int }
		if err := a.UpdateSetting("counter", &m, func() error { m.N = -1; return bad }); err != bad {
			t.Errorf("UpdateSetting with a failing merge = %v, want %v", err, bad)
		}
		var got struct{ N int }
		a.Setting("counter", &got)
		if got.N != 400 {
			t.Errorf("counter=%d after a failed merge, want 400", got.N)
		}
	})
}

// TestSharedInstances is issue 11 item 5: a second Store on a database
// that another one has open knows it.
func TestSharedInstances(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "reel.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if first.Shared() {
		t.Errorf("the first Store: Shared()=true, want false")
	}
	second := openAt(t, path)
	if !second.Shared() {
		t.Errorf("a second Store on %s: Shared()=false, want true", path)
	}
	first.Close()
	third := openAt(t, path)
	if !third.Shared() {
		t.Errorf("a third Store while the second runs: Shared()=false, want true")
	}
	if alone := openAt(t, filepath.Join(t.TempDir(), "other.db")); alone.Shared() {
		t.Errorf("a Store on a database of its own: Shared()=true, want false")
	}
}

// TestDiskFullInjected is issue 11 item 7 with the disk faked: a write
// that fails for want of space is tried again after a checkpoint; if it
// fails again the store says so (Problem), and stops saying so once a
// write works.
func TestDiskFullInjected(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	fails := 0
	s.InjectWriteFault(func() error {
		if fails > 0 {
			fails--
			return fmt.Errorf("write: %w", syscall.ENOSPC)
		}
		return nil
	})

	fails = 1
	if err := s.SetSetting("k", 1); err != nil || s.Problem() != "" {
		t.Errorf("one full-disk failure: SetSetting = %v, Problem %q; want it saved after the checkpoint", err, s.Problem())
	}
	fails = 2
	err := s.SavePosition("/v.mp4", 5, 10)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(s.Problem(), "disk is full") {
		t.Errorf("two full-disk failures: SavePosition = %v, Problem %q; want ErrDiskFull and a problem", err, s.Problem())
	}
	if err := s.SavePosition("/v.mp4", 6, 10); err != nil || s.Problem() != "" {
		t.Errorf("space again: SavePosition = %v, Problem %q; want saved and no problem", err, s.Problem())
	}
	if p, _, _ := s.Position("/v.mp4"); p.Position != 6 {
		t.Errorf("position %v after space came back, want 6", p.Position)
	}
}
