//go:build linux && cgo

package main

import "testing"

// TestAllowAutoplay is issue 12's `reel FILE` that did not play: a web view
// made after allowAutoplay lets the page play with sound by itself.
func TestAllowAutoplay(t *testing.T) {
	if err := allowAutoplay(); err != nil {
		t.Fatalf("allowAutoplay: %v", err)
	}
	if !newPoliciesAllowAutoplay() {
		t.Fatal("after allowAutoplay, new website policies: autoplay is not WEBKIT_AUTOPLAY_ALLOW")
	}
}
