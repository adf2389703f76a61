package library

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"reel/internal/subtitles"
)

// dirNames are the names in one folder, for finding sidecar subtitles.
type dirNames struct {
	all  []string
	subs []string // the subtitle files (.srt, .vtt, .ass, .ssa) among all
}

// entryNames collects the names of the folder dir of root. A subtitle that
// is a symlink counts only while it leads to a regular file inside root, the
// rule videos follow (issue 11 item 8): one leading out is never offered.
func entryNames(root *os.Root, dir string, entries []fs.DirEntry) dirNames {
	var d dirNames
	d.all = make([]string, 0, len(entries))
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".srt", ".vtt", ".ass", ".ssa": // issue 10: ASS/SSA too
			if e.Type()&fs.ModeSymlink != 0 {
				if info, err := root.Stat(join(dir, e.Name())); err != nil || !info.Mode().IsRegular() {
					continue
				}
			}
			d.subs = append(d.subs, e.Name())
		}
		d.all = append(d.all, e.Name())
	}
	return d
}

// sidecars finds the subtitles of the video name. Only a video whose stem
// starts some subtitle's name pays for the full search: a folder of 10,000
// videos must not cost 10,000² name comparisons.
func (d dirNames) sidecars(name string) []subtitles.Track {
	stem := strings.TrimSuffix(name, path.Ext(name))
	for _, s := range d.subs {
		if len(s) >= len(stem) && strings.EqualFold(s[:len(stem)], stem) {
			return subtitles.Sidecars(name, d.all)
		}
	}
	return []subtitles.Track{}
}

// OpenSidecar opens the n-th subtitle track of the video with id.
func (l *Library) OpenSidecar(id string, n int) (*os.File, subtitles.Track, error) {
	l.mu.RLock()
	ref, ok := l.files[id]
	l.mu.RUnlock()
	if !ok {
		return nil, subtitles.Track{}, ErrUnknownID
	}
	ents, err := readDir(ref.root, path.Dir(ref.rel))
	if err != nil {
		return nil, subtitles.Track{}, err
	}
	tracks := entryNames(ref.root, dirOf(ref.rel), ents).sidecars(path.Base(ref.rel))
	if n < 0 || n >= len(tracks) {
		return nil, subtitles.Track{}, fmt.Errorf("no subtitle track %d: %w", n, fs.ErrNotExist)
	}
	t := tracks[n]
	f, _, err := openRegular(ref.root, join(dirOf(ref.rel), t.File))
	return f, t, err
}
