package loopback_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"reel/internal/loopback"
)

// server is a running loopback server and a client of its own.
type server struct {
	*loopback.Server
	client *http.Client
}

// start listens on a free loopback port and serves a handler that answers
// "ok" until the test ends. allow names extra CORS origins.
func start(t *testing.T, allow ...string) server {
	t.Helper()
	tr := &http.Transport{}
	s, err := loopback.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range allow {
		s.AllowOrigin(o)
	}
	done := make(chan error, 1)
	go func() {
		done <- s.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "ok")
		}))
	}()
	t.Cleanup(func() {
		// An idle connection that never carried a request would hold
		// Shutdown for 5 s (golang/go#22682).
		tr.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return server{s, &http.Client{Transport: tr}}
}

// request is one raw request to the server under test.
type request struct {
	method string            // GET when empty
	path   string            // "/x" when empty
	query  string            // raw query, "{token}" replaced by the token
	host   string            // Host header, "{port}" replaced; the listener's address when empty
	header map[string]string // request headers, "{token}" and "{port}" replaced
}

func (r request) String() string {
	return fmt.Sprintf("%s %s?%s Host=%q headers=%q", r.method, r.path, r.query, r.host, r.header)
}

func do(t *testing.T, s server, r request) (*http.Response, string) {
	t.Helper()
	repl := strings.NewReplacer("{token}", s.Token(), "{port}", strconv.Itoa(s.Port()))
	method, path := r.method, r.path
	if method == "" {
		method = http.MethodGet
	}
	if path == "" {
		path = "/x"
	}
	u := s.Origin() + path
	if r.query != "" {
		u += "?" + repl.Replace(r.query)
	}
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.host != "" {
		req.Host = repl.Replace(r.host)
	}
	for k, v := range r.header {
		req.Header.Set(k, repl.Replace(v))
	}
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Header.Get("Access-Control-Allow-Origin"); got == "*" {
		t.Errorf("%v: Access-Control-Allow-Origin=*", r)
	}
	return resp, string(body)
}

func TestToken(t *testing.T) {
	t.Parallel()
	s := start(t)
	cookie := "reel_token_" + strconv.Itoa(s.Port())
	post := func(r request) request { r.method = http.MethodPost; return r }
	tests := []struct {
		name string
		req  request
		code int
	}{
		{"no_token", request{}, http.StatusUnauthorized},
		{"empty_query_token", request{query: "token="}, http.StatusUnauthorized},
		{"wrong_query_token", request{query: "token=wrong"}, http.StatusUnauthorized},
		{"query_token_prefix", request{query: "token=" + s.Token()[:len(s.Token())-1]}, http.StatusUnauthorized},
		{"query_token_suffix", request{query: "token={token}x"}, http.StatusUnauthorized},
		{"query_token", request{query: "token={token}"}, http.StatusOK},
		{"query_token_with_other_params", request{query: "a=1&token={token}&b=2"}, http.StatusOK},
		{"query_token_head", request{method: "HEAD", query: "token={token}"}, http.StatusOK},
		{"bearer", request{header: map[string]string{"Authorization": "Bearer {token}"}}, http.StatusOK},
		{"wrong_bearer", request{header: map[string]string{"Authorization": "Bearer wrong"}}, http.StatusUnauthorized},
		{"basic_auth", request{header: map[string]string{"Authorization": "Basic {token}"}}, http.StatusUnauthorized},
		{"bare_authorization", request{header: map[string]string{"Authorization": "{token}"}}, http.StatusUnauthorized},
		// The query decides when present: a wrong one is not rescued.
		{"wrong_query_right_bearer", request{query: "token=wrong",
			header: map[string]string{"Authorization": "Bearer {token}"}}, http.StatusUnauthorized},
		// Cookies reach every port of a host: a cookie is never a token
		// (issue 11 item 1).
		{"cookie", request{header: map[string]string{"Cookie": cookie + "={token}"}}, http.StatusUnauthorized},
		{"cookie_post", post(request{header: map[string]string{"Cookie": cookie + "={token}"}}), http.StatusUnauthorized},
		{"token_in_other_header", request{header: map[string]string{"X-Token": "{token}"}}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, body := do(t, s, tt.req)
			if resp.StatusCode != tt.code {
				t.Fatalf("%v: StatusCode=%d, want %d", tt.req, resp.StatusCode, tt.code)
			}
			if tt.code == http.StatusOK && body != "ok" && tt.req.method != "HEAD" {
				t.Errorf("%v: body=%q, want %q", tt.req, body, "ok")
			}
			if tt.code != http.StatusOK && strings.Contains(body, s.Token()) {
				t.Errorf("%v: refusal shows the token", tt.req)
			}
			if got := resp.Header.Get("Referrer-Policy"); got != "no-referrer" {
				t.Errorf("%v: Referrer-Policy=%q, want no-referrer", tt.req, got)
			}
		})
	}
}

