package main

import (
	"fmt"
	"runtime"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"reel/internal/library"
	"reel/internal/media"
	"reel/internal/transport"
)

// pageOrigins are the origins a Wails page runs at, per platform; the
// loopback listener lets them read media (for frames drawn on a canvas).
var pageOrigins = []string{"wails://wails", "http://wails.localhost", "wails://wails.localhost:34115"}

// runWindow opens the Reel window on folder ("" for the last or default
// one). It wires in the order data flows: the library, then the media
// transport that plays its files, then the backend whose listings carry
// that transport's URLs.
func runWindow(folder string) error {
	lib := library.New()
	defer lib.Close()

	// Before the webview starts: its web process reads the environment once,
	// and its policies are fixed when it is made.
	if err := allowAutoplay(); err != nil {
		errLog.Printf("autoplay: %v", err)
	}
	kind := transport.Choose(runtime.GOOS, setReelSourceEnv())
	tr, err := transport.Open(kind, "127.0.0.1:0", pageOrigins...)
	if err != nil {
		return err
	}
	defer tr.Close(2 * time.Second)
	go func() {
		if err := tr.Serve(media.Streaming(lib, library.ContentType)); err != nil {
			errLog.Printf("media listener: %v", err)
		}
	}()

	mediaURL := tr.URL
	if tr.Kind() == transport.Reel {
		// Some containers seek only through WebKit's http:// loader
		// (mediaroute.go, issue 9).
		mediaURL = func(id string) string { return windowMediaURL(lib, tr.LoopbackURL(id), id) }
	}
	b, err := newBackend("window", lib, mediaURL)
	if err != nil {
		return err
	}
	defer b.Close()
	app := NewApp(lib, b, folder)

	// The asset server always carries /media/ too, capped: it is the Asset
	// transport, and harmless where the page plays from the listener.
	routes := transport.Routes(b.api, media.Capped(lib, library.ContentType, media.DefaultChunk))
	err = wails.Run(&options.App{
		Title:            "Reel",
		Width:            1280,
		Height:           800,
		MinWidth:         640,
		MinHeight:        400,
		BackgroundColour: &options.RGBA{R: 17, G: 17, B: 19, A: 255},
		AssetServer: &assetserver.Options{
			Assets:     frontendFS(),
			Middleware: transport.Middleware(routes),
		},
		DragAndDrop:   &options.DragAndDrop{EnableFileDrop: true, DisableWebViewDrop: true},
		OnStartup:     app.startup,
		OnShutdown:    app.shutdown,
		OnBeforeClose: app.beforeClose,
		Bind:          []any{app},
		Menu:          app.appMenu(),
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               instanceID(),
			OnSecondInstanceLaunch: app.onSecondLaunch,
		},
		Linux: &linux.Options{
			ProgramName:      "reel",
			Icon:             windowIcon,
			WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand,
		},
	})
	if err != nil {
		return fmt.Errorf("window: %w", err)
	}
	return nil
}
