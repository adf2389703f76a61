package subtitles

import (
	"cmp"
	"slices"
	"strings"
)

// A cue is one timed block of subtitle text. Times are in milliseconds.
type cue struct {
	start, end int64
	lines      []string
}

// parseSRT splits SRT text (LF line endings) into cues with the raw text
// lines of each. Cues whose timing line is malformed are left out, together
// with their text, so that one damaged cue does not cost the whole file.
//
// A cue's text runs until the next timing line rather than the first blank
// line: files in the wild have blank lines inside cues and missing index
// lines, and the timing line is the only marker that is always present. The
// index line of the next cue is recognised by shape (see dropIndexLine).
func parseSRT(text string) []cue {
	var (
		cues    []cue
		cur     *cue
		pending []string
	)
	flush := func() {
		if cur != nil {
			cur.lines = trimBlankLines(dropIndexLine(trimBlankLines(pending)))
			cues = append(cues, *cur)
		}
		pending = nil
	}
	for line := range strings.SplitSeq(text, "\n") {
		if !isTimingLine(line) {
			if cur != nil {
				pending = append(pending, line)
			}
			continue
		}
		flush()
		cur = nil
		if start, end, ok := parseTiming(line); ok {
			cur = &cue{start: start, end: end}
		}
	}
	flush()
	// WebVTT wants cues in start-time order; SRT files are not always.
	slices.SortStableFunc(cues, func(a, b cue) int { return cmp.Compare(a.start, b.start) })
	return cues
}

// isTimingLine reports whether line is meant as a timing line, well formed
// or not: an arrow after a single word that starts with a digit and has a
// colon in it. A damaged timing line must still be recognised, or its cue's
// text would run on into the cue before. Dialogue such as "10 --> 20 miles"
// stays text.
func isTimingLine(line string) bool {
	before, _, ok := strings.Cut(line, "-->")
	if !ok {
		return false
	}
	before = strings.TrimSpace(before)
	return before != "" && isASCIIDigit(before[0]) &&
		strings.Contains(before, ":") && !strings.ContainsAny(before, " \t")
}

// parseTiming parses "00:01:02,345 --> 00:01:04,000". Anything after the end
// time, such as the "X1:100 X2:600 Y1:20 Y2:50" box some tools emit, is
// ignored. An end before the start is malformed.
func parseTiming(line string) (start, end int64, ok bool) {
	before, after, _ := strings.Cut(line, "-->")
	fields := strings.Fields(after)
	if len(fields) == 0 {
		return 0, 0, false
	}
	start, ok1 := parseTimestamp(strings.TrimSpace(before))
	end, ok2 := parseTimestamp(fields[0])
	if !ok1 || !ok2 || end < start {
		return 0, 0, false
	}
	return start, end, true
}

// parseTimestamp parses an SRT time in milliseconds. It accepts the standard
// "HH:MM:SS,mmm" and the variants seen in real files: '.' for ',', hours
// missing or of any width, and fractions of other than three digits, read as
// decimal fractions ("1,5" is 1.5 s).
func parseTimestamp(s string) (int64, bool) {
	clock, frac := s, ""
	if i := strings.LastIndexAny(s, ",."); i >= 0 {
		clock, frac = s[:i], s[i+1:]
		if frac == "" {
			return 0, false
		}
	}
	ms, ok := parseFraction(frac)
	if !ok {
		return 0, false
	}
	parts := strings.Split(clock, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	if len(parts) == 2 {
		parts = append([]string{"0"}, parts...)
	}
	h, okH := parseNumber(parts[0], 6)
	m, okM := parseNumber(parts[1], 2)
	sec, okS := parseNumber(parts[2], 2)
	if !okH || !okM || !okS || m >= 60 || sec >= 60 {
		return 0, false
	}
	return ((h*60+m)*60+sec)*1000 + ms, true
}

// parseNumber parses 1 to maxDigits ASCII digits; the limit rules out overflow.
func parseNumber(s string, maxDigits int) (int64, bool) {
	if s == "" || len(s) > maxDigits {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

// parseFraction reads the digits after the decimal separator as
// milliseconds, keeping the first three: "5" is 500, "05" is 50, "0509" is 50.
func parseFraction(s string) (int64, bool) {
	if len(s) > 9 {
		return 0, false
	}
	var ms int64
	for i := range 3 {
		ms *= 10
		if i < len(s) {
			if !isASCIIDigit(s[i]) {
				return 0, false
			}
			ms += int64(s[i] - '0')
		}
	}
	for i := 3; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return 0, false
		}
	}
	return ms, true
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// dropIndexLine removes the next cue's index number from the end of lines.
// An index is a line of digits after a blank line; a line of digits directly
// under the text ("The answer is" / "42") is dialogue, and so is a cue whose
// only text is a number.
func dropIndexLine(lines []string) []string {
	n := len(lines)
	if n >= 2 && isBlank(lines[n-2]) && isIndex(lines[n-1]) {
		return lines[:n-1]
	}
	return lines
}

func isIndex(line string) bool {
	line = strings.TrimSpace(line)
	return line != "" && strings.Trim(line, "0123456789") == ""
}

func isBlank(line string) bool { return strings.TrimSpace(line) == "" }

// trimBlankLines drops blank lines at either end of lines.
func trimBlankLines(lines []string) []string {
	for len(lines) > 0 && isBlank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && isBlank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}
