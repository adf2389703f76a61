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
//	GET …/subtitles/{n}?after=K          its cues after the first K, as soon as there are (a long poll)
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

// Headers of an embedded subtitle track's answer (issue 10: cues arrive
// as soon as they are ready).
const (
	// SubtitleCompleteHeader is "true" when the answer is the whole
	// track, "false" while ffmpeg's pass still runs.
	SubtitleCompleteHeader = "Reel-Subtitle-Complete"
	// SubtitleCuesHeader counts the track's cues extracted so far: the
	// next question's after.
	SubtitleCuesHeader = "Reel-Subtitle-Cues"
)

// partialWait bounds a long poll (?after=K): the answer comes when cues
// do, or then, with none, and the page asks again.
const partialWait = 10 * time.Second

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
	id := r.PathValue("id")
	if r.URL.Query().Has("after") {
		a.embeddedSubtitlePart(w, r, id, n)
		return
	}
	data, format, err := a.cfg.Tracks.Subtitle(r.Context(), id, n)
	if err != nil {
		if r.Context().Err() != nil {
			return // the page went on to another video
		}
		a.tracksFail(w, err)
		return
	}
	setSubtitleType(w, format)
	w.Header().Set(SubtitleCompleteHeader, "true")
	http.ServeContent(w, r, strconv.Itoa(n)+"."+format, time.Time{}, bytes.NewReader(data))
}

// embeddedSubtitlePart answers ?after=K: the track's header and its cues
// after the first K, once there are more than K or the extraction ended,
// else after partialWait with none. The whole text each time would do,
// but a film's track sent again for each new cue is its size squared.
func (a *API) embeddedSubtitlePart(w http.ResponseWriter, r *http.Request, id string, n int) {
	after, err := strconv.Atoi(r.URL.Query().Get("after"))
	if err != nil || after < 0 {
		a.fail(w, badRequest("after must be a count of cues, 0 or more"))
		return
	}
	p, err := a.cfg.Tracks.SubtitlePart(r.Context(), id, n, after, partialWait)
	if err != nil {
		if r.Context().Err() != nil {
			return // the page went on to another video: no one to answer, nothing to log
		}
		a.tracksFail(w, err)
		return
	}
	setSubtitleType(w, p.Format)
	h := w.Header()
	h.Set(SubtitleCompleteHeader, strconv.FormatBool(p.Complete))
	h.Set(SubtitleCuesHeader, strconv.Itoa(p.Cues))
	h.Set("Cache-Control", "no-store") // the same URL answers more as the pass goes on
	h.Set("Content-Length", strconv.Itoa(len(p.Text)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(p.Text)
	}
}

// setSubtitleType says what a subtitle track's text is.
func setSubtitleType(w http.ResponseWriter, format string) {
	if format == "ass" {
		// The ASS renderer takes the script as it is (styles, positions).
		w.Header().Set("Content-Type", "text/x-ssa; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "text/vtt; charset=utf-8")
	}
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
