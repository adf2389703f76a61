package attachments

import (
	"bytes"
	"io"
	"path"
	"strings"
)

// fontMIMEs are the media types muxers give fonts: RFC 8081's, and the
// older ones mkvmerge and ffmpeg still write.
var fontMIMEs = map[string]bool{
	"font/ttf": true, "font/otf": true, "font/sfnt": true, "font/collection": true,
	"font/woff": true, "font/woff2": true,
	"application/x-truetype-font": true, "application/x-font-ttf": true,
	"application/x-font-otf": true, "application/x-font-opentype": true,
	"application/vnd.ms-opentype": true, "application/font-sfnt": true,
	"application/x-font": true, "application/font-woff": true,
}

// fontExts are the font file name extensions, for attachments stored as
// application/octet-stream, as many are.
var fontExts = map[string]bool{".ttf": true, ".otf": true, ".ttc": true, ".otc": true, ".woff": true, ".woff2": true}

// fontMagic maps the first four bytes of a font file to its RFC 8081 type.
var fontMagic = []struct {
	magic []byte
	ctype string
}{
	{[]byte{0, 1, 0, 0}, "font/ttf"},
	{[]byte("true"), "font/ttf"},
	{[]byte("OTTO"), "font/otf"},
	{[]byte("ttcf"), "font/collection"},
	{[]byte("wOFF"), "font/woff"},
	{[]byte("wOF2"), "font/woff2"},
}

// Font reports whether f, whose bytes r holds, is a font, and its content
// type (RFC 8081). The muxer's media type or the name's extension must say
// font, and the data must start as a font does: the type is read from
// those bytes, since the stored one is often a legacy name.
func Font(r io.ReaderAt, f File) (ctype string, ok bool) {
	mime := strings.ToLower(strings.TrimSpace(f.MIME))
	if !fontMIMEs[mime] && !fontExts[strings.ToLower(path.Ext(f.Name))] {
		return "", false
	}
	var head [4]byte
	if f.Size < int64(len(head)) {
		return "", false
	}
	if _, err := r.ReadAt(head[:], f.Offset); err != nil {
		return "", false
	}
	for _, m := range fontMagic {
		if bytes.Equal(head[:], m.magic) {
			return m.ctype, true
		}
	}
	return "", false
}
