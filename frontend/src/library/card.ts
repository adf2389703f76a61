// One item of the library on screen: a video or a folder, as a card (grid)
// or a row (list). Items are reused while they stay near the viewport, so
// update() only touches what changed since the last time it ran.
import type { Folder, Meta, Video } from '../api/types'
import { h } from '../dom'
import { formatDate, formatSize, formatTime } from '../format'
import { icon } from './icons'
import { matchRanges, progressOf } from './model'
import type { Poster } from './thumbs'
import { rungLabel } from '../player/source'

const cardDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const count = new Intl.NumberFormat()

/** shortDate renders an RFC 3339 time as a date alone, for cards. */
export function shortDate(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : cardDate.format(d)
}

/** formatCount renders n with the locale's digit grouping: "10,000". */
export function formatCount(n: number): string {
  return count.format(n)
}

/** resolutionOf is "1080p", or the frame size, or "" when unknown. */
export function resolutionOf(m: Meta | undefined): string {
  if (!m || m.error) return ''
  if (m.resolution) return m.resolution
  return m.width && m.height ? `${m.width}×${m.height}` : ''
}

/** durationText is what a card shows of the duration: "" while unknown. */
export function durationText(m: Meta | undefined): string {
  if (!m) return ''
  if (m.error) return 'unknown'
  return m.duration > 0 ? formatTime(m.duration) : ''
}

/** VideoState is everything a video item shows. */
export interface VideoState {
  video: Video
  index: number
  meta: Meta | undefined
  poster: Poster | undefined
  selected: boolean
  query: string
  /** Folder of the video relative to the folder on screen, when listing recursively. */
  where: string
}

export interface FolderState {
  folder: Folder
  index: number
  selected: boolean
  query: string
}

/** Item is an element on screen that can be brought up to date. */
export interface Item<S> {
  readonly el: HTMLElement
  update(s: S): void
}

/** setText changes el's text only when it differs, so unchanged nodes stay put. */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text
}

/** fillName writes name into el with the matches of query marked. */
function fillName(el: HTMLElement, name: string, query: string): void {
  const ranges = matchRanges(name, query)
  if (ranges.length === 0) {
    el.textContent = name
    return
  }
  const parts: (Node | string)[] = []
  let at = 0
  for (const [a, b] of ranges) {
    if (a > at) parts.push(name.slice(at, a))
    parts.push(h('mark', {}, name.slice(a, b)))
    at = b
  }
  if (at < name.length) parts.push(name.slice(at))
  el.replaceChildren(...parts)
}

function setSelected(el: HTMLElement, index: number, selected: boolean): void {
  el.classList.toggle('selected', selected)
  el.setAttribute('aria-selected', selected ? 'true' : 'false')
  el.dataset.index = String(index)
}

/** Shared parts of the video card and row: they show the same facts. */
abstract class VideoBase implements Item<VideoState> {
  abstract readonly el: HTMLElement
  protected readonly nameEl = h('span', { class: 'name-text' })
  protected readonly badge = h('span', { class: 'badge warn' })
  protected readonly bar = h('i')
  private last: { name: string; query: string; where: string } | null = null

  /** The watched mark, the progress bar and the folder line, as each layout shows them. */
  protected abstract readonly seen: HTMLElement
  protected abstract readonly progress: HTMLElement
  protected abstract readonly where: HTMLElement

  update(s: VideoState): void {
    const v = s.video
    setSelected(this.el, s.index, s.selected)
    const l = this.last
    if (!l || l.name !== v.name || l.query !== s.query || l.where !== s.where) {
      fillName(this.nameEl, v.name, s.query)
      this.el.title = s.where ? `${s.where}/${v.name}` : v.name
      this.el.dataset.name = v.name
      this.last = { name: v.name, query: s.query, where: s.where }
    }
    this.el.classList.toggle('watched', v.watched)
    this.el.classList.toggle('unplayable', !!s.meta && !s.meta.error && !s.meta.verdict.playable)
    this.el.classList.toggle('pending', !s.meta)
    this.el.classList.toggle('portrait', isPortrait(s.meta))
    this.draw(s)
  }

  protected abstract draw(s: VideoState): void

  /** drawMarks shows what cards and rows show alike: the codec warning, watched, progress, folder. */
  protected drawMarks(s: VideoState): void {
    const m = s.meta
    const warn = badgeText(m)
    if (warn !== this.badge.dataset.text) {
      this.badge.dataset.text = warn
      this.badge.replaceChildren(icon('warn'), warn)
      this.badge.title = warn
    }
    this.badge.hidden = !warn
    this.seen.hidden = !s.video.watched
    const p = progressOf(s.video, m)
    this.progress.hidden = p <= 0 || s.video.watched
    const width = `${(p * 100).toFixed(1)}%`
    if (this.bar.style.width !== width) this.bar.style.width = width
    setText(this.where, s.where)
    this.where.hidden = !s.where
  }
}

/** isPortrait tells a video taller than wide, whose poster is letterboxed rather than cropped (issue 13). */
export function isPortrait(m: Meta | undefined): boolean {
  return !!m && !m.error && m.height > 0 && m.height > m.width
}

/** badgeText is the warning a video carries, or "". */
function badgeText(m: Meta | undefined): string {
  if (m?.rung && m.rung !== 'direct' && m.rung !== 'none' && !m.error) return rungLabel(m.rung) // issue 9
  if (!m || m.error || m.verdict.playable) return ''
  return m.verdict.reason || 'Not playable here'
}

