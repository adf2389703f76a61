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
	"strings"
	"sync"

	"reel/internal/library"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/thumbs"
	"reel/internal/tracks"
	"reel/internal/transcode"
	"reel/internal/watch"
)

// Prefix is the URL path under which the API is served.
const Prefix = "/api/"

// Config is what the API needs from the rest of the app.
type Config struct {
	Library *library.Library
	// Store remembers recent folders, settings, metadata and positions.
	// It is required: Reel falls back to an in-memory store, never to none.
	Store *store.Store
	// Meta probes and caches video metadata.
	Meta *metadata.Service
	// Thumbs makes and caches posters; nil turns posters off.
	Thumbs *thumbs.Service
	// Watcher reports changes on disk; nil turns live updates off.
	Watcher *watch.Watcher
	// WatchProblem says why Watcher is nil, when the system is to blame
	// (see watch.Problem); the status line shows it.
	WatchProblem string
	// MediaURL returns the URL the page plays for a video id; it depends on
	// the transport (loopback on Linux and in browser mode, asset server
	// elsewhere).
	MediaURL func(id string) string
	// Mode is "window" or "browser".
	Mode string
	// Streams makes the remuxed and converted streams (issue 9); nil
	// when ffmpeg is missing.
	Streams *transcode.Manager
	// Tracks lists audio and subtitle tracks and chapters, and extracts
	// embedded subtitles (issue 10); nil turns the routes off.
	Tracks *tracks.Service
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
	failed *OpenFailure
}

// New returns the API for cfg.
func New(cfg Config) *API {
	if cfg.Store == nil {
		panic("api: Config.Store is required (store.OpenMemory when there is no file)")
	}
	if cfg.ErrorLog == nil {
		cfg.ErrorLog = log.New(io.Discard, "", 0)
	}
	a := &API{cfg: cfg, mux: http.NewServeMux()}
	routes := []struct {
		pattern string
		handler http.HandlerFunc
	}{
		{"GET /api/state", a.state},
		{"GET /api/status", a.status},
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
		{"POST /api/videos/{id}/watched", a.markWatched},
		{"DELETE /api/videos/{id}/watched", a.markWatched},
		{"GET /api/continue", a.continueWatching},
		{"GET /api/subtitles/{id}/{n}", a.subtitles},
		{"GET /api/fonts/{id}", a.fonts},
		{"GET /api/fonts/{id}/{n}", a.font},
		{"POST /api/events", a.events},
	}
	for _, r := range routes {
		a.mux.HandleFunc(r.pattern, r.handler)
	}
	for _, r := range append(a.streamRoutes(), a.trackRoutes()...) {
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
	a.mu.Lock()
	a.failed = nil
	if err != nil {
		status, msg := a.classify(err)
		a.failed = &OpenFailure{Path: dir, Status: status, Error: msg}
	}
	a.mu.Unlock()
	if err != nil {
		return "", err
	}
	// Read the folder's names while the page loads: its first request for
	// the listing then finds them (issue 11 item 10).
	go a.cfg.Library.Prefetch("")
	if err := a.cfg.Store.AddRecent(abs); err != nil {
		a.cfg.ErrorLog.Printf("api: remember %q: %q", abs, err.Error())
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
	// Problem is "" or why saves are failing right now (a full disk, a
	// read-only database), for the status line (issue 11).
	Problem string `json:"problem"`
	// Recent lists recently opened folders.
	Recent []Recent `json:"recent"`
	// Failed, shown once, says why the folder the user last chose (in the
	// dialog, from the recent list, by a drop) could not be opened, so the
	// page can explain it as it explains a folder it cannot list (issue 13).
	Failed *OpenFailure `json:"failed,omitempty"`
}

// OpenFailure is a folder that could not be opened: the status and the
// message a listing of it would have answered.
type OpenFailure struct {
	Path   string `json:"path"`
	Status int    `json:"status"`
	Error  string `json:"error"`
}

func (a *API) state(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	notice, failed := a.notice, a.failed
	a.notice, a.failed = "", nil
	a.mu.Unlock()
	writeJSON(w, http.StatusOK, State{
		Root:     a.cfg.Library.Current(),
		Mode:     a.cfg.Mode,
		Platform: runtime.GOOS,
		EventLog: a.cfg.EventLog != nil,
		Notice:   notice,
		Problem:  a.problem(),
		Recent:   a.recentList(),
		Failed:   failed,
	})
}

// problem returns why saves or live updates are failing right now, or "".
func (a *API) problem() string {
	var out []string
	if p := a.cfg.Store.Problem(); p != "" {
		out = append(out, p)
	}
	if a.cfg.Watcher != nil {
		if p := a.cfg.Watcher.Problem(); p != "" {
			out = append(out, p)
		}
	} else if a.cfg.WatchProblem != "" {
		out = append(out, a.cfg.WatchProblem)
	}
	return strings.Join(out, " ")
}

// Status is the answer of GET /api/status.
type Status struct {
	// Problem is "" or why saves or live updates fail right now.
	Problem string `json:"problem"`
}

// status answers what the status line shows; unlike /api/state it can be
// asked any time, as it takes no notice away.
func (a *API) status(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, Status{Problem: a.problem()})
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
	status, msg := a.classify(err)
	writeError(w, status, msg)
}

// classify is the status and the message for a person that err answers.
func (a *API) classify(err error) (int, string) {
	switch {
	case errors.Is(err, library.ErrNoFolder):
		return http.StatusConflict, "no folder is open"
	case errors.Is(err, library.ErrBadPath):
		return http.StatusBadRequest, "that path is not inside the opened folder"
	case errors.Is(err, errBadRequest):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, store.ErrDiskFull):
		return http.StatusInsufficientStorage, "The disk is full: Reel could not save this, and will try again once there is space."
	case errors.Is(err, store.ErrReadOnly):
		return http.StatusServiceUnavailable, "Reel's database is read-only: this was not saved."
	case errors.Is(err, library.ErrOutside):
		return http.StatusForbidden, "Reel does not follow links that lead outside the opened folder"
	case errors.Is(err, fs.ErrNotExist):
		return http.StatusNotFound, "not found: it was moved or deleted"
	case errors.Is(err, fs.ErrPermission):
		return http.StatusForbidden, "permission denied: Reel cannot read this"
	case errors.Is(err, library.ErrNotFolder):
		return http.StatusBadRequest, "that is a file, not a folder"
	default:
		// Go's error text names paths and system calls: it goes to the log
		// (quoted, so a file name cannot forge a line), not to the page.
		a.cfg.ErrorLog.Printf("api: %q", err.Error())
		return http.StatusInternalServerError, "something went wrong; Reel's log has the details"
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
