// Reel's page: the welcome screen, the library and the player, one at a
// time. This module only switches between them; each view owns its DOM.
import './style.css'
import { closeOverlay, showAbout, showShortcuts } from './about'
import { getLibrary, getSettings, getState, openRecent, positionsSaved } from './api/http'
import {
  followTitle,
  hasNative,
  isFullscreen,
  onFolderOpened,
  onSubtitleFile,
  onMenu,
  onWindowClosing,
  openFolder,
  quitAfter,
  refreshMenu,
  setFullscreen,
  takeStartVideo,
  type MenuAction,
} from './api/native'
import type { State, Video } from './api/types'
import { attachLibraryMenu, attachPlayerMenu, closeMenu, playerAction } from './contextmenu'
import { watchDrops } from './droptarget'
import { friendlyError, friendlyNotice } from './friendly'
import { applyTheme, settingsPanel } from './settings/panel'
import { StatusLine } from './status'
import { enableTestLog, testLog } from './testlog'
import { drawTooltips } from './tooltips'
import { LibraryView } from './views/library'
import type { PlayerView } from './views/player'
import { WelcomeView } from './views/welcome'
import './theme.css'

const root = document.getElementById('app')!

let library: LibraryView | null = null
let player: PlayerView | null = null
let mode: 'welcome' | 'library' | 'player' = 'welcome'
let playlist: Video[] = []

/**
 * The player (and media-chrome with it) loads apart from the first paint:
 * evaluating it at launch held the library back (issue 8). It is fetched
 * once the library is on screen, so the first double-click finds it ready.
 */
let playerModule: Promise<typeof import('./views/player')> | null = null
const playerPrefetchMs = 500
function loadPlayer(): Promise<typeof import('./views/player')> {
  playerModule ??= import('./views/player')
  return playerModule
}

async function boot(): Promise<void> {
  let state: State
  try {
    state = await getState(true)
  } catch (err) {
    showWelcome(null, err instanceof Error ? err.message : String(err))
    return
  }
  enableTestLog(state.eventLog)
  reportViewport()
  void getSettings().then((s) => applyTheme(s.theme), () => applyTheme(undefined))
  state.notice = friendlyNotice(state.notice, state.failed)
  if (!state.root && !state.failed) {
    showWelcome(state, state.notice)
    return
  }
  await showLibrary(state)
  if (state.failed) library?.cannotOpen(state.failed)
  setTimeout(() => void loadPlayer(), playerPrefetchMs)
  await playStartVideo()
}

/**
 * reportViewport tells the desktop test where the page sits in the window:
 * below the menu bar, whose height only GTK knows (outer minus inner).
 */
function reportViewport(): void {
  const dark = matchMedia('(prefers-color-scheme: dark)')
  const report = (): void =>
    testLog('viewport', { top: outerHeight - innerHeight, left: outerWidth - innerWidth, dpr: devicePixelRatio, dark: dark.matches })
  report()
  addEventListener('resize', report)
  dark.addEventListener('change', report)
}

/**
 * playStartVideo plays the video named from outside the page (`reel FILE`,
 * a second launch, a dropped file), found in the listing of its folder.
 */
