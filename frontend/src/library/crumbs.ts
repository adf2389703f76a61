// The path of the folder on screen, each part a button that opens it.
import { h } from '../dom'
import type { Item } from './card'
import { folderKey } from './model'
import type { LibraryPort } from './port'

/** CrumbsState is the folder on screen. */
export interface CrumbsState {
  root: string
  dir: string
}

/** Crumbs shows root › a › b; opening a part selects the folder below it that was on screen. */
export class Crumbs implements Item<CrumbsState> {
  readonly el: HTMLElement
  private sig = ''

  constructor(private readonly port: LibraryPort) {
    this.el = h('nav', { class: 'crumbs', 'aria-label': 'Folder path' })
  }

  update({ root, dir }: CrumbsState): void {
    const sig = root + '\u0000' + dir
    if (!root || sig === this.sig) return
    this.sig = sig
    this.el.replaceChildren()
    const rootName = root.split(/[\\/]/).filter(Boolean).pop() ?? root
    const parts = dir ? dir.split('/') : []
    const items: [string, string][] = [[rootName || root, '']]
    parts.forEach((p, i) => items.push([p, parts.slice(0, i + 1).join('/')]))
    items.forEach(([name, path], i) => {
      if (i > 0) this.el.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, '›'))
      const last = i === items.length - 1
      const b = h('button', { type: 'button', class: 'crumb', 'aria-current': last ? 'page' : undefined, title: i === 0 ? root : path }, name)
      const child = parts.length > i ? parts.slice(0, i + 1).join('/') : undefined
      b.addEventListener('click', () => this.port.showDir(path, child ? folderKey({ name: '', path: child, videoCount: 0 }) : undefined))
      this.el.append(b)
    })
  }
}
