package natsort

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestCompare(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"ep2 before ep10", "ep2", "ep10", -1},
		{"ep9 before ep10 with suffix", "Show ep9.mkv", "Show ep10.mkv", -1},
		{"numbers in several runs", "s1e10", "s2e1", -1},
		{"second run decides", "s01e02", "s01e10", -1},
		{"case insensitive", "Alpha2", "alpha10", -1},
		{"case insensitive across letters", "apple", "Banana", -1},
		{"case only tie broken by raw bytes", "Abc", "abc", -1},
		{"leading zeros tie broken by raw bytes", "ep02", "ep2", -1},
		{"leading zeros do not change value", "ep010", "ep9", 1},
		{"zero and zeros tie broken by raw bytes", "0", "000", -1},
		{"huge numbers", "x18446744073709551616", "x18446744073709551615", 1},
		{"huge numbers by length", "99999999999999999999999", "100000000000000000000000", -1},
		{"huge numbers with leading zeros", "0000000000000000000000001", "2", -1},
		{"huge equal numbers then suffix", "123456789012345678901234567890b", "123456789012345678901234567890a", 1},
		{"unicode", "Élan", "éclair", 1},
		{"unicode case folding", "ÉTÉ 2", "été 10", -1},
		{"unicode long s folds to s", "ſ2", "s10", -1},
		{"kelvin sign folds to k", "\u212a2", "k10", -1},
		{"final sigma folds to sigma", "ς1", "σ2", -1},
		{"non-ASCII digits are not numbers", "\u0662", "\u0661\u0660", 1},
		{"empty", "", "", 0},
		{"empty before anything", "", "a", -1},
		{"prefix first", "ep", "ep1", -1},
		{"digits before letters", "1", "a", -1},
		{"space before digits", "a 1", "a01", -1},
		{"digits before underscore", "0", "_", -1},
		{"equal", "ep10", "ep10", 0},
		{"invalid utf-8", "a\xff", "a\xfe", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Compare(tt.a, tt.b); got != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := Compare(tt.b, tt.a); got != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
			if got, want := Less(tt.a, tt.b), tt.want < 0; got != want {
				t.Errorf("Less(%q, %q) = %v, want %v", tt.a, tt.b, got, want)
			}
		})
	}
}

func TestSortEpisodes(t *testing.T) {
	t.Parallel()
	want := []string{
		"Show - 1.mkv",
		"Show - 02.mkv",
		"show - 2.mkv",
		"Show - 9.mkv",
		"Show - 10.mkv",
		"Show - 100.mkv",
		"Show - Extras.mkv",
	}
	got := slices.Clone(want)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
	sort.Slice(got, func(i, j int) bool { return Less(got[i], got[j]) })
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
}

// randomName builds strings from an alphabet chosen to collide often: digits
// with leading zeros, letters in both cases, and runes whose case folding is
// not one-to-one.
func randomName(r *rand.Rand) string {
	alphabet := []string{"0", "00", "1", "2", "9", "10", "a", "A", "b", "B", "k", "K", "\u212a", "s", "S", "ſ", "é", "É", "σ", "ς", "Σ", " ", "_", ".", "\xff"}
	n := r.IntN(6)
	var sb strings.Builder
	for range n {
		sb.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return sb.String()
}

func TestStrictWeakOrder(t *testing.T) {
	t.Parallel()
	const seed = 20240601
	r := rand.New(rand.NewPCG(seed, seed))
	names := make([]string, 400)
	for i := range names {
		names[i] = randomName(r)
	}

	for _, a := range names[:100] {
		if Less(a, a) {
			t.Fatalf("seed %d: Less(%q, %q) = true, want false (irreflexive)", seed, a, a)
		}
		for _, b := range names[:100] {
			if Less(a, b) && Less(b, a) {
				t.Fatalf("seed %d: Less(%q, %q) and Less(%q, %q) both true (antisymmetric)", seed, a, b, b, a)
			}
			if got, want := Compare(a, b), slowCompare(a, b); got != want {
				t.Fatalf("seed %d: Compare(%q, %q) = %d, want %d as without the common prefix skipped", seed, a, b, got, want)
			}
			if got, want := Compare(a, b) == 0, a == b; got != want {
				t.Fatalf("seed %d: Compare(%q, %q) == 0 is %v, want %v (total)", seed, a, b, got, want)
			}
			for _, c := range names[:40] {
				if Less(a, b) && Less(b, c) && !Less(a, c) {
					t.Fatalf("seed %d: Less(%q, %q) and Less(%q, %q) but not Less(%q, %q) (transitive)", seed, a, b, b, c, a, c)
				}
			}
		}
	}

	// A consistent order sorts into a sequence where every earlier element is
	// Less than or equal to every later one, not just its neighbour.
	sorted := slices.Clone(names)
	sort.Slice(sorted, func(i, j int) bool { return Less(sorted[i], sorted[j]) })
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			if Less(sorted[j], sorted[i]) {
				t.Fatalf("seed %d: after sort.Slice, Less(sorted[%d]=%q, sorted[%d]=%q) = true", seed, j, sorted[j], i, sorted[i])
			}
		}
	}
}

