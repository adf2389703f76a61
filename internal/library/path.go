package library

import (
	"errors"
	"path"
	"runtime"
	"strings"
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
