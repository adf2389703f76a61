// Right-click menus: on a video of the library (Play, Open containing
// folder, Mark watched, Copy path, Remove from Continue watching) and in
// the player (play/pause, next, …). One popup at a time, driven by mouse
// or keyboard (the Menu key and Shift+F10 open it for the selected video).
// The views are reached through the few methods below; what needs the OS
// (the file manager, the clipboard, the database) goes to Go by video id.
import './contextmenu.css'
import { copyPath, forgetPosition, hasNative, revealVideo, setWatched, type MenuAction } from './api/native'
import type { Video } from './api/types'
import { h } from './dom'
import { testLog } from './testlog'

/** Item is one entry of a popup menu; null draws a separator. */
export type Item = { label: string; hint?: string; run: () => void | Promise<void>; disabled?: boolean } | null

/** LibraryHooks is what the library view lends the menu (views/library.ts). */
export interface LibraryHooks {
  readonly el: HTMLElement
  /**
   * videoAt is the video drawn at target; with orSelected, the selected one
   * when target is not on a video (a menu opened from the keyboard).
   */
  videoAt(target: Element | null, orSelected: boolean): { video: Video; continued: boolean; play(): void } | null
  /** reload lists the folder again after a change made here. */
  reload(): void
}

/** PlayerHooks is what the player lends the menu (views/player.ts). */
export interface PlayerHooks {
  readonly el: HTMLElement
  /** onKey is the player's own key handler: menu actions go through the keys they share. */
  onKey(e: KeyboardEvent): boolean
  /** close stops the video and goes back to the list. */
  close(): void
}

/** Feedback shows a short message (main.ts's toast). */
export type Feedback = (msg: string) => void

let current: Popup | null = null

/** Popup is an open menu; it closes on Esc, a click elsewhere, a scroll or a resize. */
class Popup {
  readonly el: HTMLElement
  private readonly buttons: HTMLButtonElement[] = []
  private readonly returnFocus: Element | null
  private readonly away = (e: Event): void => {
    if (!(e.target instanceof Node) || !this.el.contains(e.target)) this.close()
  }
  private readonly gone = (): void => this.close()

  constructor(items: Item[], x: number, y: number, label: string) {
    this.returnFocus = document.activeElement
    this.el = h('div', { class: 'ctx-menu', role: 'menu', 'aria-label': label })
    for (const it of items) {
      if (!it) {
        this.el.append(h('div', { class: 'ctx-sep', role: 'separator' }))
        continue
      }
      const b = h(
        'button',
        { type: 'button', class: 'ctx-item', role: 'menuitem', disabled: it.disabled, tabindex: -1 },
        h('span', { class: 'ctx-label' }, it.label),
        it.hint ? h('kbd', { class: 'ctx-hint' }, it.hint) : null,
      )
      b.addEventListener('click', () => {
        this.close()
        void Promise.resolve()
          .then(it.run)
          .then(
            () => testLog('menu-item', { label: it.label, ok: true }),
            () => testLog('menu-item', { label: it.label, ok: false }),
          )
      })
      this.buttons.push(b)
      this.el.append(b)
    }
    // Keys belong to the menu while it is open, not to the list or the player.
    this.el.addEventListener('keydown', (e) => {
      e.stopPropagation()
      this.key(e)
    })
    document.body.append(this.el)
    this.place(x, y)
    addEventListener('pointerdown', this.away, true)
    addEventListener('blur', this.gone)
    addEventListener('resize', this.gone)
    addEventListener('wheel', this.gone, { passive: true })
    this.focusAt(0)
    // The desktop tests send their keys once the menu holds the keyboard.
    testLog('menu-open', { items: this.buttons.length })
  }

  /** place puts the menu at x, y, inside the window. */
  private place(x: number, y: number): void {
    const r = this.el.getBoundingClientRect()
    const left = Math.max(4, Math.min(x, innerWidth - r.width - 4))
    const top = Math.max(4, y + r.height > innerHeight - 4 ? y - r.height : y)
    this.el.style.left = `${left}px`
    this.el.style.top = `${Math.min(top, innerHeight - r.height - 4)}px`
  }

