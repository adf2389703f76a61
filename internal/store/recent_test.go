package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

func TestRecent(t *testing.T) {
	t.Parallel()
	var many []string
	for i := range maxRecent + 5 {
		many = append(many, fmt.Sprintf("/dir/%02d", i))
	}
	reversed := func(dirs []string) []string {
		r := slices.Clone(dirs)
		slices.Reverse(r)
		return r
	}
	tests := []struct {
		name   string
		add    []string
		remove []string
		limit  int
		want   []string
	}{
		{name: "nothing opened", limit: 10, want: []string{}},
		{name: "most recent first", add: []string{"/a", "/b", "/c"}, limit: 10, want: []string{"/c", "/b", "/a"}},
		{name: "opening again moves to the front", add: []string{"/a", "/b", "/c", "/a"}, limit: 10, want: []string{"/a", "/c", "/b"}},
		{name: "limit keeps the most recent", add: []string{"/a", "/b", "/c"}, limit: 2, want: []string{"/c", "/b"}},
		{name: "zero limit returns all", add: []string{"/a", "/b"}, limit: 0, want: []string{"/b", "/a"}},
		{name: "only the last 20 are kept", add: many, limit: 100, want: reversed(many[5:])},
		{name: "a forgotten folder comes back at the front", add: append(slices.Clone(many), many[0]), limit: 3, want: []string{many[0], many[24], many[23]}},
		{name: "remove", add: []string{"/a", "/b", "/c"}, remove: []string{"/b"}, limit: 10, want: []string{"/c", "/a"}},
		{name: "remove unknown is harmless", add: []string{"/a"}, remove: []string{"/zzz"}, limit: 10, want: []string{"/a"}},
		{name: "names are cleaned", add: []string{"/a/", "/b/../a", "/a/./"}, remove: []string{"/c//"}, limit: 10, want: []string{"/a"}},
		{name: "different case is a different folder", add: []string{"/A", "/a"}, limit: 10, want: []string{"/a", "/A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			for _, d := range tt.add {
				if err := s.AddRecent(d); err != nil {
					t.Fatalf("AddRecent(%q): %v", d, err)
				}
			}
			for _, d := range tt.remove {
				if err := s.RemoveRecent(d); err != nil {
					t.Fatalf("RemoveRecent(%q): %v", d, err)
				}
			}
			got, err := s.Recent(tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			// Names come back cleaned, so with the OS's separator.
			want := []string{}
			for _, d := range tt.want {
				want = append(want, filepath.FromSlash(d))
			}
			if !slices.Equal(got, want) {
				t.Errorf("add %q, remove %q: Recent(%d) = %q, want %q", tt.add, tt.remove, tt.limit, got, want)
			}
		})
	}
}

func TestRecentRejectsEmptyName(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	if err := s.AddRecent(""); err == nil {
		t.Error(`AddRecent("") = nil, want an error`)
	}
	if err := s.RemoveRecent(""); err == nil {
		t.Error(`RemoveRecent("") = nil, want an error`)
	}
}
