package api

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"

	"reel/internal/transcode"
)

// Streams are the rungs above direct play (issue 9): a video the page's
// engine cannot play as it is, remuxed or converted into HLS by
// internal/transcode. Videos are named by id, as everywhere; the playlist
// names its segments relative to itself, with the query it was asked
// with, so they carry the same credentials.
//
//	GET    /api/stream                        {"ffmpeg": true, "install": "…"}
//	GET    /api/stream/{id}/{rung}/index.m3u8 the playlist (?audio=N: audio track N)
//	GET    /api/stream/{id}/{rung}/init.mp4   the init segment
//	GET    /api/stream/{id}/{rung}/{n}.m4s    a media segment
//	DELETE /api/stream/{id}                   the player closed: stop encoding
func (a *API) streamRoutes() []route {
	return []route{
		{"GET /api/stream", a.streamInfo},
		{"GET /api/stream/{id}/{rung}/{file}", a.streamFile},
		{"DELETE /api/stream/{id}", a.stopStream},
	}
}

type route struct {
	pattern string
	handler http.HandlerFunc
}

// StreamInfo is the answer of GET /api/stream.
type StreamInfo struct {
	// FFmpeg tells whether the rungs above direct play are available.
	FFmpeg bool `json:"ffmpeg"`
	// Install says how to install ffmpeg on this system.
	Install string `json:"install"`
}

func (a *API) streamInfo(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, StreamInfo{FFmpeg: a.cfg.Streams != nil, Install: transcode.InstallHint()})
}

func (a *API) streamFile(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Streams == nil {
		writeError(w, http.StatusServiceUnavailable, "this video needs ffmpeg, which is not installed. "+transcode.InstallHint())
		return
	}
	rung, err := transcode.ParseRung(r.PathValue("rung"))
	if err != nil {
		a.fail(w, badRequest("the rung is remux, aac or h264"))
		return
	}
	id, file := r.PathValue("id"), r.PathValue("file")
	// ?audio=N plays the file's audio track N (issue 10); the playlist
	// hands the query on to its segments.
	audio := 0
	if q := r.URL.Query().Get("audio"); q != "" {
		if audio, err = strconv.Atoi(q); err != nil || audio < 0 || audio > 63 {
			a.fail(w, badRequest("audio is the number of an audio track, 0–63"))
			return
		}
	}
	job, err := a.cfg.Streams.JobAudio(r.Context(), id, rung, audio, func() (transcode.Source, error) { return a.streamSource(id) })
	if err != nil {
		a.streamFail(w, err)
		return
	}
	switch {
	case file == "index.m3u8":
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		_, _ = w.Write(job.Playlist(r.URL.RawQuery))
	case file == "init.mp4":
		path, err := job.Init(r.Context())
		a.serveSegment(w, r, path, err)
	case strings.HasSuffix(file, ".m4s"):
		n, err := strconv.Atoi(strings.TrimSuffix(file, ".m4s"))
		if err != nil || n < 0 || n >= job.Segments() {
			writeError(w, http.StatusNotFound, "no such segment")
			return
		}
		path, err := job.Segment(r.Context(), n)
		a.serveSegment(w, r, path, err)
	default:
		writeError(w, http.StatusNotFound, "no such stream file")
	}
}

// streamSource opens the video id for a stream: the library's file and
// what the probe read of it.
func (a *API) streamSource(id string) (transcode.Source, error) {
	v, err := a.cfg.Library.Describe(id)
	if err != nil {
		return transcode.Source{}, err
	}
	entries, missing := a.cfg.Meta.Get([]string{id})
	if msg, ok := missing[id]; ok {
		return transcode.Source{}, errors.New(msg)
	}
	e := entries[id]
	if e.Error != "" {
		return transcode.Source{}, badRequest("Reel cannot read this video: " + e.Error)
	}
	f, info, err := a.cfg.Library.OpenFile(id)
	if err != nil {
		return transcode.Source{}, err
	}
	return transcode.Source{ID: id, File: f, Size: info.Size(), ModTime: v.ModTime, Info: e.Info}, nil
}

func (a *API) serveSegment(w http.ResponseWriter, r *http.Request, path string, err error) {
	if err != nil {
		a.streamFail(w, err)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		a.streamFail(w, err)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		a.streamFail(w, err)
		return
	}
	w.Header().Set("Content-Type", "video/mp4")
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// streamFail answers a stream error; a request the page gave up on (a
// seek elsewhere) gets no answer worth logging.
func (a *API) streamFail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, transcode.ErrClosed), errors.Is(err, context.Canceled):
		writeError(w, http.StatusServiceUnavailable, "the stream was stopped")
	default:
		a.fail(w, err)
	}
}

func (a *API) stopStream(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Streams != nil {
		a.cfg.Streams.Stop(r.PathValue("id"))
	}
	w.WriteHeader(http.StatusNoContent)
}
