// Reel's page: the welcome screen, the library and the player, one at a time.
import './style.css'
import { getState } from './api/http'
import { hasNative, openFolder, startupNotice } from './api/native'
import type { State, Video } from './api/types'
import { h } from './dom'
import { enableTestLog } from './testlog'
import { LibraryView } from './views/library'
import { PlayerView } from './views/player'

const root = document.getElementById('app')!

let library: LibraryView | null = null
let player: PlayerView | null = null
let mode: 'welcome' | 'library' | 'player' = 'welcome'

async function boot(): Promise<void> {
  let state: State
  try {
    state = await getState()
  } catch (err) {
    showWelcome(err instanceof Error ? err.message : String(err))
    return
  }
  enableTestLog(state.eventLog)
  if (!state.root) {
    showWelcome(await startupNotice())
    return
  }
  await showLibrary()
}

function showWelcome(notice = ''): void {
  mode = 'welcome'
  const native = hasNative()
  const open = h('button', { type: 'button', class: 'btn primary big' }, 'Open folder…')
  open.addEventListener('click', chooseFolder)
  root.replaceChildren(
    h(
      'section',
      { class: 'welcome' },
      h('h1', {}, 'Reel'),
      h('p', { class: 'lede' }, 'Pick a folder and play any video in it.'),
      notice ? h('p', { class: 'notice', role: 'alert' }, notice) : null,
      native ? open : h('p', {}, 'Start Reel with a folder: reel serve FOLDER'),
    ),
  )
  if (native) open.focus()
}

async function chooseFolder(): Promise<void> {
  try {
    const dir = await openFolder()
    if (dir) await showLibrary()
  } catch (err) {
    alert('Could not open that folder: ' + (err instanceof Error ? err.message : String(err)))
  }
}

async function showLibrary(selectId?: string): Promise<void> {
  mode = 'library'
  player?.stop()
  if (!library) {
    library = new LibraryView({
      play: (video) => play(video),
      openFolderDialog: hasNative() ? chooseFolder : undefined,
    })
    root.replaceChildren(library.el)
    library.mount()
    await library.load('')
    return
  }
  root.replaceChildren(library.el)
  library.mount()
  if (selectId) {
    library.selectVideo(selectId)
  } else {
    await library.load('')
  }
  library.focus()
}

function play(video: Video): void {
  if (!player) player = new PlayerView({ back: (v) => backToLibrary(v) })
  library?.unmount()
  mode = 'player'
  root.replaceChildren(player.el)
  player.open(video)
}

function backToLibrary(v: Video): void {
  if (!library) return
  mode = 'library'
  root.replaceChildren(library.el)
  library.mount()
  library.selectVideo(v.id)
  library.focus()
}

document.addEventListener('keydown', (e) => {
  if (mode === 'player' && player?.onKey(e)) {
    e.preventDefault()
    e.stopPropagation()
  }
})

boot()
