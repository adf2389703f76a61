// Package watch tells the page when the folder on screen changes on disk:
// files added, removed or renamed show up within a second. It wraps
// fsnotify and turns its events into a version number the page long-polls.
package watch

import (
	"context"
	"errors"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long a burst of events (a copy, an unpacked archive) is
// gathered into one change.
const settle = 150 * time.Millisecond

// MaxDirs bounds how many folders one Watch call watches (inotify watches
// are a limited resource on Linux).
const MaxDirs = 2000

// Watcher counts changes in a set of folders.
type Watcher struct {
	fs  *fsnotify.Watcher
	add func(dir string) error // fs.Add; a test may fail it

	problem string // why some folders are not watched, or ""

	mu      sync.Mutex
	dirs    []string
	version uint64
	changed chan struct{} // closed and replaced on every change
	timer   *time.Timer
}

// New starts a watcher. Close it when done.
func New() (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{fs: fw, add: fw.Add, changed: make(chan struct{})}
	go w.loop()
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fs.Close() }

// Watch replaces the watched folders with dirs (absolute paths). Folders
// that cannot be watched are skipped: the page still works, only without
// live updates for them.
func (w *Watcher) Watch(dirs []string) {
	if len(dirs) > MaxDirs {
		dirs = dirs[:MaxDirs]
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	want := make(map[string]bool, len(dirs))
	for _, d := range dirs {
		want[d] = true
	}
	for _, d := range w.dirs {
		if !want[d] {
			_ = w.fs.Remove(d)
		}
	}
	have := make(map[string]bool, len(w.dirs))
	for _, d := range w.dirs {
		have[d] = true
	}
	kept := w.dirs[:0]
	for _, d := range w.dirs {
		if want[d] {
			kept = append(kept, d)
		}
	}
	w.dirs = kept
	w.problem = ""
	for _, d := range dirs {
		if have[d] {
			continue
		}
		if err := w.add(d); err == nil {
			w.dirs = append(w.dirs, d)
		} else if p := Problem(err); p != "" {
			w.problem = p
		}
	}
}

// Problem returns "" or why live updates stopped, for the status line:
// the system ran out of inotify watches or instances (issue 11 item 10).
// The watcher's own Problem says whether the last Watch hit such a limit.
func Problem(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "Live updates are off for some folders: the system's limit of inotify watches is reached (raise fs.inotify.max_user_watches)."
	case errors.Is(err, syscall.EMFILE):
		return "Live updates are off: the system's limit of inotify instances is reached (raise fs.inotify.max_user_instances)."
	}
	return ""
}

// Problem returns "" or why the last Watch left folders unwatched.
func (w *Watcher) Problem() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.problem
}

// Version returns the number of changes seen so far.
func (w *Watcher) Version() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.version
}

// Wait blocks until the version passes since or ctx ends, and returns the
// version then.
func (w *Watcher) Wait(ctx context.Context, since uint64) uint64 {
	for {
		w.mu.Lock()
		v, ch := w.version, w.changed
		w.mu.Unlock()
		if v > since {
			return v
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return w.Version()
		}
	}
}

func (w *Watcher) loop() {
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue // access-time and permission churn is not a change the list shows
			}
			w.bumpSoon()
		case _, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.bumpSoon() // an overflowed queue: the page should re-list
		}
	}
}

func (w *Watcher) bumpSoon() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		return
	}
	w.timer = time.AfterFunc(settle, func() {
		w.mu.Lock()
		w.version++
		close(w.changed)
		w.changed = make(chan struct{})
		w.timer = nil
		w.mu.Unlock()
	})
}
