package library

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// makeID derives a stable, opaque id from the file's location, so a page
// reload keeps its selection. Ids are only honoured once a listing has
// registered them.
func makeID(root, rel string) string {
	sum := sha256.Sum256([]byte(root + "\x00" + rel))
	return hex.EncodeToString(sum[:12])
}

func (l *Library) register(found map[string]fileRef) {
	l.mu.Lock()
	for id, ref := range found {
		l.files[id] = ref
	}
	l.mu.Unlock()
}

// VideoAt describes the video at rel inside the current folder and makes
// its id valid, as a listing would.
func (l *Library) VideoAt(rel string) (Video, error) {
	vs, errs := l.VideosAt([]string{rel})
	return vs[0], errs[0]
}

// VideosAt describes the videos at rels inside the current folder, as
// VideoAt does each, and makes their ids valid. Each folder's names (for
// the sidecar subtitles) are read once for all its videos: Continue
// watching asked for twenty videos of one folder of 100,000, and read it
// twenty times (issue 11 item 10). vs[i] is the video of rels[i], or the
// zero Video when errs[i] says why there is none.
func (l *Library) VideosAt(rels []string) (vs []Video, errs []error) {
	vs, errs = make([]Video, len(rels)), make([]error, len(rels))
	l.mu.RLock()
	abs := l.current
	root := l.roots[abs]
	l.mu.RUnlock()
	names := map[string]dirNames{}
	found := make(map[string]fileRef, len(rels))
	for i, rel := range rels {
		vs[i], errs[i] = videoAt(root, abs, rel, names)
		if errs[i] == nil {
			found[vs[i].ID] = fileRef{root: root, dir: abs, rel: vs[i].Path}
		}
	}
	l.register(found)
	return vs, errs
}

// videoAt describes the video rel of root, whose absolute path is abs;
// names caches each folder's names.
func videoAt(root *os.Root, abs, rel string, names map[string]dirNames) (Video, error) {
	rel, err := CleanRel(rel)
	if err != nil || rel == "" {
		return Video{}, ErrBadPath
	}
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
	dir := dirOf(rel)
	n, ok := names[dir]
	if !ok {
		n = folderNames(root, abs, dir)
		names[dir] = n
	}
	return newVideo(abs, rel, path.Base(rel), info, n), nil
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

// Remember takes videos of the current folder that an earlier listing
// described (the cached first page the page shows at launch, issue 8) and
// returns them with their ids and absolute paths made afresh for the
// current folder, registering the ids as a listing would. A path that is
// not clean is dropped. Nothing is read from disk: a file gone since
// answers 404 when it is asked for, and the listing that follows at once
// drops its card.
func (l *Library) Remember(vs []Video) []Video {
	l.mu.RLock()
	abs := l.current
	root := l.roots[abs]
	l.mu.RUnlock()
	if root == nil {
		return nil
	}
	out := make([]Video, 0, len(vs))
	found := make(map[string]fileRef, len(vs))
	for _, v := range vs {
		rel, err := CleanRel(v.Path)
		if err != nil || rel == "" || !IsVideo(rel) {
			continue
		}
		v.Path, v.Name = rel, path.Base(rel)
		v.ID = makeID(abs, rel)
		v.AbsPath = filepath.Join(abs, filepath.FromSlash(rel))
		found[v.ID] = fileRef{root: root, dir: abs, rel: rel}
		out = append(out, v)
	}
	l.register(found)
	return out
}
