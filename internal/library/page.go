package library

import (
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"

	"reel/internal/natsort"
)

// ListPage lists dir as List does, but only the videos from offset to
// offset+limit in natural name order, and returns how many videos the
// folder holds in all. Folders come with the first page only.
//
// A folder of 100,000 videos took 1–2 s and 270 MB to list whole (issue 11
// item 10): every file was stat'ed for its size and date before the first
// card could show. A page reads the folder's names, which the directory
// itself holds, sorts them, and stats only the page's own files. The sorted
// names are kept for the next page while the folder's modification time,
// which every add, remove or rename changes, stays the same.
//
// total counts the video names; a page can hold fewer videos than limit
// when some of them turned out not to be regular files.
func (l *Library) ListPage(dir string, offset, limit int) (out Listing, total int, err error) {
	rel, root, abs, err := l.resolveDir(dir)
	if err != nil {
		return Listing{}, 0, err
	}
	pages.Lock()
	defer pages.Unlock()
	d, err := folderEntries(root, abs, rel)
	if err != nil {
		return Listing{}, 0, err
	}
	videos := d.page(offset, limit)
	out = newListing(abs, rel)
	if offset == 0 {
		for _, e := range d.folders {
			name := e.Name()
			p := join(rel, name)
			info, err := entryInfo(root, p, e)
			if err != nil {
				out.Problems = append(out.Problems, describe(name, err))
				continue
			}
			if info.IsDir() {
				out.Folders = append(out.Folders, Folder{Name: name, Path: p, VideoCount: countVideos(root, p)})
			}
		}
		slices.SortFunc(out.Folders, func(a, b Folder) int { return natsort.Compare(a.Name, b.Name) })
	}
	found := make(map[string]fileRef, len(videos))
	for _, e := range videos {
		name := e.Name()
		p := join(rel, name)
		info, err := entryInfo(root, p, e)
		if err != nil {
			out.Problems = append(out.Problems, describe(name, err))
			continue
		}
		if !info.Mode().IsRegular() {
			continue
		}
		v := newVideo(abs, p, name, info, d.names)
		found[v.ID] = fileRef{root: root, dir: abs, rel: p}
		out.Videos = append(out.Videos, v)
	}
	l.register(found)
	return out, len(d.videos), nil
}

// sortedDir is one folder's entries as ListPage needs them.
type sortedDir struct {
	key     string    // absolute path of the folder
	mod     time.Time // its modification time when read
	folders []fs.DirEntry
	videos  []fs.DirEntry // video names, regular files or links
	sorted  bool          // videos are in natural order
	names   dirNames
}

// byName orders entries naturally ("ep2" before "ep10").
func byName(a, b fs.DirEntry) int { return natsort.Compare(a.Name(), b.Name()) }

// page returns the videos from offset to offset+limit in natural order.
// The first page of a folder not sorted yet is picked out without sorting
// the rest: with 100,000 names that is some 120,000 comparisons instead
// of 1.7 million, and the first cards show that much sooner. Later pages
// sort the whole folder once. The caller holds pages' lock.
func (d *sortedDir) page(offset, limit int) []fs.DirEntry {
	offset = min(max(offset, 0), len(d.videos))
	end := min(offset+max(limit, 0), len(d.videos))
	if !d.sorted && offset == 0 && end*8 < len(d.videos) {
		return smallest(d.videos, end, byName)
	}
	if !d.sorted {
		slices.SortFunc(d.videos, byName)
		d.sorted = true
	}
	return slices.Clone(d.videos[offset:end])
}

// smallest returns the k first of entries in the order of cmp, by a
// bounded max-heap: each entry is compared with the largest kept so far,
// and only the few smaller ones go into the heap.
func smallest[T any](entries []T, k int, cmp func(a, b T) int) []T {
	if k <= 0 {
		return nil
	}
	h := make([]T, 0, k)
	down := func(i int) {
		for {
			l, r, top := 2*i+1, 2*i+2, i
			if l < len(h) && cmp(h[l], h[top]) > 0 {
				top = l
			}
			if r < len(h) && cmp(h[r], h[top]) > 0 {
				top = r
			}
			if top == i {
				return
			}
			h[i], h[top] = h[top], h[i]
			i = top
		}
	}
	for _, e := range entries {
		switch {
		case len(h) < k:
			h = append(h, e)
			for i := len(h) - 1; i > 0 && cmp(h[i], h[(i-1)/2]) > 0; i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
		case cmp(e, h[0]) < 0:
			h[0] = e
			down(0)
		}
	}
	slices.SortFunc(h, cmp)
	return h
}

// pages keeps the last folder ListPage read, and the last tree
// ListRecursivePage walked, for their next pages.
var pages struct {
	sync.Mutex
	last *sortedDir
	tree *sortedTree
}

// folderEntries returns the entries of the folder rel of root, whose
// absolute path is abs; from the cache while the folder has not changed.
// The caller holds pages' lock.
func folderEntries(root *os.Root, abs, rel string) (*sortedDir, error) {
	name := rel
	if name == "" {
		name = "."
	}
	key := abs + "\x00" + rel
	st, err := root.Stat(name)
	if err != nil {
		return nil, rootErr(err)
	}
	if c := pages.last; c != nil && c.key == key && c.mod.Equal(st.ModTime()) && !st.ModTime().IsZero() {
		return c, nil
	}
	entries, err := readDir(root, rel)
	if err != nil {
		return nil, err
	}
	d := &sortedDir{key: key, mod: st.ModTime(), names: entryNames(root, rel, entries)}
	for _, e := range entries {
		switch t := e.Type(); {
		case t.IsDir():
			d.folders = append(d.folders, e)
		case t&fs.ModeSymlink != 0:
			// A link may lead to a folder or a video: entryInfo says which.
			if IsVideo(e.Name()) {
				d.videos = append(d.videos, e)
			} else {
				d.folders = append(d.folders, e)
			}
		case t.IsRegular() && IsVideo(e.Name()):
			d.videos = append(d.videos, e)
		}
	}
	pages.last = d
	return d, nil
}

// folderNames returns the names of the folder rel of root, whose absolute
// path is abs, for finding sidecars: from ListPage's cache when it holds
// the folder unchanged (a folder of 100,000 names is not read again for
// Continue watching at launch, while the page lists it), else read.
func folderNames(root *os.Root, abs, rel string) dirNames {
	name := rel
	if name == "" {
		name = "."
	}
	pages.Lock()
	c := pages.last
	pages.Unlock()
	if c != nil && c.key == abs+"\x00"+rel {
		if st, err := root.Stat(name); err == nil && c.mod.Equal(st.ModTime()) && !st.ModTime().IsZero() {
			return c.names
		}
	}
	ents, err := readDir(root, rel)
	if err != nil {
		return dirNames{}
	}
	return entryNames(root, rel, ents)
}

// Prefetch reads the names of the folder dir into the cache ListPage keeps,
// so that the page's first request for it finds them read: call it when
// the folder opens, while the page loads. Errors are ListPage's to report.
func (l *Library) Prefetch(dir string) {
	rel, root, abs, err := l.resolveDir(dir)
	if err != nil {
		return
	}
	pages.Lock()
	defer pages.Unlock()
	folderEntries(root, abs, rel)
}
