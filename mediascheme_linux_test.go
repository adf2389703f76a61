//go:build linux

package main

import (
	"os"
	"testing"
)

func TestPrependEnv(t *testing.T) {
	tests := []struct {
		old, value, sep, want string
	}{
		{"", "reel", ",", "reel"},
		{"asset", "reel", ",", "reel,asset"},
		{"asset,reel", "reel", ",", "asset,reel"}, // there already: left alone
		{"/usr/lib/gst", "/opt/reel/gstreamer-1.0", ":", "/opt/reel/gstreamer-1.0:/usr/lib/gst"},
	}
	for _, tt := range tests {
		t.Setenv("REEL_TEST_LIST", tt.old)
		prependEnv("REEL_TEST_LIST", tt.value, tt.sep)
		if got := os.Getenv("REEL_TEST_LIST"); got != tt.want {
			t.Errorf("prependEnv(%q onto %q) = %q, want %q", tt.value, tt.old, got, tt.want)
		}
	}
}

func TestSetReelSourceEnvCanBeForcedOff(t *testing.T) {
	t.Setenv("REEL_MEDIA_SCHEME", "http")
	t.Setenv("WEBKIT_GST_ALLOWED_URI_PROTOCOLS", "")
	if setReelSourceEnv() {
		t.Error("setReelSourceEnv() = true with REEL_MEDIA_SCHEME=http")
	}
	if got := os.Getenv("WEBKIT_GST_ALLOWED_URI_PROTOCOLS"); got != "" {
		t.Errorf("WEBKIT_GST_ALLOWED_URI_PROTOCOLS = %q, want it untouched", got)
	}
}
