package media

import (
	"errors"
	"strconv"
	"strings"
)

// httpRange is a byte range [start, start+length).
type httpRange struct {
	start, length int64
}

var (
	errBadRange  = errors.New("media: invalid range")
	errNoOverlap = errors.New("media: range does not overlap the content")
)

// parseRange parses a Range header value (RFC 9110 §14.2) against a
// representation of size bytes. An empty header gives no ranges and no
// error. Ranges starting past the end are dropped; if none is left the
// answer is errNoOverlap (416 with "bytes */size", RFC 9110 §15.5.17).
//
// It follows net/http's parser so that the capped transport and
// http.ServeContent agree on what a header means.
func parseRange(s string, size int64) ([]httpRange, error) {
	if s == "" {
		return nil, nil
	}
	const b = "bytes="
	if !strings.HasPrefix(s, b) {
		return nil, errBadRange
	}
	var ranges []httpRange
	noOverlap := false
	for _, ra := range strings.Split(s[len(b):], ",") {
		ra = strings.TrimSpace(ra)
		if ra == "" {
			continue
		}
		startStr, endStr, ok := strings.Cut(ra, "-")
		if !ok {
			return nil, errBadRange
		}
		startStr, endStr = strings.TrimSpace(startStr), strings.TrimSpace(endStr)
		var r httpRange
		if startStr == "" {
			// Suffix range "-N": the last N bytes (RFC 9110 §14.1.2).
			if endStr == "" || endStr[0] == '-' {
				return nil, errBadRange
			}
			n, err := strconv.ParseInt(endStr, 10, 64)
			if err != nil || n < 0 {
				return nil, errBadRange
			}
			if n > size {
				n = size
			}
			if n == 0 {
				// Zero bytes: "-0" (RFC 9110 §14.1.1), or any suffix of an
				// empty file, which is then served whole (§14.2).
				noOverlap = true
				continue
			}
			r.start = size - n
			r.length = size - r.start
		} else {
			start, err := strconv.ParseInt(startStr, 10, 64)
			if err != nil || start < 0 {
				return nil, errBadRange
			}
			if start >= size {
				noOverlap = true
				continue
			}
			r.start = start
			if endStr == "" {
				r.length = size - start
			} else {
				end, err := strconv.ParseInt(endStr, 10, 64)
				if err != nil || start > end {
					return nil, errBadRange
				}
				if end >= size {
					end = size - 1
				}
				r.length = end - start + 1
			}
		}
		ranges = append(ranges, r)
	}
	if noOverlap && len(ranges) == 0 {
		return nil, errNoOverlap
	}
	return ranges, nil
}

// header renders r as a Range header value.
func (r httpRange) header() string {
	return "bytes=" + strconv.FormatInt(r.start, 10) + "-" + strconv.FormatInt(r.start+r.length-1, 10)
}

// countParts counts the ranges a Range header names, empty ones aside, as
// parseRange reads them.
func countParts(s string) int {
	n := 0
	for _, ra := range strings.Split(strings.TrimPrefix(s, "bytes="), ",") {
		if strings.TrimSpace(ra) != "" {
			n++
		}
	}
	return n
}

// joinRanges renders ranges as one Range header value.
func joinRanges(ranges []httpRange) string {
	parts := make([]string, len(ranges))
	for i, r := range ranges {
		parts[i] = strings.TrimPrefix(r.header(), "bytes=")
	}
	return "bytes=" + strings.Join(parts, ",")
}
