package measure

import (
	"strings"
	"testing"
	"time"
)

func TestChangeTimes(t *testing.T) {
	in := "#format: frame checksums\n#tb 0: 1/60\n#stream#, dts, pts, duration, size, hash\n" +
		"0, 0, 0, 1, 10, aaa\n0, 1, 1, 1, 10, aaa\n0, 2, 2, 1, 10, bbb\n0, 3, 3, 1, 10, bbb\n0, 6, 6, 1, 10, ccc\n"
	start := time.Unix(100, 0)
	got, err := changeTimes(strings.NewReader(in), start)
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{2 * time.Second / 60, 6 * time.Second / 60}
	if len(got) != len(want) {
		t.Fatalf("changes = %v, want offsets %v", got, want)
	}
	for i, w := range want {
		if d := got[i].Sub(start); d != w {
			t.Errorf("change %d at +%v, want +%v", i, d, w)
		}
	}
}

func TestFirstSustained(t *testing.T) {
	at := func(ms ...int) []time.Time {
		var ts []time.Time
		for _, m := range ms {
			ts = append(ts, time.Unix(0, 0).Add(time.Duration(m)*time.Millisecond))
		}
		return ts
	}
	tests := []struct {
		name    string
		changes []time.Time
		want    int // ms; -1 for none
	}{
		{"a paint, then playing", at(100, 200, 1500, 1540, 1580, 1620), 1500},
		{"only paints", at(100, 900, 2000), -1},
		{"none", nil, -1},
		{"playing from the start", at(0, 40, 80, 120, 160), 0},
	}
	for _, tt := range tests {
		got, ok := FirstSustained(tt.changes, 4, time.Second)
		if tt.want < 0 {
			if ok {
				t.Errorf("%s: FirstSustained = %v, want none", tt.name, got)
			}
			continue
		}
		if !ok || got.Sub(time.Unix(0, 0)) != time.Duration(tt.want)*time.Millisecond {
			t.Errorf("%s: FirstSustained = %v, %v; want +%d ms", tt.name, got, ok, tt.want)
		}
	}
}
