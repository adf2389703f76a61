// Package media serves video files by HTTP byte range. One handler serves
// both transports; only the chunk policy differs:
//
//   - Streaming (the loopback listener): every requested range is sent whole,
//     with constant memory (http.ServeContent copies with sendfile). Short 206
//     answers break GStreamer, so this path never shortens one.
//   - Capped (the Wails asset server): Wails buffers a whole response in memory
//     on Windows, so each body is at most MaxBody bytes, and conditional
//     requests never turn into a 304, which hangs WebView2.
package media

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// DefaultChunk is the body cap of the asset-server transport: large enough
// that a player rarely waits on a round trip, small enough to buffer.
const DefaultChunk = 8 << 20

// Prefix is the URL path under which media is served: Prefix + id.
const Prefix = "/media/"

// Opener opens a video by its opaque id. The library is the real one.
type Opener interface {
	OpenFile(id string) (*os.File, fs.FileInfo, error)
}

// Handler answers GET and HEAD for Prefix+id. The zero MaxBody streams.
type Handler struct {
	Files Opener
	// MaxBody caps every response body, in bytes; 0 means no cap.
	MaxBody int64
	// ContentType names the Content-Type for a file name.
	ContentType func(name string) string
	// ErrorLog receives failures that the client cannot see; nil logs nothing.
	ErrorLog *log.Logger
}

// Streaming returns a handler that sends whole ranges, for the loopback listener.
func Streaming(files Opener, contentType func(string) string) *Handler {
	return &Handler{Files: files, ContentType: contentType}
}

// Capped returns a handler whose bodies never exceed maxBody bytes, for the
// Wails asset server.
func Capped(files Opener, contentType func(string) string, maxBody int64) *Handler {
	return &Handler{Files: files, ContentType: contentType, MaxBody: maxBody}
}

// ServeHTTP serves Prefix+id.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	id, ok := idFromPath(r.URL.Path)
	if !ok {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	f, info, err := h.Files.OpenFile(id)
	if err != nil {
		h.serveError(w, err)
		return
	}
	defer f.Close()

	hdr := w.Header()
	ctype := "application/octet-stream"
	if h.ContentType != nil {
		ctype = h.ContentType(info.Name())
	}
	hdr.Set("Content-Type", ctype)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("ETag", etag(info))
	hdr.Set("Cache-Control", "private, no-cache")

	// The Range header is parsed once, here; what ServeContent is to answer
	// goes into a copy of the request (handlers must not modify r).
	ranges, rangeErr := parseRange(r.Header.Get("Range"), info.Size())
	var out http.Header // nil: ServeContent answers r as it came
	// RFC 9110 §14.1.1: a suffix-length of zero ("bytes=-0") is not
	// satisfiable, yet ServeContent answers it, and any suffix of an empty
	// file, with a 206 and "bytes N-(N-1)/N" (golang/go#81262). As
	// "bytes=N-" it gets a 416 with "bytes */N", or an empty file's 200.
	//
	// For the same reason a "-0" among other parts ("bytes=0-0,-0") became
	// a zero-length part of a multipart answer. Unsatisfiable parts are
	// dropped instead (RFC 9110 §14.1.1, issue 11): the satisfiable ones
	// are all ServeContent sees, so one left gets a plain 206.
	if rng := r.Header.Get("Range"); rng != "" {
		switch {
		case rangeErr == errNoOverlap:
			out = r.Header.Clone()
			out.Set("Range", "bytes="+strconv.FormatInt(info.Size(), 10)+"-")
		case rangeErr == nil && len(ranges) < countParts(rng):
			out = r.Header.Clone()
			out.Set("Range", joinRanges(ranges))
		}
	}
	if h.MaxBody > 0 {
		if out == nil {
			out = r.Header.Clone()
		}
		capHeaders(out, ranges, rangeErr, info, hdr.Get("ETag"), h.MaxBody)
		w = &limitWriter{ResponseWriter: w, left: h.MaxBody}
	}
	if out != nil {
		r = r.Clone(r.Context())
		r.Header = out
	}
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
}

