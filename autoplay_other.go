//go:build !linux || !cgo

package main

// allowAutoplay does nothing here: the WebKitGTK policy it lifts on Linux
// does not exist in WebView2 or WKWebView (not measured on these machines).
func allowAutoplay() error { return nil }
