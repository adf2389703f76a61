package library_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"reel/internal/library"
	"reel/internal/libtest"
)

func names[T any](items []T, name func(T) string) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, name(it))
	}
	return out
}

func videoNames(l library.Listing) []string {
	return names(l.Videos, func(v library.Video) string { return v.Name })
}

func folderNames(l library.Listing) []string {
	return names(l.Folders, func(f library.Folder) string { return f.Name })
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("symlinks need extra rights on Windows: %v", err)
		}
		t.Fatal(err)
	}
}

func TestListSymlinks(t *testing.T) {
	t.Parallel()
	base, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(base, "root")
	outside := filepath.Join(base, "outside")
	libtest.Write(t, root, libtest.Files{"a.mp4": "a", "sub/b.mp4": "b"})
	libtest.Write(t, outside, libtest.Files{"secret.mp4": "secret"})
	links := []struct{ name, target string }{
		{"link-file.mp4", "a.mp4"},
		{"link-dir", "sub"},
		{"out-file.mp4", "../outside/secret.mp4"},
		{"out-dir", "../outside"},
		{"abs-file.mp4", filepath.Join(outside, "secret.mp4")},
		{"abs-dir", outside},
		{"dangling.mp4", "missing.mp4"},
	}
	for _, l := range links {
		symlink(t, l.target, filepath.Join(root, l.name))
	}
	lib := libtest.Open(t, root)
	l := libtest.List(t, lib, "")

	if got, want := folderNames(l), []string{"link-dir", "sub"}; !slices.Equal(got, want) {
		t.Errorf("folders = %q, want %q", got, want)
	}
	if got, want := videoNames(l), []string{"a.mp4", "link-file.mp4"}; !slices.Equal(got, want) {
		t.Errorf("videos = %q, want %q", got, want)
	}
	for _, name := range []string{"out-file.mp4", "out-dir", "abs-file.mp4", "abs-dir", "dangling.mp4"} {
		found := slices.ContainsFunc(l.Problems, func(p string) bool { return strings.HasPrefix(p, name+": ") })
		if !found {
			t.Errorf("problems = %q, want one about %s", l.Problems, name)
		}
	}
	if len(l.Problems) != 5 {
		t.Errorf("problems = %q, want 5", l.Problems)
	}

	t.Run("a link to a folder inside is listed through", func(t *testing.T) {
		l := libtest.List(t, lib, "link-dir")
		if got, want := videoNames(l), []string{"b.mp4"}; !slices.Equal(got, want) {
			t.Fatalf("videos = %q, want %q", got, want)
		}
		f, _, err := lib.OpenFile(l.Videos[0].ID)
		if err != nil {
			t.Fatalf("OpenFile(link-dir/b.mp4): %v", err)
		}
		defer f.Close()
		if b, _ := io.ReadAll(f); string(b) != "b" {
			t.Errorf("link-dir/b.mp4 = %q, want %q", b, "b")
		}
	})
	t.Run("a link to a file inside opens the file", func(t *testing.T) {
		f, _, err := lib.OpenFile(l.Videos[1].ID)
		if err != nil {
			t.Fatalf("OpenFile(link-file.mp4): %v", err)
		}
		defer f.Close()
		if b, _ := io.ReadAll(f); string(b) != "a" {
			t.Errorf("link-file.mp4 = %q, want %q", b, "a")
		}
	})
	t.Run("a link to a folder outside cannot be listed", func(t *testing.T) {
		for _, dir := range []string{"out-dir", "abs-dir"} {
			if l, err := lib.List(dir); err == nil {
				t.Errorf("List(%q) = %q, want an error", dir, videoNames(l))
			}
		}
	})
}

func TestOpenFileRemovedAfterListing(t *testing.T) {
	t.Parallel()
	lib, dir, videos := libtest.Library(t, libtest.Files{"a.mp4": "a"})
	if err := os.Remove(filepath.Join(dir, "a.mp4")); err != nil {
		t.Fatal(err)
	}
	_, _, err := lib.OpenFile(videos["a.mp4"].ID)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenFile of a removed file: err = %v, want fs.ErrNotExist", err)
	}
}

