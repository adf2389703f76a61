package store

import (
	"bytes"
	"testing"
)

// TestCachedListing: the cached listing of a recent folder comes back as it
// was saved, and a folder that left the recent list loses its row with the
// next save (issue 8).
func TestCachedListing(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	for _, d := range []string{"/v/a", "/v/b"} {
		if err := s.AddRecent(d); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name  string
		do    func() error
		dir   string
		want  []byte
		found bool
	}{
		{"nothing saved yet", nil, "/v/a", nil, false},
		{"saved", func() error { return s.PutCachedListing("/v/a/", []byte(`{"n":1}`)) }, "/v/a", []byte(`{"n":1}`), true},
		{"saved again replaces it", func() error { return s.PutCachedListing("/v/a", []byte(`{"n":2}`)) }, "/v/a", []byte(`{"n":2}`), true},
		{"another folder's is its own", func() error { return s.PutCachedListing("/v/b", []byte(`{"b":1}`)) }, "/v/a", []byte(`{"n":2}`), true},
		{"a folder not in the recent list keeps none", func() error { return s.PutCachedListing("/v/c", []byte(`{}`)) }, "/v/c", nil, false},
		{"forgotten with its folder at the next save", func() error {
			if err := s.RemoveRecent("/v/a"); err != nil {
				return err
			}
			return s.PutCachedListing("/v/b", []byte(`{"b":2}`))
		}, "/v/a", nil, false},
	}
	for _, st := range steps {
		if st.do != nil {
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		got, found, err := s.CachedListing(st.dir)
		if err != nil || found != st.found || !bytes.Equal(got, st.want) {
			t.Errorf("%s: CachedListing(%q) = %q, %v, %v; want %q, %v, nil", st.name, st.dir, got, found, err, st.want, st.found)
		}
	}
	if _, _, err := s.CachedListing(""); err == nil {
		t.Errorf(`CachedListing(""): no error, want one`)
	}
}
