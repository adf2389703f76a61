package transport

import (
	"net/http"

	"reel/internal/api"
	"reel/internal/media"
)

// Routes is the one table of what Reel serves beside the page: the JSON
// API under api.Prefix and videos under media.Prefix. The window mounts it
// in the asset server (with the capped media handler) and `reel serve` on
// its loopback listener (with the streaming one, and the page under "/").
func Routes(apiHandler, mediaHandler http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle(api.Prefix, apiHandler)
	mux.Handle(media.Prefix, mediaHandler)
	return mux
}

// Middleware hands the requests mux has a route for to mux and everything
// else (the page's own files) to the next handler. It is the asset server's
// Middleware, not its Handler: `wails dev` sends GETs to Vite before the
// Handler ever sees them.
func Middleware(mux *http.ServeMux) func(next http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, pattern := mux.Handler(r); pattern != "" {
				mux.ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
