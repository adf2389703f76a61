// Reel's page: the welcome screen, the library and the player, one at a
// time. This module only switches between them; each view owns its DOM.
import './style.css'
import { getState, openRecent, positionsSaved } from './api/http'
import { hasNative, onFolderOpened, onWindowClosing, openFolder, quitAfter } from './api/native'
import type { State, Video } from './api/types'
import { enableTestLog } from './testlog'
import { LibraryView } from './views/library'
import type { PlayerView } from './views/player'
import { WelcomeView } from './views/welcome'

const root = document.getElementById('app')!

let library: LibraryView | null = null
let player: PlayerView | null = null
let mode: 'welcome' | 'library' | 'player' = 'welcome'

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
    state = await getState()
  } catch (err) {
    showWelcome(null, err instanceof Error ? err.message : String(err))
    return
  }
  enableTestLog(state.eventLog)
  if (!state.root) {
    showWelcome(state, state.notice)
    return
  }
  await showLibrary(state)
  setTimeout(() => void loadPlayer(), playerPrefetchMs)
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
}

/** chooseFolder shows the native dialog and opens what the user picked. */
async function chooseFolder(): Promise<void> {
  try {
    const dir = await openFolder()
    if (dir) await showLibrary(await getState(), true)
  } catch (err) {
    notify('Could not open that folder: ' + (err instanceof Error ? err.message : String(err)))
  }
}

/** reopen opens a folder from the recent list. */
async function reopen(id: string): Promise<void> {
  try {
    await showLibrary(await openRecent(id), true)
  } catch (err) {
    notify('Could not open that folder: ' + (err instanceof Error ? err.message : String(err)))
  }
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
    fresh = true
  }
  root.replaceChildren(library.el)
  library.mount()
  if (state.notice) notify(state.notice)
  if (fresh) await library.open(state)
  library.focus()
}

async function play(video: Video, playlist: Video[]): Promise<void> {
  if (!player) {
    const { PlayerView } = await loadPlayer()
    player ??= new PlayerView({
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

boot()
