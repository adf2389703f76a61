package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"reel/internal/library"
	"reel/internal/reveal"
	"reel/internal/rules"
	"reel/internal/store"
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
	stop   context.CancelFunc // ends what startup started
	lib    *library.Library
	b      *backend
	folder string // from the command line, "" for the default

	closing atomic.Bool // the page was asked to save before the window closes
	mayQuit atomic.Bool // the window may close now

	mu        sync.Mutex
	startFile string // a video to play once its folder is on screen (issue 12)
}

// NewApp returns the App over lib and b, opening folder at startup.
func NewApp(lib *library.Library, b *backend, folder string) *App {
	return &App{lib: lib, b: b, folder: folder}
}

// startup opens the first folder: the one named on the command line, else
// the last one opened, else the user's Videos folder, else none (the page
// shows the welcome screen).
func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	themeCtx, stop := context.WithCancel(ctx)
	a.stop = stop
	go followColorScheme(themeCtx)
	if a.folder != "" {
		a.openTarget(a.folder)
	} else if dir := a.b.lastFolder(); dir != "" {
		a.openTarget(dir)
	} else if dir := userdirs.Videos(); dir != "" {
		a.openTarget(dir)
	}
	wruntime.OnFileDrop(ctx, a.onDrop)
	watchNativeDrops(func(paths []string) { a.onDrop(0, 0, paths) },
		func(over bool) { wruntime.EventsEmit(ctx, DragOverEvent, over) })
}

// openTarget opens what the user named (on the command line, by a drop,
// by a second launch): a folder, or a video, whose folder opens and which
// then plays (issue 12). Problems become the page's notice.
func (a *App) openTarget(target string) {
	dir, file := target, ""
	if st, err := os.Stat(target); err == nil && !st.IsDir() {
		dir = filepath.Dir(target)
		if library.IsVideo(target) {
			file = target
		} else {
			a.b.api.SetNotice(filepath.Base(target) + " is not a video Reel plays; here is its folder.")
		}
	}
	if _, err := a.b.api.OpenFolder(dir); err != nil {
		a.b.api.SetNotice("Could not open " + dir + ": " + err.Error())
		return
	}
	if file != "" {
		// The opened folder is the video's own, whatever symlinks the
		// library resolved on the way: its name is its path in there.
		a.mu.Lock()
		a.startFile = filepath.Base(file)
		a.mu.Unlock()
	}
}

// TakeStartVideo returns, once, the path relative to the opened folder of
// a video the user asked to play from outside the page (`reel FILE`, a
// second launch, a dropped file), or "" for none. The page plays it from
// the listing, so only a video of the opened folder can play.
func (a *App) TakeStartVideo() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	f := a.startFile
	a.startFile = ""
	return f
}

// onSecondLaunch takes over what a second `reel [FOLDER | VIDEO]` was
// started with (SingleInstanceLock keeps one window per database): the
// folder or video opens here, and this window comes to the front.
func (a *App) onSecondLaunch(data options.SecondInstanceData) {
	if target := launchTarget(data.Args, data.WorkingDirectory); target != "" {
		a.openTarget(target)
		a.refreshMenu()
		wruntime.EventsEmit(a.ctx, FolderOpenedEvent)
	}
	wruntime.WindowUnminimise(a.ctx)
	wruntime.WindowShow(a.ctx)
}

// launchTarget is the folder or video a command line names, made absolute
// against the directory it was typed in; "" when it names none.
func launchTarget(args []string, wd string) string {
	for _, arg := range args {
		if arg == "" || arg[0] == '-' {
			continue // flags: a second launch with --version never gets here
		}
		if !filepath.IsAbs(arg) {
			arg = filepath.Join(wd, arg)
		}
		return filepath.Clean(arg)
	}
	return ""
}

func (a *App) shutdown(ctx context.Context) {
	if a.stop != nil {
		a.stop()
	}
}

// onDrop opens a folder dropped on the window, or plays a dropped video
// in its folder (issue 12); a subtitle file goes to the page, which adds
// it to the playing video, and any other file to the page, which says why
// nothing changed (issue 10, subdrop.go). The path comes from the OS, from
// the user's own gesture.
func (a *App) onDrop(x, y int, paths []string) {
	if len(paths) == 0 {
		return
	}
	if drops := pageDrops(paths); len(drops) > 0 {
		for _, d := range drops {
			wruntime.EventsEmit(a.ctx, SubtitleFileEvent, d)
		}
		return
	}
	a.openTarget(paths[0])
	a.refreshMenu()
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
	root, err := a.b.api.OpenFolder(dir)
	if err == nil {
		a.refreshMenu()
	}
	return root, err
}

// SetFullscreen puts the window in or out of fullscreen.
func (a *App) SetFullscreen(on bool) {
	showMenuBar(!on)
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

// Version returns Reel's version, for the About box.
func (a *App) Version() string { return Version() }

// videoPath resolves id to its file. Only ids a listing of an opened
// folder handed out resolve: the page never names a file by its path.
func (a *App) videoPath(id string) (string, error) {
	v, err := a.lib.Describe(id)
	if err != nil {
		return "", fmt.Errorf("that video is not in an opened folder: %w", err)
	}
	return v.AbsPath, nil
}

// RevealVideo shows the video with id selected in the system's file
// manager: "Open containing folder".
func (a *App) RevealVideo(id string) error {
	p, err := a.videoPath(id)
	if err != nil {
		return err
	}
	return reveal.File(p)
}

// SetWatched marks the video with id watched (it leaves Continue watching
// and starts from the beginning next time) or not watched.
func (a *App) SetWatched(id string, watched bool) error {
	p, err := a.videoPath(id)
	if err != nil {
		return err
	}
	if watched {
		return a.b.store.MarkWatched(p)
	}
	return a.b.store.ClearWatched(p)
}

// ForgetPosition takes the video with id out of Continue watching: its
// saved position goes back to the start.
func (a *App) ForgetPosition(id string) error {
	p, err := a.videoPath(id)
	if err != nil {
		return err
	}
	return a.b.store.ForgetPosition(p)
}

// CopyPath puts the full path of the video with id on the clipboard.
func (a *App) CopyPath(id string) error {
	p, err := a.videoPath(id)
	if err != nil {
		return err
	}
	if err := wruntime.ClipboardSetText(a.ctx, p); err != nil {
		return err
	}
	return nil
}

// RefreshMenu rebuilds the native menu's Open Recent list after the page
// opened or forgot a folder through the HTTP API.
func (a *App) RefreshMenu() { a.refreshMenu() }

// instanceID names the single-instance lock after the database this Reel
// uses: a second launch on the same database hands its folder or video to
// the window that has it open (issue 12), while a Reel started with its
// own REEL_DB (the tests) runs beside it.
func instanceID() string {
	path := os.Getenv("REEL_DB")
	if path == "" {
		path, _ = store.DefaultPath()
	}
	sum := sha256.Sum256([]byte(path))
	return "io.github.reel.Reel." + hex.EncodeToString(sum[:6])
}
