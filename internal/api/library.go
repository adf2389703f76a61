package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"reel/internal/library"
	"reel/internal/metadata"
	"reel/internal/store"
	"reel/internal/subtitles"
	"reel/internal/thumbs"
)

// Video is a listed video as the page receives it.
type Video struct {
	library.Video
	// Position is where playback stopped, in seconds (0 if never played).
	Position float64 `json:"position"`
	// Duration is the duration saved with the position, 0 if unknown.
	Duration float64 `json:"duration,omitempty"`
	// Watched is set once playback passed 95 %.
	Watched bool `json:"watched"`
	// Subtitles are the sidecar subtitle tracks.
	Subtitles []Subtitle `json:"subtitles"`
}

// Subtitle is one sidecar subtitle track.
type Subtitle struct {
	subtitles.Track
	// URL serves the track as WebVTT.
	URL string `json:"url"`
}

// Listing is the answer of GET /api/library.
type Listing struct {
	library.Listing
	Videos []Video `json:"videos"`
	// Version is the change counter to pass to /api/changes.
	Version uint64 `json:"version"`
	// Offset is where Videos start among all the folder's videos, and
	// Total how many there are; with limit, Videos is one page of them.
	Offset int `json:"offset"`
	Total  int `json:"total"`
	// Cached is set on the listing a launch shows before the folder is
	// read again (Start): the last launch's first page (issue 8).
	Cached bool `json:"cached,omitempty"`
}

// maxPage bounds limit: a page is meant to arrive fast.
const maxPage = 10000

func (a *API) library(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	dir, err := library.DecodeRel(q.Get("dir"))
	if err != nil {
		a.fail(w, err)
		return
	}
	recursive := q.Get("recursive") == "1" || q.Get("recursive") == "true"
	offset, limit, paged, err := page(q.Get("offset"), q.Get("limit"))
	if err != nil {
		a.fail(w, err)
		return
	}
	var version uint64
	if a.cfg.Watcher != nil {
		version = a.cfg.Watcher.Version() // before listing: a change during it is not missed
	}
	var (
		l     library.Listing
		total int
	)
	switch {
	case paged && recursive:
		l, total, err = a.cfg.Library.ListRecursivePage(dir, offset, limit)
	case paged:
		l, total, err = a.cfg.Library.ListPage(dir, offset, limit)
	case recursive:
		l, err = a.cfg.Library.ListRecursive(dir)
	default:
		l, err = a.cfg.Library.List(dir)
	}
	if err != nil {
		a.fail(w, err)
		return
	}
	if offset == 0 {
		a.watch(l, recursive, paged)
	}
	if !paged {
		total = len(l.Videos)
	}
	if offset == 0 {
		// Kept for the next launch after the answer, not before it.
		seq := a.cacheSeq.Add(1)
		defer func() { go a.cacheFirstPage(seq, firstPage(l), recursive, total) }()
	}
	a.writeListing(w, Listing{Listing: encodePaths(l), Version: version, Offset: offset, Total: total}, l.Videos)
}

// cachedVideos is how many videos of the opened folder the store keeps
// for the next launch: the page's first page (frontend/src/api/http.ts).
const cachedVideos = 400

// firstPage is l cut to the videos the store keeps for the next launch.
func firstPage(l library.Listing) library.Listing {
	l.Videos = l.Videos[:min(len(l.Videos), cachedVideos)]
	return l
}

// page reads the offset and limit parameters of GET /api/library; paged
// is false when limit is absent (the whole folder).
func page(offsetParam, limitParam string) (offset, limit int, paged bool, err error) {
	if limitParam == "" {
		if offsetParam != "" {
			return 0, 0, false, badRequest("offset needs a limit")
		}
		return 0, 0, false, nil
	}
	limit, err = strconv.Atoi(limitParam)
	if err != nil || limit < 1 || limit > maxPage {
		return 0, 0, false, badRequest("limit is a number of videos from 1 to 10000")
	}
	if offsetParam != "" {
		if offset, err = strconv.Atoi(offsetParam); err != nil || offset < 0 {
			return 0, 0, false, badRequest("offset is a number of videos, not negative")
		}
	}
	return offset, limit, true, nil
}

