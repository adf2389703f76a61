package media

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"reel/internal/library"
	"reel/internal/libtest"
)

const (
	testSize = 10000 // bytes in the fixture video
	testCap  = 1000  // body cap of the capped handler under test
)

// testModTime has a fractional second, which HTTP dates cannot carry
// (RFC 9110 §5.6.7): date validators must compare whole seconds.
var testModTime = time.Date(2024, 1, 2, 3, 4, 5, 500_000_000, time.UTC)

// fixture is one video of known content served by both transports.
type fixture struct {
	content   []byte
	path      string // file on disk
	target    string // request path
	lib       *library.Library
	streaming *Handler
	capped    *Handler
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	content := libtest.Pattern(testSize)
	lib, dir, videos := libtest.Library(t, libtest.Files{"clip.mp4": string(content)})
	p := filepath.Join(dir, "clip.mp4")
	if err := os.Chtimes(p, testModTime, testModTime); err != nil {
		t.Fatal(err)
	}
	return &fixture{
		content:   content,
		path:      p,
		target:    Prefix + videos["clip.mp4"].ID,
		lib:       lib,
		streaming: Streaming(lib, library.ContentType),
		capped:    Capped(lib, library.ContentType, testCap),
	}
}

// serve sends one request straight to h. hdr holds request headers; an
// empty value is not sent.
func serve(h http.Handler, method, target string, hdr map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// want is the expected answer to one request.
type want struct {
	code   int
	crange string // Content-Range, "" when none is expected
	// start and end delimit the file bytes the body must equal, for 200
	// and single-part 206 answers.
	start, end int64
	// parts are the Content-Range values of a multipart/byteranges answer.
	parts []string
}

func ok200(size int64) want { return want{code: http.StatusOK, start: 0, end: size} }

func partial(start, end, size int64) want {
	return want{
		code:   http.StatusPartialContent,
		crange: fmt.Sprintf("bytes %d-%d/%d", start, end-1, size),
		start:  start, end: end,
	}
}

func unsatisfiable(size int64) want {
	return want{code: http.StatusRequestedRangeNotSatisfiable, crange: fmt.Sprintf("bytes */%d", size)}
}

func multi(parts ...string) want { return want{code: http.StatusPartialContent, parts: parts} }

var (
	notModified = want{code: http.StatusNotModified}
	failed      = want{code: http.StatusPreconditionFailed}
)

// check compares rec with w; input names the request in failures.
func check(t *testing.T, input string, method string, rec *httptest.ResponseRecorder, content []byte, w want) {
	t.Helper()
	body := rec.Body.Bytes()
	if rec.Code != w.code {
		t.Fatalf("%s: StatusCode=%d, want %d (body %.80q)", input, rec.Code, w.code, body)
	}
	if got := rec.Header().Get("Content-Range"); got != w.crange && w.parts == nil {
		t.Errorf("%s: Content-Range=%q, want %q", input, got, w.crange)
	}
	switch w.code {
	case http.StatusNotModified, http.StatusPreconditionFailed:
		if len(body) != 0 {
			t.Errorf("%s: %d body bytes in a %d answer, want none", input, len(body), w.code)
		}
		return
	case http.StatusOK, http.StatusPartialContent:
	default:
		return
	}
	if w.parts != nil {
		checkParts(t, input, rec, content, w.parts)
		return
	}
	wantBody := content[w.start:w.end]
	if got := rec.Header().Get("Content-Length"); got != strconv.Itoa(len(wantBody)) {
		t.Errorf("%s: Content-Length=%q, want %d", input, got, len(wantBody))
	}
	if got := rec.Header().Get("Accept-Ranges"); got != "bytes" {
		t.Errorf("%s: Accept-Ranges=%q, want %q", input, got, "bytes")
	}
	if method == http.MethodHead {
		if len(body) != 0 {
			t.Errorf("%s: HEAD answered with %d body bytes, want none", input, len(body))
		}
		return
	}
	if !bytes.Equal(body, wantBody) {
		t.Errorf("%s: body is %d bytes, want file bytes [%d,%d) (%d bytes)%s",
			input, len(body), w.start, w.end, len(wantBody), firstDiff(body, wantBody))
	}
}

// checkParts checks a multipart/byteranges answer (RFC 9110 §14.6).
func checkParts(t *testing.T, input string, rec *httptest.ResponseRecorder, content []byte, want []string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	if err != nil || mt != "multipart/byteranges" {
		t.Fatalf("%s: Content-Type=%q (%v), want multipart/byteranges", input, rec.Header().Get("Content-Type"), err)
	}
	if got := rec.Header().Get("Content-Length"); got != strconv.Itoa(rec.Body.Len()) {
		t.Errorf("%s: Content-Length=%q, want %d", input, got, rec.Body.Len())
	}
	mr := multipart.NewReader(rec.Body, params["boundary"])
	var got []string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: part %d: %v", input, len(got), err)
		}
		cr := part.Header.Get("Content-Range")
		got = append(got, cr)
		if ct := part.Header.Get("Content-Type"); ct != "video/mp4" {
			t.Errorf("%s: part %q: Content-Type=%q, want %q", input, cr, ct, "video/mp4")
		}
		body, err := io.ReadAll(part)
		if err != nil {
			t.Fatalf("%s: part %q: %v", input, cr, err)
		}
		var start, end, size int64
		if _, err := fmt.Sscanf(cr, "bytes %d-%d/%d", &start, &end, &size); err != nil {
			t.Fatalf("%s: part Content-Range=%q: %v", input, cr, err)
		}
		if !bytes.Equal(body, content[start:end+1]) {
			t.Errorf("%s: part %q: body differs from the file%s", input, cr, firstDiff(body, content[start:end+1]))
		}
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("%s: parts %q, want %q", input, got, want)
	}
}

