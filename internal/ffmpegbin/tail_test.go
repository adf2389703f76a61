package ffmpegbin

import (
	"reflect"
	"strings"
	"testing"
)

// TestTail: ffmpeg's stderr is kept bounded, its last lines whole.
func TestTail(t *testing.T) {
	long := strings.Repeat("x", TailLineBytes+100)
	many := ""
	for i := range 1000 {
		many += "line " + string(rune('a'+i%26)) + "\n"
	}
	tests := []struct {
		name   string
		writes []string
		want   []string
	}{
		{"nothing", nil, nil},
		{"one line", []string{"Invalid data found when processing input\n"}, []string{"Invalid data found when processing input"}},
		{"in pieces", []string{"Conver", "sion fail", "ed!\n"}, []string{"Conversion failed!"}},
		{"unfinished last line", []string{"a\nb"}, []string{"a", "b"}},
		{"progress lines end in a carriage return", []string{"size=1kB\rsize=2kB\r\nerror\n"}, []string{"size=1kB", "size=2kB", "error"}},
		{"blank lines left out", []string{"\n\n  \na\n\n"}, []string{"a"}},
		{"a long line cut", []string{long + "\n"}, []string{long[:TailLineBytes]}},
		{"a long unfinished line cut", []string{long, long}, []string{long[:TailLineBytes]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tl Tail
			for _, w := range tt.writes {
				if n, err := tl.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write(%q) = %d, %v; want %d, nil", w, n, err, len(w))
				}
			}
			if got := tl.Lines(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%q: lines %q, want %q", tt.writes, got, tt.want)
			}
		})
	}
	t.Run("many lines keep the last", func(t *testing.T) {
		var tl Tail
		tl.Write([]byte(many))
		got := tl.Lines()
		lines := strings.Split(strings.TrimSpace(many), "\n")
		if want := lines[len(lines)-TailLines:]; !reflect.DeepEqual(got, want) {
			t.Errorf("1000 lines: kept %q, want the last %d %q", got, TailLines, want)
		}
		if tl.Last() != lines[len(lines)-1] {
			t.Errorf("Last() = %q, want %q", tl.Last(), lines[len(lines)-1])
		}
	})
}
