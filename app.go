package main

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"reel/internal/rules"
	"reel/internal/userdirs"
)

// FolderOpenedEvent is the Wails event sent to the page when a folder was
// opened from the native side (a drop on the window).
const FolderOpenedEvent = rules.FolderOpenedEvent

// WindowClosingEvent asks the page to save what it must (the position of
// the playing video) and then call Quit; see App.beforeClose.
const WindowClosingEvent = rules.WindowClosingEvent

// closeGrace is how long a close waits for the page before the window goes
// anyway, so a hung page never keeps it open.
const closeGrace = 2 * time.Second

// App holds what only the native side can do: the folder dialog, drops on
// the window, fullscreen. Its exported methods are bound to the page;
// everything else goes through the HTTP API.
type App struct {
	ctx    context.Context
	b      *backend
	folder string // from the command line, "" for the default

	closing atomic.Bool // the page was asked to save before the window closes
	mayQuit atomic.Bool // the window may close now
}

// NewApp returns the App over b, opening folder at startup.
func NewApp(b *backend, folder string) *App {
	return &App{b: b, folder: folder}
}

// startup opens the first folder: the one named on the command line, else
// the last one opened, else the user's Videos folder, else none (the page
// shows the welcome screen).
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	dir := a.folder
	if dir == "" {
		dir = a.b.lastFolder()
	}
	if dir == "" {
		dir = userdirs.Videos()
	}
	if dir != "" {
		if _, err := a.b.api.OpenFolder(dir); err != nil {
			a.b.api.SetNotice("Could not open " + dir + ": " + err.Error())
		}
	}
	wruntime.OnFileDrop(ctx, a.onDrop)
}

func (a *App) shutdown(ctx context.Context) {}

// onDrop opens a folder dropped on the window (or the folder of a dropped
// file). The path comes from the OS, from the user's own gesture.
func (a *App) onDrop(x, y int, paths []string) {
	if len(paths) == 0 {
		return
	}
	dir := paths[0]
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	if _, err := a.b.api.OpenFolder(dir); err != nil {
		a.b.api.SetNotice("Could not open " + dir + ": " + err.Error())
	}
	wruntime.EventsEmit(a.ctx, FolderOpenedEvent)
}

// OpenFolder asks the user for a folder with the native dialog and makes it
// the current one. It returns the chosen folder, or "" when cancelled.
func (a *App) OpenFolder() (string, error) {
	// It opens on the last folder opened (else Videos, else home), so a
	// path typed after Ctrl+L, and Enter, choose a folder (issue 13).
	dir, err := wruntime.OpenDirectoryDialog(a.ctx, wruntime.OpenDialogOptions{
		Title:            "Open a folder of videos",
		DefaultDirectory: userdirs.ChooserStart(a.b.lastFolder()),
	})
	if err != nil || dir == "" {
		return "", err
	}
	return a.b.api.OpenFolder(dir)
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

// Quit closes the window; the page has saved the position by then.
func (a *App) Quit() {
	a.mayQuit.Store(true)
	wruntime.Quit(a.ctx)
}

// beforeClose holds the first close of the window until the page has saved
// the playing video's position (it calls Quit), or closeGrace has passed.
// It reports whether to keep the window open.
func (a *App) beforeClose(ctx context.Context) bool {
	if a.mayQuit.Load() {
		return false
	}
	if a.closing.Swap(true) {
		return true // already asked; the page or the timer will quit
	}
	wruntime.EventsEmit(ctx, WindowClosingEvent)
	time.AfterFunc(closeGrace, a.Quit)
	return true
}
