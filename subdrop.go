package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"reel/internal/rules"
	"reel/internal/subtitles"
)

// SubtitleFileEvent is the Wails event that hands the page a subtitle file
// dropped on the window (issue 10).
const SubtitleFileEvent = rules.SubtitleFileEvent

// DragOverEvent tells the page whether files are dragged over the window
// (drop_linux.go): true on entering, false on leaving or dropping.
const DragOverEvent = rules.DragOverEvent

// isSubtitleFile reports whether path names a subtitle file by its
// extension: a drop of one on the window adds it to the playing video
// rather than opening its folder.
func isSubtitleFile(path string) bool {
	return subtitles.FormatOf(filepath.Base(path)) != ""
}

// pageDrops is what the page gets of a drop of paths: nothing when the
// first is a folder or a video, which Go opens (issue 12); else one
// SubtitleDrop a file, so that subtitle files dragged together all load
// (issue 10). Folders and videos after the first path are left out: a
// drop opens one thing.
func pageDrops(paths []string) []SubtitleDrop {
	if len(paths) == 0 || goOpens(paths[0]) {
		return nil
	}
	var drops []SubtitleDrop
	for _, p := range paths {
		if !goOpens(p) {
			drops = append(drops, pageDrop(p))
		}
	}
	return drops
}

// goOpens reports whether a drop of path is Go's to open: a folder, or a
// video (gone or not: openTarget says what went wrong).
func goOpens(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir() || rules.IsVideo(path)
}

// pageDrop is what the page gets of a dropped file that is not Go's to
// open. A subtitle file is read for the playing video. Any other file is
// refused, and Error says why: opening its folder would close the video
// playing, or the folder on screen, for a file Reel cannot use.
func pageDrop(path string) SubtitleDrop {
	if isSubtitleFile(path) {
		return readSubtitleDrop(path)
	}
	return SubtitleDrop{
		Name:  filepath.Base(path),
		Error: "it is not a video, a folder or a subtitle file (" + subtitleExtensions() + ")",
	}
}

// subtitleExtensions lists the subtitle files' extensions for a message:
// ".ass, .srt, .ssa, .vtt".
func subtitleExtensions() string {
	var exts []string
	for e := range rules.SubtitleTypes {
		exts = append(exts, e)
	}
	slices.Sort(exts)
	return strings.Join(exts, ", ")
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
// only a regular file of at most subtitles.MaxBytes is read.
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
	b, err := subtitles.ReadAll(f)
	if errors.Is(err, subtitles.ErrTooLarge) {
		return "", fmt.Errorf("it is larger than %d MiB", subtitles.MaxBytes>>20)
	}
	if err != nil {
		return "", errors.New("could not read it")
	}
	// A BOM, UTF-16, or older files' Windows-1252, as for the files beside a video.
	text, err := subtitles.Decode(b)
	if err != nil {
		return "", errors.New("could not read it as text")
	}
	return text, nil
}
