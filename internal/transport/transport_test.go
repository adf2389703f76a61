package transport

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestChoose(t *testing.T) {
	tests := []struct {
		goos       string
		reelSource bool
		want       Kind
	}{
		{"linux", true, Reel},
		{"linux", false, HTTP},
		{"windows", false, Asset},
		{"windows", true, Asset}, // the source is a GStreamer plugin: WebKitGTK only
		{"darwin", false, Asset},
	}
	for _, tt := range tests {
		if got := Choose(tt.goos, tt.reelSource); got != tt.want {
			t.Errorf("Choose(%q, %v) = %q, want %q", tt.goos, tt.reelSource, got, tt.want)
		}
	}
}

func TestURL(t *testing.T) {
	tests := []struct {
		kind Kind
		want string // a pattern
	}{
		{Asset, `^/media/abc$`},
		{HTTP, `^http://127\.0\.0\.1:[0-9]+/media/abc\?token=[A-Za-z0-9_-]{43}$`},
		{Reel, `^reel://127\.0\.0\.1:[0-9]+/media/abc\?token=[A-Za-z0-9_-]{43}$`},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			m, err := Open(tt.kind, "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close(time.Second)
			if got := m.URL("abc"); !regexp.MustCompile(tt.want).MatchString(got) {
				t.Errorf("%s: URL(abc) = %q, want %s", tt.kind, got, tt.want)
			}
			if m.Kind() != tt.kind {
				t.Errorf("%s: Kind() = %q", tt.kind, m.Kind())
			}
		})
	}
}

func TestOpenRefuses(t *testing.T) {
	if _, err := Open(HTTP, "0.0.0.0:0"); err == nil {
		t.Error("Open(HTTP, 0.0.0.0:0) = nil error, want a refusal: loopback only")
	}
	if _, err := Open(Kind("ftp"), "127.0.0.1:0"); err == nil {
		t.Error(`Open("ftp") = nil error, want unknown kind`)
	}
}

// TestServeHTTP checks that the listener answers behind its guard, with
// the token the URL carries, and that Close stops it (twice is harmless).
func TestServeHTTP(t *testing.T) {
	m, err := Open(HTTP, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- m.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	}()
	res, err := http.Get(m.URL("abc"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || string(body) != "ok" {
		t.Errorf("GET URL(abc): %d %q, want 200 ok", res.StatusCode, body)
	}
	bare := strings.Split(m.URL("abc"), "?")[0]
	if res, err := http.Get(bare); err == nil {
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s without the token: %d, want a refusal", bare, res.StatusCode)
		}
	}
	if err := m.Close(time.Second); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := m.Close(time.Second); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve after Close = %v, want nil", err)
	}
}

func TestAssetServesNothing(t *testing.T) {
	m, _ := Open(Asset, "")
	if err := m.Serve(http.NotFoundHandler()); err != nil {
		t.Errorf("Asset Serve = %v, want nil at once", err)
	}
	if got := m.PageURL("/"); got != "" {
		t.Errorf("Asset PageURL = %q, want empty: Wails serves the page", got)
	}
}

// TestMiddleware checks that /api/ and /media/ go to their routes and
// everything else to the page's own files.
func TestMiddleware(t *testing.T) {
	named := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, name) })
	}
	h := Middleware(Routes(named("api"), named("media")))(named("page"))
	tests := []struct{ method, path, want string }{
		{"GET", "/api/state", "api"},
		{"PUT", "/api/settings", "api"},
		{"GET", "/media/abc", "media"},
		{"HEAD", "/media/abc", "media"},
		{"GET", "/", "page"},
		{"GET", "/assets/index.js", "page"},
		{"GET", "/apis", "page"},
		{"GET", "/mediax/abc", "page"},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
		if got := rec.Body.String(); got != tt.want {
			t.Errorf("%s %s: went to %q, want %q", tt.method, tt.path, got, tt.want)
		}
	}
}