// idFromPath extracts the id from Prefix+id. Ids are opaque tokens made by
// the library: anything with a separator, a dot segment or an escape is not
// one of ours.
func idFromPath(p string) (string, bool) {
	id, ok := strings.CutPrefix(p, Prefix)
	if !ok || id == "" || len(id) > 128 {
		return "", false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_') {
			return "", false
		}
	}
	return id, true
}

// serveError maps errors to statuses in one place: not-exist → 404,
// permission → 403, anything else → 500 without details.
func (h *Handler) serveError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		http.Error(w, "video not found: it was moved or deleted", http.StatusNotFound)
	case errors.Is(err, fs.ErrPermission):
		http.Error(w, "permission denied: Reel cannot read this video", http.StatusForbidden)
	default:
		if h.ErrorLog != nil {
			h.ErrorLog.Printf("media: %q", err.Error()) // quoted: names cannot forge lines
		}
		http.Error(w, "cannot read this video", http.StatusInternalServerError)
	}
}

// etag is a strong validator from size and modification time, so If-Range
// works (RFC 9110 §13.1.5 requires a strong comparison).
func etag(info fs.FileInfo) string {
	return `"` + strconv.FormatInt(info.Size(), 36) + "-" + strconv.FormatInt(info.ModTime().UnixNano(), 36) + `"`
}

// capHeaders rewrites hdr, the request headers ServeContent is to
// answer, so that it sends at most max body bytes and never a 304. ranges
// and rangeErr are hdr's Range as parseRange read it.
//   - If-None-Match and If-Modified-Since are dropped: WebView2 hangs on a
//     304, and Wails turns it into a 500.
//   - If-Range is decided here (RFC 9110 §13.1.5): on a mismatch the Range is
//     dropped, and the whole representation is then capped like a GET.
//   - A Range-less GET becomes "bytes=0-(max-1)": a short 206 with a truthful
//     Content-Range, which Chromium-based players follow with more requests.
//   - Only the first range of a multi-range request is served (a server may
//     ignore ranges, RFC 9110 §14.2), then capped.
//
// Headers that ServeContent would answer with 416 or 412 are left alone.
func capHeaders(hdr http.Header, ranges []httpRange, rangeErr error, info fs.FileInfo, tag string, max int64) {
	hdr.Del("If-None-Match")
	hdr.Del("If-Modified-Since")
	if ir := hdr.Get("If-Range"); ir != "" {
		if !ifRangeMatches(ir, tag, info.ModTime()) {
			hdr.Del("Range")
			ranges, rangeErr = nil, nil
		}
		hdr.Del("If-Range")
	}
	size := info.Size()
	if size == 0 || rangeErr != nil {
		return // ServeContent answers 416 with "bytes */size"
	}
	first := httpRange{start: 0, length: size}
	if len(ranges) > 0 {
		first = ranges[0]
	}
	if first.length > max {
		first.length = max
	}
	hdr.Set("Range", first.header())
}

// ifRangeMatches reports whether an If-Range value still describes the file:
// a strong ETag equal to ours, or an HTTP date equal to its modification time.
func ifRangeMatches(v, tag string, mod time.Time) bool {
	if strings.HasPrefix(v, `"`) {
		return v == tag
	}
	if strings.HasPrefix(v, "W/") {
		return false // weak validators never match If-Range
	}
	t, err := http.ParseTime(v)
	return err == nil && t.Equal(mod.Truncate(time.Second))
}

// limitWriter refuses to write more than left body bytes. capHeaders makes
// ServeContent stay under the cap; this is the guarantee should it not.
type limitWriter struct {
	http.ResponseWriter
	left int64
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > w.left {
		n, _ := w.ResponseWriter.Write(p[:w.left])
		w.left -= int64(n)
		return n, errOverCap
	}
	n, err := w.ResponseWriter.Write(p)
	w.left -= int64(n)
	return n, err
}

var errOverCap = fmt.Errorf("media: body over the cap")

var (
	_ http.Handler = (*Handler)(nil)
	_ io.Writer    = (*limitWriter)(nil)
)
