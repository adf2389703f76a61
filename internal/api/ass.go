package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"reel/internal/attachments"
	"reel/internal/subtitles"
)

// Styled subtitles (issue 10): ASS and SSA tracks go to the page as they
// are, for libass (JASSUB) to draw with their styles and positions, and the
// fonts a Matroska file carries for them are served one by one.

// Font is one font attached to a video, as GET /api/fonts/{id} lists it.
type Font struct {
	// Name is the attachment's file name, as the muxer stored it.
	Name string `json:"name"`
	// URL serves the font's bytes.
	URL string `json:"url"`
}

// isASS reports whether a subtitle track's format is served raw.
func isASS(format string) bool {
	f := strings.ToLower(format)
	return f == "ass" || f == "ssa"
}

// serveASS answers the ASS or SSA file data of sidecar t as UTF-8 text.
func (a *API) serveASS(w http.ResponseWriter, r *http.Request, data []byte, t subtitles.Track) {
	text, err := subtitles.ToASS(data)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "cannot read "+t.File+": "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/x-ssa; charset=utf-8")
	name := strings.TrimSuffix(t.File, filepath.Ext(t.File)) + "." + strings.ToLower(t.Format)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(text))
}

// videoFont is one font of a video: where its bytes are and their type.
type videoFont struct {
	attachments.File
	ctype string
}

// openFonts opens the video with id and lists the fonts attached to it. A
// video that is not Matroska has none. The caller closes f.
func (a *API) openFonts(id string) (f *os.File, fonts []videoFont, err error) {
	f, info, err := a.cfg.Library.OpenFile(id)
	if err != nil {
		return nil, nil, err
	}
	files, err := attachments.Read(f, info.Size())
	if errors.Is(err, attachments.ErrTooMany) {
		a.cfg.ErrorLog.Printf("api: fonts of %s: %q", id, err.Error())
	}
	if errors.Is(err, attachments.ErrNotMatroska) || errors.Is(err, attachments.ErrTooMany) {
		return f, nil, nil // no fonts to give: the line is drawn with the default one
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	for _, file := range files {
		if ctype, ok := attachments.Font(f, file); ok {
			fonts = append(fonts, videoFont{file, ctype})
		}
	}
	return f, fonts, nil
}

func (a *API) fonts(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	f, fonts, err := a.openFonts(id)
	if err != nil {
		a.fail(w, err)
		return
	}
	f.Close()
	out := make([]Font, len(fonts))
	for n, font := range fonts {
		out[n] = Font{Name: font.Name, URL: Prefix + "fonts/" + id + "/" + strconv.Itoa(n)}
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) font(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		a.fail(w, badRequest("font must be a number"))
		return
	}
	f, fonts, err := a.openFonts(r.PathValue("id"))
	if err != nil {
		a.fail(w, err)
		return
	}
	defer f.Close()
	if n < 0 || n >= len(fonts) {
		writeError(w, http.StatusNotFound, "this video has no font "+strconv.Itoa(n))
		return
	}
	font := fonts[n]
	w.Header().Set("Content-Type", font.ctype)
	var modTime time.Time
	if st, err := f.Stat(); err == nil {
		modTime = st.ModTime()
	}
	http.ServeContent(w, withoutConditions(r), "", modTime, io.NewSectionReader(f, font.Offset, font.Size))
}
