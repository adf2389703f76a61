package library

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"reel/internal/natsort"
	"reel/internal/subtitles"
)

// Folder is a subfolder shown in a listing.
type Folder struct {
	Name string `json:"name"`
	// Path is slash-separated and relative to the opened folder.
	Path string `json:"path"`
	// VideoCount is the number of videos directly inside, -1 if unreadable.
	VideoCount int `json:"videoCount"`
}

// Video is a video file shown in a listing.
type Video struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Path is slash-separated and relative to the opened folder.
	Path    string    `json:"path"`
	Size    int64     `json:"size"`
	ModTime time.Time `json:"modTime"`
	// URL is what the page plays; the API fills it in per transport.
	URL string `json:"url"`
	// AbsPath is the file's path on disk, for the store's keys; never sent.
	AbsPath string `json:"-"`
	// Subtitles are the sidecar subtitle files found beside the video.
	Subtitles []subtitles.Track `json:"-"`
}

// Listing is the content of one folder.
type Listing struct {
	// Root is the absolute path of the folder the user opened.
	Root string `json:"root"`
	// Dir is the listed folder relative to Root ("" for Root itself).
	Dir     string   `json:"dir"`
	Folders []Folder `json:"folders"`
	Videos  []Video  `json:"videos"`
	// Problems are entries that were skipped and why, for the user to read.
	Problems []string `json:"problems"`
}

// List lists dir, a path relative to the current folder as sent by the page:
// the whole folder as one page of ListPage, so the two cannot disagree.
// Folders and videos come in natural name order ("ep2" before "ep10").
func (l *Library) List(dir string) (Listing, error) {
	out, _, err := l.ListPage(dir, 0, math.MaxInt)
	return out, err
}

// ListRecursive lists every video below dir, descending into subfolders.
// Symlinked folders are not followed, so a link loop cannot hang it;
// unreadable folders are skipped and named in Problems.
func (l *Library) ListRecursive(dir string) (Listing, error) {
	rel, root, abs, err := l.resolveDir(dir)
	if err != nil {
		return Listing{}, err
	}
	start := rel
	if start == "" {
		start = "."
	}
	if _, err := readDir(root, rel); err != nil {
		return Listing{}, err
	}
	out := newListing(abs, rel)
	found := make(map[string]fileRef)
	fsys := root.FS()
	folderNames := map[string]dirNames{}
	err = fs.WalkDir(fsys, start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != start {
				out.Problems = append(out.Problems, describe(p, err))
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !IsVideo(d.Name()) {
			return nil
		}
		info, err := entryInfo(root, p, d)
		if err != nil {
			out.Problems = append(out.Problems, describe(p, err))
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		parent := path.Dir(p)
		names, ok := folderNames[parent]
		if !ok {
			if ents, err := readDir(root, parent); err == nil {
				names = entryNames(root, dirOf(p), ents)
			}
			folderNames[parent] = names
		}
		v := newVideo(abs, p, d.Name(), info, names)
		found[v.ID] = fileRef{root: root, dir: abs, rel: p}
		out.Videos = append(out.Videos, v)
		return nil
	})
	if err != nil {
		return Listing{}, err
	}
	l.register(found)
	out.sort()
	return out, nil
}

func newListing(abs, rel string) Listing {
	return Listing{Root: abs, Dir: rel, Folders: []Folder{}, Videos: []Video{}, Problems: []string{}}
}

func newVideo(abs, p, name string, info fs.FileInfo, names dirNames) Video {
	return Video{
		ID: makeID(abs, p), Name: name, Path: p, Size: info.Size(), ModTime: info.ModTime(),
		AbsPath:   filepath.Join(abs, filepath.FromSlash(p)),
		Subtitles: names.sidecars(name),
	}
}

func (out *Listing) sort() {
	slices.SortFunc(out.Folders, func(a, b Folder) int { return natsort.Compare(a.Name, b.Name) })
	slices.SortFunc(out.Videos, func(a, b Video) int {
		if c := natsort.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return natsort.Compare(a.Path, b.Path)
	})
}

// countVideos counts the videos directly in dir, or -1 if it is unreadable.
func countVideos(root *os.Root, dir string) int {
	entries, err := readDir(root, dir)
	if err != nil {
		return -1
	}
	n := 0
	for _, e := range entries {
		if IsVideo(e.Name()) && !e.IsDir() {
			n++
		}
	}
	return n
}

func readDir(root *os.Root, rel string) ([]fs.DirEntry, error) {
	name := rel
	if name == "" {
		name = "."
	}
	f, err := openDir(root, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readEntries(root, name, f)
}

// entryInfo returns the info of the entry, following a symlink only while it
// stays inside the root: os.Root refuses links that lead out of it. It
// always stats through root: readDir's entries carry no info of their own
// (readEntries).
func entryInfo(root *os.Root, p string, e fs.DirEntry) (fs.FileInfo, error) {
	if e.Type()&fs.ModeSymlink != 0 {
		info, err := root.Stat(p)
		if err != nil {
			return nil, errLinkOutside
		}
		return info, nil
	}
	return root.Lstat(p)
}

var errLinkOutside = errors.New("link leads outside the folder or nowhere")

func describe(name string, err error) string {
	switch {
	case errors.Is(err, errLinkOutside):
		return name + ": skipped, " + errLinkOutside.Error()
	case errors.Is(err, fs.ErrPermission):
		return name + ": permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return name + ": removed while listing"
	default:
		return name + ": " + err.Error()
	}
}

func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return path.Join(dir, name)
}

func dirOf(rel string) string {
	d := path.Dir(rel)
	if d == "." {
		return ""
	}
	return d
}
