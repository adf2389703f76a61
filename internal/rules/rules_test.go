package rules

import (
	"slices"
	"testing"
)

// TestKeysAgree holds the key table, the actions and the ? overlay to one
// another: every binding names an action, no key is bound twice, and every
// action has a row of help.
func TestKeysAgree(t *testing.T) {
	seen := map[string]string{}
	for _, b := range Bindings {
		if !slices.Contains(Actions, b.Action) {
			t.Errorf("binding %q: action %q is not in Actions", b.Keys, b.Action)
		}
		for _, k := range b.Keys {
			if prev, ok := seen[k]; ok {
				t.Errorf("key %q: bound to %q and %q", k, prev, b.Action)
			}
			seen[k] = b.Action
		}
	}
	helped := map[string]bool{}
	for _, topic := range KeyHelp {
		for _, row := range topic.Rows {
			for _, a := range row.Actions {
				if !slices.Contains(Actions, a) {
					t.Errorf("help row %q: action %q is not in Actions", row.What, a)
				}
				helped[a] = true
			}
		}
	}
	for _, a := range Actions {
		if !helped[a] {
			t.Errorf("action %q: no row of the ? overlay explains it", a)
		}
	}
}

func TestRatesWithinLimits(t *testing.T) {
	if Rates[0] != MinRate || Rates[len(Rates)-1] != MaxRate || !slices.IsSorted(Rates) || !slices.Contains(Rates, 1) {
		t.Errorf("Rates = %v, want sorted from %v to %v through 1", Rates, MinRate, MaxRate)
	}
}

func TestCodecsNamed(t *testing.T) {
	for goos, d := range NotPlayable {
		for _, c := range slices.Concat(d.Video, d.Audio) {
			if Codecs[c].Label == "" || Codecs[c].Name == "" {
				t.Errorf("%s denies %q, which has no label or name", goos, c)
			}
		}
		if _, ok := Fixes.Platforms[goos]; !ok {
			t.Errorf("%s denies codecs but has no fix", goos)
		}
		for c := range Fixes.Platforms[goos].Video {
			if !slices.Contains(d.Video, c) {
				t.Errorf("%s has a fix for %q, which it does not deny", goos, c)
			}
		}
	}
}

func TestIsVideo(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"a.mp4", true}, {"A.MKV", true}, {"x.y.webm", true}, {"clip.3gp", true},
		{"a.srt", false}, {"mp4", false}, {"a.mp4.part", false}, {"", false},
	}
	for _, tt := range tests {
		if got := IsVideo(tt.name); got != tt.want {
			t.Errorf("IsVideo(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSubtitleFormat(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"a.srt", "srt"}, {"A.SRT", "srt"}, {"x.en.vtt", "vtt"}, {"a.ass", "ass"}, {"a.Ssa", "ssa"},
		{"srt", ""}, {"a.srt.txt", ""}, {"a.sub", ""}, {"a.mkv", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := SubtitleFormat(tt.name); got != tt.want {
			t.Errorf("SubtitleFormat(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