// TestTokenCookie is issue 11 item 1: the page keeps its token itself; a
// cookie would be sent to every other server on 127.0.0.1 the user visits.
func TestTokenCookie(t *testing.T) {
	t.Parallel()
	s := start(t)
	for _, r := range []request{
		{path: "/", query: "token={token}"},
		{path: "/", method: "HEAD", query: "token={token}"},
		{path: "/x", query: "token={token}"},
		{path: "/", header: map[string]string{"Authorization": "Bearer {token}"}},
	} {
		if resp, _ := do(t, s, r); len(resp.Cookies()) != 0 {
			t.Errorf("%v: Set-Cookie %v, want none", r, resp.Cookies())
		}
	}
}

// TestFrameAncestors is issue 11 item 1: no other page may frame the app.
func TestFrameAncestors(t *testing.T) {
	t.Parallel()
	s := start(t)
	for _, r := range []request{
		{path: "/", query: "token={token}"},
		{path: "/"},
		{path: "/x", host: "evil.example"},
	} {
		resp, _ := do(t, s, r)
		if got := resp.Header.Get("Content-Security-Policy"); got != "frame-ancestors 'none'" {
			t.Errorf("%v: Content-Security-Policy=%q, want frame-ancestors 'none'", r, got)
		}
		if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("%v: X-Frame-Options=%q, want DENY", r, got)
		}
	}
}

// TestStateChangeOrigin is issue 11 item 1: a POST, PUT or DELETE must
// come from the app's own page, even with the token.
func TestStateChangeOrigin(t *testing.T) {
	t.Parallel()
	s := start(t, "wails://wails")
	bearer := func(h map[string]string) map[string]string {
		out := map[string]string{"Authorization": "Bearer {token}"}
		for k, v := range h {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name string
		req  request
		code int
	}{
		{"same_origin_post", request{method: "POST", header: bearer(map[string]string{
			"Sec-Fetch-Site": "same-origin", "Origin": "http://127.0.0.1:{port}"})}, http.StatusOK},
		{"not_a_browser_put", request{method: "PUT", header: bearer(nil)}, http.StatusOK},
		{"typed_in_address_bar", request{method: "POST", header: bearer(map[string]string{"Sec-Fetch-Site": "none"})}, http.StatusOK},
		{"app_origin_cross_site", request{method: "PUT", header: bearer(map[string]string{
			"Sec-Fetch-Site": "cross-site", "Origin": "wails://wails"})}, http.StatusOK},
		// Another server on 127.0.0.1 is the same site, not the same origin.
		{"other_port_same_site", request{method: "POST", query: "token={token}", header: map[string]string{
			"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:1"}}, http.StatusForbidden},
		{"other_port_origin_only", request{method: "DELETE", header: bearer(map[string]string{"Origin": "http://127.0.0.1:1"})}, http.StatusForbidden},
		{"cross_site_no_origin", request{method: "POST", header: bearer(map[string]string{"Sec-Fetch-Site": "cross-site"})}, http.StatusForbidden},
		{"null_origin", request{method: "POST", header: bearer(map[string]string{"Origin": "null"})}, http.StatusForbidden},
		{"same_site_get_still_reads", request{header: bearer(map[string]string{"Sec-Fetch-Site": "same-site"})}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, _ := do(t, s, tt.req)
			if resp.StatusCode != tt.code {
				t.Errorf("%v: StatusCode=%d, want %d", tt.req, resp.StatusCode, tt.code)
			}
		})
	}
}