func firstDiff(got, want []byte) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("; first difference at byte %d", i)
		}
	}
	return ""
}

func TestServeRanges(t *testing.T) {
	t.Parallel()
	const size = testSize
	tests := []struct {
		name      string
		method    string // GET when empty
		rng       string
		streaming want
		capped    want
	}{
		// The capped transport answers a Range-less GET with a short 206
		// carrying a truthful Content-Range; players then ask for more.
		{name: "range_none", streaming: ok200(size), capped: partial(0, testCap, size)},
		{name: "range_first_100", rng: "bytes=0-99",
			streaming: partial(0, 100, size), capped: partial(0, 100, size)},
		{name: "range_single_byte", rng: "bytes=0-0",
			streaming: partial(0, 1, size), capped: partial(0, 1, size)},
		{name: "range_last_byte", rng: "bytes=9999-9999",
			streaming: partial(9999, size, size), capped: partial(9999, size, size)},
		// RFC 9110 §14.1.2: a suffix range is the last N bytes.
		{name: "range_suffix_100", rng: "bytes=-100",
			streaming: partial(9900, size, size), capped: partial(9900, size, size)},
		{name: "range_suffix_5000", rng: "bytes=-5000",
			streaming: partial(5000, size, size), capped: partial(5000, 5000+testCap, size)},
		// RFC 9110 §14.1.2: a suffix longer than the file is the whole file.
		{name: "range_suffix_longer_than_file", rng: "bytes=-20000",
			streaming: partial(0, size, size), capped: partial(0, testCap, size)},
		{name: "range_open_ended_from_0", rng: "bytes=0-",
			streaming: partial(0, size, size), capped: partial(0, testCap, size)},
		{name: "range_open_ended_mid", rng: "bytes=500-",
			streaming: partial(500, size, size), capped: partial(500, 500+testCap, size)},
		{name: "range_open_ended_exactly_cap", rng: "bytes=9000-",
			streaming: partial(9000, size, size), capped: partial(9000, size, size)},
		{name: "range_open_ended_under_cap", rng: "bytes=9990-",
			streaming: partial(9990, size, size), capped: partial(9990, size, size)},
		// RFC 9110 §14.1.2: a last-pos past the end means the end.
		{name: "range_end_past_size", rng: "bytes=9990-20000",
			streaming: partial(9990, size, size), capped: partial(9990, size, size)},
		{name: "range_spaces", rng: "bytes= 1 - 2 ",
			streaming: partial(1, 3, size), capped: partial(1, 3, size)},
		// RFC 9110 §14.1.1 and §15.5.17: a first-pos at or past the end is
		// unsatisfiable: 416 with "bytes */size".
		{name: "range_no_overlap", rng: "bytes=10000-",
			streaming: unsatisfiable(size), capped: unsatisfiable(size)},
		{name: "range_no_overlap_closed", rng: "bytes=20000-30000",
			streaming: unsatisfiable(size), capped: unsatisfiable(size)},
		// RFC 9110 §14.1.1: a suffix of zero bytes is unsatisfiable too.
		{name: "range_suffix_zero", rng: "bytes=-0",
			streaming: unsatisfiable(size), capped: unsatisfiable(size)},
		{name: "range_no_overlap_several", rng: "bytes=10000-,-0",
			streaming: unsatisfiable(size), capped: unsatisfiable(size)},
		// Issue 11 item 9: unsatisfiable parts are dropped (RFC 9110
		// §14.1.1), not answered as zero-length parts; one part left is a
		// plain 206.
		{name: "range_suffix_zero_after_byte", rng: "bytes=0-0,-0",
			streaming: partial(0, 1, size), capped: partial(0, 1, size)},
		{name: "range_suffix_zero_between", rng: "bytes=0-9,-0,20-29",
			streaming: multi("bytes 0-9/10000", "bytes 20-29/10000"), capped: partial(0, 10, size)},
		{name: "range_suffix_zero_first", rng: "bytes=-0,100-199",
			streaming: partial(100, 200, size), capped: partial(100, 200, size)},
		{name: "range_reversed", rng: "bytes=5-1",
			streaming: want{code: 416}, capped: want{code: 416}},
		// RFC 9110 §14.2 says to ignore a Range of an unknown unit; net/http
		// answers 416, and no player sends one.
		{name: "range_not_bytes", rng: "items=0-1",
			streaming: want{code: 416}, capped: want{code: 416}},
		{name: "range_garbage", rng: "bytes=a-b",
			streaming: want{code: 416}, capped: want{code: 416}},
		// Multiple ranges: multipart/byteranges when streaming (RFC 9110
		// §14.6); the capped transport may ignore all but the first (a
		// server may ignore ranges, §14.2) and caps it.
		{name: "range_multi", rng: "bytes=0-9,20-29",
			streaming: multi("bytes 0-9/10000", "bytes 20-29/10000"), capped: partial(0, 10, size)},
		{name: "range_multi_first_past_end", rng: "bytes=20000-,5-",
			streaming: partial(5, size, size), capped: partial(5, 5+testCap, size)},
		{name: "range_multi_first_large", rng: "bytes=0-4999,6000-6099",
			streaming: multi("bytes 0-4999/10000", "bytes 6000-6099/10000"), capped: partial(0, testCap, size)},
		{name: "range_multi_suffix_first", rng: "bytes=-10,0-9",
			streaming: multi("bytes 9990-9999/10000", "bytes 0-9/10000"), capped: partial(9990, size, size)},
		// net/http ignores ranges that add up to more than the file.
		{name: "range_multi_over_size", rng: "bytes=0-,0-",
			streaming: ok200(size), capped: partial(0, testCap, size)},
		{name: "head_none", method: http.MethodHead,
			streaming: ok200(size), capped: partial(0, testCap, size)},
		{name: "head_range", method: http.MethodHead, rng: "bytes=0-99",
			streaming: partial(0, 100, size), capped: partial(0, 100, size)},
		{name: "head_open_ended", method: http.MethodHead, rng: "bytes=100-",
			streaming: partial(100, size, size), capped: partial(100, 100+testCap, size)},
	}
	fx := newFixture(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			method := tt.method
			if method == "" {
				method = http.MethodGet
			}
			input := fmt.Sprintf("%s range=%q", method, tt.rng)
			t.Run("streaming", func(t *testing.T) {
				rec := serve(fx.streaming, method, fx.target, map[string]string{"Range": tt.rng})
				check(t, input, method, rec, fx.content, tt.streaming)
			})
			t.Run("capped", func(t *testing.T) {
				rec := serve(fx.capped, method, fx.target, map[string]string{"Range": tt.rng})
				check(t, input, method, rec, fx.content, tt.capped)
				if n := rec.Body.Len(); n > testCap {
					t.Errorf("%s: body is %d bytes, over the cap of %d", input, n, testCap)
				}
			})
		})
	}
}

