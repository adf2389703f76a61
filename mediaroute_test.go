package main

import (
	"errors"
	"testing"

	"reel/internal/library"
)

type names map[string]string

func (n names) Describe(id string) (library.Video, error) {
	if name, ok := n[id]; ok {
		return library.Video{ID: id, Name: name}, nil
	}
	return library.Video{}, errors.New("no such id")
}

func TestWindowMediaURL(t *testing.T) {
	lib := names{"a": "clip.mp4", "b": "show.FLV", "c": "rec.ts", "d": "disc.m2ts", "e": "film.mkv", "f": "cam.MTS", "g": "old.avi", "h": "talk.ogv"}
	const u = "http://127.0.0.1:5/media/ID?token=x"
	tests := []struct{ id, want string }{
		{"a", "reel://127.0.0.1:5/media/ID?token=x"},
		{"b", u},
		{"c", u},
		{"d", u},
		{"e", "reel://127.0.0.1:5/media/ID?token=x"},
		{"f", u},
		{"g", u},
		{"h", u},
		{"unknown", "reel://127.0.0.1:5/media/ID?token=x"},
	}
	for _, tt := range tests {
		if got := windowMediaURL(lib, u, tt.id); got != tt.want {
			t.Errorf("windowMediaURL(%s = %q) = %q, want %q", tt.id, lib[tt.id], got, tt.want)
		}
	}
}