  private enabled(): HTMLButtonElement[] {
    return this.buttons.filter((b) => !b.disabled)
  }

  private focusAt(i: number): void {
    const list = this.enabled()
    if (list.length) list[(i + list.length) % list.length].focus()
  }

  private key(e: KeyboardEvent): void {
    const list = this.enabled()
    const at = list.indexOf(document.activeElement as HTMLButtonElement)
    switch (e.key) {
      case 'ArrowDown':
        this.focusAt(at + 1)
        break
      case 'ArrowUp':
        this.focusAt(at < 0 ? -1 : at - 1)
        break
      case 'Home':
        this.focusAt(0)
        break
      case 'End':
        this.focusAt(-1)
        break
      case 'Escape':
      case 'Tab':
        this.close()
        break
      case 'Enter':
      case ' ':
        ;(document.activeElement as HTMLElement | null)?.click()
        break
      default:
        return
    }
    e.preventDefault()
  }

  close(): void {
    if (current !== this) return
    current = null
    removeEventListener('pointerdown', this.away, true)
    removeEventListener('blur', this.gone)
    removeEventListener('resize', this.gone)
    removeEventListener('wheel', this.gone)
    this.el.remove()
    if (this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) this.returnFocus.focus({ preventScroll: true })
  }
}

/** openMenu shows items at x, y, closing any menu already open. */
export function openMenu(items: Item[], x: number, y: number, label: string): void {
  current?.close()
  current = new Popup(items, x, y, label)
}

/** closeMenu closes the open menu; it reports whether there was one. */
export function closeMenu(): boolean {
  if (!current) return false
  current.close()
  return true
}

/** where is the point a context menu opens at: the pointer, or the target's corner from the keyboard. */
function where(e: MouseEvent, target: Element | null): [number, number] {
  if (e.button === 2 || e.clientX || e.clientY) return [e.clientX, e.clientY]
  const r = target?.getBoundingClientRect()
  return r ? [r.left + Math.min(24, r.width / 2), r.top + Math.min(24, r.height / 2)] : [innerWidth / 2, innerHeight / 2]
}

/** failed turns a rejected native call into a message for the person. */
function failed(say: Feedback, what: string): (err: unknown) => never {
  return (err) => {
    say(`${what}: ${err instanceof Error ? err.message : String(err)}`)
    throw err
  }
}

/** libraryItems are the actions on one video of the library. */
export function libraryItems(hit: { video: Video; continued: boolean; play(): void }, view: Pick<LibraryHooks, 'reload'>, say: Feedback): Item[] {
  const v = hit.video
  const items: Item[] = [{ label: 'Play', hint: 'Enter', run: () => hit.play() }]
  if (!hasNative()) return items
  items.push(
    { label: 'Open Containing Folder', run: () => revealVideo(v.id).catch(failed(say, 'Could not open the folder')) },
    null,
    v.watched
      ? { label: 'Mark as Unwatched', run: () => setWatched(v.id, false).then(() => view.reload(), failed(say, 'Could not mark it unwatched')) }
      : { label: 'Mark as Watched', run: () => setWatched(v.id, true).then(() => view.reload(), failed(say, 'Could not mark it watched')) },
  )
  if (hit.continued) {
    items.push({
      label: 'Remove from Continue Watching',
      run: () => forgetPosition(v.id).then(() => view.reload(), failed(say, 'Could not remove it')),
    })
  }
  items.push(null, {
    label: 'Copy Path',
    run: () => copyPath(v.id).then(() => say(`Copied the path of ${v.name}`), failed(say, 'Could not copy the path')),
  })
  return items
}

/** isMenuKey reports the keys that open a context menu: the Menu key and Shift+F10. */
function isMenuKey(e: KeyboardEvent): boolean {
  return e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey && !e.ctrlKey && !e.altKey)
}

