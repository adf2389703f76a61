package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"reel/internal/rules"
)

// SubtitleFileEvent is the Wails event that hands the page a subtitle file
// dropped on the window (issue 10).
const SubtitleFileEvent = rules.SubtitleFileEvent

// maxSubtitleBytes bounds a dropped subtitle file: they are text, a few
// hundred KB at most; the page's own limit for browser-mode drops is the same.
const maxSubtitleBytes = 16 << 20

// subtitleExts are the subtitle files a drop on the window adds to the
// playing video rather than opening their folder.
var subtitleExts = map[string]bool{".srt": true, ".vtt": true, ".ass": true, ".ssa": true}

// isSubtitleFile reports whether path names a subtitle file by its extension.
func isSubtitleFile(path string) bool {
	return subtitleExts[strings.ToLower(filepath.Ext(path))]
}

// SubtitleDrop is what the page gets of a dropped subtitle file: its name
// and text, or Error when it could not be read.
type SubtitleDrop struct {
	Name  string `json:"name"`
	Text  string `json:"text,omitempty"`
	Error string `json:"error,omitempty"`
}

// readSubtitleDrop reads a dropped subtitle file. The path comes from the
// OS, from the person's own drop, so it may lie outside the opened folders;
// only a regular file of at most maxSubtitleBytes of UTF-8 text is read.
func readSubtitleDrop(path string) SubtitleDrop {
	d := SubtitleDrop{Name: filepath.Base(path)}
	text, err := readSubtitleText(path)
	if err != nil {
		d.Error = err.Error()
		return d
	}
	d.Text = text
	return d
}

func readSubtitleText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", errors.New("could not open it")
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return "", errors.New("it is not a file")
	}
	if st.Size() > maxSubtitleBytes {
		return "", fmt.Errorf("it is larger than %d MiB", maxSubtitleBytes>>20)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSubtitleBytes+1))
	if err != nil {
		return "", errors.New("could not read it")
	}
	if len(b) > maxSubtitleBytes {
		return "", fmt.Errorf("it is larger than %d MiB", maxSubtitleBytes>>20)
	}
	b = []byte(strings.TrimPrefix(string(b), "\uFEFF"))
	if !utf8.Valid(b) {
		// Older SRT files are often Latin-1 (Windows-1252): read as such.
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r), nil
	}
	return string(b), nil
}
