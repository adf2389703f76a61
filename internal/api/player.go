package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"reel/internal/rules"
	"reel/internal/store"
	"reel/internal/subtitles"
)

// PlayerSettings are remembered across launches.
type PlayerSettings struct {
	Volume       float64 `json:"volume"`
	Muted        bool    `json:"muted"`
	Rate         float64 `json:"rate"`
	AutoplayNext bool    `json:"autoplayNext"`
	// Resume is one of rules.ResumeModes: "ask" (offer "Resume at
	// 1:23:45"), "always" or "never".
	Resume string `json:"resume"`
	Loop   bool   `json:"loop"`
	// SubtitleLang is the language last chosen, "off", or "" for the default;
	// for a track without a language, its label (from the file name). The
	// settings panel sets it as the preferred subtitle language.
	SubtitleLang string `json:"subtitleLang"`
	// AudioLang is the preferred audio language (a BCP 47 tag such as "en"
	// or "de"), "" for the file's default track.
	AudioLang string `json:"audioLang"`
	// Theme is one of rules.Themes.
	Theme string `json:"theme"`
	// Wheel is one of rules.WheelActions: what the mouse wheel does over
	// the player.
	Wheel string `json:"wheel"`
	// SubtitleSize is the subtitles' size, a factor of the engine's own
	// from rules.MinSubtitleSize to rules.MaxSubtitleSize (− and +, issue 10).
	SubtitleSize float64 `json:"subtitleSize"`
}

// maxSubtitleKey bounds SubtitleLang: a label comes from a file name, which
// can be 255 bytes, and the page may add the format to it.
const maxSubtitleKey = 512

// DefaultPlayerSettings are the settings before the user changes any.
var DefaultPlayerSettings = PlayerSettings{
	Volume: 1, Rate: 1, AutoplayNext: true,
	Resume: rules.ResumeModes[0], Theme: rules.Themes[0], Wheel: rules.WheelActions[0],
	SubtitleSize: 1,
}

// maxLangTag bounds AudioLang: BCP 47 tags in use are far shorter.
const maxLangTag = 35

const playerKey = "player"

func (a *API) playerSettings() PlayerSettings {
	s := DefaultPlayerSettings
	if _, err := a.cfg.Store.Setting(playerKey, &s); err != nil {
		a.cfg.ErrorLog.Printf("api: settings: %v", err)
		s = DefaultPlayerSettings
	}
	return s
}

func (a *API) settings(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, a.playerSettings())
}