func TestServeConditionals(t *testing.T) {
	t.Parallel()
	const size = testSize
	tests := []struct {
		name string
		// hdr values may name {etag}, {weak} (its weak form), {mod} (the
		// file's time as an HTTP date), {old} and {new} (a day either side).
		hdr       map[string]string
		streaming want
		capped    want
	}{
		// RFC 9110 §13.1.5: If-Range applies the Range only while the
		// validator still matches, with a strong comparison.
		{"if_range_etag_match", map[string]string{"Range": "bytes=100-199", "If-Range": "{etag}"},
			partial(100, 200, size), partial(100, 200, size)},
		{"if_range_etag_mismatch", map[string]string{"Range": "bytes=100-199", "If-Range": `"other"`},
			ok200(size), partial(0, testCap, size)},
		{"if_range_date_match", map[string]string{"Range": "bytes=100-199", "If-Range": "{mod}"},
			partial(100, 200, size), partial(100, 200, size)},
		{"if_range_date_mismatch", map[string]string{"Range": "bytes=100-199", "If-Range": "{old}"},
			ok200(size), partial(0, testCap, size)},
		{"if_range_weak_etag", map[string]string{"Range": "bytes=100-199", "If-Range": "{weak}"},
			ok200(size), partial(0, testCap, size)},
		{"if_range_without_range", map[string]string{"If-Range": "{etag}"},
			ok200(size), partial(0, testCap, size)},
		{"if_range_match_open_ended", map[string]string{"Range": "bytes=100-", "If-Range": "{etag}"},
			partial(100, size, size), partial(100, 100+testCap, size)},
		// RFC 9110 §13.1.2 and §13.1.3 allow a 304 here; WebView2 hangs on
		// one, so the capped transport answers the range instead.
		{"if_none_match_etag", map[string]string{"If-None-Match": "{etag}"},
			notModified, partial(0, testCap, size)},
		{"if_none_match_weak_etag", map[string]string{"If-None-Match": "{weak}"},
			notModified, partial(0, testCap, size)},
		{"if_none_match_star", map[string]string{"If-None-Match": "*"},
			notModified, partial(0, testCap, size)},
		{"if_none_match_other", map[string]string{"If-None-Match": `"other"`},
			ok200(size), partial(0, testCap, size)},
		{"if_none_match_with_range", map[string]string{"If-None-Match": "{etag}", "Range": "bytes=100-199"},
			notModified, partial(100, 200, size)},
		{"if_modified_since_mod", map[string]string{"If-Modified-Since": "{mod}"},
			notModified, partial(0, testCap, size)},
		{"if_modified_since_new", map[string]string{"If-Modified-Since": "{new}"},
			notModified, partial(0, testCap, size)},
		{"if_modified_since_old", map[string]string{"If-Modified-Since": "{old}"},
			ok200(size), partial(0, testCap, size)},
		{"if_modified_since_with_range", map[string]string{"If-Modified-Since": "{mod}", "Range": "bytes=-100"},
			notModified, partial(9900, size, size)},
		{"both_conditionals_with_if_range", map[string]string{
			"If-None-Match": "{etag}", "If-Modified-Since": "{mod}", "Range": "bytes=0-9", "If-Range": "{etag}"},
			notModified, partial(0, 10, size)},
		// RFC 9110 §13.1.1 and §13.1.4: failed preconditions are 412 on
		// both transports, without a body.
		{"if_match_mismatch", map[string]string{"If-Match": `"other"`}, failed, failed},
		{"if_match_etag", map[string]string{"If-Match": "{etag}", "Range": "bytes=100-199"},
			partial(100, 200, size), partial(100, 200, size)},
		{"if_unmodified_since_old", map[string]string{"If-Unmodified-Since": "{old}"}, failed, failed},
	}
	fx := newFixture(t)
	etag := serve(fx.streaming, http.MethodHead, fx.target, nil).Header().Get("ETag")
	if !strings.HasPrefix(etag, `"`) {
		t.Fatalf("ETag=%q, want a strong validator", etag)
	}
	repl := strings.NewReplacer(
		"{etag}", etag,
		"{weak}", "W/"+etag,
		"{mod}", testModTime.Format(http.TimeFormat),
		"{old}", testModTime.Add(-24*time.Hour).Format(http.TimeFormat),
		"{new}", testModTime.Add(24*time.Hour).Format(http.TimeFormat),
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			hdr := map[string]string{}
			for k, v := range tt.hdr {
				hdr[k] = repl.Replace(v)
			}
			input := fmt.Sprintf("headers=%q", hdr)
			t.Run("streaming", func(t *testing.T) {
				rec := serve(fx.streaming, http.MethodGet, fx.target, hdr)
				check(t, input, http.MethodGet, rec, fx.content, tt.streaming)
			})
			t.Run("capped", func(t *testing.T) {
				rec := serve(fx.capped, http.MethodGet, fx.target, hdr)
				if rec.Code == http.StatusNotModified {
					t.Fatalf("%s: StatusCode=304 on the capped transport, want %d", input, tt.capped.code)
				}
				check(t, input, http.MethodGet, rec, fx.content, tt.capped)
			})
		})
	}
}

