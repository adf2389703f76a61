package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"reel/internal/api"
	"reel/internal/libtest"
)

// pagesOf reads the listing of dir a page of limit at a time, as the page
// does, and returns every page.
func pagesOf(t *testing.T, a http.Handler, query string, limit int) []api.Listing {
	t.Helper()
	var out []api.Listing
	for offset := 0; ; offset += limit {
		var p api.Listing
		target := fmt.Sprintf("/api/library?%s&offset=%d&limit=%d", query, offset, limit)
		if rec := call(t, a, "GET", target, "", &p); rec.Code != http.StatusOK {
			t.Fatalf("GET %s: StatusCode=%d, want 200 (%s)", target, rec.Code, rec.Body)
		}
		out = append(out, p)
		if offset+limit >= p.Total {
			return out
		}
	}
}

// paths are the paths of the videos of pages, put together.
func paths(pages []api.Listing) []string {
	var out []string
	for _, p := range pages {
		for _, v := range p.Videos {
			out = append(out, v.Path)
		}
	}
	return out
}

// TestLibraryRecursivePages is issue 11 item 10 for "All videos below": the
// recursive listing comes a page at a time with the flat listing's
// contract (offset, limit, total; folders and unreadable folders on the
// first page only), and the pages put together are the whole recursive
// listing in its order.
func TestLibraryRecursivePages(t *testing.T) {
	t.Parallel()
	many := libtest.Files{"Deep/a/b/c/d/last.mp4": "v"}
	for i := range 1234 {
		many[fmt.Sprintf("S%d/ep%d.mkv", i%7, i)] = "v"
	}
	tests := []struct {
		name  string
		files libtest.Files
		dir   string
		// prepare changes the folder before the listing (links, modes).
		prepare func(t *testing.T, dir string)
		limits  []int
		total   int
		// first are the first videos' paths, in order.
		first []string
		// problem, when set, is a problem the first page names.
		problem string
	}{
		{
			name:   "natural name order across folders, then path",
			files:  libtest.Files{"b/ep10.mp4": "v", "a/ep2.mp4": "v", "ep2.mp4": "v", "c/d/ep1.webm": "v", "notes.txt": ""},
			limits: []int{1, 2, 3, 10},
			total:  4,
			first:  []string{"c/d/ep1.webm", "a/ep2.mp4", "ep2.mp4", "b/ep10.mp4"},
		},
		{
			name:   "a subfolder lists only what is below it",
			files:  libtest.Files{"Films/2019/x.mp4": "v", "Films/y.mp4": "v", "z.mp4": "v"},
			dir:    "Films",
			limits: []int{1, 400},
			total:  2,
			first:  []string{"Films/2019/x.mp4", "Films/y.mp4"},
		},
		{
			name:   "a large tree, its first page picked without sorting the rest",
			files:  many,
			limits: []int{100, 400, 10000},
			total:  1235,
			first:  []string{"S0/ep0.mkv", "S1/ep1.mkv", "S2/ep2.mkv"},
		},
		{
			name:  "a linked folder is not followed, so a loop cannot hang the walk",
			files: libtest.Files{"in/a.mp4": "v"},
			prepare: func(t *testing.T, dir string) {
				if err := os.Symlink(dir, filepath.Join(dir, "in", "loop")); err != nil {
					t.Fatal(err)
				}
			},
			limits: []int{1, 400},
			total:  1,
			first:  []string{"in/a.mp4"},
		},
		{
			name:  "an unreadable folder is named on the first page and skipped",
			files: libtest.Files{"ok/a.mp4": "v", "locked/b.mp4": "v"},
			prepare: func(t *testing.T, dir string) {
				if os.Geteuid() == 0 {
					t.Skip("root reads any folder")
				}
				locked := filepath.Join(dir, "locked")
				if err := os.Chmod(locked, 0); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Chmod(locked, 0o755) })
			},
			limits:  []int{1, 400},
			total:   1,
			first:   []string{"ok/a.mp4"},
			problem: "locked: permission denied",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := libtest.Folder(t, tt.files)
			if tt.prepare != nil {
				tt.prepare(t, dir)
			}
			a := newAPI(t, api.Config{Library: libtest.Open(t, dir), MediaURL: mediaURL, Mode: "browser"})
			query := "dir=" + url.QueryEscape(tt.dir) + "&recursive=1"
			var whole api.Listing
			call(t, a, "GET", "/api/library?"+query, "", &whole)
			for _, limit := range tt.limits {
				pages := pagesOf(t, a, query, limit)
				got := paths(pages)
				if want := paths([]api.Listing{whole}); !slices.Equal(got, want) {
					t.Errorf("%s limit %d: pages hold %q, want the whole listing's %q", query, limit, got, want)
				}
				if len(got) != tt.total || !slices.Equal(got[:min(len(got), len(tt.first))], tt.first) {
					t.Errorf("%s limit %d: %d videos starting %q, want %d starting %q", query, limit, len(got), got[:min(len(got), len(tt.first))], tt.total, tt.first)
				}
				for i, p := range pages {
					if p.Total != tt.total || p.Offset != i*limit {
						t.Errorf("%s limit %d page %d: total %d offset %d, want %d, %d", query, limit, i, p.Total, p.Offset, tt.total, i*limit)
					}
					named := slices.ContainsFunc(p.Problems, func(s string) bool { return strings.Contains(s, tt.problem) })
					if tt.problem != "" && named != (i == 0) {
						t.Errorf("%s limit %d page %d: problems %q; want %q on the first page only", query, limit, i, p.Problems, tt.problem)
					}
				}
			}
		})
	}
}

// TestLibraryRecursivePagesChange: a video added to, or removed from, any
// folder of the tree between two pages is seen by the next page (the walk
// kept for the next page is dropped once a folder of it changed).
func TestLibraryRecursivePagesChange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		total  int
		has    string
		hasNot string
	}{
		{"a video added deep down", func(t *testing.T, dir string) {
			libtest.Write(t, dir, libtest.Files{"a/b/zz new.mp4": "v"})
		}, 5, "a/b/zz new.mp4", ""},
		{"a video removed", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "a", "b", "ep3.mp4")); err != nil {
				t.Fatal(err)
			}
		}, 3, "", "a/b/ep3.mp4"},
		{"a new folder with a video", func(t *testing.T, dir string) {
			libtest.Write(t, dir, libtest.Files{"c/zz other.mp4": "v"})
		}, 5, "c/zz other.mp4", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := libtest.Folder(t, libtest.Files{"ep1.mp4": "v", "a/ep2.mp4": "v", "a/b/ep3.mp4": "v", "a/b/ep4.mp4": "v"})
			a := newAPI(t, api.Config{Library: libtest.Open(t, dir), MediaURL: mediaURL, Mode: "browser"})
			var first api.Listing
			call(t, a, "GET", "/api/library?dir=&recursive=1&offset=0&limit=1", "", &first)
			if first.Total != 4 {
				t.Fatalf("first page: total %d, want 4", first.Total)
			}
			tt.change(t, dir)
			got := paths(pagesOf(t, a, "dir=&recursive=1", 2))
			if len(got) != tt.total || tt.has != "" && !slices.Contains(got, tt.has) || tt.hasNot != "" && slices.Contains(got, tt.hasNot) {
				t.Errorf("after the change: %q; want %d videos, with %q, without %q", got, tt.total, tt.has, tt.hasNot)
			}
		})
	}
}
