package library

import (
	"errors"
	"fmt"
	"path"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrBadPath is returned by CleanRel for a path that could name something
// outside the opened folder, or that no listing of ours ever produced.
var ErrBadPath = errors.New("library: path is not a plain relative path")

// CleanRel is the only place where a folder path sent by the page is
// sanitised. It accepts a slash-separated path relative to an opened folder
// ("Films/2019") and returns it cleaned ("" for the folder itself).
//
// It refuses, on every OS:
//   - NUL bytes (they truncate paths in C APIs);
//   - backslashes, which are separators on Windows ("..\\secret");
//   - absolute paths ("/etc", "//server/share") and drive-letter paths
//     ("C:\\", "C:foo"), which would replace the base instead of joining it;
//   - any ".." element, before or after cleaning.
//
// On Windows it also refuses ':' anywhere (alternate data streams,
// "video.mp4:secret") and names ending in a dot or space, which Windows
// silently strips (so "a.mp4." would alias "a.mp4").
//
// Files are still opened through os.Root, so a symlink cannot lead out of the
// folder either; CleanRel makes the refusal early and explicit.
func CleanRel(p string) (string, error) {
	return cleanRel(p, runtime.GOOS)
}

func cleanRel(p, goos string) (string, error) {
	if p == "" || p == "." {
		return "", nil
	}
	if strings.ContainsRune(p, 0) || strings.ContainsRune(p, '\\') {
		return "", ErrBadPath
	}
	if strings.HasPrefix(p, "/") || hasDrivePrefix(p) {
		return "", ErrBadPath
	}
	for _, elem := range strings.Split(p, "/") {
		if elem == ".." {
			return "", ErrBadPath
		}
		if goos == "windows" && (strings.ContainsRune(elem, ':') ||
			strings.HasSuffix(elem, ".") && elem != "." ||
			strings.HasSuffix(elem, " ")) {
			return "", ErrBadPath
		}
	}
	clean := path.Clean(p)
	if clean == "." {
		return "", nil
	}
	// "./C:foo" cleans to "C:foo".
	if clean == ".." || strings.HasPrefix(clean, "../") || strings.HasPrefix(clean, "/") || hasDrivePrefix(clean) {
		return "", ErrBadPath
	}
	return clean, nil
}

// hasDrivePrefix reports whether p starts like a Windows volume: "C:".
func hasDrivePrefix(p string) bool {
	if len(p) < 2 || p[1] != ':' {
		return false
	}
	c := p[0]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// EncodeRel makes a slash-separated relative path safe for JSON, which can
// only carry UTF-8: a folder whose name is not valid UTF-8 would come back
// from the page with U+FFFD in place of its bytes, naming nothing (issue
// 11). A path that is valid UTF-8 and has no '%' is returned unchanged;
// otherwise '%' and each byte of an invalid sequence become %XX. '/' is
// never escaped, so the page may still split a path into its folders and
// join them back. DecodeRel reverses it.
func EncodeRel(p string) string {
	if utf8.ValidString(p) && !strings.Contains(p, "%") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == utf8.RuneError && n <= 1, r == '%':
			fmt.Fprintf(&b, "%%%02X", p[i])
		default:
			b.WriteString(p[i : i+n])
		}
		i += max(n, 1)
	}
	return b.String()
}

// DecodeRel reverses EncodeRel for a path the page sent back; a path with
// no '%' is taken as it is. A malformed escape is ErrBadPath. The result
// still goes through CleanRel.
func DecodeRel(p string) (string, error) {
	if !strings.Contains(p, "%") {
		return p, nil
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '%' {
			b.WriteByte(p[i])
			continue
		}
		if i+2 >= len(p) {
			return "", ErrBadPath
		}
		v, err := strconv.ParseUint(p[i+1:i+3], 16, 8)
		if err != nil {
			return "", ErrBadPath
		}
		b.WriteByte(byte(v))
		i += 2
	}
	return b.String(), nil
}