func TestOpenFileUnknownID(t *testing.T) {
	t.Parallel()
	lib, _, _ := libtest.Library(t, libtest.Files{"a.mp4": "a", "sub/b.mp4": "b"})
	for _, id := range []string{"", "a.mp4", "0123456789abcdef01234567", "../a.mp4"} {
		if _, _, err := lib.OpenFile(id); !errors.Is(err, library.ErrUnknownID) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("OpenFile(%q): err = %v, want ErrUnknownID and fs.ErrNotExist", id, err)
		}
	}
	t.Run("a file in a folder never listed has no id yet", func(t *testing.T) {
		t.Parallel()
		dir := libtest.Folder(t, libtest.Files{"sub/b.mp4": "b"})
		lib := libtest.Open(t, dir)
		other := libtest.Open(t, dir)
		sub := libtest.List(t, other, "sub")
		if _, _, err := lib.OpenFile(sub.Videos[0].ID); !errors.Is(err, library.ErrUnknownID) {
			t.Errorf("OpenFile before listing: err = %v, want ErrUnknownID", err)
		}
	})
}

func TestListUnreadableFolder(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("chmod does not remove read access on Windows")
	}
	dir := libtest.Folder(t, libtest.Files{"locked/a.mp4": "a", "b.mp4": "b"})
	locked := filepath.Join(dir, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	lib := libtest.Open(t, dir)
	l := libtest.List(t, lib, "")
	if got, want := folderNames(l), []string{"locked"}; !slices.Equal(got, want) {
		t.Errorf("folders = %q, want %q", got, want)
	}
	_, err := lib.List("locked")
	if os.Geteuid() == 0 {
		t.Skipf("running as root, which reads any folder (List err = %v)", err)
	}
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("List(locked): err = %v, want fs.ErrPermission", err)
	}
}

func TestListErrors(t *testing.T) {
	t.Parallel()
	t.Run("nothing opened", func(t *testing.T) {
		t.Parallel()
		lib := library.New()
		defer lib.Close()
		if _, err := lib.List(""); !errors.Is(err, library.ErrNoFolder) {
			t.Errorf("List before Open: err = %v, want ErrNoFolder", err)
		}
	})
	lib, _, _ := libtest.Library(t, libtest.Files{"a.mp4": "a", "sub/": ""})
	tests := []struct {
		name string
		dir  string
		want error
	}{
		{"missing_folder", "nope", fs.ErrNotExist},
		{"file_not_folder", "a.mp4", fs.ErrNotExist},
		{"parent", "..", library.ErrBadPath},
		{"absolute", "/etc", library.ErrBadPath},
		{"backslash", `sub\..\..`, library.ErrBadPath},
	}
	for _, tt := range tests {
		if _, err := lib.List(tt.dir); !errors.Is(err, tt.want) {
			t.Errorf("%s: List(%q): err = %v, want %v", tt.name, tt.dir, err, tt.want)
		}
	}
	if l := libtest.List(t, lib, "sub/"); l.Dir != "sub" || len(l.Videos) != 0 || l.Videos == nil || l.Folders == nil || l.Problems == nil {
		t.Errorf("List(sub/) = %+v, want Dir sub and empty, non-nil lists", l)
	}
}

func TestIDs(t *testing.T) {
	t.Parallel()
	files := libtest.Files{"a.mp4": "a", "b.mp4": "b", "sub/a.mp4": "a"}
	dir := libtest.Folder(t, files)
	first := libtest.ListAll(t, libtest.Open(t, dir))
	again := libtest.ListAll(t, libtest.Open(t, dir))
	other := libtest.ListAll(t, libtest.Open(t, libtest.Folder(t, files)))
	shape := regexp.MustCompile(`^[0-9a-f]{24}$`)
	seen := map[string]string{}
	for p, v := range first {
		if !shape.MatchString(v.ID) {
			t.Errorf("%s: id %q, want 24 hex digits", p, v.ID)
		}
		if again[p].ID != v.ID {
			t.Errorf("%s: id %q, then %q for the same path", p, v.ID, again[p].ID)
		}
		if other[p].ID == v.ID {
			t.Errorf("%s: id %q also names %s of another folder", p, v.ID, p)
		}
		if q, dup := seen[v.ID]; dup {
			t.Errorf("%s and %s share id %q", p, q, v.ID)
		}
		seen[v.ID] = p
	}
	if len(seen) != 3 {
		t.Errorf("%d ids for 3 files", len(seen))
	}
}

