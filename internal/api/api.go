// Package api is the JSON API the page uses, under /api/, in the window and
// in browser mode alike. It never accepts a file path to open: folders come
// from the user (command line, native dialog, a drop, the recent list),
// videos by the opaque id a listing handed out. docs/api.md describes every
// route.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"runtime"
	"sync"

	"reel/internal/library"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/thumbs"
	"reel/internal/transcode"
	"reel/internal/watch"
)

// Prefix is the URL path under which the API is served.
const Prefix = "/api/"

// Config is what the API needs from the rest of the app.
type Config struct {
	Library *library.Library
	// Store remembers recent folders, settings, metadata and positions.
	Store *store.Store
	// Meta probes and caches video metadata.
	Meta *metadata.Service
	// Thumbs makes and caches posters; nil turns posters off.
	Thumbs *thumbs.Service
	// Watcher reports changes on disk; nil turns live updates off.
	Watcher *watch.Watcher
	// MediaURL returns the URL the page plays for a video id; it depends on
	// the transport (loopback on Linux and in browser mode, asset server
	// elsewhere).
	MediaURL func(id string) string
	// Mode is "window" or "browser".
	Mode string
	// Streams makes the remuxed and converted streams (issue 9); nil
	// when ffmpeg is missing.
	Streams *transcode.Manager
	// EventLog, when set, receives the player events the page posts to
	// /api/events, one JSON object a line (used by the desktop test).
	EventLog io.Writer
	// ErrorLog receives internal errors; nil discards them.
	ErrorLog *log.Logger
}

// API serves the routes under Prefix.
type API struct {
	cfg   Config
	mux   *http.ServeMux
	logMu sync.Mutex

	mu     sync.Mutex
	notice string
}

// New returns the API for cfg.
func New(cfg Config) *API {
	if cfg.ErrorLog == nil {
		cfg.ErrorLog = log.New(io.Discard, "", 0)
	}
	a := &API{cfg: cfg, mux: http.NewServeMux()}
	routes := []struct {
		pattern string
		handler http.HandlerFunc
	}{
		{"GET /api/state", a.state},
		{"GET /api/library", a.library},
		{"POST /api/meta", a.meta},
		{"GET /api/thumb/{id}", a.thumb},
		{"PUT /api/thumb/{id}", a.putThumb},
		{"GET /api/changes", a.changes},
		{"GET /api/recent", a.recent},
		{"POST /api/recent/{id}/open", a.openRecent},
		{"DELETE /api/recent/{id}", a.forgetRecent},
		{"GET /api/settings", a.settings},
		{"PUT /api/settings", a.putSettings},
		{"GET /api/settings/folder", a.folderSettings},
		{"PUT /api/settings/folder", a.putFolderSettings},
		{"GET /api/position/{id}", a.position},
		{"PUT /api/position/{id}", a.putPosition},
		{"GET /api/continue", a.continueWatching},
		{"GET /api/subtitles/{id}/{n}", a.subtitles},
		{"POST /api/events", a.events},
	}
	for _, r := range routes {
		a.mux.HandleFunc(r.pattern, r.handler)
	}
	for _, r := range a.streamRoutes() {
		a.mux.HandleFunc(r.pattern, r.handler)
	}
	a.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API route")
	})
	return a
}

// ServeHTTP serves one API request.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	a.mux.ServeHTTP(w, r)
}

// SetNotice sets a message the page shows once, such as why the start
// folder could not be opened or that the database was rebuilt.
func (a *API) SetNotice(msg string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.notice != "" && msg != "" {
		a.notice += " " + msg
		return
	}
	a.notice = msg
}

// OpenFolder makes dir, chosen by the user, the current folder and
// remembers it among the recent folders.
func (a *API) OpenFolder(dir string) (string, error) {
	abs, err := a.cfg.Library.Open(dir)
	if err != nil {
		return "", err
	}
	if a.cfg.Store != nil {
		if err := a.cfg.Store.AddRecent(abs); err != nil {
			a.cfg.ErrorLog.Printf("api: remember %s: %v", abs, err)
		}
	}
	return abs, nil
}

// State is the answer of GET /api/state.
type State struct {
	// Root is the folder on screen, "" before one is opened.
	Root string `json:"root"`
	// Mode is "window" or "browser".
	Mode string `json:"mode"`
	// Platform is the GOOS whose webview plays the videos.
	Platform string `json:"platform"`
	// EventLog tells the page to post player events to /api/events.
	EventLog bool `json:"eventLog"`
	// Notice is a message for the user, shown once.
	Notice string `json:"notice"`
	// Recent lists recently opened folders.
	Recent []Recent `json:"recent"`
}

func (a *API) state(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	notice := a.notice
	a.notice = ""
	a.mu.Unlock()
	writeJSON(w, http.StatusOK, State{
		Root:     a.cfg.Library.Current(),
		Mode:     a.cfg.Mode,
		Platform: runtime.GOOS,
		EventLog: a.cfg.EventLog != nil,
		Notice:   notice,
		Recent:   a.recentList(),
	})
}

// events appends the posted player event to the event log.
func (a *API) events(w http.ResponseWriter, r *http.Request) {
	if a.cfg.EventLog == nil {
		writeError(w, http.StatusNotFound, "event log is off")
		return
	}
	var ev map[string]any
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&ev); err != nil || ev == nil {
		writeError(w, http.StatusBadRequest, "event is not a JSON object")
		return
	}
	ev["at"] = nowRFC3339()
	line, _ := json.Marshal(ev)
	a.logMu.Lock()
	_, err := a.cfg.EventLog.Write(append(line, '\n'))
	a.logMu.Unlock()
	if err != nil {
		a.fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// errBadRequest marks client mistakes that are not path problems.
var errBadRequest = errors.New("bad request")

// fail maps an error to a status in one place.
func (a *API) fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, library.ErrNoFolder):
		writeError(w, http.StatusConflict, "no folder is open")
	case errors.Is(err, library.ErrBadPath):
		writeError(w, http.StatusBadRequest, "that path is not inside the opened folder")
	case errors.Is(err, errBadRequest):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, fs.ErrNotExist):
		writeError(w, http.StatusNotFound, "not found: it was moved or deleted")
	case errors.Is(err, fs.ErrPermission):
		writeError(w, http.StatusForbidden, "permission denied: Reel cannot read this")
	default:
		a.cfg.ErrorLog.Printf("api: %v", err)
		writeError(w, http.StatusInternalServerError, "something went wrong: "+err.Error())
	}
}

// badRequest returns an error that fail answers with 400 and msg.
func badRequest(msg string) error { return fmt.Errorf("%w: %s", errBadRequest, msg) }

// decodeBody reads a JSON body of at most limit bytes into v.
func decodeBody(r *http.Request, limit int64, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, limit))
	if err := dec.Decode(v); err != nil {
		return badRequest("the body is not the JSON this route takes")
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// Error is the body of every error answer.
type Error struct {
	Error string `json:"error"`
	// Capture asks the page to draw a poster itself (GET /api/thumb).
	Capture bool `json:"capture,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, Error{Error: msg})
}

var _ http.Handler = (*API)(nil)
