package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"reel/internal/probe"
	"reel/internal/subtitles"
	"reel/internal/tracks"
)

// Tracks are what the player offers to choose in one video (issue 10):
// audio tracks, subtitle tracks and chapters, and the text of embedded
// subtitle tracks, extracted by internal/tracks.
//
//	GET /api/tracks/{id}                 the layout, with a url per text subtitle track
//	GET /api/tracks/{id}/subtitles/{n}   subtitle track n: WebVTT, or ASS text for ASS and SSA
func (a *API) trackRoutes() []route {
	return []route{
		{"GET /api/tracks/{id}", a.tracks},
		{"GET /api/tracks/{id}/subtitles/{n}", a.embeddedSubtitle},
	}
}

// TrackList is the answer of GET /api/tracks/{id}.
type TrackList struct {
	Audio     []probe.AudioTrack `json:"audio"`
	Subtitles []EmbeddedSubtitle `json:"subtitles"`
	Chapters  []probe.Chapter    `json:"chapters"`
}

// EmbeddedSubtitle is a subtitle track of the file, with the URL of its
// text ("" for picture tracks, and without ffmpeg).
type EmbeddedSubtitle struct {
	probe.SubtitleTrack
	URL string `json:"url"`
}

func (a *API) tracks(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Tracks == nil {
		writeError(w, http.StatusServiceUnavailable, "track listing is off")
		return
	}
	id := r.PathValue("id")
	l, err := a.cfg.Tracks.Layout(r.Context(), id)
	if err != nil {
		a.tracksFail(w, err)
		return
	}
	out := TrackList{Audio: l.Audio, Subtitles: []EmbeddedSubtitle{}, Chapters: l.Chapters}
	for _, t := range l.Subtitles {
		s := EmbeddedSubtitle{SubtitleTrack: t}
		if t.Text() && a.cfg.Tracks.HasFFmpeg() {
			s.URL = "/api/tracks/" + url.PathEscape(id) + "/subtitles/" + strconv.Itoa(t.Index)
		}
		out.Subtitles = append(out.Subtitles, s)
	}
	// The player asks for this on open: extracting now makes the cues
	// ready sooner, and never holds up this answer or the video.
	a.cfg.Tracks.Prefetch(id, l)
	writeJSON(w, http.StatusOK, out)
}

func (a *API) embeddedSubtitle(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Tracks == nil {
		writeError(w, http.StatusServiceUnavailable, "track listing is off")
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		a.fail(w, badRequest("track must be a number"))
		return
	}
	data, format, err := a.cfg.Tracks.Subtitle(r.Context(), r.PathValue("id"), n)
	if err != nil {
		a.tracksFail(w, err)
		return
	}
	name := strconv.Itoa(n) + "." + format
	if format == "ass" {
		// The ASS renderer takes the script as it is (styles, positions).
		w.Header().Set("Content-Type", "text/x-ssa; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "text/vtt; charset=utf-8")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// tracksFail answers the errors of reading a file's tracks: what the file
// or the system lacks is said plainly; the rest goes through fail.
func (a *API) tracksFail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, tracks.ErrNoTrack):
		writeError(w, http.StatusNotFound, "this video has no such subtitle track")
	case errors.Is(err, tracks.ErrImage):
		writeError(w, http.StatusUnprocessableEntity, "this subtitle track is made of pictures, which Reel cannot show")
	case errors.Is(err, tracks.ErrNoFFmpeg):
		writeError(w, http.StatusServiceUnavailable, "embedded subtitles need ffmpeg, which is not installed")
	case errors.Is(err, subtitles.ErrTooLarge):
		writeError(w, http.StatusUnprocessableEntity, fmt.Sprintf("this subtitle track is larger than %d MiB", subtitles.MaxBytes>>20))
	case errors.Is(err, tracks.ErrExtract):
		a.cfg.ErrorLog.Printf("api: %q", err.Error())
		writeError(w, http.StatusUnprocessableEntity, "ffmpeg could not read the subtitles of this video")
	case errors.Is(err, probe.ErrTruncated):
		writeError(w, http.StatusUnprocessableEntity, "Reel cannot read the tracks of this video: the file ends before its headers")
	case errors.Is(err, probe.ErrMalformed), errors.Is(err, probe.ErrUnrecognized), errors.Is(err, probe.ErrUnsupported):
		writeError(w, http.StatusUnprocessableEntity, "Reel cannot read the tracks of this video")
	default:
		a.fail(w, err)
	}
}
