package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"reel/internal/library"
	"reel/internal/store"
	"reel/internal/subtitles"
)

// Start is what the page needs for its first paint of the opened folder,
// sent with GET /api/state?start=1 so that it costs no round trip of its
// own (issue 8): the folder's saved view settings, and the first page of
// its listing as the last launch saw it.
type Start struct {
	Settings store.FolderSettings `json:"settings"`
	// Listing is the cached first page, listed as GET /api/library would
	// with Cached set; nil when there is none, or when it was listed with
	// another recursive setting than the one saved.
	Listing *Listing `json:"listing,omitempty"`
	// Continue is Continue watching, as GET /api/continue answers it: the
	// row above the cards is there from the first paint too.
	Continue []Video `json:"continue"`
}

// cachedPage is the first page of the opened folder's listing as the store
// keeps it. Paths are kept as library.EncodeRel writes them, so a name
// that is not UTF-8 survives the JSON; ids are not kept, they are made
// afresh for the folder on reading (library.Remember).
type cachedPage struct {
	Recursive bool             `json:"recursive"`
	Folders   []library.Folder `json:"folders"`
	Videos    []cachedVideo    `json:"videos"`
	Problems  []string         `json:"problems"`
	Total     int              `json:"total"`
}

type cachedVideo struct {
	Path      string            `json:"path"`
	Size      int64             `json:"size"`
	ModTime   time.Time         `json:"modTime"`
	Subtitles []subtitles.Track `json:"subtitles,omitempty"`
}

// cacheFirstPage keeps l, the first page of the opened folder itself (dir
// ""), for the next launch; seq orders the listings (a.cacheSeq), so an
// older one never replaces a newer. An unchanged page is not written
// again: the live updates list the folder after every change.
func (a *API) cacheFirstPage(seq uint64, l library.Listing, recursive bool, total int) {
	if l.Dir != "" || l.Root == "" {
		return
	}
	p := cachedPage{Recursive: recursive, Folders: encodePaths(l).Folders, Problems: l.Problems, Total: total}
	p.Videos = make([]cachedVideo, len(l.Videos))
	for i, v := range l.Videos {
		p.Videos[i] = cachedVideo{Path: library.EncodeRel(v.Path), Size: v.Size, ModTime: v.ModTime, Subtitles: v.Subtitles}
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return
	}
	a.cacheMu.Lock()
	defer a.cacheMu.Unlock()
	if seq < a.cacheDone || a.cacheRoot == l.Root && bytes.Equal(a.cacheLast, raw) {
		return
	}
	a.cacheDone = seq
	if err := a.cfg.Store.PutCachedListing(l.Root, raw); err != nil {
		a.cfg.ErrorLog.Printf("api: cache the listing of %q: %q", l.Root, err.Error())
		return
	}
	a.cacheRoot, a.cacheLast = l.Root, raw
}

// start is the Start of the opened folder root, or nil.
func (a *API) start(root string) *Start {
	if root == "" {
		return nil
	}
	var s Start
	var err error
	if s.Settings, err = a.cfg.Store.FolderSettings(root); err != nil {
		a.cfg.ErrorLog.Printf("api: settings of %q: %q", root, err.Error())
	}
	if s.Continue, err = a.continued(); err != nil {
		s.Continue = []Video{}
	}
	raw, found, err := a.cfg.Store.CachedListing(root)
	if err != nil || !found {
		return &s
	}
	var p cachedPage
	if json.Unmarshal(raw, &p) != nil || p.Recursive != s.Settings.Recursive {
		return &s
	}
	vs := make([]library.Video, 0, len(p.Videos))
	for _, c := range p.Videos {
		rel, err := library.DecodeRel(c.Path)
		if err != nil {
			continue
		}
		vs = append(vs, library.Video{Path: rel, Size: c.Size, ModTime: c.ModTime, Subtitles: c.Subtitles})
	}
	vs = a.cfg.Library.Remember(vs)
	positions := a.positions(vs)
	out := Listing{
		Listing: library.Listing{Root: root, Dir: "", Folders: p.Folders, Videos: []library.Video{}, Problems: p.Problems},
		Videos:  make([]Video, len(vs)),
		Total:   max(p.Total, len(vs)),
		Cached:  true,
	}
	if out.Folders == nil {
		out.Folders = []library.Folder{}
	}
	if out.Problems == nil {
		out.Problems = []string{}
	}
	for i, v := range vs {
		out.Videos[i] = a.video(v, positions[v.AbsPath])
	}
	s.Listing = &out
	return &s
}

// wantsStart tells whether a GET /api/state asks for the Start too.
func (a *API) wantsStart(r *http.Request) bool {
	return r.URL.Query().Get("start") == "1"
}
