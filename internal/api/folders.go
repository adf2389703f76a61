package api

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path/filepath"

	"reel/internal/library"
	"reel/internal/store"
)

// Recent is a recently opened folder.
type Recent struct {
	ID   string `json:"id"`
	Path string `json:"path"`
	Name string `json:"name"`
}

// maxRecent is how many recent folders the page shows.
const maxRecent = 12

func (a *API) recentList() []Recent {
	out := []Recent{}
	if a.cfg.Store == nil {
		return out
	}
	dirs, err := a.cfg.Store.Recent(maxRecent)
	if err != nil {
		a.cfg.ErrorLog.Printf("api: recent: %v", err)
		return out
	}
	for _, d := range dirs {
		out = append(out, Recent{ID: recentID(d), Path: d, Name: filepath.Base(d)})
	}
	return out
}

// recentID names a recent folder without putting its path in a URL.
func recentID(dir string) string {
	sum := sha256.Sum256([]byte("recent\x00" + dir))
	return hex.EncodeToString(sum[:8])
}

func (a *API) recent(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, a.recentList())
}

// findRecent maps an id back to a folder the user opened before: the page
// can reopen those, never name a new one.
func (a *API) findRecent(id string) (string, bool) {
	for _, rf := range a.recentList() {
		if rf.ID == id {
			return rf.Path, true
		}
	}
	return "", false
}

func (a *API) openRecent(w http.ResponseWriter, r *http.Request) {
	dir, ok := a.findRecent(r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, "that folder is not among the recent ones")
		return
	}
	if _, err := a.OpenFolder(dir); err != nil {
		a.fail(w, err)
		return
	}
	a.state(w, r)
}

func (a *API) forgetRecent(w http.ResponseWriter, r *http.Request) {
	dir, ok := a.findRecent(r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, "that folder is not among the recent ones")
		return
	}
	if err := a.cfg.Store.RemoveRecent(dir); err != nil {
		a.fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// folderKey names the folder on screen for its view settings.
func (a *API) folderKey(r *http.Request) (string, error) {
	dir, err := library.DecodeRel(r.URL.Query().Get("dir"))
	if err != nil {
		return "", err
	}
	return a.cfg.Library.Dir(dir)
}

var validSorts = map[string]bool{"": true, "name": true, "date": true, "size": true, "duration": true}
var validViews = map[string]bool{"": true, "grid": true, "list": true}

func (a *API) folderSettings(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Store == nil {
		writeJSON(w, http.StatusOK, store.FolderSettings{})
		return
	}
	key, err := a.folderKey(r)
	if err != nil {
		a.fail(w, err)
		return
	}
	fs, err := a.cfg.Store.FolderSettings(key)
	if err != nil {
		a.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, fs)
}

func (a *API) putFolderSettings(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Store == nil {
		writeError(w, http.StatusNotFound, "settings are off")
		return
	}
	key, err := a.folderKey(r)
	if err != nil {
		a.fail(w, err)
		return
	}
	var fs store.FolderSettings
	if err := decodeBody(r, 16<<10, &fs); err != nil {
		a.fail(w, err)
		return
	}
	if !validSorts[fs.Sort] || !validViews[fs.View] || len(fs.Filter) > 500 {
		a.fail(w, badRequest("sort must be name, date, size or duration; view grid or list"))
		return
	}
	if err := a.cfg.Store.SetFolderSettings(key, fs); err != nil {
		a.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, fs)
}