/** attachLibraryMenu opens the video menu on a right-click, the Menu key or Shift+F10 in the library. */
export function attachLibraryMenu(view: LibraryHooks, say: Feedback): void {
  // WebKitGTK sends no contextmenu event for the keys, so they are read here.
  view.el.addEventListener('keydown', (e) => {
    if (!isMenuKey(e)) return
    const t = e.target instanceof Element ? e.target : null
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT')) return
    const hit = view.videoAt(t, true)
    if (!hit) return
    e.preventDefault()
    e.stopPropagation()
    const at = view.el.querySelector('.card.selected, .row.selected') ?? t
    const [x, y] = where(new MouseEvent('contextmenu'), at)
    openMenu(libraryItems(hit, view, say), x, y, `Actions for ${hit.video.name}`)
  })
  view.el.addEventListener('contextmenu', (e) => {
    const target = e.target instanceof Element ? e.target : null
    const fromKeyboard = e.button !== 2 && !e.clientX && !e.clientY
    const hit = view.videoAt(target, fromKeyboard)
    // Right-clicks elsewhere (the filter box, the toolbar) keep the page's own menu.
    if (!hit) return
    e.preventDefault()
    const [x, y] = where(e, target)
    openMenu(libraryItems(hit, view, say), x, y, `Actions for ${hit.video.name}`)
  })
}

/** playerKeys maps the actions the menus share with the player's keys (player/keys.ts). */
const playerKeys: Partial<Record<MenuAction, string>> = {
  'play-pause': 'k',
  next: 'n',
  previous: 'p',
  mute: 'm',
  subtitles: 'c',
  fullscreen: 'f',
}

/**
 * playerAction does action in the player, the way its key does, so a menu
 * and a key can never disagree. It reports whether the action is the player's.
 */
export function playerAction(player: PlayerHooks, action: MenuAction | 'help'): boolean {
  if (action === 'back') {
    player.close()
    return true
  }
  const key = action === 'help' ? '?' : playerKeys[action]
  if (!key) return false
  player.onKey(new KeyboardEvent('keydown', { key }))
  return true
}

/** playingVideo finds the video the player shows among playlist, by the source its <video> plays. */
export function playingVideo(el: HTMLElement, playlist: Video[]): Video | null {
  const srcs = new Set(Array.from(el.querySelectorAll('video'), (v) => v.getAttribute('src') ?? ''))
  return playlist.find((v) => srcs.has(v.url)) ?? null
}

/** attachPlayerMenu opens the player's menu on a right-click over the video or its controls. */
export function attachPlayerMenu(player: PlayerHooks, playlist: () => Video[], say: Feedback): void {
  player.el.addEventListener('contextmenu', (e) => {
    e.preventDefault()
    const video = player.el.querySelector('video')
    const v = playingVideo(player.el, playlist())
    const act = (a: MenuAction | 'help') => () => void playerAction(player, a)
    const items: Item[] = [
      { label: video && !video.paused ? 'Pause' : 'Play', hint: 'Space', run: act('play-pause') },
      { label: 'Next Video', hint: 'N', run: act('next') },
      { label: 'Previous Video', hint: 'P', run: act('previous') },
      null,
      { label: video?.muted ? 'Unmute' : 'Mute', hint: 'M', run: act('mute') },
      { label: 'Subtitles On / Off', hint: 'C', run: act('subtitles') },
      { label: 'Fullscreen', hint: 'F', run: act('fullscreen') },
      { label: 'Keyboard Shortcuts', hint: '?', run: act('help') },
    ]
    if (v && hasNative()) {
      items.push(
        null,
        { label: 'Open Containing Folder', run: () => revealVideo(v.id).catch(failed(say, 'Could not open the folder')) },
        { label: 'Copy Path', run: () => copyPath(v.id).then(() => say(`Copied the path of ${v.name}`), failed(say, 'Could not copy the path')) },
      )
    }
    items.push(null, { label: 'Back to the List', hint: 'Esc', run: act('back') })
    const [x, y] = where(e, e.target instanceof Element ? e.target : null)
    openMenu(items, x, y, 'Player')
  })
}
