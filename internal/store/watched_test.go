package store

import (
	"testing"
	"time"
)

// TestMarkWatchedAndForget covers the library's right-click menu (issue
// 12): what each action leaves in the database and in Continue watching.
func TestMarkWatchedAndForget(t *testing.T) {
	t.Parallel()
	const path = "/videos/a.mkv"
	type save struct{ position, duration float64 }
	tests := []struct {
		name       string
		saves      []save
		action     func(s *Store) error
		want       Position
		inContinue bool
	}{
		{"mark a half-watched video watched", []save{{50, 100}}, func(s *Store) error { return s.MarkWatched(path) }, Position{Path: path, Position: 0, Duration: 100, Watched: true}, false},
		{"mark a never-played video watched", nil, func(s *Store) error { return s.MarkWatched(path) }, Position{Path: path, Watched: true}, false},
		{"mark watched twice", []save{{50, 100}}, func(s *Store) error {
			if err := s.MarkWatched(path); err != nil {
				return err
			}
			return s.MarkWatched(path)
		}, Position{Path: path, Duration: 100, Watched: true}, false},
		{"unmark after marking", []save{{50, 100}}, func(s *Store) error {
			if err := s.MarkWatched(path); err != nil {
				return err
			}
			return s.ClearWatched(path)
		}, Position{Path: path, Duration: 100}, false},
		{"forget a half-watched video", []save{{50, 100}}, func(s *Store) error { return s.ForgetPosition(path) }, Position{Path: path, Duration: 100}, false},
		{"forget keeps watched", []save{{100, 100}, {40, 100}}, func(s *Store) error { return s.ForgetPosition(path) }, Position{Path: path, Duration: 100, Watched: true}, false},
		{"forget a video never played", nil, func(s *Store) error { return s.ForgetPosition(path) }, Position{}, false},
		{"nothing done stays in Continue watching", []save{{50, 100}}, func(s *Store) error { return nil }, Position{Path: path, Position: 50, Duration: 100}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newStore(t)
			for _, sv := range tt.saves {
				if err := s.SavePosition(path, sv.position, sv.duration); err != nil {
					t.Fatal(err)
				}
			}
			if err := tt.action(s); err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			got, _, err := s.Position(path)
			if err != nil {
				t.Fatal(err)
			}
			got.Updated = time.Time{} // when, not what: not compared
			if got != tt.want {
				t.Errorf("after %q: position = %+v, want %+v", tt.name, got, tt.want)
			}
			cont, err := s.ContinueWatching(0)
			if err != nil {
				t.Fatal(err)
			}
			if in := len(cont) == 1 && cont[0].Path == path; in != tt.inContinue {
				t.Errorf("after %q: in Continue watching = %v, want %v", tt.name, in, tt.inContinue)
			}
		})
	}
}