// TestPublic: the page's own files load without the token (a reload after
// the page dropped it from the address bar), API and media never do.
func TestPublic(t *testing.T) {
	t.Parallel()
	s, err := loopback.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.AllowPublic(func(r *http.Request) bool { return !strings.HasPrefix(r.URL.Path, "/api/") })
	go s.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	t.Cleanup(func() { s.Shutdown(context.Background()) })
	c := &http.Client{Transport: &http.Transport{}}
	for _, tt := range []struct {
		method, path string
		code         int
	}{
		{"GET", "/", http.StatusOK},
		{"GET", "/assets/index.js", http.StatusOK},
		{"HEAD", "/", http.StatusOK},
		{"POST", "/", http.StatusUnauthorized},
		{"GET", "/api/state", http.StatusUnauthorized},
	} {
		req, _ := http.NewRequest(tt.method, s.Origin()+tt.path, nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.code {
			t.Errorf("%s %s without token: StatusCode=%d, want %d", tt.method, tt.path, resp.StatusCode, tt.code)
		}
	}
}

func TestHost(t *testing.T) {
	t.Parallel()
	s := start(t)
	other := s.Port() + 1
	if other > 65535 {
		other = 1024
	}
	tests := []struct {
		name string
		host string
		code int
	}{
		// DNS rebinding: a page of evil.example resolved to 127.0.0.1
		// still names evil.example.
		{"foreign_host", "evil.example", http.StatusMisdirectedRequest},
		{"foreign_host_with_port", "evil.example:{port}", http.StatusMisdirectedRequest},
		{"other_port", "127.0.0.1:" + strconv.Itoa(other), http.StatusMisdirectedRequest},
		{"no_port", "127.0.0.1", http.StatusMisdirectedRequest},
		{"localhost_no_port", "localhost", http.StatusMisdirectedRequest},
		{"localhost_trailing_dot", "localhost.:{port}", http.StatusMisdirectedRequest},
		{"subdomain_of_localhost", "evil.localhost:{port}", http.StatusMisdirectedRequest},
		{"ipv6_loopback", "[::1]:{port}", http.StatusMisdirectedRequest},
		{"ip_prefix", "127.0.0.1:{port}.evil.example", http.StatusMisdirectedRequest},
		{"listener_address", "127.0.0.1:{port}", http.StatusOK},
		{"localhost", "localhost:{port}", http.StatusOK},
		{"localhost_upper_case", "LOCALHOST:{port}", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := request{host: tt.host, query: "token={token}"}
			resp, _ := do(t, s, r)
			if resp.StatusCode != tt.code {
				t.Errorf("Host=%q: StatusCode=%d, want %d", tt.host, resp.StatusCode, tt.code)
			}
			if tt.code != http.StatusOK && resp.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("Host=%q: refused with CORS headers", tt.host)
			}
		})
	}
}

func TestCORS(t *testing.T) {
	t.Parallel()
	s := start(t, "wails://wails")
	tests := []struct {
		name   string
		origin string
		allow  string // Access-Control-Allow-Origin wanted, "" for none
	}{
		{"app_origin", "wails://wails", "wails://wails"},
		{"own_origin", "{origin}", "{origin}"},
		{"localhost_origin", "http://localhost:{port}", "http://localhost:{port}"},
		{"no_origin", "", ""},
		{"foreign_origin", "https://evil.example", ""},
		{"null_origin", "null", ""},
		{"app_origin_upper_case", "WAILS://WAILS", ""},
		{"app_origin_prefix", "wails://wails.evil.example", ""},
		{"app_origin_with_path", "wails://wails/", ""},
		{"other_port", "http://127.0.0.1:1", ""},
		{"star", "*", ""},
	}
	repl := strings.NewReplacer("{origin}", s.Origin(), "{port}", strconv.Itoa(s.Port()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			origin, allow := repl.Replace(tt.origin), repl.Replace(tt.allow)
			hdr := map[string]string{}
			if origin != "" {
				hdr["Origin"] = origin
			}
			resp, _ := do(t, s, request{query: "token={token}", header: hdr})
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("Origin=%q: StatusCode=%d, want 200", origin, resp.StatusCode)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != allow {
				t.Errorf("Origin=%q: Access-Control-Allow-Origin=%q, want %q", origin, got, allow)
			}
			if !slices.Contains(resp.Header.Values("Vary"), "Origin") {
				t.Errorf("Origin=%q: Vary=%q, want Origin", origin, resp.Header.Values("Vary"))
			}
			expose := resp.Header.Get("Access-Control-Expose-Headers")
			if allow != "" && !strings.Contains(expose, "Content-Range") {
				t.Errorf("Origin=%q: Access-Control-Expose-Headers=%q, want Content-Range", origin, expose)
			}
			if allow == "" && expose != "" {
				t.Errorf("Origin=%q: Access-Control-Expose-Headers=%q for a refused origin", origin, expose)
			}
		})
	}
}

