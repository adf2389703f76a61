//go:build !linux

package main

// webkitMediaScheme is "http": only WebKitGTK plays media through Reel's
// GStreamer source; elsewhere media comes from the asset server.
func webkitMediaScheme() string { return "http" }