// writeListing sends out with vs as its videos, encoding one video at a
// time: a whole folder of 100,000 videos is a 29 MB answer, which
// encoding/json would otherwise build in memory first, and the []Video
// beside it (issue 11 item 10).
func (a *API) writeListing(w http.ResponseWriter, out Listing, vs []library.Video) {
	out.Videos = []Video{}
	head, err := json.Marshal(out)
	if err != nil {
		a.fail(w, err)
		return
	}
	// The videos go where the empty list is; no other field can hold
	// these bytes, as strings inside JSON have their quotes escaped.
	at := bytes.Index(head, []byte(`"videos":[]`))
	if at < 0 {
		a.fail(w, errors.New("api: listing without videos"))
		return
	}
	at += len(`"videos":[`)
	positions := a.positions(vs)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head[:at])
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, v := range vs {
		if i > 0 {
			bw.WriteByte(',')
		}
		if err := enc.Encode(a.video(v, positions[v.AbsPath])); err != nil {
			return // the client left
		}
	}
	bw.Write(head[at:])
	bw.WriteByte('\n')
	bw.Flush()
}

// encodePaths returns l with the paths the page sends back (dir, folders)
// encoded by library.EncodeRel, so that names that are not UTF-8 survive
// the JSON round trip (issue 11).
func encodePaths(l library.Listing) library.Listing {
	l.Dir = library.EncodeRel(l.Dir)
	folders := make([]library.Folder, len(l.Folders))
	for i, f := range l.Folders {
		f.Path = library.EncodeRel(f.Path)
		folders[i] = f
	}
	l.Folders = folders
	return l
}

// positions looks up the saved positions of vs in one query.
func (a *API) positions(vs []library.Video) map[string]store.Position {
	if len(vs) == 0 {
		return nil
	}
	paths := make([]string, len(vs))
	for i, v := range vs {
		paths[i] = v.AbsPath
	}
	positions, err := a.cfg.Store.Positions(paths)
	if err != nil {
		a.cfg.ErrorLog.Printf("api: positions: %q", err.Error())
	}
	return positions
}

// video is v as the page receives it, with its position p; its path is
// encoded by library.EncodeRel (issue 11).
func (a *API) video(v library.Video, p store.Position) Video {
	v.URL = a.cfg.MediaURL(v.ID)
	v.Path = library.EncodeRel(v.Path)
	subs := make([]Subtitle, len(v.Subtitles))
	for n, t := range v.Subtitles {
		subs[n] = Subtitle{Track: t, URL: Prefix + "subtitles/" + v.ID + "/" + strconv.Itoa(n)}
	}
	return Video{Video: v, Position: p.Position, Duration: p.Duration, Watched: p.Watched, Subtitles: subs}
}

// watch points the watcher at the listed folder (and, listing recursively,
// the folders below it: every folder the paged walk read, or those the
// whole listing's videos are in).
func (a *API) watch(l library.Listing, recursive, paged bool) {
	if a.cfg.Watcher == nil {
		return
	}
	dirs := []string{filepath.Join(l.Root, filepath.FromSlash(l.Dir))}
	if recursive && paged {
		if walked := a.cfg.Library.TreeFolders(l.Dir); len(walked) > 0 {
			dirs = walked
		}
	} else if recursive {
		seen := map[string]bool{dirs[0]: true}
		for _, v := range l.Videos {
			d := filepath.Dir(v.AbsPath)
			if !seen[d] {
				seen[d] = true
				dirs = append(dirs, d)
			}
		}
	}
	a.cfg.Watcher.Watch(dirs)
}

