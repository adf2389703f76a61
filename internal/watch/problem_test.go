package watch

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
)

// TestLimitsReachedAreSaid is issue 11 item 10: when the system runs out
// of inotify watches (or instances), live updates stop for the folders
// that could not be watched, and the watcher says so for the status line.
func TestLimitsReachedAreSaid(t *testing.T) {
	t.Parallel()
	w, err := New()
	if err != nil {
		t.Skipf("no inotify here: %v", err)
	}
	defer w.Close()
	dir := t.TempDir()
	tests := []struct {
		name string
		fail error
		want string
	}{
		{"watches_exhausted", fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC), "max_user_watches"},
		{"folder_gone", fmt.Errorf("lstat: %w", syscall.ENOENT), ""},
		{"watches_back", nil, ""},
	}
	for _, tt := range tests {
		w.mu.Lock()
		w.add = func(d string) error {
			if tt.fail != nil {
				return tt.fail
			}
			return w.fs.Add(d)
		}
		w.mu.Unlock()
		w.Watch(nil) // forget what was watched, so the next Watch adds again
		w.Watch([]string{dir})
		if got := w.Problem(); tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%s: Problem() = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := Problem(fmt.Errorf("inotify_init1: %w", syscall.EMFILE)); !strings.Contains(got, "max_user_instances") {
		t.Errorf("Problem(EMFILE) = %q, want the instances limit named", got)
	}
}
