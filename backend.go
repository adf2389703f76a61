package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/thumbs"
	"reel/internal/transcode"
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
	streams *transcode.Manager // nil without ffmpeg
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
	if w, err := watch.New(); err == nil {
		b.watcher = w
	} else {
		errLog.Printf("live updates are off: %v", err)
	}
	if streams, err := newStreams(); err == nil {
		b.streams = streams
	} else {
		errLog.Printf("remux and transcode are off: %v", err)
	}
	events, err := eventLog()
	if err != nil {
		return nil, err
	}
	b.events = events
	cfg := api.Config{
		Library:  b.lib,
		Store:    st,
		Meta:     metadata.New(b.lib, st, errLog),
		Thumbs:   thumbSvc,
		Watcher:  b.watcher,
		MediaURL: mediaURL,
		Streams:  b.streams,
		Mode:     mode,
		ErrorLog: errLog,
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
		errLog.Printf("database %s: %v", path, err)
		msg := "Reel could not open its database, so it will not remember anything this time: " + err.Error()
		if errors.Is(err, store.ErrLocked) {
			msg = "Another Reel is using the database, so this one will not remember anything."
		}
		return memoryStore(), msg
	}
	if why := st.Recovered(); why != "" {
		errLog.Printf("database rebuilt: %s", why)
		return st, "Reel's database was damaged and has been rebuilt; your videos are untouched, but recent folders and positions were reset."
	}
	return st, ""
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

// newStreams sets up the remuxed and converted streams (issue 9), cached
// beside the posters.
func newStreams() (*transcode.Manager, error) {
	dir := os.Getenv("REEL_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return nil, err
		}
		dir = filepath.Join(base, "reel")
	}
	return transcode.New(transcode.Options{Dir: filepath.Join(dir, "streams")})
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
	if b.streams != nil {
		b.streams.Close() // before the library: the encoders read its files
	}
	if b.watcher != nil {
		b.watcher.Close()
	}
	b.lib.Close()
	b.store.Close()
	if b.events != nil {
		b.events.Close()
	}
}
