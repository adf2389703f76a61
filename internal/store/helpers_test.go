package store

import (
	"path/filepath"
	"testing"
)

// newStore opens a store on a fresh file in t's temporary directory and
// closes it when the test ends.
func newStore(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "reel.db"))
}

// openAt opens the store at path, failing the test on error, and closes it
// when the test ends.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close(%q): %v", path, err)
		}
	})
	return s
}
