package main

import (
	"errors"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/thumbs"
	"reel/internal/tracks"
	"reel/internal/transcode"
	"reel/internal/watch"
)

// backend is everything both modes share over the library: the database,
// metadata, posters, the disk watcher and the API over them.
type backend struct {
	store   *store.Store
	watcher *watch.Watcher
	api     *api.API
	events  io.WriteCloser
	streams *transcode.Manager // nil without ffmpeg
	tracks  *tracks.Service    // nil without a cache folder
}

// newBackend opens the database (rebuilding a corrupt one, falling back to
// memory when it is locked or unwritable, so Reel always starts) and builds
// the API over lib, with mediaURL, the transport's, as the page's way to
// play a video. On failure it closes what it opened; lib stays the
// caller's.
func newBackend(mode string, lib *library.Library, mediaURL func(id string) string) (_ *backend, err error) {
	st, notice := openStore()
	b := &backend{store: st}
	defer func() {
		if err != nil {
			b.Close()
		}
	}()

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

	var thumbSvc *thumbs.Service
	if dir, err := thumbsDir(); err == nil {
		useFFmpeg := os.Getenv("REEL_THUMBNAILER") != "webview"
		if thumbSvc, err = thumbs.New(st, lib, dir, useFFmpeg); err != nil {
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
	var trackSvc *tracks.Service
	if dir, err := cacheDir(); err == nil {
		if trackSvc, err = tracks.New(lib, filepath.Join(dir, "subtitles")); err != nil {
			errLog.Printf("embedded tracks are off: %v", err)
			trackSvc = nil
		}
	}
	b.tracks = trackSvc
	cfg := api.Config{
		Library:      lib,
		Store:        st,
		Meta:         metadata.New(lib, st, errLog),
		Thumbs:       thumbSvc,
		Watcher:      b.watcher,
		WatchProblem: watchProblem,
		MediaURL:     mediaURL,
		Mode:         mode,
		Streams:      b.streams,
		Tracks:       trackSvc,
		ErrorLog:     errLog,
	}
	if events != nil {
		cfg.EventLog = events
	}
	b.api = api.New(cfg)
	if notice != "" {
		b.api.SetNotice(notice)
	}
	return b, nil
}

// errLog receives what goes wrong inside Reel, on stderr.
var errLog = log.New(os.Stderr, "reel: ", log.LstdFlags)

// eventLog opens the file named by REEL_EVENT_LOG, which the desktop test
// reads to see what the player did; nil when unset.
func eventLog() (io.WriteCloser, error) {
	name := strings.TrimSpace(os.Getenv("REEL_EVENT_LOG"))
	if name == "" {
		return nil, nil
	}
	return os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
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

// newStreams sets up the remuxed and converted streams (issue 9), cached
// beside the posters.
func newStreams() (*transcode.Manager, error) {
	dir, err := cacheDir()
	if err != nil {
		return nil, err
	}
	return transcode.New(transcode.Options{Dir: filepath.Join(dir, "streams")})
}

// cacheDir is where streams and extracted subtitles are cached:
// REEL_CACHE, else the user's cache folder.
func cacheDir() (string, error) {
	if dir := os.Getenv("REEL_CACHE"); dir != "" {
		return dir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "reel"), nil
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

// Close closes what newBackend opened.
func (b *backend) Close() {
	if b.streams != nil {
		b.streams.Close() // before the library: the encoders read its files
	}
	if b.tracks != nil {
		b.tracks.Close()
	}
	if b.watcher != nil {
		b.watcher.Close()
	}
	b.store.Close()
	if b.events != nil {
		b.events.Close()
	}
}
