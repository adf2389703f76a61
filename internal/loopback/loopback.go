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

// Timeouts of the listener (issue 11). A connection that sends no request
// head, or sits idle after one, is closed instead of holding a descriptor
// for good: 2×10,000 such connections once exhausted them. There is no
// write timeout: a media answer streams for as long as the video plays.
const (
	// readHeaderTimeout bounds the wait for a request's head.
	readHeaderTimeout = 10 * time.Second
	// readTimeout bounds reading a whole request with its body. Guard
	// lifts it for requests without a body, whose answers (media, the
	// /api/changes long poll) may run longer.
	readTimeout = 30 * time.Second
	// idleTimeout closes a kept-alive connection that sends nothing more.
	idleTimeout = 60 * time.Second
)

// Server is a loopback HTTP listener guarded by a token.
type Server struct {
	ln      net.Listener
	srv     *http.Server
	token   string
	port    string
	hosts   map[string]bool
	origins map[string]bool
	public  func(*http.Request) bool
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
	srv := &http.Server{
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	s := &Server{ln: ln, srv: srv, token: token, port: port}
	s.hosts, s.origins = names(ip, port)
	return s, nil
}

// names lists the Host headers and origins that name a listener on ip and
// port. RFC 9110 §7.2: a browser leaves out the scheme's default port, so
// a listener on port 80 is also reached as "Host: 127.0.0.1" (issue 11).
func names(ip net.IP, port string) (hosts, origins map[string]bool) {
	hosts = map[string]bool{}
	origins = map[string]bool{}
	for _, h := range []string{net.JoinHostPort(ip.String(), port), "localhost:" + port} {
		hosts[h] = true
		origins["http://"+h] = true
	}
	if port == "80" {
		for _, h := range []string{hostOnly(ip), "localhost"} {
			hosts[h] = true
			origins["http://"+h] = true
		}
	}
	return hosts, origins
}

// hostOnly is ip as it appears in a Host header without a port.
func hostOnly(ip net.IP) string {
	if ip.To4() == nil {
		return "[" + ip.String() + "]"
	}
	return ip.String()
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

// AllowPublic lets requests that match answer without the token: the
// page's own files in browser mode, which hold no user data, so that a
// reload after the page dropped the token from its address still loads it.
// Only GET and HEAD are ever public.
func (s *Server) AllowPublic(match func(*http.Request) bool) { s.public = match }

// Guard wraps h with the Host, token, origin and CORS checks. It does not
// wrap the ResponseWriter, so h keeps sendfile.
//
// The token travels in the query (media, subtitle and poster URLs, which
// an element loads without headers) or an Authorization: Bearer header
// (the page's fetches), never in a cookie: cookies ignore ports, so one
// would reach every other server on 127.0.0.1 the user visits, and come
// back with that server's pages' requests (issue 11).
func (s *Server) Guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		hdr.Set("Referrer-Policy", "no-referrer")
		// No other page may frame the app (clickjacking, issue 11).
		hdr.Set("Content-Security-Policy", "frame-ancestors 'none'")
		hdr.Set("X-Frame-Options", "DENY")
		if !s.hosts[strings.ToLower(r.Host)] {
			// DNS rebinding: a page of evil.example resolved to 127.0.0.1
			// still sends "Host: evil.example".
			refuse(w, "unknown host", http.StatusMisdirectedRequest)
			return
		}
		origin := r.Header.Get("Origin")
		if origin != "" && s.origins[origin] {
			hdr.Set("Access-Control-Allow-Origin", origin)
			hdr.Set("Access-Control-Expose-Headers", "Content-Range, Content-Length, Accept-Ranges")
		}
		hdr.Add("Vary", "Origin")
		public := (r.Method == http.MethodGet || r.Method == http.MethodHead) && s.public != nil && s.public(r)
		if !public && !s.checkToken(r) {
			refuse(w, "missing or wrong token", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodOptions {
			if origin == "" || !s.origins[origin] {
				refuse(w, "origin not allowed", http.StatusForbidden)
				return
			}
			hdr.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE")
			hdr.Set("Access-Control-Allow-Headers", "Range, Content-Type, Authorization")
			hdr.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if changesState(r.Method) && !s.fromApp(r) {
			refuse(w, "this request must come from Reel's own page", http.StatusForbidden)
			return
		}
		if r.ContentLength == 0 {
			// Nothing more to read: lift ReadTimeout, which would otherwise
			// cancel a long answer's context when it expires.
			_ = http.NewResponseController(w).SetReadDeadline(time.Time{})
		}
		h.ServeHTTP(w, r)
	})
}

// refuse answers an error and closes the connection: a client that sent a
// wrong token or host gets no kept-alive connection to try again on.
func refuse(w http.ResponseWriter, msg string, code int) {
	w.Header().Set("Connection", "close")
	http.Error(w, msg, code)
}

// changesState reports whether method may change something on the server.
func changesState(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// fromApp reports whether a state-changing request comes from the app's own
// pages. Browsers name where a request comes from in Sec-Fetch-Site and
// Origin; another site on 127.0.0.1 is "same-site" (ports do not count),
// never "same-origin". A request without those headers is not from a
// browser page, and still needed the token.
func (s *Server) fromApp(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin != "" && !s.origins[origin] {
		return false
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
		return true
	default:
		// A page of another app origin (wails://wails) is cross-site.
		return origin != "" && s.origins[origin]
	}
}

// checkToken looks for the token in the query, then an Authorization:
// Bearer header; comparisons take constant time.
func (s *Server) checkToken(r *http.Request) bool {
	if v := r.URL.Query().Get(TokenParam); v != "" {
		return s.equal(v)
	}
	if v, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); found {
		return s.equal(v)
	}
	return false
}

func (s *Server) equal(v string) bool {
	return subtle.ConstantTimeCompare([]byte(v), []byte(s.token)) == 1
}

// Port returns the listening port.
func (s *Server) Port() int {
	p, _ := strconv.Atoi(s.port)
	return p
}