func TestListVideosOnly(t *testing.T) {
	t.Parallel()
	lib, dir, _ := libtest.Library(t, libtest.Files{
		"notes.txt": "", "cover.jpg": "", "movie.mp4.part": "", "README": "",
		"subs.srt": "", "Movie.MP4": "x", "clip.MkV": "xy", "x.WEBM": "", "y.mov": "", "z.m2ts": "",
		"folder.mp4/": "",
	})
	l := libtest.List(t, lib, "")
	want := []string{"Movie.MP4", "clip.MkV", "x.WEBM", "y.mov", "z.m2ts"}
	got := videoNames(l)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("videos = %q, want %q", got, want)
	}
	if got := folderNames(l); !slices.Equal(got, []string{"folder.mp4"}) {
		t.Errorf("folders = %q, want [folder.mp4]", got)
	}
	for _, v := range l.Videos {
		st, err := os.Stat(filepath.Join(dir, v.Name))
		if err != nil {
			t.Fatal(err)
		}
		if v.Path != v.Name || v.Size != st.Size() || !v.ModTime.Equal(st.ModTime()) || v.AbsPath != filepath.Join(dir, v.Name) {
			t.Errorf("%s: %+v, want path %q, size %d, modTime %v", v.Name, v, v.Name, st.Size(), st.ModTime())
		}
		root, rel, ok := lib.Lookup(v.ID)
		if !ok || root != dir || rel != v.Path {
			t.Errorf("Lookup(%s) = %q, %q, %v, want %q, %q, true", v.Name, root, rel, ok, dir, v.Path)
		}
	}
}

func TestVideoTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		video bool
		ctype string
	}{
		{"a.mp4", true, "video/mp4"},
		{"a.MP4", true, "video/mp4"},
		{"a.m4v", true, "video/mp4"},
		{"a.webm", true, "video/webm"},
		{"a.WebM", true, "video/webm"},
		{"a.mkv", true, "video/x-matroska"},
		{"a.mov", true, "video/quicktime"},
		{"a.ts", true, "video/mp2t"},
		{"dir/a.avi", true, "video/x-msvideo"},
		{"a.mp4.txt", false, "application/octet-stream"},
		{"mp4", false, "application/octet-stream"},
		{"a.srt", false, "application/octet-stream"},
		{"", false, "application/octet-stream"},
	}
	for _, tt := range tests {
		if got := library.IsVideo(tt.name); got != tt.video {
			t.Errorf("IsVideo(%q) = %v, want %v", tt.name, got, tt.video)
		}
		if got := library.ContentType(tt.name); got != tt.ctype {
			t.Errorf("ContentType(%q) = %q, want %q", tt.name, got, tt.ctype)
		}
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	dir := libtest.Folder(t, libtest.Files{"a.mp4": "a", "sub/": ""})
	lib := library.New()
	defer lib.Close()
	if got := lib.Current(); got != "" {
		t.Errorf("Current before Open = %q, want empty", got)
	}
	if _, err := lib.Open(filepath.Join(dir, "a.mp4")); err == nil {
		t.Error("Open(a file): no error")
	}
	if _, err := lib.Open(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(missing): err = %v, want fs.ErrNotExist", err)
	}
	link := filepath.Join(t.TempDir(), "link")
	symlink(t, dir, link)
	abs, err := lib.Open(link)
	if err != nil || abs != dir || lib.Current() != dir {
		t.Errorf("Open(link to folder) = %q, %v; Current %q; want %q", abs, err, lib.Current(), dir)
	}
	sub, err := lib.Open(filepath.Join(dir, "sub"))
	if err != nil || lib.Current() != sub {
		t.Errorf("Open(sub) = %q, %v; Current %q", sub, err, lib.Current())
	}
	if err := lib.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if got := lib.Current(); got != "" {
		t.Errorf("Current after Close = %q, want empty", got)
	}
	if _, err := lib.List(""); !errors.Is(err, library.ErrNoFolder) {
		t.Errorf("List after Close: err = %v, want ErrNoFolder", err)
	}
}

func TestFolderPath(t *testing.T) {
	t.Parallel()
	lib, dir, _ := libtest.Library(t, libtest.Files{"a.mp4": "a", "sub/deep/": ""})
	tests := []struct {
		name, dir, want string
		err             error
	}{
		{"the opened folder", "", dir, nil},
		{"a subfolder", "sub", filepath.Join(dir, "sub"), nil},
		{"a trailing slash", "sub/deep/", filepath.Join(dir, "sub", "deep"), nil},
		{"missing", "nope", "", fs.ErrNotExist},
		{"a file", "a.mp4", "", fs.ErrNotExist},
		{"out of the folder", "..", "", library.ErrBadPath},
		{"absolute", dir, "", library.ErrBadPath},
	}
	for _, tt := range tests {
		got, err := lib.FolderPath(tt.dir)
		if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("%s: FolderPath(%q) = %q, %v; want %q, %v", tt.name, tt.dir, got, err, tt.want, tt.err)
		}
	}
	if _, err := library.New().FolderPath(""); !errors.Is(err, library.ErrNoFolder) {
		t.Errorf("FolderPath before Open: err = %v, want ErrNoFolder", err)
	}
}
