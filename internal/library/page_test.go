package library

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"slices"
	"testing"
)

// nameEntry is a DirEntry with only a name, for the ordering tests.
type nameEntry string

func (n nameEntry) Name() string               { return string(n) }
func (n nameEntry) IsDir() bool                { return false }
func (n nameEntry) Type() fs.FileMode          { return 0 }
func (n nameEntry) Info() (fs.FileInfo, error) { return nil, fs.ErrInvalid }

// TestSmallest: the first page picked without sorting is the head of the
// sorted folder (issue 11 item 10).
func TestSmallest(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 11))
	var entries []fs.DirEntry
	for range 5000 {
		entries = append(entries, nameEntry(fmt.Sprintf("ep%d.mp4", r.IntN(3000))))
	}
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, byName)
	for _, k := range []int{0, 1, 2, 400, 4999, 5000} {
		got := smallest(slices.Clone(entries), k, byName)
		if len(got) != k {
			t.Errorf("smallest(5000 names, %d): %d names", k, len(got))
			continue
		}
		for i := range got {
			if got[i].Name() != sorted[i].Name() {
				t.Errorf("smallest(5000 names, %d)[%d] = %q, want %q", k, i, got[i].Name(), sorted[i].Name())
				break
			}
		}
	}
}

var _ fs.DirEntry = nameEntry("")
