// Package natsort orders strings the way people expect file names to be
// ordered: "ep2" before "ep10", "Alpha" next to "alpha".
package natsort

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Less reports whether a sorts before b in natural order.
//
// Runs of ASCII digits compare by numeric value, so "ep2" < "ep10"; runs of any
// length are handled without converting them to integers. Other characters
// compare case-insensitively using Unicode simple case folding, so "K", "k" and
// the Kelvin sign U+212A are equal. Strings that are equal under these rules
// ("ep02" and "ep2", "A" and "a") are ordered by their raw bytes, which makes
// the order total: Less(a, b) || Less(b, a) || a == b always holds.
//
// Only ASCII digits form numbers; other Unicode digits compare as characters.
func Less(a, b string) bool {
	return Compare(a, b) < 0
}

// Compare returns -1 if a sorts before b in natural order, +1 if it sorts
// after, and 0 only when a == b. See [Less] for the ordering rules. Compare
// suits slices.SortFunc.
func Compare(a, b string) int {
	p := commonPrefix(a, b)
	if c := compareNatural(a[p:], b[p:]); c != 0 {
		return c
	}
	return strings.Compare(a[p:], b[p:])
}

// commonPrefix returns the length of a shared prefix of a and b after which
// both can be compared afresh: one that splits neither a digit run nor a
// UTF-8 sequence. File names in one folder often share long prefixes
// ("Show S01E"), and skipping them bytewise is much cheaper than folding.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	p := 0
	for p < n && a[p] == b[p] {
		p++
	}
	// A multi-byte rune decoded before p can reach past p only if the byte
	// at p is a continuation byte; back up until neither string has one.
	for p > 0 && (continues(a, p) || continues(b, p)) {
		p--
	}
	for p > 0 && isDigit(a[p-1]) {
		p--
	}
	return p
}

func continues(s string, i int) bool { return i < len(s) && !utf8.RuneStart(s[i]) }

// compareNatural compares a and b as sequences of tokens, where a token is a
// maximal run of ASCII digits or a single case-folded rune. It returns 0 for
// strings that differ only in case or in leading zeros.
//
// A number token and a rune token compare as the number's first digit against
// the rune. Digits are contiguous ('0'..'9') and no folded rune is a digit, so
// every number sorts the same way against a given rune; the token order, and
// with it this comparison, is therefore transitive.
func compareNatural(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if x, y := a[i], b[j]; x < utf8.RuneSelf && y < utf8.RuneSelf && !isDigit(x) && !isDigit(y) {
			if x, y = lowerASCII(x), lowerASCII(y); x != y {
				if x < y {
					return -1
				}
				return 1
			}
			i, j = i+1, j+1
			continue
		}
		if isDigit(a[i]) && isDigit(b[j]) {
			ra, rb := digitRun(a, i), digitRun(b, j)
			if c := compareDigits(a[i:ra], b[j:rb]); c != 0 {
				return c
			}
			i, j = ra, rb
			continue
		}
		ca, na := foldAt(a, i)
		cb, nb := foldAt(b, j)
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
		i, j = i+na, j+nb
	}
	switch {
	case i < len(a):
		return 1
	case j < len(b):
		return -1
	}
	return 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// digitRun returns the index just past the run of digits starting at s[i].
func digitRun(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// compareDigits compares two digit runs by numeric value. Once leading zeros
// are stripped a longer run is a larger number, and runs of equal length
// compare lexically, so numbers of any size are handled without overflow.
func compareDigits(x, y string) int {
	x = strings.TrimLeft(x, "0")
	y = strings.TrimLeft(y, "0")
	if len(x) != len(y) {
		if len(x) < len(y) {
			return -1
		}
		return 1
	}
	return strings.Compare(x, y)
}

// foldAt returns the case-folded rune at s[i] and its width in bytes.
// Invalid UTF-8 bytes come back as utf8.RuneError, which keeps them equal to
// each other here; the raw tie-break in Compare still tells them apart.
func foldAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(lowerASCII(c)), 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return fold(r), n
}

// fold maps r to one representative of its simple case-folding orbit, so
// that runes equal under strings.EqualFold fold alike: the lower case of the
// orbit's smallest member. unicode.ToLower alone would not do: it leaves
// U+017F (long s) apart from 's', and final sigma apart from sigma.
func fold(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return unicode.ToLower(least)
}
