//go:build !linux

package main

// setReelSourceEnv changes nothing and reports false: only WebKitGTK plays
// media through Reel's GStreamer source; elsewhere the asset server
// carries it (transport.Asset).
func setReelSourceEnv() bool { return false }
