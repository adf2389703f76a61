package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/loopback"
	"reel/internal/media"
)

// serve runs `reel serve`: the backend and the page on a loopback listener,
// no window. The first line on out is the URL to open.
func serve(ctx context.Context, args []string, out io.Writer) error {
	fl := flag.NewFlagSet("reel serve", flag.ContinueOnError)
	addr := fl.String("addr", "127.0.0.1:0", "loopback `address` to listen on")
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: reel serve [--addr 127.0.0.1:0] FOLDER")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return errors.New("serve needs exactly one FOLDER")
	}
	srv, err := loopback.Listen(*addr)
	if err != nil {
		return err
	}
	b, err := newBackend("browser", func(id string) string { return srv.URL(media.Prefix + id) })
	if err != nil {
		srv.Shutdown(ctx)
		return err
	}
	defer b.Close()
	if _, err := b.api.OpenFolder(fl.Arg(0)); err != nil {
		srv.Shutdown(ctx)
		return fmt.Errorf("cannot open folder: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle(api.Prefix, b.api)
	mux.Handle(media.Prefix, media.Streaming(b.lib, library.ContentType))
	mux.Handle("/", http.FileServerFS(frontendFS()))
	// The page's own files hold no user data: they load without the token,
	// so a reload works after the page took the token out of its address.
	srv.AllowPublic(func(r *http.Request) bool {
		return !strings.HasPrefix(r.URL.Path, api.Prefix) && !strings.HasPrefix(r.URL.Path, media.Prefix)
	})

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(mux) }()
	fmt.Fprintln(out, srv.URL("/"))
	if f, ok := out.(*os.File); ok {
		_ = f.Sync()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}