// changes is a long poll: it answers once the folder on screen changed on
// disk, or after 20 s.
func (a *API) changes(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Watcher == nil {
		writeError(w, http.StatusNotFound, "live updates are off")
		return
	}
	since, err := strconv.ParseUint(r.URL.Query().Get("since"), 10, 64)
	if err != nil {
		a.fail(w, badRequest("since must be a version number"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 20*time.Second)
	defer cancel()
	writeJSON(w, http.StatusOK, map[string]uint64{"version": a.cfg.Watcher.Wait(ctx, since)})
}

// MetaAnswer is the answer of POST /api/meta.
type MetaAnswer struct {
	Items  map[string]metadata.Entry `json:"items"`
	Errors map[string]string         `json:"errors"`
}

// maxMetaIDs bounds one metadata request; the page asks in batches.
const maxMetaIDs = 500

func (a *API) meta(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Meta == nil {
		writeError(w, http.StatusNotFound, "metadata is off")
		return
	}
	var req struct {
		IDs []string `json:"ids"`
	}
	if err := decodeBody(r, 64<<10, &req); err != nil {
		a.fail(w, err)
		return
	}
	if len(req.IDs) > maxMetaIDs {
		a.fail(w, badRequest("ask for at most 500 ids at a time"))
		return
	}
	items, missing := a.cfg.Meta.Get(req.IDs)
	writeJSON(w, http.StatusOK, MetaAnswer{Items: items, Errors: missing})
}

func (a *API) thumb(w http.ResponseWriter, r *http.Request) {
	v, err := a.cfg.Library.Describe(r.PathValue("id"))
	if err != nil {
		a.fail(w, err)
		return
	}
	if a.cfg.Thumbs == nil {
		writeJSON(w, http.StatusNotFound, Error{Error: "posters are off", Capture: false})
		return
	}
	var duration float64
	if a.cfg.Meta != nil {
		items, _ := a.cfg.Meta.Get([]string{v.ID})
		duration = items[v.ID].Duration
	}
	p, err := a.cfg.Thumbs.Get(r.Context(), v, duration)
	if errors.Is(err, thumbs.ErrNeedCapture) {
		writeJSON(w, http.StatusNotFound, Error{Error: "no poster yet", Capture: true})
		return
	}
	if err != nil {
		a.fail(w, err)
		return
	}
	f, err := os.Open(p)
	if err != nil {
		a.fail(w, err)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		a.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "private, max-age=300")
	http.ServeContent(w, withoutConditions(r), "", st.ModTime(), f)
}

func (a *API) putThumb(w http.ResponseWriter, r *http.Request) {
	v, err := a.cfg.Library.Describe(r.PathValue("id"))
	if err != nil {
		a.fail(w, err)
		return
	}
	if a.cfg.Thumbs == nil {
		writeError(w, http.StatusNotFound, "posters are off")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, thumbs.MaxJPEG+1))
	if err != nil {
		a.fail(w, badRequest("could not read the image"))
		return
	}
	if err := a.cfg.Thumbs.Put(v, body); err != nil {
		if errors.Is(err, thumbs.ErrNotJPEG) {
			a.fail(w, badRequest("the body must be a JPEG of at most 2 MiB"))
			return
		}
		a.fail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// withoutConditions returns a copy of r without If-None-Match and
// If-Modified-Since, so ServeContent never answers 304: WebView2 hangs on
// one (the asset server carries posters too). r itself is left alone, as
// net/http asks of handlers.
func withoutConditions(r *http.Request) *http.Request {
	if r.Header.Get("If-None-Match") == "" && r.Header.Get("If-Modified-Since") == "" {
		return r
	}
	r = r.Clone(r.Context())
	r.Header.Del("If-None-Match")
	r.Header.Del("If-Modified-Since")
	return r
}

func nowRFC3339() string { return time.Now().UTC().Format(time.RFC3339Nano) }
