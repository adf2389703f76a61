package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"reel/internal/library"
	"reel/internal/media"
	"reel/internal/transport"
)

// serve runs `reel serve`: the backend and the page on a loopback listener
// at addr, no window. The first line on out is the URL to open. It wires
// in the order data flows, like runWindow: library, transport, backend.
func serve(ctx context.Context, addr, folder string, out io.Writer) error {
	lib := library.New()
	defer lib.Close()

	tr, err := transport.Open(transport.HTTP, addr)
	if err != nil {
		return err
	}
	defer tr.Close(3 * time.Second)

	b, err := newBackend("browser", lib, tr.URL)
	if err != nil {
		return err
	}
	defer b.Close()
	if _, err := b.api.OpenFolder(folder); err != nil {
		return fmt.Errorf("cannot open folder: %w", err)
	}
	routes := transport.Routes(b.api, media.Streaming(lib, library.ContentType))
	// The page's own files hold no user data: they load without the token,
	// so a reload works after the page took the token out of its address
	// (issue 11). Only what goes to the page's files is public.
	const pageRoute = "/"
	routes.Handle(pageRoute, http.FileServerFS(frontendFS()))
	tr.AllowPublic(func(r *http.Request) bool {
		_, pattern := routes.Handler(r)
		return pattern == pageRoute
	})

	errc := make(chan error, 1)
	go func() { errc <- tr.Serve(routes) }()
	fmt.Fprintln(out, tr.PageURL("/"))
	if f, ok := out.(*os.File); ok {
		_ = f.Sync()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		// The listener stops before the deferred Close of the backend, so
		// no request in flight meets a closed database.
		return tr.Close(3 * time.Second)
	}
}
