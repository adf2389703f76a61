package subtitles

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode returns subtitle bytes as UTF-8 text with LF line endings, as
// decodeText does; for text that reaches the page as it is.
func Decode(data []byte) (string, error) { return decodeText(data) }

// decodeText returns data as UTF-8 text with LF line endings.
//
// Subtitle files carry no charset declaration, so the encoding is guessed in
// the order that is least likely to be wrong: a byte order mark is decisive;
// bytes that are valid UTF-8 are almost never meant as anything else; and the
// remaining files are overwhelmingly Windows-1252, which agrees with Latin-1
// on every printable character.
func decodeText(data []byte) (string, error) {
	var (
		text string
		err  error
	)
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		text = strings.ToValidUTF8(string(data[len(bomUTF8):]), "\uFFFD")
	case bytes.HasPrefix(data, bomUTF16LE):
		text, err = decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data[len(bomUTF16LE):])
	case bytes.HasPrefix(data, bomUTF16BE):
		text, err = decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data[len(bomUTF16BE):])
	case utf8.Valid(data):
		text = string(data)
	default:
		text, err = decodeWith(charmap.Windows1252, data)
	}
	if err != nil {
		return "", err
	}
	return normalizeNewlines(text), nil
}

func decodeWith(enc encoding.Encoding, data []byte) (string, error) {
	b, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// normalizeNewlines turns CRLF and lone CR (classic Mac OS) line endings
// into LF.
func normalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
