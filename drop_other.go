//go:build !linux || !cgo

package main

// watchNativeDrops does nothing here: Wails' own file drop
// (runtime.OnFileDrop) serves WebView2 and WKWebView.
func watchNativeDrops(handle func(paths []string), over func(bool)) {}
