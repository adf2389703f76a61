package subtitles

import (
	"regexp"
	"strings"
)

// assOverride matches an ASS/SSA override block such as {\an8} or
// {\i1\c&H00FFFF&}, which SRT authoring tools leave in cue text.
var assOverride = regexp.MustCompile(`\{\\[^{}]*\}`)

// cueText turns the raw SRT lines of one cue into WebVTT cue text lines.
//
// WebVTT reads cue text as markup, so only the tags it shares with SRT
// (<i>, <b>, <u>) are kept; <font> tags are dropped and their text kept; any
// other '<', '>' or '&' is escaped so that it shows as typed. Escaping '>'
// also keeps "-->" out of the cue text, where it would end the cue. Blank
// lines are dropped: in WebVTT a blank line ends the cue. Tags are balanced
// across the whole cue, since a tag opened on one line and closed on the
// next is common in SRT.
//
// cueText returns nil if nothing visible is left.
func cueText(raw []string) []string {
	var (
		w     tagWriter
		lines []string
		carry string // markup from lines that had no visible text
	)
	for _, line := range raw {
		line = strings.TrimSpace(assOverride.ReplaceAllString(line, ""))
		w.reset()
		w.writeLine(line)
		if !w.visible {
			carry += w.b.String()
			continue
		}
		lines = append(lines, carry+w.b.String())
		carry = ""
	}
	if len(lines) == 0 {
		return nil
	}
	w.reset()
	w.closeAll()
	lines[len(lines)-1] += carry + w.b.String()
	return lines
}

// tagWriter escapes cue text and rewrites its tags, keeping the stack of
// open tags from one line to the next.
type tagWriter struct {
	b       strings.Builder
	open    []string
	visible bool // whether the current line has text besides tags and spaces
}

func (w *tagWriter) reset() {
	w.b.Reset()
	w.visible = false
}

func (w *tagWriter) writeLine(s string) {
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '<':
			if name, closing, n := parseTag(s[i:]); n > 0 {
				w.tag(name, closing)
				i += n
				continue
			}
			w.text("&lt;")
		case '>':
			w.text("&gt;")
		case '&':
			if n := entityLen(s[i:]); n > 0 {
				w.text(s[i : i+n])
				i += n
				continue
			}
			w.text("&amp;")
		default:
			w.b.WriteByte(c)
			if c != ' ' && c != '\t' {
				w.visible = true
			}
		}
		i++
	}
}

func (w *tagWriter) text(s string) {
	w.b.WriteString(s)
	w.visible = true
}

// tag writes a kept tag and drops the rest. A closing tag with no matching
// open tag is dropped. One that closes a tag below the top of the stack, as
// in "<b><i>x</b>y</i>", closes the tags above it and reopens them, which is
// how a browser would render the SRT.
func (w *tagWriter) tag(name string, closing bool) {
	if name == "font" {
		return
	}
	if !closing {
		w.open = append(w.open, name)
		w.b.WriteString("<" + name + ">")
		return
	}
	k := -1
	for i, t := range w.open {
		if t == name {
			k = i
		}
	}
	if k < 0 {
		return
	}
	above := w.open[k+1:]
	for i := len(above) - 1; i >= 0; i-- {
		w.b.WriteString("</" + above[i] + ">")
	}
	w.b.WriteString("</" + name + ">")
	for _, t := range above {
		w.b.WriteString("<" + t + ">")
	}
	w.open = append(w.open[:k], above...)
}

func (w *tagWriter) closeAll() {
	for i := len(w.open) - 1; i >= 0; i-- {
		w.b.WriteString("</" + w.open[i] + ">")
	}
	w.open = w.open[:0]
}

// parseTag reports the tag at the start of s if it is one cueText knows:
// <i>, <b>, <u> or <font>, in any case, opening or closing, with or without
// attributes. n is the tag's length in bytes, or 0 if s does not start with
// such a tag.
func parseTag(s string) (name string, closing bool, n int) {
	i := 1
	if i < len(s) && s[i] == '/' {
		closing = true
		i++
	}
	j := i
	for j < len(s) && isASCIILetter(s[j]) {
		j++
	}
	name = strings.ToLower(s[i:j])
	switch name {
	case "i", "b", "u", "font":
	default:
		return "", false, 0
	}
	end := strings.IndexAny(s[j:], "<>")
	if end < 0 || s[j+end] != '>' {
		return "", false, 0
	}
	if end > 0 && s[j] != ' ' && s[j] != '\t' {
		// "<important>" is not "<i>" with attributes.
		return "", false, 0
	}
	return name, closing, j + end + 1
}

// entityLen returns the length of the character reference at the start of
// s ("&amp;", "&#233;", "&#xE9;"), or 0 if the '&' there is a bare one.
func entityLen(s string) int {
	i := 1
	switch {
	case strings.HasPrefix(s, "&#x") || strings.HasPrefix(s, "&#X"):
		i = 3
		for i < len(s) && i < 3+6 && isHexDigit(s[i]) {
			i++
		}
		if i == 3 {
			return 0
		}
	case strings.HasPrefix(s, "&#"):
		i = 2
		for i < len(s) && i < 2+7 && isASCIIDigit(s[i]) {
			i++
		}
		if i == 2 {
			return 0
		}
	default:
		for i < len(s) && i < 1+32 && (isASCIILetter(s[i]) || (i > 1 && isASCIIDigit(s[i]))) {
			i++
		}
		if i == 1 {
			return 0
		}
	}
	if i < len(s) && s[i] == ';' {
		return i + 1
	}
	return 0
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHexDigit(c byte) bool {
	return isASCIIDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