// putSettings merges the fields given into the saved settings. The merge
// happens inside one store transaction, so that another Reel on the same
// database cannot slip a write in between the read and the write and have
// it lost (issue 11 item 5).
func (a *API) putSettings(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 16<<10))
	if err != nil {
		a.fail(w, badRequest("could not read the body"))
		return
	}
	s := DefaultPlayerSettings
	err = a.cfg.Store.UpdateSetting(playerKey, &s, func() error {
		if err := json.Unmarshal(body, &s); err != nil {
			return badRequest("the body is not the JSON this route takes")
		}
		if !(s.Volume >= rules.MinVolume && s.Volume <= rules.MaxVolume) || !(s.Rate >= rules.MinRate && s.Rate <= rules.MaxRate) ||
			!slices.Contains(rules.ResumeModes, s.Resume) || len(s.SubtitleLang) > maxSubtitleKey || len(s.AudioLang) > maxLangTag ||
			!slices.Contains(rules.Themes, s.Theme) || !slices.Contains(rules.WheelActions, s.Wheel) ||
			!(s.SubtitleSize >= rules.MinSubtitleSize && s.SubtitleSize <= rules.MaxSubtitleSize) {
			return badRequest("volume is 0–1, rate 0.25–4, resume " + strings.Join(rules.ResumeModes, ", ") +
				", theme " + strings.Join(rules.Themes, ", ") + ", wheel " + strings.Join(rules.WheelActions, ", ") +
				", subtitleSize 0.5–3")
		}
		return nil
	})
	if err != nil {
		a.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// merge is how a PUT of settings works: the JSON body's fields are decoded
// over saved, checked and stored by save (which returns badRequest for a
// value out of bounds), and the merged settings are the answer. The
// caller holds a.mu, so two PUTs do not merge into the same old value.
func merge[T any](a *API, w http.ResponseWriter, r *http.Request, saved T, save func(T) error) {
	if err := decodeBody(r, 16<<10, &saved); err != nil {
		a.fail(w, err)
		return
	}
	if err := save(saved); err != nil {
		a.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, saved)
}

// PositionAnswer is where playback of one video stopped.
type PositionAnswer struct {
	Position float64 `json:"position"`
	Duration float64 `json:"duration"`
	Watched  bool    `json:"watched"`
}

// PositionSave is the body of PUT /api/position/{id}.
type PositionSave struct {
	Position float64 `json:"position"`
	Duration float64 `json:"duration"`
	// Stop says playback stopped there (the person left the video, closed
	// the window, or it ended), rather than a save while it plays: only a
	// stop past 95 % marks the video watched (issue 13).
	Stop bool `json:"stop"`
}

func (a *API) position(w http.ResponseWriter, r *http.Request) {
	v, err := a.cfg.Library.Describe(r.PathValue("id"))
	if err != nil {
		a.fail(w, err)
		return
	}
	a.writePosition(w, v.AbsPath)
}

func (a *API) putPosition(w http.ResponseWriter, r *http.Request) {
	v, err := a.cfg.Library.Describe(r.PathValue("id"))
	if err != nil {
		a.fail(w, err)
		return
	}
	var req PositionSave
	if err := decodeBody(r, 4<<10, &req); err != nil {
		a.fail(w, err)
		return
	}
	if !finite(req.Position) || !finite(req.Duration) || req.Position < 0 || req.Duration < 0 {
		a.fail(w, badRequest("position and duration are seconds, not negative"))
		return
	}
	save := a.cfg.Store.SavePosition
	if req.Stop {
		save = a.cfg.Store.StopAt
	}
	if err := save(v.AbsPath, req.Position, req.Duration); err != nil {
		a.fail(w, err)
		return
	}
	a.writePosition(w, v.AbsPath) // the store decides "watched"
}

// markWatched marks a video watched (POST) or not watched (DELETE, which
// also rewinds it to the start), as a player's "mark as watched" does.
func (a *API) markWatched(w http.ResponseWriter, r *http.Request) {
	v, err := a.cfg.Library.Describe(r.PathValue("id"))
	if err != nil {
		a.fail(w, err)
		return
	}
	mark := a.cfg.Store.MarkWatched
	if r.Method == http.MethodDelete {
		mark = a.cfg.Store.ClearWatched
	}
	if err := mark(v.AbsPath); err != nil {
		a.fail(w, err)
		return
	}
	a.writePosition(w, v.AbsPath)
}

// writePosition answers with the position the store holds for path.
func (a *API) writePosition(w http.ResponseWriter, path string) {
	p, _, err := a.cfg.Store.Position(path)
	if err != nil {
		a.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, PositionAnswer{Position: p.Position, Duration: p.Duration, Watched: p.Watched})
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// maxContinue is how many videos Continue watching shows.
const maxContinue = 20

// continueWatching lists videos of the opened folder that were started and
// not finished, most recent first. Each comes with the position the store
// gave it, under the id the library hands out for its file: the page keys
// them by id, like a listing's videos.
func (a *API) continueWatching(w http.ResponseWriter, r *http.Request) {
	out, err := a.continued()
	if err != nil {
		a.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// continued is the answer of GET /api/continue.
func (a *API) continued() ([]Video, error) {
	out := []Video{}
	root := a.cfg.Library.Current()
	if root == "" {
		return out, nil
	}
	ps, err := a.cfg.Store.ContinueWatching(200)
	if err != nil {
		return nil, err
	}
	// Each video's folder is read once for all of them (VideosAt).
	var rels []string
	var kept []store.Position
	for _, p := range ps {
		rel, err := filepath.Rel(root, p.Path)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		rels = append(rels, filepath.ToSlash(rel))
		kept = append(kept, p)
	}
	vs, errs := a.cfg.Library.VideosAt(rels)
	for i, v := range vs {
		if errs[i] != nil {
			continue // moved or deleted since: nothing to continue
		}
		out = append(out, a.video(v, kept[i]))
		if len(out) == maxContinue {
			break
		}
	}
	return out, nil
}

func (a *API) subtitles(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		a.fail(w, badRequest("track must be a number"))
		return
	}
	f, t, err := a.cfg.Library.OpenSidecar(r.PathValue("id"), n)
	if err != nil {
		a.fail(w, err)
		return
	}
	defer f.Close()
	data, err := subtitles.ReadAll(f)
	if errors.Is(err, subtitles.ErrTooLarge) {
		a.fail(w, badRequest(fmt.Sprintf("subtitle file is larger than %d MiB", subtitles.MaxBytes>>20)))
		return
	}
	if err != nil {
		a.fail(w, err)
		return
	}
	if isASS(t.Format) { // issue 10: styled, for the page's libass
		a.serveASS(w, r, data, t)
		return
	}
	vtt, err := subtitles.ToVTT(data, t.Format)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "cannot read "+t.File+": "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/vtt; charset=utf-8")
	name := strings.TrimSuffix(t.File, filepath.Ext(t.File)) + ".vtt"
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(vtt))
}