async function playStartVideo(): Promise<void> {
  const rel = await takeStartVideo().catch(() => '')
  if (!rel) return
  const cut = rel.lastIndexOf('/')
  try {
    const listing = await getLibrary(cut < 0 ? '' : rel.slice(0, cut))
    const v = listing.videos.find((x) => x.path === rel)
    if (v) await play(v, listing.videos)
    else notify(`Could not find ${rel} in the folder.`)
  } catch (err) {
    notify(`Could not play ${rel}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

function showWelcome(state: State | null, notice = ''): void {
  mode = 'welcome'
  player?.stop()
  library?.unmount()
  const welcome = new WelcomeView({
    native: hasNative(),
    recent: state?.recent ?? [],
    notice,
    openFolder: chooseFolder,
    openRecent: reopen,
  })
  root.replaceChildren(welcome.el)
  welcome.focus()
  testLog('welcome', {})
}

/** chooseFolder shows the native dialog and opens what the user picked. */
async function chooseFolder(): Promise<void> {
  try {
    const dir = await openFolder()
    testLog('folder-chosen', { dir: dir ? 'yes' : '' })
    if (dir) await showLibrary(await getState(true), true)
  } catch (err) {
    await cannotOpen(err)
  }
}

/** reopen opens a folder from the recent list. */
async function reopen(id: string): Promise<void> {
  try {
    await showLibrary(await openRecent(id), true)
  } catch (err) {
    await cannotOpen(err)
  }
}

/**
 * cannotOpen explains why a folder the person chose did not open, on the
 * library's page for a folder it cannot list, as Go classified it (issue
 * 13); err is the fallback when Go has nothing to say.
 */
async function cannotOpen(err: unknown): Promise<void> {
  let state: State
  try {
    state = await getState()
  } catch {
    notify('Could not open that folder: ' + friendlyError(err))
    return
  }
  if (!state.failed) {
    notify('Could not open that folder: ' + friendlyError(err))
    return
  }
  await showLibrary(state, !state.root)
  library?.cannotOpen(state.failed)
}

async function showLibrary(state: State, fresh = false): Promise<void> {
  mode = 'library'
  player?.stop()
  if (!library) {
    library = new LibraryView({
      play: (video, playlist) => void play(video, playlist),
      native: hasNative(),
      openFolderDialog: chooseFolder,
      openRecent: reopen,
    })
    attachLibraryMenu(library, notify)
    fresh = true
  }
  if (fresh) refreshMenu()
  root.replaceChildren(library.el)
  library.mount()
  if (state.notice) notify(state.notice)
  if (fresh) await library.open(state)
  library.focus()
}

async function play(video: Video, list: Video[]): Promise<void> {
  if (!player) {
    const { PlayerView } = await loadPlayer()
    if (!player) {
      player = new PlayerView({
        back: (v) => backToLibrary(v),
        native: hasNative(),
      })
      attachPlayerMenu(player, () => playlist, notify)
    }
  }
  library?.unmount()
  mode = 'player'
  playlist = list
  root.replaceChildren(player.el)
  player.open(video, list)
}

function backToLibrary(v: Video | null): void {
  if (!library) return
  mode = 'library'
  root.replaceChildren(library.el)
  library.mount()
  library.returnFrom(v)
  library.focus()
}

/** notify shows a short message at the bottom of the window. */
export function notify(msg: string): void {
  const el = document.createElement('div')
  el.className = 'toast'
  el.setAttribute('role', 'status')
  el.textContent = msg
  document.body.append(el)
  testLog('notify', { message: msg })
  setTimeout(() => el.remove(), 8000)
}

document.addEventListener('keydown', (e) => {
  // The settings panel keeps the keys while it is open (Escape closes it).
  if (settingsPanel.isOpen) return
  // Ctrl+, opens the settings anywhere (issue 13).
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === ',') {
    e.preventDefault()
    void settingsPanel.open()
    return
  }
  // Ctrl+Q quits the window, as in other GTK apps, saving the position first.
  if (hasNative() && e.ctrlKey && !e.altKey && e.key.toLowerCase() === 'q') {
    e.preventDefault()
    void quitAfter(saveBeforeClose)
    return
  }
  // F11 is the View menu's; GTK drops menu accelerators while the menu bar
  // is hidden in fullscreen, so the page takes it there.
  if (hasNative() && e.key === 'F11' && !e.ctrlKey && !e.altKey) {
    e.preventDefault()
    onMenuAction('fullscreen')
    return
  }
  if (mode === 'player' && player?.onKey(e)) {
    e.preventDefault()
    e.stopPropagation()
  } else if (mode === 'library' && library?.onKey(e)) {
    e.preventDefault()
    e.stopPropagation()
  }
})

// A folder dropped on the window was opened by Go: show it.
onFolderOpened(async () => {
  const state = await getState(true)
  if (mode === 'player') player?.stop()
  if (state.root) await showLibrary(state, true)
  await playStartVideo()
})

// A file dropped on the window that Go did not open (issue 10): a
// subtitle file, read by Go, which the playing video takes, or the reason
// it was not used. Nothing else changes: the video plays on, the library
// stays.
onSubtitleFile((d) => {
  if (mode === 'player' && player) {
    if (d.error || d.text === undefined) player.subtitleFileProblem(`${d.name}: ${d.error ?? 'not read'}`)
    else player.addSubtitleFile(d.name, d.text)
  } else if (d.error) {
    notify(`${d.name} was not opened: ${d.error}`)
  } else {
    notify(`${d.name} is a subtitle file: play its video, then drop it on the player`)
  }
})

/** onMenuAction does what the native menu asked (menu.go). */
function onMenuAction(action: MenuAction): void {
  closeMenu()
  switch (action) {
    case 'open-folder':
      void chooseFolder()
      return
    case 'about':
      void showAbout()
      return
    case 'shortcuts':
      showShortcuts()
      return
    case 'view-grid':
    case 'view-list':
      if (mode === 'library') library?.setView(action === 'view-grid' ? 'grid' : 'list')
      return
  }
  closeOverlay()
  if (mode === 'player' && player && playerAction(player, action)) return
  if (action === 'fullscreen') void isFullscreen().then((on) => setFullscreen(!on))
  else if (action === 'back' && mode === 'library') library?.goUp()
}

onMenu(onMenuAction)
followTitle()

/** saveBeforeClose saves where the video is, before the window goes. */
async function saveBeforeClose(): Promise<void> {
  if (mode === 'player') player?.stop()
  await positionsSaved()
}

onWindowClosing(saveBeforeClose)
watchDrops()
// In the window, titles show as page-drawn tooltips: GTK's left black boxes behind (tooltips.ts).
if (hasNative()) drawTooltips()

// Where no menu of Reel's own answers a right-click, none opens: WebKitGTK
// draws its default one as an empty black box (issue 13). Text fields keep
// theirs (cut, copy, paste). A menu of Reel's own calls preventDefault first.
document.addEventListener('contextmenu', (e) => {
  const t = e.target instanceof Element ? e.target : null
  if (!e.defaultPrevented && !t?.closest('input, textarea, [contenteditable]')) e.preventDefault()
})

// Failed saves and stopped live updates stay on screen until they are over.
new StatusLine().mount()

// The system's theme from the first paint, until the saved choice arrives.
applyTheme(undefined)
boot()
