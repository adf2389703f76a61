//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
)

// reelPluginDir is where the build puts the GStreamer plugin beside the
// binary: build/bin/gstreamer-1.0/libgstreel.so (native/gstreamer).
const reelPluginDir = "gstreamer-1.0"

// installedPluginDir is where the .deb puts it (issue 12), the binary
// being in /usr/bin.
var installedPluginDir = "/usr/lib/reel/gstreamer-1.0"

// setReelSourceEnv changes the process environment so that WebKitGTK
// plays reel:// through Reel's GStreamer source, and reports whether it
// did. With the plugin beside the binary (or where the .deb installs it),
// its folder goes on GST_PLUGIN_PATH and "reel" on WebKitGTK's list of
// media protocols; this must happen before the webview (and its web process) starts. Without the
// plugin, or with REEL_MEDIA_SCHEME=http, it changes nothing and reports
// false: the page then plays http:// (transport.HTTP).
func setReelSourceEnv() bool {
	if os.Getenv("REEL_MEDIA_SCHEME") == "http" {
		return false
	}
	exe, err := os.Executable()
	if err != nil {
		return false
	}
	dir := filepath.Join(filepath.Dir(exe), reelPluginDir)
	if _, err := os.Stat(filepath.Join(dir, "libgstreel.so")); err != nil {
		dir = installedPluginDir
		if _, err := os.Stat(filepath.Join(dir, "libgstreel.so")); err != nil {
			return false
		}
	}
	prependEnv("GST_PLUGIN_PATH", dir, string(os.PathListSeparator))
	prependEnv("WEBKIT_GST_ALLOWED_URI_PROTOCOLS", "reel", ",")
	return true
}

// prependEnv puts value first in the list held by the environment
// variable key, unless it is there already.
func prependEnv(key, value, sep string) {
	old := os.Getenv(key)
	for _, v := range strings.Split(old, sep) {
		if v == value {
			return
		}
	}
	if old != "" {
		value += sep + old
	}
	os.Setenv(key, value)
}