func TestPreflight(t *testing.T) {
	t.Parallel()
	s := start(t, "wails://wails")
	preflight := map[string]string{
		"Access-Control-Request-Method":  "GET",
		"Access-Control-Request-Headers": "range",
	}
	with := func(origin string) map[string]string {
		h := map[string]string{"Origin": origin}
		for k, v := range preflight {
			h[k] = v
		}
		return h
	}
	tests := []struct {
		name  string
		req   request
		code  int
		allow string
	}{
		// Browsers send no cookie or Authorization with a preflight: the
		// token rides in the URL.
		{"allowed_origin", request{method: "OPTIONS", query: "token={token}", header: with("wails://wails")},
			http.StatusNoContent, "wails://wails"},
		{"foreign_origin", request{method: "OPTIONS", query: "token={token}", header: with("https://evil.example")},
			http.StatusForbidden, ""},
		{"no_origin", request{method: "OPTIONS", query: "token={token}", header: preflight},
			http.StatusForbidden, ""},
		{"no_token", request{method: "OPTIONS", header: with("wails://wails")},
			http.StatusUnauthorized, "wails://wails"},
		{"foreign_host", request{method: "OPTIONS", query: "token={token}", host: "evil.example", header: with("wails://wails")},
			http.StatusMisdirectedRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, _ := do(t, s, tt.req)
			if resp.StatusCode != tt.code {
				t.Fatalf("%v: StatusCode=%d, want %d", tt.req, resp.StatusCode, tt.code)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("%v: Access-Control-Allow-Origin=%q, want %q", tt.req, got, tt.allow)
			}
			if tt.code != http.StatusNoContent {
				return
			}
			if got := resp.Header.Get("Access-Control-Allow-Methods"); !strings.Contains(got, "GET") {
				t.Errorf("%v: Access-Control-Allow-Methods=%q, want GET", tt.req, got)
			}
			if got := strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers")); !strings.Contains(got, "range") {
				t.Errorf("%v: Access-Control-Allow-Headers=%q, want Range", tt.req, got)
			}
		})
	}
}

func TestListenRefuses(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{
		"0.0.0.0:0", "example.com:0", "localhost:0", "[::]:0", ":0", "192.0.2.1:0",
		"127.0.0.1", "", "127.0.0.1:notaport",
	} {
		if s, err := loopback.Listen(addr); err == nil {
			s.Shutdown(context.Background())
			t.Errorf("Listen(%q): no error, want a refusal", addr)
		}
	}
}

