//go:build !linux || !cgo

package main

import "context"

// followColorScheme does nothing: WebView2 and WKWebView follow the
// system's light or dark setting by themselves.
func followColorScheme(context.Context) {}
