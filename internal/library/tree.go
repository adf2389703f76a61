package library

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"reel/internal/natsort"
)

// ListRecursivePage lists every video below dir as ListRecursive does, but
// only those from offset to offset+limit in its order (natural name order,
// then path), and returns how many videos the tree holds in all. The
// folders come with the first page only, as ListPage's do, and so do the
// folders that could not be read.
//
// "All videos below" a folder of 100,000 videos was one answer of seconds
// and hundreds of MB, like the flat listing before it was paged (issue 11
// item 10). A page walks the tree's names, which the folders themselves
// hold, and stats only its own files. The walk is kept for the next page
// while no folder of the tree changed: each folder's modification time is
// checked again, one stat a folder, which every add, remove or rename in
// it changes.
func (l *Library) ListRecursivePage(dir string, offset, limit int) (out Listing, total int, err error) {
	rel, root, abs, err := l.resolveDir(dir)
	if err != nil {
		return Listing{}, 0, err
	}
	pages.Lock()
	defer pages.Unlock()
	t, err := treeEntries(root, abs, rel)
	if err != nil {
		return Listing{}, 0, err
	}
	out = newListing(abs, rel)
	if offset == 0 {
		out.Problems = append(out.Problems, t.problems...)
	}
	videos := t.page(offset, limit)
	found := make(map[string]fileRef, len(videos))
	for _, e := range videos {
		info, err := entryInfo(root, e.path, e.entry)
		if err != nil {
			out.Problems = append(out.Problems, describe(e.path, err))
			continue
		}
		if !info.Mode().IsRegular() {
			continue
		}
		v := newVideo(abs, e.path, e.entry.Name(), info, t.names[dirOf(e.path)])
		found[v.ID] = fileRef{root: root, dir: abs, rel: e.path}
		out.Videos = append(out.Videos, v)
	}
	l.register(found)
	return out, len(t.videos), nil
}

// treeEntry is a video name found in a tree, with its path from the root.
type treeEntry struct {
	path  string
	entry fs.DirEntry
}

// byNameThenPath is ListRecursive's order: natural by name, then by path.
func byNameThenPath(a, b treeEntry) int {
	if c := natsort.Compare(a.entry.Name(), b.entry.Name()); c != 0 {
		return c
	}
	return natsort.Compare(a.path, b.path)
}

// sortedTree is one walk of a tree, as ListRecursivePage needs it.
type sortedTree struct {
	key      string               // absolute path of the root and the listed folder
	mods     map[string]time.Time // every folder walked → its modification time then
	videos   []treeEntry
	sorted   bool
	names    map[string]dirNames // folder → its names, for sidecar subtitles
	problems []string            // folders that could not be read
}

// page returns the videos from offset to offset+limit, as sortedDir.page
// does: the first page of a tree not sorted yet without sorting the rest.
// The caller holds pages' lock.
func (t *sortedTree) page(offset, limit int) []treeEntry {
	offset = min(max(offset, 0), len(t.videos))
	end := min(offset+max(limit, 0), len(t.videos))
	if !t.sorted && offset == 0 && end*8 < len(t.videos) {
		return smallest(t.videos, end, byNameThenPath)
	}
	if !t.sorted {
		slices.SortFunc(t.videos, byNameThenPath)
		t.sorted = true
	}
	return slices.Clone(t.videos[offset:end])
}

// unchanged tells whether no folder of the tree changed since the walk.
func (t *sortedTree) unchanged(root *os.Root) bool {
	for p, mod := range t.mods {
		name := p
		if name == "" {
			name = "."
		}
		st, err := root.Lstat(name)
		if err != nil || !st.IsDir() || !st.ModTime().Equal(mod) || mod.IsZero() {
			return false
		}
	}
	return true
}

// treeEntries walks the folder rel of root, whose absolute path is abs,
// for its videos; from the cache while no folder of it changed. Symlinked
// folders are not followed, so a link loop cannot hang it. The caller
// holds pages' lock.
func treeEntries(root *os.Root, abs, rel string) (*sortedTree, error) {
	key := abs + "\x00" + rel
	if c := pages.tree; c != nil && c.key == key && c.unchanged(root) {
		return c, nil
	}
	t := &sortedTree{key: key, mods: map[string]time.Time{}, names: map[string]dirNames{}}
	if err := t.walk(root, rel, true); err != nil {
		return nil, err
	}
	pages.tree = t
	return t, nil
}

// walk reads the folder p and the folders below it. An unreadable folder
// below the top is named in problems and skipped; the top's error is
// returned.
func (t *sortedTree) walk(root *os.Root, p string, top bool) error {
	name := p
	if name == "" {
		name = "."
	}
	// The time comes before the read: a change during the read then
	// shows as a changed folder next time.
	st, err := root.Lstat(name)
	if err == nil {
		t.mods[p] = st.ModTime()
	}
	entries, err := readDir(root, p)
	if err != nil {
		if top {
			return err
		}
		t.problems = append(t.problems, describe(p, err))
		return nil
	}
	if st == nil {
		t.mods[p] = time.Time{} // never unchanged: read again next time
	}
	t.names[p] = entryNames(root, p, entries)
	for _, e := range entries {
		switch typ := e.Type(); {
		case typ.IsDir():
			t.walk(root, path.Join(p, e.Name()), false)
		case typ.IsRegular() || typ&fs.ModeSymlink != 0:
			// A link is followed only to a video inside the folder
			// (entryInfo); a linked folder is never walked.
			if IsVideo(e.Name()) {
				t.videos = append(t.videos, treeEntry{path: join(p, e.Name()), entry: e})
			}
		}
	}
	return nil
}

// TreeFolders returns the absolute paths of the folders the last
// ListRecursivePage of dir walked, for watching them all: a video added to
// any of them belongs in the listing. It is nil when dir was not walked.
func (l *Library) TreeFolders(dir string) []string {
	rel, _, abs, err := l.resolveDir(dir)
	if err != nil {
		return nil
	}
	pages.Lock()
	defer pages.Unlock()
	t := pages.tree
	if t == nil || t.key != abs+"\x00"+rel {
		return nil
	}
	out := make([]string, 0, len(t.mods))
	for p := range t.mods {
		out = append(out, filepath.Join(abs, filepath.FromSlash(p)))
	}
	slices.Sort(out)
	return out
}
