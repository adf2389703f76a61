package subtitles

import (
	"errors"
	"strings"
)

// ErrNotASS is returned by ToASS for data without a "[Script Info]" section
// header among its first lines: a file named .ass that holds something else.
var ErrNotASS = errors.New("subtitles: not an ASS/SSA file")

// assHeaderWithin is how far into the file "[Script Info]" may start. The
// section is the first one in every ASS and SSA file (Sub Station Alpha
// v4.00+ spec, "Sections"), but some writers put comment lines before it.
const assHeaderWithin = 4096

// ToASS returns ASS or SSA subtitle data as UTF-8 text with LF line endings,
// for a renderer such as libass that takes the script as it is: styles and
// positions are the renderer's to read, so nothing but the encoding and the
// line endings changes. The encoding is detected as in ToVTT (a byte order
// mark, else UTF-8, else Windows-1252, which most old .ssa files are).
func ToASS(data []byte) ([]byte, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	head := text[:min(len(text), assHeaderWithin)]
	if !strings.Contains(strings.ToLower(head), "[script info]") {
		return nil, ErrNotASS
	}
	return []byte(text), nil
}
