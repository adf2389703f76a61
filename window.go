package main

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"reel/internal/api"
	"reel/internal/library"
	"reel/internal/loopback"
	"reel/internal/media"
)

// pageOrigins are the origins a Wails page runs at, per platform; the
// loopback listener lets them read media (for frames drawn on a canvas).
var pageOrigins = []string{"wails://wails", "http://wails.localhost", "wails://wails.localhost:34115"}

// runWindow opens the Reel window on folder ("" for the last or default one).
func runWindow(folder string) error {
	var mediaURL func(id string) string
	b, err := newBackend("window", func(id string) string { return mediaURL(id) })
	if err != nil {
		return err
	}
	defer b.Close()
	lib := b.lib
	app := NewApp(b, folder)

	// Media transport: WebKitGTK cannot play media from wails:// (WebKit bug
	// 146351), so on Linux the page plays from a loopback listener. Elsewhere
	// the asset server carries it, capped, since Wails buffers whole bodies
	// on Windows.
	mediaURL = func(id string) string { return media.Prefix + id }
	if runtime.GOOS == "linux" {
		srv, err := loopback.Listen("127.0.0.1:0")
		if err != nil {
			return err
		}
		for _, o := range pageOrigins {
			srv.AllowOrigin(o)
		}
		go func() {
			if err := srv.Serve(media.Streaming(lib, library.ContentType)); err != nil {
				errLog.Printf("media listener: %v", err)
			}
		}()
		defer func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(ctx)
		}()
		if webkitMediaScheme() == "reel" {
			mediaURL = func(id string) string { return windowMediaURL(lib, srv.URL(media.Prefix+id), id) }
		} else {
			mediaURL = func(id string) string { return srv.URL(media.Prefix + id) }
		}
	}

	apiHandler := b.api
	capped := media.Capped(lib, library.ContentType, media.DefaultChunk)

	err = wails.Run(&options.App{
		Title:            "Reel",
		Width:            1280,
		Height:           800,
		MinWidth:         640,
		MinHeight:        400,
		BackgroundColour: &options.RGBA{R: 17, G: 17, B: 19, A: 255},
		AssetServer: &assetserver.Options{
			Assets: frontendFS(),
			// Middleware, not Handler: `wails dev` sends GETs to Vite
			// before the Handler ever sees them.
			Middleware: func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					switch {
					case strings.HasPrefix(r.URL.Path, api.Prefix):
						apiHandler.ServeHTTP(w, r)
					case strings.HasPrefix(r.URL.Path, media.Prefix):
						capped.ServeHTTP(w, r)
					default:
						next.ServeHTTP(w, r)
					}
				})
			},
		},
		DragAndDrop:   &options.DragAndDrop{EnableFileDrop: true, DisableWebViewDrop: true},
		OnStartup:     app.startup,
		OnShutdown:    app.shutdown,
		OnBeforeClose: app.beforeClose,
		Bind:          []any{app},
		Linux: &linux.Options{
			ProgramName:      "reel",
			WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand,
		},
	})
	if err != nil {
		return fmt.Errorf("window: %w", err)
	}
	return nil
}
