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

// webkitMediaScheme picks the URL scheme the window's page plays media
// from. With Reel's GStreamer source beside the binary it is "reel": the
// plugin folder goes on GST_PLUGIN_PATH and "reel" on WebKitGTK's list of
// media protocols, before the webview (and its web process) starts, and
// the page plays reel://127.0.0.1:PORT/media/ID, read by GStreamer itself
// rather than through WebKit's network process (a seek then waits for no
// batch of data there). Without the plugin, or with REEL_MEDIA_SCHEME=http,
// it is "http".
func webkitMediaScheme() string {
	if os.Getenv("REEL_MEDIA_SCHEME") == "http" {
		return "http"
	}
	exe, err := os.Executable()
	if err != nil {
		return "http"
	}
	dir := filepath.Join(filepath.Dir(exe), reelPluginDir)
	if _, err := os.Stat(filepath.Join(dir, "libgstreel.so")); err != nil {
		dir = installedPluginDir
		if _, err := os.Stat(filepath.Join(dir, "libgstreel.so")); err != nil {
			return "http"
		}
	}
	prependEnv("GST_PLUGIN_PATH", dir, string(os.PathListSeparator))
	prependEnv("WEBKIT_GST_ALLOWED_URI_PROTOCOLS", "reel", ",")
	return "reel"
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
