// Package loopback runs Reel's HTTP listener on the loopback interface: the
// transport WebKitGTK needs for media (it cannot play from wails://) and the
// whole server in browser mode.
//
// Any local process, and any web page the user opens, can reach a loopback
// port. So every request must carry the per-launch token, name this listener
// in its Host header (DNS rebinding), and only the origins the app itself
// uses get CORS answers.
package loopback

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// TokenParam is the query parameter that carries the token.
const TokenParam = "token"

// Server is a loopback HTTP listener guarded by a token.
type Server struct {
	ln      net.Listener
	srv     *http.Server
	token   string
	port    string
	hosts   map[string]bool
	origins map[string]bool
}

// Listen binds addr, which must name a loopback IP ("127.0.0.1:0" picks a
// free port). Host names are refused: "localhost" may resolve elsewhere.
func Listen(addr string) (*Server, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("loopback: %w", err)
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("loopback: %q is not a loopback address; Reel only listens on 127.0.0.1 or ::1", host)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("loopback: %w", err)
	}
	token, err := newToken()
	if err != nil {
		ln.Close()
		return nil, err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	// The http.Server exists before Serve runs, so that a Shutdown racing
	// with a Serve in another goroutine still stops it.
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	s := &Server{ln: ln, srv: srv, token: token, port: port}
	s.hosts = map[string]bool{
		net.JoinHostPort(ip.String(), port): true,
		"localhost:" + port:                 true,
	}
	s.origins = map[string]bool{s.Origin(): true, "http://localhost:" + port: true}
	return s, nil
}

// newToken returns 256 random bits, URL-safe.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("loopback: token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// AllowOrigin lets pages of origin (for example "wails://wails") read
// answers, which a <video crossorigin> drawn on a canvas needs.
func (s *Server) AllowOrigin(origin string) { s.origins[origin] = true }

// Token returns the per-launch token.
func (s *Server) Token() string { return s.token }

// Origin returns "http://127.0.0.1:PORT".
func (s *Server) Origin() string { return "http://" + s.ln.Addr().String() }

// URL returns the address of path on this server, token included.
func (s *Server) URL(path string) string {
	return s.Origin() + path + "?" + TokenParam + "=" + url.QueryEscape(s.token)
}

// Serve answers requests with h behind the guard until Shutdown.
func (s *Server) Serve(h http.Handler) error {
	s.srv.Handler = s.Guard(h)
	err := s.srv.Serve(s.ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops the server, waiting for requests until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	s.ln.Close() // if Serve never ran, nothing else closes it
	return err
}

// cookieName is per port: cookies are shared between ports of one host.
func (s *Server) cookieName() string { return "reel_token_" + s.port }

// Guard wraps h with the Host, token and CORS checks. It does not wrap the
// ResponseWriter, so h keeps sendfile.
func (s *Server) Guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		hdr.Set("Referrer-Policy", "no-referrer")
		if !s.hosts[strings.ToLower(r.Host)] {
			// DNS rebinding: a page of evil.example resolved to 127.0.0.1
			// still sends "Host: evil.example".
			http.Error(w, "unknown host", http.StatusMisdirectedRequest)
			return
		}
		origin := r.Header.Get("Origin")
		if origin != "" && s.origins[origin] {
			hdr.Set("Access-Control-Allow-Origin", origin)
			hdr.Set("Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges")
		}
		hdr.Add("Vary", "Origin")
		fromQuery, ok := s.checkToken(r)
		if !ok {
			http.Error(w, "missing or wrong token", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodOptions {
			if origin == "" || !s.origins[origin] {
				http.Error(w, "origin not allowed", http.StatusForbidden)
				return
			}
			hdr.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE")
			hdr.Set("Access-Control-Allow-Headers", "Range, Content-Type, Authorization")
			hdr.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if fromQuery && r.Method == http.MethodGet && r.URL.Path == "/" {
			// The page opened from the printed URL: its scripts, styles
			// and API calls then authenticate with the cookie.
			http.SetCookie(w, &http.Cookie{
				Name: s.cookieName(), Value: s.token, Path: "/",
				HttpOnly: true, SameSite: http.SameSiteStrictMode,
			})
		}
		h.ServeHTTP(w, r)
	})
}

// checkToken looks for the token in the query, then an Authorization:
// Bearer header, then the cookie; comparisons take constant time.
func (s *Server) checkToken(r *http.Request) (fromQuery, ok bool) {
	if v := r.URL.Query().Get(TokenParam); v != "" {
		return true, s.equal(v)
	}
	if v, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); found {
		return false, s.equal(v)
	}
	if c, err := r.Cookie(s.cookieName()); err == nil {
		return false, s.equal(c.Value)
	}
	return false, false
}

func (s *Server) equal(v string) bool {
	return subtle.ConstantTimeCompare([]byte(v), []byte(s.token)) == 1
}

// Port returns the listening port.
func (s *Server) Port() int {
	p, _ := strconv.Atoi(s.port)
	return p
}
