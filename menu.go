package main

import (
	"path/filepath"
	"runtime"

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

// appMenu builds the window's menu bar. Accelerators all carry Ctrl or are
// function keys: GTK handles accelerators before the page sees a key, so a
// bare letter here would be taken from the filter box and the player's own
// keys (Space, K, N, …) stay the page's.
func (a *App) appMenu() *menu.Menu {
	m := menu.NewMenu()
	if runtime.GOOS == "darwin" {
		m.Append(menu.AppMenu())
	}

	file := m.AddSubmenu("File")
	file.AddText("Open Folder…", keys.CmdOrCtrl("o"), a.emitMenu(MenuOpenFolder))
	recent := file.AddSubmenu("Open Recent")
	a.addRecent(recent)
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
		sub.AddText("No Recent Folders", nil, nil).Disable()
		return
	}
	for _, dir := range dirs {
		label := filepath.Base(dir) + "  —  " + dir
		sub.AddText(label, nil, func(*menu.CallbackData) {
			// The path comes from the store, where only folders the user
			// opened are kept; it is opened like any other.
			a.openTarget(dir)
			a.refreshMenu()
			wruntime.EventsEmit(a.ctx, FolderOpenedEvent)
		})
	}
}

// emitMenu returns a menu callback that hands action to the page.
func (a *App) emitMenu(action string) menu.Callback {
	return func(*menu.CallbackData) { wruntime.EventsEmit(a.ctx, MenuEvent, action) }
}

// refreshMenu rebuilds the menu so Open Recent lists the folders opened
// since. Not on Linux: Wails v2.16's SetApplicationMenu there makes a new
// GtkMenuBar and accelerator group but never packs the bar into the
// window (internal/frontend/desktop/linux/menu.go), so a rebuild would
// only double every accelerator. There, Open Recent is as it was at start.
func (a *App) refreshMenu() {
	if runtime.GOOS == "linux" || a.ctx == nil {
		return
	}
	wruntime.MenuSetApplicationMenu(a.ctx, a.appMenu())
	wruntime.MenuUpdateApplicationMenu(a.ctx)
}
