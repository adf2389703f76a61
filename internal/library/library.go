// Package library keeps the folders the user opened in this session, lists
// their videos and subfolders, and maps the opaque ids it hands out back to
// files. Every file access goes through an os.Root of an opened folder, so
// nothing outside those folders is ever listed or opened.
//
// One file per job: the opened folders (this file), listing them
// (listing.go), ids and the files behind them (ids.go), subtitles beside a
// video (sidecars.go), and what counts as a video (types.go); CleanRel
// (path.go) is the one gate every path from the page goes through.
package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
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
	// ErrNotFolder means a path given to Open is a file, not a folder.
	ErrNotFolder = errors.New("library: not a folder")
)

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
		return "", fmt.Errorf("%s: %w", abs, ErrNotFolder)
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

// FolderPath returns the absolute path of dir, a path relative to the
// current folder as sent by the page, once it is known to be a folder
// there: the key of its view settings, found without listing it.
func (l *Library) FolderPath(dir string) (string, error) {
	rel, root, abs, err := l.resolveDir(dir)
	if err != nil {
		return "", err
	}
	name := rel
	if name == "" {
		name = "."
	}
	info, err := root.Stat(name)
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		return "", fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	return filepath.Join(abs, filepath.FromSlash(rel)), nil
}
