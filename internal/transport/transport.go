// Package transport is how the page reaches a video's bytes, and the choice
// between the three ways (docs/api.md, README "Design"):
//
//   - Asset: the Wails asset server carries /media/, every body capped,
//     because Wails buffers whole responses on Windows. Windows and macOS.
//   - HTTP: a guarded loopback listener (internal/loopback) streams whole
//     ranges; WebKitGTK cannot play media from wails:// (WebKit bug 146351),
//     and short 206 answers break GStreamer. Linux without Reel's GStreamer
//     source, and browser mode.
//   - Reel: the same listener, but the page plays reel://127.0.0.1:PORT/…,
//     read by Reel's GStreamer source (native/gstreamer) instead of WebKit's
//     network process, so a seek waits for no batch of data there. Linux.
//
// The media handler itself is one (internal/media); only where it is
// mounted and which chunk policy it runs differ.
package transport

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"reel/internal/loopback"
	"reel/internal/media"
)

// Kind names a transport.
type Kind string

// The three transports.
const (
	Asset Kind = "asset"
	HTTP  Kind = "http"
	Reel  Kind = "reel"
)

// Choose picks the window's transport on goos. reelSource reports whether
// Reel's GStreamer source is installed and enabled for WebKitGTK.
func Choose(goos string, reelSource bool) Kind {
	switch {
	case goos != "linux":
		return Asset
	case reelSource:
		return Reel
	default:
		return HTTP
	}
}

// Media is an open transport: the URL the page plays for an id, and, for
// HTTP and Reel, the loopback listener behind it.
type Media struct {
	kind      Kind
	srv       *loopback.Server // nil for Asset
	closeOnce sync.Once
	closeErr  error
}

// Open opens a transport of kind. HTTP and Reel listen on addr (a loopback
// address, "127.0.0.1:0" for any free port) and let the page origins read
// answers (a frame drawn on a canvas needs CORS); Asset opens nothing.
func Open(kind Kind, addr string, origins ...string) (*Media, error) {
	switch kind {
	case Asset:
		return &Media{kind: kind}, nil
	case HTTP, Reel:
		srv, err := loopback.Listen(addr)
		if err != nil {
			return nil, err
		}
		for _, o := range origins {
			srv.AllowOrigin(o)
		}
		return &Media{kind: kind, srv: srv}, nil
	default:
		return nil, fmt.Errorf("transport: unknown kind %q", kind)
	}
}

// Kind returns the transport's kind.
func (m *Media) Kind() Kind { return m.kind }

// URL returns what the page plays for the video id.
func (m *Media) URL(id string) string {
	switch m.kind {
	case HTTP:
		return m.srv.URL(media.Prefix + id)
	case Reel:
		return "reel://" + strings.TrimPrefix(m.srv.URL(media.Prefix+id), "http://")
	default:
		return media.Prefix + id
	}
}

// PageURL returns the address of path on the loopback listener, token
// included, or "" for Asset (the page is served by Wails there).
func (m *Media) PageURL(path string) string {
	if m.srv == nil {
		return ""
	}
	return m.srv.URL(path)
}

// Serve answers on the listener with h, behind the loopback guard, until
// Close. For Asset it returns nil at once: the asset server carries media.
func (m *Media) Serve(h http.Handler) error {
	if m.srv == nil {
		return nil
	}
	return m.srv.Serve(h)
}

// Close stops the listener, waiting up to grace for requests in flight.
// Later calls do nothing and return the first call's error.
func (m *Media) Close(grace time.Duration) error {
	m.closeOnce.Do(func() {
		if m.srv == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), grace)
		defer cancel()
		m.closeErr = m.srv.Shutdown(ctx)
	})
	return m.closeErr
}

// AllowPublic lets GET and HEAD requests that match answer without the
// token (loopback.Server.AllowPublic); for Asset it does nothing.
func (m *Media) AllowPublic(match func(*http.Request) bool) {
	if m.srv != nil {
		m.srv.AllowPublic(match)
	}
}

// LoopbackURL returns the http:// address of the video id on the listener,
// whatever the kind (the Reel transport's fallback for containers that seek
// only through WebKit's own loader), or URL's answer for Asset.
func (m *Media) LoopbackURL(id string) string {
	if m.srv == nil {
		return m.URL(id)
	}
	return m.srv.URL(media.Prefix + id)
}