// slowCompare is Compare without the common-prefix shortcut.
func slowCompare(a, b string) int {
	if c := compareNatural(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func TestCommonPrefixShortcut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
	}{
		{"prefix ends inside a digit run", "ep12", "ep13"},
		{"prefix ends inside a longer digit run", "ep19", "ep100"},
		{"prefix ends inside a rune", "x\u00e9", "x\u00ea"},
		{"prefix ends inside an invalid sequence", "\xe2\x82X", "\xe2\x82\xac"},
		{"one string is a prefix of a rune", "\xe2", "\u20ac"},
		{"prefix ends before a folded rune", "aK", "a\u212a"},
		{"equal strings", "same 01", "same 01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, p := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
				if got, want := Compare(p[0], p[1]), slowCompare(p[0], p[1]); got != want {
					t.Errorf("Compare(%q, %q) = %d, want %d", p[0], p[1], got, want)
				}
			}
		})
	}
}

func FuzzCompare(f *testing.F) {
	for _, s := range [][2]string{
		{"ep2", "ep10"},
		{"ep02", "ep2"},
		{"Abc", "abc"},
		{"", "0"},
		{"18446744073709551616", "18446744073709551615"},
		{"ſ", "S"},
		{"a\xff", "a\ufffd"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := Compare(a, b), slowCompare(a, b); got != want {
			t.Errorf("Compare(%q, %q) = %d, want %d as without the common prefix skipped", a, b, got, want)
		}
		ab, ba := Compare(a, b), Compare(b, a)
		if ab != -ba {
			t.Errorf("Compare(%q, %q) = %d, Compare(%q, %q) = %d, want opposites", a, b, ab, b, a, ba)
		}
		if got, want := ab == 0, a == b; got != want {
			t.Errorf("Compare(%q, %q) = %d, want 0 exactly when equal", a, b, ab)
		}
		if sign(ab) != ab {
			t.Errorf("Compare(%q, %q) = %d, want -1, 0 or 1", a, b, ab)
		}
	})
}

// benchNames returns n file names shaped like a media library: shows with
// season and episode numbers, mixed case, and some unpadded numbers.
func benchNames(n int) []string {
	r := rand.New(rand.NewPCG(7, 7))
	shows := []string{"The Office", "the office", "Planet Earth", "Cosmos", "Doctor Who", "doctor who (2005)", "Über Show", "Film"}
	names := make([]string, n)
	for i := range names {
		show := shows[r.IntN(len(shows))]
		switch r.IntN(3) {
		case 0:
			names[i] = fmt.Sprintf("%s S%02dE%02d.mkv", show, r.IntN(20)+1, r.IntN(30)+1)
		case 1:
			names[i] = fmt.Sprintf("%s - %d.mp4", show, r.IntN(500)+1)
		default:
			names[i] = fmt.Sprintf("%s %d part %d.mkv", show, 1900+r.IntN(130), r.IntN(12))
		}
	}
	return names
}

func BenchmarkSort10000(b *testing.B) {
	names := benchNames(10000)
	buf := make([]string, len(names))
	b.Run("sort.Slice/Less", func(b *testing.B) {
		for b.Loop() {
			copy(buf, names)
			sort.Slice(buf, func(i, j int) bool { return Less(buf[i], buf[j]) })
		}
	})
	b.Run("slices.SortFunc/Compare", func(b *testing.B) {
		for b.Loop() {
			copy(buf, names)
			slices.SortFunc(buf, Compare)
		}
	})
	b.Run("baseline/sort.Strings", func(b *testing.B) {
		for b.Loop() {
			copy(buf, names)
			sort.Strings(buf)
		}
	})
}
