// Package api is the JSON API the page uses, under /api/, in the window and
// in browser mode alike. It never accepts a file path to open: folders come
// from the user (command line, native dialog, recent list), videos by id.
// docs/api.md describes every route.
package api

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log"
	"net/http"
	"sync"
	"time"

	"reel/internal/library"
)

// Prefix is the URL path under which the API is served.
const Prefix = "/api/"

// Config is what the API needs from the rest of the app.
type Config struct {
	Library *library.Library
	// MediaURL returns the URL the page plays for a video id; it depends on
	// the transport (loopback on Linux and in browser mode, asset server
	// elsewhere).
	MediaURL func(id string) string
	// Mode is "window" or "browser".
	Mode string
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
}

// New returns the API for cfg.
func New(cfg Config) *API {
	a := &API{cfg: cfg, mux: http.NewServeMux()}
	a.mux.HandleFunc("GET /api/state", a.state)
	a.mux.HandleFunc("GET /api/library", a.library)
	a.mux.HandleFunc("POST /api/events", a.events)
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

// State is the answer of GET /api/state.
type State struct {
	// Root is the folder on screen, "" before one is opened.
	Root string `json:"root"`
	// Mode is "window" or "browser".
	Mode string `json:"mode"`
	// EventLog tells the page to post player events to /api/events.
	EventLog bool `json:"eventLog"`
}

func (a *API) state(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, State{Root: a.cfg.Library.Current(), Mode: a.cfg.Mode, EventLog: a.cfg.EventLog != nil})
}

func (a *API) library(w http.ResponseWriter, r *http.Request) {
	listing, err := a.cfg.Library.List(r.URL.Query().Get("dir"))
	if err != nil {
		a.fail(w, err)
		return
	}
	for i := range listing.Videos {
		listing.Videos[i].URL = a.cfg.MediaURL(listing.Videos[i].ID)
	}
	writeJSON(w, http.StatusOK, listing)
}

// events appends the posted player event to the event log.
func (a *API) events(w http.ResponseWriter, r *http.Request) {
	if a.cfg.EventLog == nil {
		writeError(w, http.StatusNotFound, "event log is off")
		return
	}
	var ev map[string]any
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&ev); err != nil {
		writeError(w, http.StatusBadRequest, "event is not a JSON object")
		return
	}
	ev["at"] = time.Now().UTC().Format(time.RFC3339Nano)
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

// fail maps an error to a status in one place.
func (a *API) fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, library.ErrNoFolder):
		writeError(w, http.StatusConflict, "no folder is open")
	case errors.Is(err, library.ErrBadPath):
		writeError(w, http.StatusBadRequest, "that path is not inside the opened folder")
	case errors.Is(err, fs.ErrNotExist):
		writeError(w, http.StatusNotFound, "not found: it was moved or deleted")
	case errors.Is(err, fs.ErrPermission):
		writeError(w, http.StatusForbidden, "permission denied: Reel cannot read this folder")
	default:
		if a.cfg.ErrorLog != nil {
			a.cfg.ErrorLog.Printf("api: %v", err)
		}
		writeError(w, http.StatusInternalServerError, "something went wrong: "+err.Error())
	}
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
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, Error{Error: msg})
}

var _ http.Handler = (*API)(nil)
