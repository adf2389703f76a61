package media

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseRange(t *testing.T) {
	t.Parallel()
	const size = 10000
	r := func(start, length int64) httpRange { return httpRange{start, length} }
	tests := []struct {
		name string
		s    string
		want []httpRange
		err  error
	}{
		{"range_none", "", nil, nil},
		{"range_first_100", "bytes=0-99", []httpRange{r(0, 100)}, nil},
		{"range_open_ended", "bytes=9000-", []httpRange{r(9000, 1000)}, nil},
		// RFC 9110 §14.1.2: a suffix range is the last N bytes, the whole
		// file when N is larger.
		{"range_suffix", "bytes=-100", []httpRange{r(9900, 100)}, nil},
		{"range_suffix_longer_than_file", "bytes=-20000", []httpRange{r(0, size)}, nil},
		// RFC 9110 §14.1.2: a last-pos at or past the end means the end.
		{"range_end_past_size", "bytes=9990-20000", []httpRange{r(9990, 10)}, nil},
		{"range_end_max_int64", "bytes=0-9223372036854775807", []httpRange{r(0, size)}, nil},
		{"range_multi", "bytes=0-0,-1", []httpRange{r(0, 1), r(9999, 1)}, nil},
		{"range_multi_empty_elements", "bytes=,0-1,,2-3,", []httpRange{r(0, 2), r(2, 2)}, nil},
		{"range_only_commas", "bytes=,", nil, nil},
		{"range_spaces", "bytes= 1 - 2", []httpRange{r(1, 2)}, nil},
		{"range_tabs", "bytes=\t1-2\t,\t3-4", []httpRange{r(1, 2), r(3, 2)}, nil},
		// RFC 9110 §14.1.1: satisfiable only if first-pos < length, or a
		// suffix-length > 0; otherwise 416 (§15.5.17).
		{"range_no_overlap", "bytes=10000-", nil, errNoOverlap},
		{"range_no_overlap_max_int64", "bytes=9223372036854775807-", nil, errNoOverlap},
		{"range_suffix_zero", "bytes=-0", nil, errNoOverlap},
		{"range_no_overlap_dropped", "bytes=20000-,5-9", []httpRange{r(5, 5)}, nil},
		{"range_suffix_zero_dropped", "bytes=-0,5-9", []httpRange{r(5, 5)}, nil},
		// RFC 9110 §14.1.1: last-pos less than first-pos is invalid.
		{"range_reversed", "bytes=5-1", nil, errBadRange},
		{"range_overflow_start", "bytes=99999999999999999999-", nil, errBadRange},
		{"range_overflow_end", "bytes=0-99999999999999999999", nil, errBadRange},
		{"range_overflow_suffix", "bytes=-99999999999999999999", nil, errBadRange},
		{"range_double_minus", "bytes=--5", nil, errBadRange},
		{"range_negative_end", "bytes=0--5", nil, errBadRange},
		{"range_two_dashes", "bytes=1-2-3", nil, errBadRange},
		{"range_no_dash", "bytes=5", nil, errBadRange},
		{"range_dash_only", "bytes=-", nil, errBadRange},
		{"range_hex", "bytes=0x10-", nil, errBadRange},
		{"range_underscore", "bytes=1_000-", nil, errBadRange},
		{"range_not_bytes", "items=0-1", nil, errBadRange},
		{"range_no_equals", "bytes 0-1", nil, errBadRange},
		{"range_one_bad_of_many", "bytes=0-1,x", nil, errBadRange},
	}
	for _, tt := range tests {
		got, err := parseRange(tt.s, size)
		if !errors.Is(err, tt.err) || !slices.Equal(got, tt.want) {
			t.Errorf("%s: parseRange(%q, %d) = %v, %v, want %v, %v", tt.name, tt.s, size, got, err, tt.want, tt.err)
		}
	}
}

func TestParseRangeEmptyFile(t *testing.T) {
	t.Parallel()
	// RFC 9110 §14.1.1: nothing of an empty representation can be
	// selected; ServeContent then serves it whole (§14.2, golang/go#54794).
	for _, s := range []string{"bytes=0-", "bytes=0-0", "bytes=-5", "bytes=-0", "bytes=0-0,-5"} {
		got, err := parseRange(s, 0)
		if got != nil || err != errNoOverlap {
			t.Errorf("parseRange(%q, 0) = %v, %v, want none, %v", s, got, err, errNoOverlap)
		}
	}
}

func TestRangeHeaderRoundTrip(t *testing.T) {
	t.Parallel()
	for _, r := range []httpRange{{0, 1}, {0, 100}, {9999, 1}, {5, 9995}} {
		got, err := parseRange(r.header(), 10000)
		if err != nil || len(got) != 1 || got[0] != r {
			t.Errorf("parseRange(%q) = %v, %v, want [%v]", r.header(), got, err, r)
		}
	}
}