func TestServeEmptyFile(t *testing.T) {
	t.Parallel()
	lib, _, videos := libtest.Library(t, libtest.Files{"empty.mp4": ""})
	target := Prefix + videos["empty.mp4"].ID
	// An empty file has no satisfiable range (RFC 9110 §14.1.1); it is
	// served whole, as an empty 200 (§14.2).
	for _, rng := range []string{"", "bytes=0-", "bytes=0-99", "bytes=-5", "bytes=-0", "bytes=0-0,-5", "bytes=5-"} {
		for _, h := range []*Handler{Streaming(lib, library.ContentType), Capped(lib, library.ContentType, testCap)} {
			rec := serve(h, http.MethodGet, target, map[string]string{"Range": rng})
			if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("Content-Range") != "" {
				t.Errorf("MaxBody=%d range=%q: StatusCode=%d, Content-Range=%q, %d body bytes; want 200, none, 0",
					h.MaxBody, rng, rec.Code, rec.Header().Get("Content-Range"), rec.Body.Len())
			}
		}
	}
}

func TestServeHeaders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  string
		ctype string
	}{
		{"mp4", "a.mp4", "video/mp4"},
		{"m4v", "b.m4v", "video/mp4"},
		{"webm", "c.webm", "video/webm"},
		{"matroska", "d.mkv", "video/x-matroska"},
		{"upper_case_extension", "E.MP4", "video/mp4"},
		{"mixed_case_extension", "f.WebM", "video/webm"},
		{"quicktime", "g.mov", "video/quicktime"},
	}
	files := libtest.Files{}
	for _, tt := range tests {
		// Content that sniffs as HTML: nosniff must keep the declared type.
		files[tt.file] = "<html><script>alert(1)</script></html>"
	}
	lib, _, videos := libtest.Library(t, files)
	handlers := map[string]*Handler{
		"streaming": Streaming(lib, library.ContentType),
		"capped":    Capped(lib, library.ContentType, testCap),
	}
	for _, tt := range tests {
		for transport, h := range handlers {
			t.Run(tt.name+"/"+transport, func(t *testing.T) {
				t.Parallel()
				rec := serve(h, http.MethodGet, Prefix+videos[tt.file].ID, nil)
				if got := rec.Header().Get("Content-Type"); got != tt.ctype {
					t.Errorf("file=%q: Content-Type=%q, want %q", tt.file, got, tt.ctype)
				}
				if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
					t.Errorf("file=%q: X-Content-Type-Options=%q, want %q", tt.file, got, "nosniff")
				}
				if got := rec.Header().Get("Cache-Control"); got != "private, no-cache" {
					t.Errorf("file=%q: Cache-Control=%q, want %q", tt.file, got, "private, no-cache")
				}
				if got := rec.Header().Get("Last-Modified"); got == "" {
					t.Errorf("file=%q: no Last-Modified", tt.file)
				}
			})
		}
	}

	t.Run("no content type function falls back to octet-stream", func(t *testing.T) {
		t.Parallel()
		h := &Handler{Files: lib}
		rec := serve(h, http.MethodGet, Prefix+videos["a.mp4"].ID, nil)
		if got := rec.Header().Get("Content-Type"); got != "application/octet-stream" {
			t.Errorf("Content-Type=%q, want application/octet-stream", got)
		}
	})
}

