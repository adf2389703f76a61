package main

import (
	"reflect"
	"testing"
	"time"
)

// TestRecentItems covers Open Recent's items on Linux (issue 12): each
// update is a new generation, and a choice opens the folder its item
// showed, never one of a newer list.
func TestRecentItems(t *testing.T) {
	opened := make(chan string, 4)
	open := func(dir string) { opened <- dir }
	r := &recentItems{}

	labels, none := r.set(nil, open)
	if !reflect.DeepEqual(labels, []string{noRecent}) || none != -1 {
		t.Fatalf("set(nil) = %q, %d; want [%q], -1", labels, none, noRecent)
	}
	labels, first := r.set([]string{"/v/Films", "/v/Series"}, open)
	if want := []string{"Films  —  /v/Films", "Series  —  /v/Series"}; !reflect.DeepEqual(labels, want) {
		t.Fatalf("labels = %q, want %q", labels, want)
	}
	_, second := r.set([]string{"/v/Series", "/v/Films"}, open)

	tests := []struct {
		name  string
		gen   int
		index int
		want  string // "" for nothing opened
	}{
		{"the list on screen", second, 0, "/v/Series"},
		{"its second item", second, 1, "/v/Films"},
		{"an item of the list before", first, 0, ""},
		{"the disabled item", none, 0, ""},
		{"past the end", second, 2, ""},
		{"before the start", second, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r.chosen(tt.gen, tt.index)
			select {
			case got := <-opened:
				if got != tt.want {
					t.Errorf("chosen(%d, %d) opened %q, want %q", tt.gen, tt.index, got, tt.want)
				}
			case <-time.After(200 * time.Millisecond):
				if tt.want != "" {
					t.Errorf("chosen(%d, %d) opened nothing, want %q", tt.gen, tt.index, tt.want)
				}
			}
		})
	}
}
