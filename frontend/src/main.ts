// Reel's page: the welcome screen, the library and the player, one at a
// time. This module only switches between them; each view owns its DOM.
import './style.css'
import { getSettings, getState, openRecent, positionsSaved } from './api/http'
import { hasNative, onFolderOpened, onWindowClosing, openFolder, quitAfter } from './api/native'
import type { State, Video } from './api/types'
import { watchDrops } from './droptarget'
import { friendlyError, friendlyNotice } from './friendly'
import { applyTheme, settingsPanel } from './settings/panel'
import { enableTestLog, testLog } from './testlog'
import { LibraryView } from './views/library'
import { PlayerView } from './views/player'
import { WelcomeView } from './views/welcome'

const root = document.getElementById('app')!

let library: LibraryView | null = null
let player: PlayerView | null = null
let mode: 'welcome' | 'library' | 'player' = 'welcome'

async function boot(): Promise<void> {
  let state: State
  try {
    state = await getState()
  } catch (err) {
    showWelcome(null, err instanceof Error ? err.message : String(err))
    return
  }
  enableTestLog(state.eventLog)
  void getSettings().then((s) => applyTheme(s.theme), () => applyTheme(undefined))
  state.notice = friendlyNotice(state.notice, state.failed)
  if (!state.root && !state.failed) {
    showWelcome(state, state.notice)
    return
  }
  await showLibrary(state)
  if (state.failed) library?.cannotOpen(state.failed)
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
    if (dir) await showLibrary(await getState(), true)
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
      play: (video, playlist) => play(video, playlist),
      native: hasNative(),
      openFolderDialog: chooseFolder,
      openRecent: reopen,
    })
    fresh = true
  }
  root.replaceChildren(library.el)
  library.mount()
  if (state.notice) notify(state.notice)
  if (fresh) await library.open(state)
  library.focus()
}

function play(video: Video, playlist: Video[]): void {
  if (!player) {
    player = new PlayerView({
      back: (v) => backToLibrary(v),
      native: hasNative(),
    })
  }
  library?.unmount()
  mode = 'player'
  root.replaceChildren(player.el)
  player.open(video, playlist)
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
  const state = await getState()
  if (mode === 'player') player?.stop()
  if (state.root) await showLibrary(state, true)
})

/** saveBeforeClose saves where the video is, before the window goes. */
async function saveBeforeClose(): Promise<void> {
  if (mode === 'player') player?.stop()
  await positionsSaved()
}

onWindowClosing(saveBeforeClose)
watchDrops()

// Where no menu of Reel's own answers a right-click, none opens: WebKitGTK
// draws its default one as an empty black box (issue 13). Text fields keep
// theirs (cut, copy, paste). A menu of Reel's own calls preventDefault first.
document.addEventListener('contextmenu', (e) => {
  const t = e.target instanceof Element ? e.target : null
  if (!e.defaultPrevented && !t?.closest('input, textarea, [contenteditable]')) e.preventDefault()
})

boot()
