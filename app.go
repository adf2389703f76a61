package main

import (
	"context"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"reel/internal/library"
	"reel/internal/userdirs"
)

// App holds what only the native side can do: the folder dialog, the window
// and fullscreen. Its exported methods are bound to the page; everything else
// goes through the HTTP API.
type App struct {
	ctx    context.Context
	lib    *library.Library
	folder string // from the command line, "" for the default
	notice string // why the start folder could not be opened
}

// NewApp returns the App for lib, opening folder at startup.
func NewApp(lib *library.Library, folder string) *App {
	return &App{lib: lib, folder: folder}
}

// startup opens the first folder: the one named on the command line, else
// the user's Videos folder, else none (the page shows the welcome screen).
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	dir := a.folder
	if dir == "" {
		dir = userdirs.Videos()
	}
	if dir == "" {
		return
	}
	if _, err := a.lib.Open(dir); err != nil {
		a.notice = "Could not open " + dir + ": " + err.Error()
	}
}

func (a *App) shutdown(ctx context.Context) {}

// StartupNotice returns why the start folder could not be opened, or "".
func (a *App) StartupNotice() string { return a.notice }

// OpenFolder asks the user for a folder with the native dialog and makes it
// the current one. It returns the chosen folder, or "" when cancelled.
func (a *App) OpenFolder() (string, error) {
	dir, err := wruntime.OpenDirectoryDialog(a.ctx, wruntime.OpenDialogOptions{
		Title:                "Open a folder of videos",
		CanCreateDirectories: false,
	})
	if err != nil || dir == "" {
		return "", err
	}
	return a.lib.Open(dir)
}

// SetFullscreen puts the window in or out of fullscreen.
func (a *App) SetFullscreen(on bool) {
	if on {
		wruntime.WindowFullscreen(a.ctx)
	} else {
		wruntime.WindowUnfullscreen(a.ctx)
	}
}

// IsFullscreen reports whether the window is fullscreen.
func (a *App) IsFullscreen() bool { return wruntime.WindowIsFullscreen(a.ctx) }