func TestServeErrors(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	removed := libtest.Folder(t, libtest.Files{"gone.mp4": "soon gone", "kept.mp4": "kept"})
	removedLib := libtest.Open(t, removed)
	removedVideos := libtest.ListAll(t, removedLib)
	if err := os.Remove(filepath.Join(removed, "gone.mp4")); err != nil {
		t.Fatal(err)
	}
	fake := libtest.Opener{
		Paths: map[string]string{"fake": fx.path},
		Errs: map[string]error{
			"denied": &fs.PathError{Op: "open", Path: "x.mp4", Err: fs.ErrPermission},
			"broken": errors.New("disk on fire at /home/user/secret/path"),
			"gone":   fs.ErrNotExist,
		},
	}
	tests := []struct {
		name   string
		files  Opener
		method string
		target string
		code   int
	}{
		{"unknown_id", fx.lib, "GET", Prefix + "0123456789abcdef01234567", http.StatusNotFound},
		{"unknown_id_head", fx.lib, "HEAD", Prefix + "0123456789abcdef01234567", http.StatusNotFound},
		{"removed_after_listing", removedLib, "GET", Prefix + removedVideos["gone.mp4"].ID, http.StatusNotFound},
		{"sibling_of_removed_still_served", removedLib, "GET", Prefix + removedVideos["kept.mp4"].ID, http.StatusOK},
		{"no_id", fx.lib, "GET", Prefix, http.StatusNotFound},
		{"no_prefix", fx.lib, "GET", "/clip.mp4", http.StatusNotFound},
		{"path_instead_of_id", fx.lib, "GET", Prefix + "clip.mp4", http.StatusNotFound},
		{"dot_dot", fx.lib, "GET", Prefix + "..%2fclip.mp4", http.StatusNotFound},
		{"nested", fx.lib, "GET", Prefix + "a/b", http.StatusNotFound},
		{"id_too_long", fx.lib, "GET", Prefix + strings.Repeat("a", 129), http.StatusNotFound},
		{"opener_not_exist", fake, "GET", Prefix + "gone", http.StatusNotFound},
		{"opener_permission", fake, "GET", Prefix + "denied", http.StatusForbidden},
		{"opener_permission_head", fake, "HEAD", Prefix + "denied", http.StatusForbidden},
		{"opener_other_error", fake, "GET", Prefix + "broken", http.StatusInternalServerError},
		{"opener_ok", fake, "GET", Prefix + "fake", http.StatusOK},
		{"post", fx.lib, "POST", fx.target, http.StatusMethodNotAllowed},
		{"put", fx.lib, "PUT", fx.target, http.StatusMethodNotAllowed},
		{"delete", fx.lib, "DELETE", fx.target, http.StatusMethodNotAllowed},
		{"options", fx.lib, "OPTIONS", fx.target, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		for _, maxBody := range []int64{0, testCap} {
			name := tt.name + "/streaming"
			if maxBody > 0 {
				name = tt.name + "/capped"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				var logged bytes.Buffer
				h := &Handler{Files: tt.files, MaxBody: maxBody, ContentType: library.ContentType,
					ErrorLog: log.New(&logged, "", 0)}
				rec := serve(h, tt.method, tt.target, nil)
				want := tt.code
				if maxBody > 0 && want == http.StatusOK {
					want = http.StatusPartialContent
				}
				if rec.Code != want {
					t.Fatalf("%s %s: StatusCode=%d, want %d", tt.method, tt.target, rec.Code, want)
				}
				if want == http.StatusMethodNotAllowed {
					if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
						t.Errorf("%s %s: Allow=%q, want %q", tt.method, tt.target, got, "GET, HEAD")
					}
				}
				if want >= 400 && strings.Contains(rec.Body.String(), "secret") {
					t.Errorf("%s %s: error body %q shows the internal error", tt.method, tt.target, rec.Body)
				}
				if want == http.StatusInternalServerError && !strings.Contains(logged.String(), "disk on fire") {
					t.Errorf("%s %s: ErrorLog got %q, want the internal error", tt.method, tt.target, logged.String())
				}
			})
		}
	}
}