func TestListenIPv6(t *testing.T) {
	t.Parallel()
	s, err := loopback.Listen("[::1]:0")
	if err != nil {
		if strings.Contains(err.Error(), "not a loopback") {
			t.Fatalf("Listen([::1]:0): %v", err)
		}
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	defer s.Shutdown(context.Background())
	if want := "http://[::1]:" + strconv.Itoa(s.Port()); s.Origin() != want {
		t.Errorf("Origin() = %q, want %q", s.Origin(), want)
	}
}

func TestTokens(t *testing.T) {
	t.Parallel()
	a, err := loopback.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Shutdown(context.Background())
	b, err := loopback.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Shutdown(context.Background())
	for _, s := range []*loopback.Server{a, b} {
		raw, err := base64.RawURLEncoding.DecodeString(s.Token())
		if err != nil {
			t.Errorf("token %q is not unpadded base64url: %v", s.Token(), err)
		}
		if len(raw) < 16 {
			t.Errorf("token has %d bytes, want at least 16 (128 bits)", len(raw))
		}
		want := s.Origin() + "/media/x?token=" + s.Token()
		if got := s.URL("/media/x"); got != want {
			t.Errorf("URL(/media/x) = %q, want %q", got, want)
		}
		host, port, err := net.SplitHostPort(strings.TrimPrefix(s.Origin(), "http://"))
		if err != nil || host != "127.0.0.1" || port != strconv.Itoa(s.Port()) || s.Port() == 0 {
			t.Errorf("Origin() = %q, Port() = %d", s.Origin(), s.Port())
		}
	}
	if a.Token() == b.Token() {
		t.Errorf("two listeners share the token %q", a.Token())
	}
}

func TestShutdown(t *testing.T) {
	t.Parallel()
	t.Run("without Serve it frees the port", func(t *testing.T) {
		t.Parallel()
		s, err := loopback.Listen("127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Shutdown(context.Background()); err != nil {
			t.Fatalf("Shutdown: %v", err)
		}
		addr := strings.TrimPrefix(s.Origin(), "http://")
		again, err := loopback.Listen(addr)
		if err != nil {
			t.Fatalf("Listen(%q) after Shutdown: %v", addr, err)
		}
		again.Shutdown(context.Background())
	})
	t.Run("right after Serve starts, Serve returns nil", func(t *testing.T) {
		t.Parallel()
		for range 20 {
			s, err := loopback.Listen("127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- s.Serve(http.NotFoundHandler()) }()
			if err := s.Shutdown(context.Background()); err != nil {
				t.Errorf("Shutdown: %v", err)
			}
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve after Shutdown: %v, want nil", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Serve still running 5s after Shutdown")
			}
		}
	})
	t.Run("Serve after Shutdown returns at once", func(t *testing.T) {
		t.Parallel()
		s, err := loopback.Listen("127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- s.Serve(http.NotFoundHandler()) }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve after Shutdown: %v, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Serve still running 5s after Shutdown")
		}
	})
}

// TestIdleFlood is issue 11 item 2: connections that send nothing, that
// stay idle after a request, or that were refused, are closed, and a
// request with the token is answered at once meanwhile. The timeouts are
// scaled down from the real ones (10 s head, 60 s idle) to 2 % of them.
func TestIdleFlood(t *testing.T) {
	t.Parallel()
	s, err := loopback.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	loopback.ScaleTimeouts(s, 0.02)
	go s.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	t.Cleanup(func() { s.Shutdown(context.Background()) })
	addr := strings.TrimPrefix(s.Origin(), "http://")

	const each = 150 // per kind: bounded, the machine is shared
	kinds := []struct {
		name string
		send string // what the connection sends before going quiet
	}{
		{"silent", ""},
		{"idle_after_request", "GET /x?token=" + s.Token() + " HTTP/1.1\r\nHost: " + addr + "\r\n\r\n"},
		{"refused_token", "GET /x HTTP/1.1\r\nHost: " + addr + "\r\n\r\n"},
		{"refused_host", "GET /x?token=" + s.Token() + " HTTP/1.1\r\nHost: evil.example\r\n\r\n"},
	}
	conns := map[string][]net.Conn{}
	for _, k := range kinds {
		for range each {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatalf("%s: dial: %v", k.name, err)
			}
			t.Cleanup(func() { c.Close() })
			if k.send != "" {
				if _, err := io.WriteString(c, k.send); err != nil {
					t.Fatalf("%s: write: %v", k.name, err)
				}
			}
			conns[k.name] = append(conns[k.name], c)
		}
	}

	// A request with the token, on a fresh connection, during the flood.
	start := time.Now()
	resp, err := (&http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}).Get(s.URL("/x"))
	if err != nil {
		t.Fatalf("request with the token during the flood: %v", err)
	}
	resp.Body.Close()
	if took := time.Since(start); resp.StatusCode != http.StatusOK || took > time.Second {
		t.Errorf("request with the token during the flood: %d after %v, want 200 within 1s", resp.StatusCode, took)
	}

	// Past the scaled idle timeout (1.2 s), every one must be closed.
	deadline := time.Now().Add(3 * time.Second)
	for _, k := range kinds {
		open := 0
		for _, c := range conns[k.name] {
			if !closedBy(c, deadline) {
				open++
			}
		}
		if open != 0 {
			t.Errorf("%s: %d of %d connections still open after the timeouts, want 0", k.name, open, each)
		}
	}
}

// closedBy reads c until the server closes it or the deadline passes.
func closedBy(c net.Conn, deadline time.Time) bool {
	c.SetReadDeadline(deadline)
	_, err := io.Copy(io.Discard, c)
	if err == nil {
		return true // EOF: closed by the server
	}
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}
