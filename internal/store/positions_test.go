package store

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

func TestAdvance(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		old                Position
		position, duration float64
		stopped            bool
		want               Position
	}{
		{"first save", Position{}, 10, 100, false, Position{Position: 10, Duration: 100}},
		{"a stop just short of 95 percent", Position{}, 94.99, 100, true, Position{Position: 94.99, Duration: 100}},
		{"a stop at exactly 95 percent is watched", Position{}, 95, 100, true, Position{Position: 95, Duration: 100, Watched: true}},
		{"playing past 95 percent is not (issue 13: a peek)", Position{}, 97, 100, false, Position{Position: 97, Duration: 100}},
		{"playing to the end is watched", Position{}, 100, 100, false, Position{Position: 100, Duration: 100, Watched: true}},
		{"the last frame is the end", Position{}, 99.8, 100, false, Position{Position: 99.8, Duration: 100, Watched: true}},
		{"unknown duration is never watched", Position{}, 5000, 0, true, Position{Position: 5000}},
		{"unknown duration keeps the known one", Position{Position: 10, Duration: 100}, 20, 0, false, Position{Position: 20, Duration: 100}},
		{"unknown duration judged against the known one", Position{Position: 10, Duration: 100}, 96, 0, true, Position{Position: 96, Duration: 100, Watched: true}},
		{"new duration replaces the old", Position{Position: 10, Duration: 100}, 20, 200, false, Position{Position: 20, Duration: 200}},
		{"seeking back keeps watched", Position{Position: 99, Duration: 100, Watched: true}, 3, 100, false, Position{Position: 3, Duration: 100, Watched: true}},
		{"a stop early keeps watched (a rewatch)", Position{Position: 99, Duration: 100, Watched: true}, 3, 100, true, Position{Position: 3, Duration: 100, Watched: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := advance(tt.old, tt.position, tt.duration, tt.stopped); got != tt.want {
				t.Errorf("advance(%+v, %v, %v, stopped=%v) = %+v, want %+v", tt.old, tt.position, tt.duration, tt.stopped, got, tt.want)
			}
		})
	}
}

func TestSavePosition(t *testing.T) {
	t.Parallel()
	type save struct {
		position, duration float64
		stop               bool // StopAt rather than SavePosition
	}
	tests := []struct {
		name  string
		saves []save
		clear bool // ClearWatched after the saves
		mark  bool // MarkWatched after the saves
		want  Position
	}{
		{"one save", []save{{30, 100, false}}, false, false, Position{Position: 30, Duration: 100}},
		{"later save wins", []save{{30, 100, false}, {60, 100, false}}, false, false, Position{Position: 60, Duration: 100}},
		{"a stop past 95 percent marks watched", []save{{95, 100, true}}, false, false, Position{Position: 95, Duration: 100, Watched: true}},
		{"the end marks watched", []save{{100, 100, false}}, false, false, Position{Position: 100, Duration: 100, Watched: true}},
		{
			"issue 13: a peek past 95 percent, then back to 30 and stop, keeps the place",
			[]save{{1800, 6000, false}, {5800, 6000, false}, {1810, 6000, false}, {1810, 6000, true}}, false, false,
			Position{Position: 1810, Duration: 6000},
		},
		{"watched survives a rewatch from the start", []save{{97, 100, true}, {1, 100, false}}, false, false, Position{Position: 1, Duration: 100, Watched: true}},
		{"ClearWatched unmarks and rewinds", []save{{97, 100, true}}, true, false, Position{Position: 0, Duration: 100}},
		{"MarkWatched rewinds to the start", []save{{30, 100, false}}, false, true, Position{Position: 0, Duration: 100, Watched: true}},
		{"MarkWatched on a file never played", nil, false, true, Position{Watched: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			const path = "/videos/a.mkv"
			before := time.Now()
			for _, sv := range tt.saves {
				save, name := s.SavePosition, "SavePosition"
				if sv.stop {
					save, name = s.StopAt, "StopAt"
				}
				if err := save(path, sv.position, sv.duration); err != nil {
					t.Fatalf("%s(%q, %v, %v): %v", name, path, sv.position, sv.duration, err)
				}
			}
			if tt.clear {
				if err := s.ClearWatched(path); err != nil {
					t.Fatal(err)
				}
			}
			if tt.mark {
				if err := s.MarkWatched(path); err != nil {
					t.Fatal(err)
				}
			}
			got, ok, err := s.Position(path)
			if err != nil || !ok {
				t.Fatalf("Position(%q) = %+v, %v, %v; want found", path, got, ok, err)
			}
			if got.Updated.Before(before) || got.Updated.After(time.Now()) {
				t.Errorf("saves %v: Updated = %v, want between %v and now", tt.saves, got.Updated, before)
			}
			got.Updated = time.Time{}
			tt.want.Path = path
			if got != tt.want {
				t.Errorf("saves %v (clear %v, mark %v): Position = %+v, want %+v", tt.saves, tt.clear, tt.mark, got, tt.want)
			}
		})
	}
}

func TestSavePositionRejectsNonsense(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for _, v := range [][2]float64{{-1, 100}, {1, -100}, {math.NaN(), 100}, {1, math.NaN()}, {math.Inf(1), 100}, {1, math.Inf(1)}} {
		if err := s.SavePosition("/v.mkv", v[0], v[1]); err == nil {
			t.Errorf("SavePosition(position=%v, duration=%v) = nil, want an error", v[0], v[1])
		}
	}
	if _, ok, err := s.Position("/v.mkv"); ok || err != nil {
		t.Errorf("Position after rejected saves: found=%v err=%v, want nothing stored", ok, err)
	}
}

