package library

import (
	"testing"
	"unicode/utf8"
)

// TestEncodeRel is issue 11 item 9: paths the page sends back survive JSON
// (UTF-8 only) byte for byte.
func TestEncodeRel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Films/2019", "Films/2019"},
		{"unicode", "Fïlms/日本", "Fïlms/日本"},
		{"latin1", "caf\xe9", "caf%E9"},
		{"percent", "100%", "100%25"},
		{"looks_escaped", "%41", "%2541"},
		{"invalid_in_second_folder", "ok/\xff\xfe", "ok/%FF%FE"},
		{"truncated_rune", "a\xe6\x97", "a%E6%97"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := EncodeRel(tt.in)
			if got != tt.want {
				t.Errorf("EncodeRel(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("EncodeRel(%q) = %q, not UTF-8", tt.in, got)
			}
			back, err := DecodeRel(got)
			if err != nil || back != tt.in {
				t.Errorf("DecodeRel(%q) = %q, %v; want %q", got, back, err, tt.in)
			}
		})
	}
	for _, bad := range []string{"%", "%4", "%zz", "a%4/"} {
		if got, err := DecodeRel(bad); err != ErrBadPath {
			t.Errorf("DecodeRel(%q) = %q, %v; want ErrBadPath", bad, got, err)
		}
	}
}

func FuzzEncodeRel(f *testing.F) {
	for _, s := range []string{"a/b", "caf\xe9", "100%", "%41", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := EncodeRel(s)
		if !utf8.ValidString(enc) {
			t.Fatalf("EncodeRel(%q) = %q, not UTF-8", s, enc)
		}
		if back, err := DecodeRel(enc); err != nil || back != s {
			t.Fatalf("DecodeRel(EncodeRel(%q)) = %q, %v", s, back, err)
		}
	})
}
