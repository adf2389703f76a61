// Package library keeps the folders the user opened in this session, lists
// their videos and subfolders, and maps the opaque ids it hands out back to
// files. Every file access goes through an os.Root of an opened folder, so
// nothing outside those folders is ever listed or opened.
package library

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Errors returned by Library methods. Callers map them to HTTP statuses with
// errors.Is (fs.ErrNotExist → 404, fs.ErrPermission → 403).
var (
	// ErrNoFolder means no folder has been opened yet.
	ErrNoFolder = errors.New("library: no folder is open")
	// ErrUnknownID means the id was never handed out by a listing.
	ErrUnknownID = fmt.Errorf("library: unknown id: %w", fs.ErrNotExist)
	// ErrNotVideo means the id names something that is no longer a regular file.
	ErrNotVideo = fmt.Errorf("library: not a regular file: %w", fs.ErrNotExist)
)

// Folder is a subfolder shown in a listing.
type Folder struct {
	Name string `json:"name"`
	// Path is slash-separated and relative to the opened folder.
	Path string `json:"path"`
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

// Library is the set of folders opened in this session. It is safe for
// concurrent use.
type Library struct {
	mu      sync.RWMutex
	roots   map[string]*os.Root // absolute dir → root
	current string              // absolute dir of the folder on screen
	files   map[string]fileRef  // id → file
}

type fileRef struct {
	root *os.Root
	dir  string // absolute root dir
	rel  string // slash-separated path inside root
}

// New returns an empty library.
func New() *Library {
	return &Library{roots: map[string]*os.Root{}, files: map[string]fileRef{}}
}

// Open makes dir (an absolute or working-directory-relative path chosen by
// the user, never by the page) the current folder and returns its absolute
// path.
func (l *Library) Open(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	if !st.IsDir() {
		return "", fmt.Errorf("%s is not a folder", abs)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.roots[abs]; !ok {
		root, err := os.OpenRoot(abs)
		if err != nil {
			return "", err
		}
		l.roots[abs] = root
	}
	l.current = abs
	return abs, nil
}

// Current returns the absolute path of the current folder, or "".
func (l *Library) Current() string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.current
}

// Close releases every opened folder.
func (l *Library) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []error
	for _, r := range l.roots {
		errs = append(errs, r.Close())
	}
	l.roots = map[string]*os.Root{}
	l.files = map[string]fileRef{}
	l.current = ""
	return errors.Join(errs...)
}

// List lists dir, a path relative to the current folder as sent by the page.
// Videos are sorted by name, folders too; the caller may re-sort.
func (l *Library) List(dir string) (Listing, error) {
	rel, err := CleanRel(dir)
	if err != nil {
		return Listing{}, err
	}
	l.mu.RLock()
	abs := l.current
	root := l.roots[abs]
	l.mu.RUnlock()
	if root == nil {
		return Listing{}, ErrNoFolder
	}
	entries, err := readDir(root, rel)
	if err != nil {
		return Listing{}, err
	}
	out := Listing{Root: abs, Dir: rel, Folders: []Folder{}, Videos: []Video{}, Problems: []string{}}
	found := make(map[string]fileRef)
	for _, e := range entries {
		name := e.Name()
		p := join(rel, name)
		info, err := entryInfo(root, p, e)
		if err != nil {
			out.Problems = append(out.Problems, describe(name, err))
			continue
		}
		switch {
		case info.IsDir():
			out.Folders = append(out.Folders, Folder{Name: name, Path: p})
		case info.Mode().IsRegular() && IsVideo(name):
			id := makeID(abs, p)
			found[id] = fileRef{root: root, dir: abs, rel: p}
			out.Videos = append(out.Videos, Video{
				ID: id, Name: name, Path: p, Size: info.Size(), ModTime: info.ModTime(),
				AbsPath: filepath.Join(abs, filepath.FromSlash(p)),
			})
		}
	}
	l.mu.Lock()
	for id, ref := range found {
		l.files[id] = ref
	}
	l.mu.Unlock()
	return out, nil
}

// OpenFile opens the video with the given id. The returned file is a regular file inside an opened
// folder; the caller closes it.
func (l *Library) OpenFile(id string) (*os.File, fs.FileInfo, error) {
	l.mu.RLock()
	ref, ok := l.files[id]
	l.mu.RUnlock()
	if !ok {
		return nil, nil, ErrUnknownID
	}
	f, err := ref.root.Open(ref.rel)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, ErrNotVideo
	}
	return f, st, nil
}

// Lookup returns the slash-separated path of id relative to its opened
// folder, and that folder's absolute path.
func (l *Library) Lookup(id string) (root, rel string, ok bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	ref, ok := l.files[id]
	return ref.dir, ref.rel, ok
}

func readDir(root *os.Root, rel string) ([]fs.DirEntry, error) {
	name := rel
	if name == "" {
		name = "."
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	return f.ReadDir(-1)
}

// entryInfo returns the info of the entry, following a symlink only while it
// stays inside the root: os.Root refuses links that lead out of it.
func entryInfo(root *os.Root, p string, e fs.DirEntry) (fs.FileInfo, error) {
	if e.Type()&fs.ModeSymlink != 0 {
		info, err := root.Stat(p)
		if err != nil {
			return nil, errLinkOutside
		}
		return info, nil
	}
	return e.Info()
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

// makeID derives a stable, opaque id from the file's location, so a page
// reload keeps its selection. Ids are only honoured once a listing has
// registered them.
func makeID(root, rel string) string {
	sum := sha256.Sum256([]byte(root + "\x00" + rel))
	return hex.EncodeToString(sum[:12])
}

// videoTypes maps the extensions Reel lists to the Content-Type it serves.
var videoTypes = map[string]string{
	".mp4":  "video/mp4",
	".m4v":  "video/mp4",
	".mov":  "video/quicktime",
	".webm": "video/webm",
	".mkv":  "video/x-matroska",
	".ogv":  "video/ogg",
	".avi":  "video/x-msvideo",
	".ts":   "video/mp2t",
	".m2ts": "video/mp2t",
	".mts":  "video/mp2t",
	".mpg":  "video/mpeg",
	".mpeg": "video/mpeg",
	".wmv":  "video/x-ms-wmv",
	".flv":  "video/x-flv",
	".3gp":  "video/3gpp",
}

// IsVideo reports whether name has a video extension Reel lists.
func IsVideo(name string) bool {
	_, ok := videoTypes[strings.ToLower(filepath.Ext(name))]
	return ok
}

// ContentType returns the Content-Type for a video file name, from its
// extension alone (sniffing is off).
func ContentType(name string) string {
	if t, ok := videoTypes[strings.ToLower(filepath.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
