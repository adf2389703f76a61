package main

import (
	"path/filepath"
	"runtime"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"reel/internal/rules"
)

// MenuEvent is the Wails event a menu item that acts on the page sends;
// its one argument is the action, one of the Menu* constants. The page
// (frontend/src/main.ts) does what the key or button of the same name does.
const MenuEvent = rules.MenuEvent

// The actions MenuEvent carries.
const (
	MenuOpenFolder = "open-folder"
	MenuPlayPause  = "play-pause"
	MenuNext       = "next"
	MenuPrevious   = "previous"
	MenuMute       = "mute"
	MenuSubtitles  = "subtitles"
	MenuBack       = "back"
	MenuFullscreen = "fullscreen"
	MenuGrid       = "view-grid"
	MenuList       = "view-list"
	MenuShortcuts  = "shortcuts"
	MenuAbout      = "about"
)

// recentInMenu is how many recent folders File ▸ Open Recent lists.
const recentInMenu = 10

// The labels by which the Linux menu code finds Open Recent in the bar.
const (
	menuFile       = "File"
	menuOpenRecent = "Open Recent"
	noRecent       = "No Recent Folders"
)

// appMenu builds the window's menu bar. Accelerators all carry Ctrl or are
// function keys: GTK handles accelerators before the page sees a key, so a
// bare letter here would be taken from the filter box and the player's own
// keys (Space, K, N, …) stay the page's.
func (a *App) appMenu() *menu.Menu {
	m := menu.NewMenu()
	if runtime.GOOS == "darwin" {
		m.Append(menu.AppMenu())
	}

	file := m.AddSubmenu(menuFile)
	file.AddText("Open Folder…", keys.CmdOrCtrl("o"), a.emitMenu(MenuOpenFolder))
	a.addRecent(file.AddSubmenu(menuOpenRecent))
	file.AddSeparator()
	file.AddText("Quit", keys.CmdOrCtrl("q"), func(*menu.CallbackData) {
		// Quit goes through OnBeforeClose, like closing the window: the
		// page saves the playing video's position first.
		wruntime.Quit(a.ctx)
	})

	play := m.AddSubmenu("Playback")
	play.AddText("Play / Pause", keys.CmdOrCtrl("k"), a.emitMenu(MenuPlayPause))
	play.AddText("Next Video", keys.CmdOrCtrl("n"), a.emitMenu(MenuNext))
	play.AddText("Previous Video", keys.CmdOrCtrl("p"), a.emitMenu(MenuPrevious))
	play.AddSeparator()
	play.AddText("Mute / Unmute", keys.CmdOrCtrl("m"), a.emitMenu(MenuMute))
	play.AddText("Subtitles On / Off", keys.CmdOrCtrl("t"), a.emitMenu(MenuSubtitles))
	play.AddSeparator()
	play.AddText("Back to the List", keys.OptionOrAlt("left"), a.emitMenu(MenuBack))

	view := m.AddSubmenu("View")
	view.AddText("Fullscreen", keys.Key("f11"), a.emitMenu(MenuFullscreen))
	view.AddSeparator()
	view.AddText("Grid", keys.CmdOrCtrl("1"), a.emitMenu(MenuGrid))
	view.AddText("List", keys.CmdOrCtrl("2"), a.emitMenu(MenuList))

	help := m.AddSubmenu("Help")
	help.AddText("Keyboard Shortcuts", keys.Key("f1"), a.emitMenu(MenuShortcuts))
	help.AddText("About Reel", nil, a.emitMenu(MenuAbout))
	return m
}

// addRecent lists the recent folders in sub; choosing one opens it.
func (a *App) addRecent(sub *menu.Menu) {
	dirs, err := a.b.store.Recent(recentInMenu)
	if err != nil || len(dirs) == 0 {
		sub.AddText(noRecent, nil, nil).Disable()
		return
	}
	for _, dir := range dirs {
		sub.AddText(recentLabel(dir), nil, func(*menu.CallbackData) { a.openRecent(dir) })
	}
}

// recentLabel is how Open Recent shows dir: its name, then its path.
func recentLabel(dir string) string {
	return filepath.Base(dir) + "  —  " + dir
}

// openRecent opens a folder chosen in Open Recent. The path comes from the
// store, where only folders the user opened are kept; it is opened like
// any other.
func (a *App) openRecent(dir string) {
	a.openTarget(dir)
	a.refreshMenu()
	wruntime.EventsEmit(a.ctx, FolderOpenedEvent)
}

// recentItems is what the Open Recent submenu lists where Reel makes its
// items itself (Linux, menurecent_linux.go): each update gets a new
// generation, and a choice from an older one is dropped, so an item never
// opens a folder other than the one it showed.
type recentItems struct {
	mu   sync.Mutex
	gen  int
	dirs []string
	open func(dir string)
}

// recent is the one Open Recent of the window; the Linux menu code calls
// back into it.
var recent = &recentItems{}

// set records dirs, with open to open one, and returns the labels to show
// and their generation; gen is -1 for the one disabled "No Recent Folders".
func (r *recentItems) set(dirs []string, open func(dir string)) (labels []string, gen int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen++
	r.dirs = append([]string(nil), dirs...)
	r.open = open
	if len(dirs) == 0 {
		return []string{noRecent}, -1
	}
	for _, d := range dirs {
		labels = append(labels, recentLabel(d))
	}
	return labels, r.gen
}

// chosen opens item index of generation gen, if that is what is shown.
// It runs on GTK's thread: the folder opens on another goroutine.
func (r *recentItems) chosen(gen, index int) {
	r.mu.Lock()
	if gen != r.gen || index < 0 || index >= len(r.dirs) || r.open == nil {
		r.mu.Unlock()
		return
	}
	dir, open := r.dirs[index], r.open
	r.mu.Unlock()
	go open(dir)
}

// emitMenu returns a menu callback that hands action to the page.
func (a *App) emitMenu(action string) menu.Callback {
	return func(*menu.CallbackData) { wruntime.EventsEmit(a.ctx, MenuEvent, action) }
}

// refreshMenu brings File ▸ Open Recent up to date with the folders
// opened since. On Linux only that submenu is replaced, in place
// (setRecentSubmenu says why Wails's own update cannot be used there);
// elsewhere Wails rebuilds the menu.
func (a *App) refreshMenu() {
	if a.ctx == nil {
		return
	}
	if runtime.GOOS == "linux" {
		dirs, err := a.b.store.Recent(recentInMenu)
		if err != nil {
			return // the menu keeps what it shows
		}
		setRecentSubmenu(recent.set(dirs, a.openRecent))
		return
	}
	wruntime.MenuSetApplicationMenu(a.ctx, a.appMenu())
	wruntime.MenuUpdateApplicationMenu(a.ctx)
}