func TestPositionOfUnknownPath(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	if p, ok, err := s.Position("/never/played.mkv"); ok || err != nil || p != (Position{}) {
		t.Errorf("Position(unknown) = %+v, %v, %v; want zero, false, nil", p, ok, err)
	}
	if err := s.ClearWatched("/never/played.mkv"); err != nil {
		t.Errorf("ClearWatched(unknown) = %v, want nil", err)
	}
}

func TestContinueWatching(t *testing.T) {
	t.Parallel()
	type save struct {
		path               string
		position, duration float64
	}
	tests := []struct {
		name  string
		saves []save
		limit int
		want  []string
	}{
		{"nothing played", nil, 10, []string{}},
		{
			name:  "most recently played first",
			saves: []save{{"/a", 10, 100}, {"/b", 10, 100}, {"/c", 10, 100}},
			limit: 10,
			want:  []string{"/c", "/b", "/a"},
		},
		{
			name:  "playing again moves to the front",
			saves: []save{{"/a", 10, 100}, {"/b", 10, 100}, {"/a", 20, 100}},
			limit: 10,
			want:  []string{"/a", "/b"},
		},
		{
			name:  "five seconds or less is not started",
			saves: []save{{"/a", 5, 100}, {"/b", 5.5, 100}, {"/c", 0, 100}},
			limit: 10,
			want:  []string{"/b"},
		},
		{
			name:  "watched files are done",
			saves: []save{{"/a", 10, 100}, {"/b", 100, 100}, {"/c", 100, 100}, {"/c", 50, 100}},
			limit: 10,
			want:  []string{"/a"},
		},
		{
			name:  "a peek past 95 percent while playing is not done (issue 13)",
			saves: []save{{"/a", 30, 100}, {"/a", 97, 100}, {"/a", 30, 100}},
			limit: 10,
			want:  []string{"/a"},
		},
		{
			name:  "unknown duration can be continued",
			saves: []save{{"/a", 600, 0}},
			limit: 10,
			want:  []string{"/a"},
		},
		{
			name:  "limit keeps the most recent",
			saves: []save{{"/a", 10, 100}, {"/b", 10, 100}, {"/c", 10, 100}},
			limit: 2,
			want:  []string{"/c", "/b"},
		},
		{
			name:  "no limit",
			saves: []save{{"/a", 10, 100}, {"/b", 10, 100}, {"/c", 10, 100}},
			limit: 0,
			want:  []string{"/c", "/b", "/a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			for _, sv := range tt.saves {
				if err := s.SavePosition(sv.path, sv.position, sv.duration); err != nil {
					t.Fatal(err)
				}
			}
			ps, err := s.ContinueWatching(tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, p := range ps {
				got = append(got, p.Path)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("saves %v: ContinueWatching(%d) = %q, want %q", tt.saves, tt.limit, got, tt.want)
			}
		})
	}
}

func TestContinueWatchingAfterClearWatched(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	if err := s.SavePosition("/a", 100, 100); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearWatched("/a"); err != nil {
		t.Fatal(err)
	}
	if ps, err := s.ContinueWatching(10); err != nil || len(ps) != 0 {
		t.Errorf("ContinueWatching after ClearWatched = %+v, %v; want nothing, it starts over", ps, err)
	}
	if err := s.SavePosition("/a", 30, 100); err != nil {
		t.Fatal(err)
	}
	if ps, err := s.ContinueWatching(10); err != nil || len(ps) != 1 || ps[0].Watched {
		t.Errorf("ContinueWatching after replaying = %+v, %v; want /a, not watched", ps, err)
	}
}

func TestPositions(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	invalidUTF8 := "/videos/caf\xe9.mkv"
	saved := []string{"/videos/a.mkv", "/videos/it's \"quoted\".mkv", invalidUTF8, "/videos/日本.mkv"}
	for i, p := range saved {
		if err := s.SavePosition(p, float64(10*(i+1)), 100); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		paths []string
		want  map[string]float64
	}{
		{"no paths", nil, map[string]float64{}},
		{"all saved", saved, map[string]float64{saved[0]: 10, saved[1]: 20, saved[2]: 30, saved[3]: 40}},
		{"unknown paths are left out", []string{"/nope", saved[0], "/videos/caf\uFFFD.mkv"}, map[string]float64{saved[0]: 10}},
		{"invalid UTF-8 matches byte for byte", []string{invalidUTF8}, map[string]float64{invalidUTF8: 30}},
		{"duplicates", []string{saved[3], saved[3]}, map[string]float64{saved[3]: 40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := s.Positions(tt.paths)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Errorf("Positions(%q) has %d entries, want %d: %+v", tt.paths, len(got), len(tt.want), got)
			}
			for path, want := range tt.want {
				if p, ok := got[path]; !ok || p.Position != want || p.Path != path {
					t.Errorf("Positions(%q)[%q] = %+v, %v; want position %v", tt.paths, path, p, ok, want)
				}
			}
		})
	}
}

func TestPositionsManyPaths(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	var paths []string
	for i := range 10000 {
		paths = append(paths, fmt.Sprintf("/videos/%05d.mkv", i))
	}
	for _, p := range paths[:100] {
		if err := s.SavePosition(p, 42, 100); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Positions(paths)
	if err != nil || len(got) != 100 {
		t.Errorf("Positions(10000 paths, 100 saved) = %d entries, %v; want 100", len(got), err)
	}
}
