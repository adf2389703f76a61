// What the library says instead of, or above, its items: the entries a
// listing skipped, an empty folder, a filter that matches nothing, and a
// folder that could not be listed.
import { ApiError } from '../api/http'
import { h } from '../dom'
import { videoExtensions } from '../generated/rules'
import type { Item } from './card'
import { icon } from './icons'
import type { LibraryPort } from './port'

/** Problems lists what a listing skipped, and a notice, in a bar above the items. */
export class Problems implements Item<string[]> {
  readonly el: HTMLElement = h('div', { class: 'problems', role: 'note', hidden: true })

  update(list: string[]): void {
    this.el.hidden = list.length === 0
    if (list.length === 0) {
      this.el.replaceChildren()
      return
    }
    const head = list.length === 1 ? list[0] : `${list.length} items were skipped: ${list.slice(0, 3).join(' · ')}${list.length > 3 ? ' …' : ''}`
    const summary = h('summary', {}, icon('warn'), h('span', { class: 'text' }, head))
    const details = h('details', {}, summary, list.length > 1 ? h('ul', {}, ...list.map((p) => h('li', {}, p))) : null)
    if (list.length === 1) details.classList.add('single')
    this.el.replaceChildren(details)
    this.el.title = list.join('\n')
  }
}

/** MessageState is what the message area shows. */
export type MessageState =
  | { kind: 'none' }
  /** An empty folder, or a filter matching none of the folder's items. */
  | {
      kind: 'empty'
      dir: string
      filter: string
      matchable: boolean
      recursive: boolean
      belowStrip: boolean
      /** below is how many videos in subfolders match the filter, when known (issue 13). */
      below?: number
    }
  /**
   * A folder that could not be listed; path is how the person knows it.
   * opening is set for a folder the person chose that could not be opened
   * at all: back names the folder still open ("" for none).
   */
  | { kind: 'error'; dir: string; path: string; error: unknown; opening?: { back: string; native: boolean } }

/** Message is the panel in place of the items. */
export class Message implements Item<MessageState> {
  readonly el: HTMLElement = h('div', { class: 'message', role: 'status' })

  constructor(private readonly port: LibraryPort) {}

  update(s: MessageState): void {
    switch (s.kind) {
      case 'none':
        this.el.replaceChildren()
        return
      case 'empty':
        this.el.classList.toggle('below-strip', s.belowStrip)
        this.el.replaceChildren(this.empty(s))
        return
      case 'error':
        this.el.classList.remove('below-strip')
        this.el.replaceChildren(this.error(s))
    }
  }

  private empty(s: Extract<MessageState, { kind: 'empty' }>): HTMLElement {
    const q = s.filter.trim()
    if (q && (s.matchable || s.below)) {
      const clear = h('button', { type: 'button', class: 'btn' }, 'Clear the filter')
      clear.addEventListener('click', () => this.port.clearFilter())
      let below: HTMLElement | null = null
      if (s.below && !s.recursive) {
        below = h('button', { type: 'button', class: 'btn primary below' }, s.below === 1 ? '1 match in subfolders' : `${s.below} matches in subfolders`)
        below.addEventListener('click', () => this.port.toggleRecursive())
      }
      return panel('search', `Nothing matches “${q}” here`, 'The filter looks for these letters anywhere in a name.', below, clear)
    }
    const up = s.dir ? h('button', { type: 'button', class: 'btn' }, 'Go up') : null
    up?.addEventListener('click', () => this.port.goUp())
    return panel(
      'film',
      s.recursive ? 'No videos below this folder' : 'No videos here',
      `Reel shows ${extensionList()} files. Copy some into this folder and they appear at once.`,
      up,
    )
  }

  /** error says what went wrong and what the person can do. */
  private error(s: Extract<MessageState, { kind: 'error' }>): HTMLElement {
    const status = s.error instanceof ApiError ? s.error.status : -1
    const msg = s.error instanceof Error ? s.error.message : String(s.error)
    let retry: HTMLElement | null = h('button', { type: 'button', class: 'btn' }, 'Try again')
    retry.addEventListener('click', () => this.port.showDir(s.dir))
    let up: HTMLElement | null = s.dir ? h('button', { type: 'button', class: 'btn' }, 'Go up') : null
    up?.addEventListener('click', () => this.port.goUp())
    if (s.opening) {
      // Nothing to retry or go up to: offer another folder, or the one still open.
      up = s.opening.native ? h('button', { type: 'button', class: 'btn' }, 'Open another folder…') : null
      up?.addEventListener('click', () => this.port.chooseFolder())
      retry = s.opening.back ? h('button', { type: 'button', class: 'btn' }, `Back to ${s.opening.back.split('/').pop() || s.opening.back}`) : null
      retry?.addEventListener('click', () => this.port.showDir(''))
    }
    let p: HTMLElement
    switch (status) {
      case 403:
        p = panel('lock', 'Permission denied: Reel cannot read this folder', `${s.path} is not readable by your user account. Change its permissions, or open another folder.`, up, retry)
        break
      case 404:
        p = panel('alert', 'This folder is gone', `${s.path} was moved or deleted.`, up ?? retry)
        break
      case 409:
        p = panel('folder', 'No folder is open', 'Open a folder to see its videos.')
        break
      case 0:
        p = panel('alert', 'Reel’s backend is not answering', msg, retry)
        break
      default:
        p = panel('alert', 'Reel could not list this folder', msg, up, retry)
    }
    p.classList.add('error')
    p.setAttribute('role', 'alert')
    return p
  }
}

/** extensionList names every extension Reel lists as a video, from the rules Go owns (issue 13). */
export function extensionList(): string {
  const exts = [...videoExtensions]
  return exts.slice(0, -1).join(', ') + ' and ' + exts[exts.length - 1]
}

function panel(name: Parameters<typeof icon>[0], title: string, text: string, ...actions: (HTMLElement | null)[]): HTMLElement {
  return h(
    'div',
    { class: 'panel' },
    h('div', { class: 'panel-icon' }, icon(name)),
    h('h2', {}, title),
    h('p', {}, text),
    actions.some(Boolean) ? h('div', { class: 'actions' }, ...actions) : null,
  )
}
