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
	"slices"
	"strings"
	"sync"
	"time"

	"reel/internal/natsort"
	"reel/internal/subtitles"
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
// Folders and videos come in natural name order ("ep2" before "ep10").
func (l *Library) List(dir string) (Listing, error) {
	rel, root, abs, err := l.resolveDir(dir)
	if err != nil {
		return Listing{}, err
	}
	entries, err := readDir(root, rel)
	if err != nil {
		return Listing{}, err
	}
	out := newListing(abs, rel)
	names := entryNames(root, rel, entries)
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
			out.Folders = append(out.Folders, Folder{Name: name, Path: p, VideoCount: countVideos(root, p)})
		case info.Mode().IsRegular() && IsVideo(name):
			v := newVideo(abs, p, name, info, names)
			found[v.ID] = fileRef{root: root, dir: abs, rel: p}
			out.Videos = append(out.Videos, v)
		}
	}
	l.register(found)
	out.sort()
	return out, nil
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

// VideoAt describes the video at rel inside the current folder and makes
// its id valid, as a listing would.
func (l *Library) VideoAt(rel string) (Video, error) {
	rel, err := CleanRel(rel)
	if err != nil || rel == "" {
		return Video{}, ErrBadPath
	}
	l.mu.RLock()
	abs := l.current
	root := l.roots[abs]
	l.mu.RUnlock()
	if root == nil {
		return Video{}, ErrNoFolder
	}
	info, err := root.Stat(rel)
	if err != nil {
		return Video{}, rootErr(err)
	}
	if !info.Mode().IsRegular() || !IsVideo(rel) {
		return Video{}, ErrNotVideo
	}
	var names dirNames
	if ents, err := readDir(root, path.Dir(rel)); err == nil {
		names = entryNames(root, dirOf(rel), ents)
	}
	v := newVideo(abs, rel, path.Base(rel), info, names)
	l.register(map[string]fileRef{v.ID: {root: root, dir: abs, rel: rel}})
	return v, nil
}

// Describe returns the video with id, its size and time read afresh from
// disk. Subtitles are left out: finding them reads the whole folder.
func (l *Library) Describe(id string) (Video, error) {
	l.mu.RLock()
	ref, ok := l.files[id]
	l.mu.RUnlock()
	if !ok {
		return Video{}, ErrUnknownID
	}
	info, err := ref.root.Stat(ref.rel)
	if err != nil {
		return Video{}, rootErr(err)
	}
	if !info.Mode().IsRegular() {
		return Video{}, ErrNotVideo
	}
	return newVideo(ref.dir, ref.rel, path.Base(ref.rel), info, dirNames{}), nil
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

func (l *Library) resolveDir(dir string) (rel string, root *os.Root, abs string, err error) {
	rel, err = CleanRel(dir)
	if err != nil {
		return "", nil, "", err
	}
	l.mu.RLock()
	abs = l.current
	root = l.roots[abs]
	l.mu.RUnlock()
	if root == nil {
		return "", nil, "", ErrNoFolder
	}
	return rel, root, abs, nil
}

func (l *Library) register(found map[string]fileRef) {
	l.mu.Lock()
	for id, ref := range found {
		l.files[id] = ref
	}
	l.mu.Unlock()
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

// dirNames are the names in one folder, for finding sidecar subtitles.
type dirNames struct {
	all  []string
	subs []string // the .srt and .vtt files among all
}

// entryNames collects the names of the folder dir of root. A subtitle that
// is a symlink counts only while it leads to a regular file inside root, the
// rule videos follow (issue 11 item 8): one leading out is never offered.
func entryNames(root *os.Root, dir string, entries []fs.DirEntry) dirNames {
	var d dirNames
	d.all = make([]string, 0, len(entries))
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".srt", ".vtt":
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

func dirOf(rel string) string {
	d := path.Dir(rel)
	if d == "." {
		return ""
	}
	return d
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
	return openRegular(ref.root, ref.rel)
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
	f, err := openDir(root, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
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
