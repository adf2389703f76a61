// Package libtest builds folders of fake videos, and libraries opened on
// them, for the tests of the packages that serve them. It is never linked
// into Reel itself.
package libtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reel/internal/library"
)

// Files maps slash-separated paths to file contents. A path ending in "/"
// makes an empty folder.
type Files map[string]string

// Folder writes files under a new temporary folder and returns its path,
// with symlinks resolved so that it equals what Library.Open returns.
func Folder(t testing.TB, files Files) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	Write(t, dir, files)
	return dir
}

// Write writes files under dir, making folders as needed.
func Write(t testing.TB, dir string, files Files) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Open returns a library with dir opened as its current folder. The library
// is closed when the test ends.
func Open(t testing.TB, dir string) *library.Library {
	t.Helper()
	lib := library.New()
	t.Cleanup(func() { lib.Close() })
	if _, err := lib.Open(dir); err != nil {
		t.Fatalf("Open(%q): %v", dir, err)
	}
	return lib
}

// List lists dir of lib, failing the test on an error.
func List(t testing.TB, lib *library.Library, dir string) library.Listing {
	t.Helper()
	l, err := lib.List(dir)
	if err != nil {
		t.Fatalf("List(%q): %v", dir, err)
	}
	return l
}

// ListAll lists every folder of lib's current folder, so that every video
// gets an id the library honours, and returns the videos by path.
func ListAll(t testing.TB, lib *library.Library) map[string]library.Video {
	t.Helper()
	videos := map[string]library.Video{}
	dirs := []string{""}
	for len(dirs) > 0 {
		dir := dirs[0]
		dirs = dirs[1:]
		l := List(t, lib, dir)
		for _, v := range l.Videos {
			videos[v.Path] = v
		}
		for _, f := range l.Folders {
			dirs = append(dirs, f.Path)
		}
	}
	return videos
}

// Library builds a folder of files, opens it and lists it whole. It
// returns the library, the folder and the listed videos by path.
func Library(t testing.TB, files Files) (*library.Library, string, map[string]library.Video) {
	t.Helper()
	dir := Folder(t, files)
	lib := Open(t, dir)
	return lib, dir, ListAll(t, lib)
}

// Pattern returns n bytes of known content in which every offset differs
// from its neighbours, so a body served from the wrong offset shows.
func Pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	return b
}

// Opener is an Opener for media handlers that serves fixed files, or fixed
// errors, by id, without a library.
type Opener struct {
	// Paths maps ids to files on disk.
	Paths map[string]string
	// Errs maps ids to the error OpenFile returns for them.
	Errs map[string]error
}

// OpenFile opens the file of id.
func (o Opener) OpenFile(id string) (*os.File, os.FileInfo, error) {
	if err, ok := o.Errs[id]; ok {
		return nil, nil, err
	}
	p, ok := o.Paths[id]
	if !ok {
		return nil, nil, library.ErrUnknownID
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}