// checkCapped asserts what the capped transport promises for any request:
// never a 304 (WebView2 hangs on one), a body within the cap, and a 206
// whose Content-Range, Content-Length and body agree with the file.
func checkCapped(t *testing.T, input string, fx *fixture, hdr map[string]string) {
	t.Helper()
	rec := serve(fx.capped, http.MethodGet, fx.target, hdr)
	body := rec.Body.Bytes()
	switch rec.Code {
	case http.StatusNotModified:
		t.Fatalf("%s: StatusCode=304 on the capped transport", input)
	case http.StatusPartialContent, http.StatusRequestedRangeNotSatisfiable, http.StatusPreconditionFailed:
	default:
		t.Fatalf("%s: StatusCode=%d, want 206, 412 or 416", input, rec.Code)
	}
	if len(body) > testCap {
		t.Fatalf("%s: body is %d bytes, over the cap of %d", input, len(body), testCap)
	}
	if rec.Code != http.StatusPartialContent {
		return
	}
	cr := rec.Header().Get("Content-Range")
	var start, end, size int64
	if _, err := fmt.Sscanf(cr, "bytes %d-%d/%d", &start, &end, &size); err != nil {
		t.Fatalf("%s: Content-Range=%q: %v", input, cr, err)
	}
	if size != testSize || start < 0 || end < start || end >= size {
		t.Fatalf("%s: Content-Range=%q, want a range inside bytes 0-%d", input, cr, testSize-1)
	}
	if got := rec.Header().Get("Content-Length"); got != strconv.Itoa(len(body)) {
		t.Errorf("%s: Content-Length=%q, body is %d bytes", input, got, len(body))
	}
	if !bytes.Equal(body, fx.content[start:end+1]) {
		t.Errorf("%s: body differs from the file bytes named by Content-Range=%q", input, cr)
	}
}

// TestCappedRandomRanges is a property test: whatever the Range and
// conditional headers, the capped transport keeps its promises.
func TestCappedRandomRanges(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	etag := serve(fx.streaming, http.MethodHead, fx.target, nil).Header().Get("ETag")
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	pos := func() string {
		switch rng.IntN(8) {
		case 0:
			return ""
		case 1:
			return "0"
		case 2:
			return strconv.Itoa(testSize - 1 + rng.IntN(3)) // around the end
		case 3:
			return strconv.Itoa(testCap - 1 + rng.IntN(3)) // around the cap
		case 4:
			return "99999999999999999999"
		case 5:
			return "-" + strconv.Itoa(rng.IntN(10))
		default:
			return strconv.Itoa(rng.IntN(2 * testSize))
		}
	}
	conds := []map[string]string{
		nil,
		{"If-None-Match": "*"},
		{"If-None-Match": etag},
		{"If-Modified-Since": testModTime.Add(time.Hour).Format(http.TimeFormat)},
		{"If-Range": etag},
		{"If-Range": `"other"`},
		{"If-Range": "W/" + etag},
		{"If-Range": testModTime.Format(http.TimeFormat)},
		{"If-Match": `"other"`},
		{"If-None-Match": etag, "If-Range": etag},
	}
	for i := 0; i < 3000; i++ {
		var specs []string
		for range 1 + rng.IntN(3) {
			specs = append(specs, pos()+"-"+pos())
		}
		prefix := "bytes="
		if rng.IntN(20) == 0 {
			prefix = []string{"", "items=", "bytes ", "Bytes="}[rng.IntN(4)]
		}
		hdr := map[string]string{}
		for k, v := range conds[rng.IntN(len(conds))] {
			hdr[k] = v
		}
		if rng.IntN(10) > 0 {
			hdr["Range"] = prefix + strings.Join(specs, ",")
		}
		checkCapped(t, fmt.Sprintf("seed=%d headers=%q", seed, hdr), fx, hdr)
		if t.Failed() {
			return
		}
	}
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{
		"", "bytes=0-", "bytes=-0", "bytes=5-1", "bytes=0-0,-1", "bytes= 1 - 2",
		"bytes=99999999999999999999-", "bytes=-99999999999999999999", "bytes=0-99",
		"bytes=-100", "bytes=9999-", "bytes=10000-", "bytes=0-9,20-29,-5", "bytes=,",
		"bytes=--1", "bytes=1--1", "bytes=0-9223372036854775807", "items=0-1",
		"bytes=\v0-1", "bytes=\u00a00-1", "bytes=+1-2", "bytes=-0,0-0",
	} {
		f.Add(s, int64(10000))
	}
	f.Add("bytes=0-", int64(1))
	f.Add("bytes=-5", int64(0))
	f.Add("bytes=0-", int64(0))
	f.Add("bytes=-1", int64(1<<62))
	f.Add("bytes=9223372036854775806-", int64(9223372036854775807))
	fx := newFixture(f)
	f.Fuzz(func(t *testing.T, s string, size int64) {
		if size < 0 {
			size = -(size + 1)
		}
		ranges, err := parseRange(s, size)
		if err != nil && !errors.Is(err, errBadRange) && !errors.Is(err, errNoOverlap) {
			t.Fatalf("parseRange(%q, %d): unexpected error %v", s, size, err)
		}
		if err != nil && ranges != nil {
			t.Fatalf("parseRange(%q, %d) = %v with error %v", s, size, ranges, err)
		}
		for _, r := range ranges {
			if r.start < 0 || r.start >= size || r.length <= 0 || r.length > size-r.start {
				t.Fatalf("parseRange(%q, %d) = %v: range %v is not inside [0,%d) or is empty", s, size, ranges, r, size)
			}
			again, err := parseRange(r.header(), size)
			if err != nil || len(again) != 1 || again[0] != r {
				t.Fatalf("parseRange(%q, %d): range %v renders as %q, which parses as %v, %v", s, size, r, r.header(), again, err)
			}
		}
		checkCapped(t, fmt.Sprintf("range=%q", s), fx, map[string]string{
			"Range":             s,
			"If-None-Match":     "*",
			"If-Modified-Since": testModTime.Add(time.Hour).Format(http.TimeFormat),
		})
	})
}