func TestServeUnreadableFile(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("chmod does not remove read access on Windows")
	}
	if os.Geteuid() == 0 {
		// Root reads the file anyway; TestServeErrors covers the mapping of
		// fs.ErrPermission to 403 with a fake Opener.
		t.Skip("running as root, which ignores file permissions")
	}
	lib, dir, videos := libtest.Library(t, libtest.Files{"locked.mp4": "locked"})
	if err := os.Chmod(filepath.Join(dir, "locked.mp4"), 0); err != nil {
		t.Fatal(err)
	}
	for _, h := range []*Handler{Streaming(lib, library.ContentType), Capped(lib, library.ContentType, testCap)} {
		rec := serve(h, http.MethodGet, Prefix+videos["locked.mp4"].ID, nil)
		if rec.Code != http.StatusForbidden {
			t.Errorf("MaxBody=%d: StatusCode=%d, want %d", h.MaxBody, rec.Code, http.StatusForbidden)
		}
	}
}

// TestCappedSparseFile serves a 3 GiB sparse file with the asset server's
// real cap: every body is at most DefaultChunk bytes, with a Content-Range
// naming the real size.
func TestCappedSparseFile(t *testing.T) {
	t.Parallel()
	const size = 3 << 30
	dir := t.TempDir()
	p := filepath.Join(dir, "big.mkv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		f.Close()
		t.Fatal(err)
	}
	// Known bytes where the answers begin and end, across the cap boundary
	// and at the end of the file; the rest reads as zeros.
	marks := []int64{0, DefaultChunk - 32<<10, 1 << 30, 1<<30 + DefaultChunk - 32<<10, size - 64<<10}
	for i, off := range marks {
		pat := libtest.Pattern(64 << 10)
		pat[0] = byte(i + 1)
		if _, err := f.WriteAt(pat, off); err != nil {
			f.Close()
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	files := libtest.Opener{Paths: map[string]string{"big": p}}
	capped := Capped(files, library.ContentType, DefaultChunk)
	streaming := Streaming(files, library.ContentType)

	fileBytes := func(t *testing.T, start, end int64) []byte {
		t.Helper()
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b := make([]byte, end-start)
		if _, err := f.ReadAt(b, start); err != nil {
			t.Fatal(err)
		}
		return b
	}

	tests := []struct {
		name   string
		h      *Handler
		method string
		rng    string
		code   int
		crange string
		start  int64 // the body is the file's bytes [start, start+length)
		length int64
	}{
		{"capped_open_ended_from_0", capped, "GET", "bytes=0-", 206, "bytes 0-8388607/3221225472", 0, DefaultChunk},
		{"capped_no_range", capped, "GET", "", 206, "bytes 0-8388607/3221225472", 0, DefaultChunk},
		{"capped_open_ended_at_1_GiB", capped, "GET", "bytes=1073741824-", 206,
			"bytes 1073741824-1082130431/3221225472", 1 << 30, DefaultChunk},
		{"capped_closed_2_GiB", capped, "GET", "bytes=0-2147483647", 206, "bytes 0-8388607/3221225472", 0, DefaultChunk},
		{"capped_tail", capped, "GET", "bytes=3221225000-", 206,
			"bytes 3221225000-3221225471/3221225472", 3221225000, 472},
		{"capped_suffix", capped, "GET", "bytes=-100", 206,
			"bytes 3221225372-3221225471/3221225472", size - 100, 100},
		{"capped_past_end", capped, "GET", "bytes=3221225472-", 416, "bytes */3221225472", 0, 0},
		{"capped_head", capped, "HEAD", "", 206, "bytes 0-8388607/3221225472", 0, DefaultChunk},
		{"streaming_head", streaming, "HEAD", "", 200, "", 0, size},
		{"streaming_head_open_ended", streaming, "HEAD", "bytes=1073741824-", 206,
			"bytes 1073741824-3221225471/3221225472", 1 << 30, size - 1<<30},
		{"streaming_suffix", streaming, "GET", "bytes=-100", 206,
			"bytes 3221225372-3221225471/3221225472", size - 100, 100},
		{"streaming_past_end", streaming, "GET", "bytes=3221225472-", 416, "bytes */3221225472", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := serve(tt.h, tt.method, Prefix+"big", map[string]string{"Range": tt.rng})
			if rec.Code != tt.code {
				t.Fatalf("range=%q: StatusCode=%d, want %d", tt.rng, rec.Code, tt.code)
			}
			if got := rec.Header().Get("Content-Range"); got != tt.crange {
				t.Errorf("range=%q: Content-Range=%q, want %q", tt.rng, got, tt.crange)
			}
			if tt.code == 416 {
				return
			}
			if got := rec.Header().Get("Content-Type"); got != "video/x-matroska" {
				t.Errorf("range=%q: Content-Type=%q, want video/x-matroska", tt.rng, got)
			}
			if got := rec.Header().Get("Content-Length"); got != strconv.FormatInt(tt.length, 10) {
				t.Errorf("range=%q: Content-Length=%q, want %d", tt.rng, got, tt.length)
			}
			if tt.method == "HEAD" {
				if rec.Body.Len() != 0 {
					t.Errorf("range=%q: HEAD answered with %d body bytes", tt.rng, rec.Body.Len())
				}
				return
			}
			if int64(rec.Body.Len()) != tt.length {
				t.Fatalf("range=%q: body is %d bytes, want %d", tt.rng, rec.Body.Len(), tt.length)
			}
			want := fileBytes(t, tt.start, tt.start+tt.length)
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("range=%q: body differs from the file at [%d,%d)%s",
					tt.rng, tt.start, tt.start+tt.length, firstDiff(rec.Body.Bytes(), want))
			}
		})
	}
}

func TestIDFromPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		id   string
		ok   bool
	}{
		{"/media/0123456789abcdef01234567", "0123456789abcdef01234567", true},
		{"/media/A-z_09", "A-z_09", true},
		{"/media/" + strings.Repeat("a", 128), strings.Repeat("a", 128), true},
		{"/media/" + strings.Repeat("a", 129), "", false},
		{"/media/", "", false},
		{"/media", "", false},
		{"/other/abc", "", false},
		{"/media/abc/", "", false},
		{"/media/a/b", "", false},
		{"/media/..", "", false},
		{"/media/../etc/passwd", "", false},
		{"/media/a.mp4", "", false},
		{"/media/a%2fb", "", false},
		{`/media/a\b`, "", false},
		{"/media/a b", "", false},
		{"/media/a\x00", "", false},
		{"/media/é", "", false},
		{"//media/abc", "", false},
	}
	for _, tt := range tests {
		id, ok := idFromPath(tt.path)
		if id != tt.id || ok != tt.ok {
			t.Errorf("idFromPath(%q) = %q, %v, want %q, %v", tt.path, id, ok, tt.id, tt.ok)
		}
	}
}

// TestRequestLeftAlone checks that neither transport rewrites the request
// it was handed (net/http: a handler should not modify the request); the
// headers it serves by go into a copy.
func TestRequestLeftAlone(t *testing.T) {
	fx := newFixture(t)
	tests := []struct {
		name string
		hdr  map[string]string
	}{
		{"no range", nil},
		{"zero suffix", map[string]string{"Range": "bytes=-0"}},
		{"past the end", map[string]string{"Range": "bytes=20000-"}},
		{"conditionals", map[string]string{"Range": "bytes=0-", "If-None-Match": `"x"`, "If-Modified-Since": "Tue, 02 Jan 2024 03:04:05 GMT", "If-Range": `"y"`}},
		{"multi-range", map[string]string{"Range": "bytes=0-1,5-9"}},
	}
	for _, tt := range tests {
		for _, h := range []*Handler{fx.streaming, fx.capped} {
			req := httptest.NewRequest("GET", fx.target, nil)
			for k, v := range tt.hdr {
				req.Header.Set(k, v)
			}
			before := req.Header.Clone()
			h.ServeHTTP(httptest.NewRecorder(), req)
			if fmt.Sprint(req.Header) != fmt.Sprint(before) {
				t.Errorf("%s (MaxBody %d): request headers became %v, want %v", tt.name, h.MaxBody, req.Header, before)
			}
		}
	}
}