/** VideoCard is a video in the grid: poster, name and facts. */
export class VideoCard extends VideoBase {
  readonly el: HTMLElement
  private readonly poster: HTMLElement
  private readonly dur = h('span', { class: 'chip dur' })
  protected readonly seen = h('span', { class: 'badge seen' }, icon('check'), 'Watched')
  protected readonly progress = h('div', { class: 'progress', 'aria-hidden': 'true' }, this.bar)
  private readonly sub = h('div', { class: 'sub' })
  protected readonly where = h('div', { class: 'where' })
  private img: HTMLImageElement | null = null
  private placeholder: HTMLElement | null = null
  private posterURL: string | null | undefined = undefined

  constructor() {
    super()
    this.poster = h(
      'div',
      { class: 'poster' },
      h('span', { class: 'play-hint', 'aria-hidden': 'true' }, icon('play')),
      this.dur,
      this.badge,
      this.seen,
      this.progress,
    )
    this.el = h(
      'div',
      { class: 'card video', role: 'option' },
      this.poster,
      h('div', { class: 'info' }, h('div', { class: 'name' }, this.nameEl), this.where, this.sub),
    )
  }

  protected draw(s: VideoState): void {
    const m = s.meta
    this.drawPoster(s.poster)
    setText(this.dur, durationText(m))
    this.dur.hidden = !this.dur.textContent
    this.drawMarks(s)
    const facts = [resolutionOf(m), formatSize(s.video.size), shortDate(s.video.modTime)].filter(Boolean)
    setText(this.sub, facts.join(' · '))
  }

  private drawPoster(p: Poster | undefined): void {
    const url = p && p.state === 'ok' ? p.url : null
    if (url === this.posterURL && (url || this.placeholder)) {
      this.placeholder?.classList.toggle('loading', !p || p.state === 'loading')
      return
    }
    this.posterURL = url
    if (url) {
      this.placeholder?.remove()
      this.placeholder = null
      const img = h('img', { class: 'thumb', alt: '', loading: 'lazy', decoding: 'async', draggable: 'false' })
      img.addEventListener('load', () => img.classList.add('loaded'))
      img.addEventListener('error', () => {
        img.remove()
        if (this.img === img) {
          this.img = null
          this.posterURL = null
          this.showPlaceholder(false)
        }
      })
      img.src = url
      if (img.complete && img.naturalWidth > 0) img.classList.add('loaded')
      this.img?.remove()
      this.img = img
      this.poster.prepend(img)
      return
    }
    this.img?.remove()
    this.img = null
    this.showPlaceholder(!p || p.state === 'loading')
  }

  private showPlaceholder(loading: boolean): void {
    if (!this.placeholder) {
      this.placeholder = h('div', { class: 'ph' }, icon('film'))
      this.poster.prepend(this.placeholder)
    }
    this.placeholder.classList.toggle('loading', loading)
  }
}

/** VideoRow is a video in the list. */
export class VideoRow extends VideoBase {
  readonly el: HTMLElement
  protected readonly seen = h('span', { class: 'seen-mark', title: 'Watched' }, icon('check'))
  protected readonly progress = h('span', { class: 'mini-progress', 'aria-hidden': 'true' }, this.bar)
  protected readonly where = h('span', { class: 'where' })
  private readonly dur = h('span', { class: 'dur' })
  private readonly res = h('span', { class: 'res' })
  private readonly size = h('span', { class: 'size' })
  private readonly date = h('span', { class: 'date' })

  constructor() {
    super()
    this.el = h(
      'div',
      { class: 'row video entry', role: 'option' },
      h(
        'span',
        { class: 'name' },
        h('span', { class: 'icon' }, icon('film')),
        this.nameEl,
        this.where,
        this.badge,
        this.seen,
        this.progress,
      ),
      this.dur,
      this.res,
      this.size,
      this.date,
    )
  }

  protected draw(s: VideoState): void {
    const m = s.meta
    this.drawMarks(s)
    setText(this.dur, durationText(m))
    setText(this.res, resolutionOf(m))
    setText(this.size, formatSize(s.video.size))
    setText(this.date, formatDate(s.video.modTime))
  }
}

function folderFacts(f: Folder): string {
  if (f.videoCount < 0) return 'Cannot be read'
  if (f.videoCount === 0) return 'No videos'
  return f.videoCount === 1 ? '1 video' : `${formatCount(f.videoCount)} videos`
}

/** FolderItem is a subfolder, as a tile (grid) or a row (list). */
export class FolderItem implements Item<FolderState> {
  readonly el: HTMLElement
  private readonly nameEl = h('span', { class: 'name-text' })
  private readonly facts = h('span', { class: 'count' })
  private readonly glyph = h('span', { class: 'icon' })
  private last = ''

  constructor(readonly list: boolean) {
    this.el = list
      ? h(
          'div',
          { class: 'row folder entry', role: 'option' },
          h('span', { class: 'name' }, this.glyph, this.nameEl),
          this.facts,
        )
      : h(
          'div',
          { class: 'card folder', role: 'option' },
          this.glyph,
          h('span', { class: 'info' }, h('span', { class: 'name' }, this.nameEl), this.facts),
        )
  }

  update(s: FolderState): void {
    const f = s.folder
    setSelected(this.el, s.index, s.selected)
    const sig = `${f.path}\u0000${f.name}\u0000${f.videoCount}\u0000${s.query}`
    if (sig === this.last) return
    this.last = sig
    this.el.title = f.name
    this.el.dataset.path = f.path
    fillName(this.nameEl, f.name, s.query)
    setText(this.facts, folderFacts(f))
    this.el.classList.toggle('unreadable', f.videoCount < 0)
    this.glyph.replaceChildren(icon(f.videoCount < 0 ? 'lock' : 'folder'))
  }
}
