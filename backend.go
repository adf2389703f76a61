package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/thumbs"
	"reel/internal/watch"
)

// backend is everything both modes share: the opened folders, the
// database, metadata, posters, the disk watcher and the API over them.
type backend struct {
	lib     *library.Library
	store   *store.Store
	watcher *watch.Watcher
	api     *api.API
	events  io.WriteCloser
}

// newBackend opens the database (rebuilding a corrupt one, falling back to
// memory when it is locked or unwritable, so Reel always starts) and builds
// the API with mediaURL as the page's way to play a video.
func newBackend(mode string, mediaURL func(id string) string) (*backend, error) {
	b := &backend{lib: library.New()}
	var notices []string

	st, notice := openStore()
	if notice != "" {
		notices = append(notices, notice)
	}
	b.store = st

	var thumbSvc *thumbs.Service
	if dir, err := thumbsDir(); err == nil {
		useFFmpeg := os.Getenv("REEL_THUMBNAILER") != "webview"
		if thumbSvc, err = thumbs.New(st, b.lib, dir, useFFmpeg); err != nil {
			errLog.Printf("posters are off: %v", err)
			thumbSvc = nil
		}
	}
	var watchProblem string
	if w, err := watch.New(); err == nil {
		b.watcher = w
	} else {
		errLog.Printf("live updates are off: %v", err)
		watchProblem = watch.Problem(err)
	}
	events, err := eventLog()
	if err != nil {
		return nil, err
	}
	b.events = events
	cfg := api.Config{
		Library:      b.lib,
		Store:        st,
		Meta:         metadata.New(b.lib, st, errLog),
		Thumbs:       thumbSvc,
		Watcher:      b.watcher,
		WatchProblem: watchProblem,
		MediaURL:     mediaURL,
		Mode:         mode,
		ErrorLog:     errLog,
	}
	if events != nil {
		cfg.EventLog = events
	}
	b.api = api.New(cfg)
	for _, n := range notices {
		b.api.SetNotice(n)
	}
	return b, nil
}

// openStore opens the database at its usual place; when that fails it
// returns an in-memory one and says why.
func openStore() (*store.Store, string) {
	path := os.Getenv("REEL_DB")
	if path == "" {
		var err error
		if path, err = store.DefaultPath(); err != nil {
			return memoryStore(), "Reel cannot find your settings folder, so it will not remember anything this time."
		}
	}
	st, err := store.Open(path)
	if err != nil {
		errLog.Printf("database %q: %q", path, err.Error())
		msg := "Reel could not open its database, so it will not remember anything this time."
		switch {
		case errors.Is(err, store.ErrLocked):
			msg = "Another Reel is using the database, so this one will not remember anything."
		case errors.Is(err, store.ErrReadOnly):
			msg = "Reel's database (" + path + ") is read-only, so Reel will not remember anything this time."
		case errors.Is(err, store.ErrDiskFull), errors.Is(err, syscall.ENOSPC):
			msg = "The disk is full, so Reel could not open its database and will not remember anything this time."
		}
		return memoryStore(), msg
	}
	var notice []string
	if why := st.Recovered(); why != "" {
		errLog.Printf("database rebuilt: %q", why)
		notice = append(notice, "Reel's database was damaged and has been rebuilt; your videos are untouched, but recent folders and positions were reset.")
	}
	if st.Shared() {
		// Issue 11 item 5: settings stay consistent between the two, but
		// each page shows what it read until it reads again.
		notice = append(notice, "Another Reel is already running. Both save to the same place; what one changes, the other shows once it reloads.")
	}
	return st, strings.Join(notice, " ")
}

func memoryStore() *store.Store {
	st, err := store.OpenMemory()
	if err != nil {
		panic(err) // an in-memory SQLite cannot fail short of running out of memory
	}
	return st
}

func thumbsDir() (string, error) {
	if d := os.Getenv("REEL_CACHE"); d != "" {
		return filepath.Join(d, "thumbs"), nil
	}
	return thumbs.DefaultDir()
}

// lastFolder returns the most recently opened folder that still exists.
func (b *backend) lastFolder() string {
	dirs, err := b.store.Recent(5)
	if err != nil {
		return ""
	}
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

func (b *backend) Close() {
	if b.watcher != nil {
		b.watcher.Close()
	}
	b.lib.Close()
	b.store.Close()
	if b.events != nil {
		b.events.Close()
	}
}
