// "Continue watching": videos started and not finished, at the top of the
// opened folder, each with how far it got.
import type { Meta, Video } from '../api/types'
import { h } from '../dom'
import { formatTime } from '../format'
import { isPortrait } from './card'
import { icon } from './icons'
import { progressOf } from './model'
import type { Poster } from './thumbs'

export interface StripSource {
  poster(v: Video): Poster | undefined
  meta(v: Video): Meta | undefined
  play(v: Video): void
}

/** ContinueStrip is the row of videos to continue; it keeps one element. */
export class ContinueStrip {
  readonly el: HTMLElement
  private readonly track: HTMLElement
  private sig = ''
  private videos: Video[] = []

  constructor(private readonly src: StripSource) {
    this.track = h('div', { class: 'cw-track', role: 'list' })
    // The row scrolls by its arrow buttons and, from a focused item, by the
    // arrow keys, Home and End (issue 13).
    const prev = h('button', { type: 'button', class: 'icon-btn cw-scroll prev', title: 'Scroll back', 'aria-label': 'Scroll back' }, icon('chevronLeft'))
    const next = h('button', { type: 'button', class: 'icon-btn cw-scroll next', title: 'Scroll on', 'aria-label': 'Scroll on' }, icon('chevronRight'))
    prev.addEventListener('click', () => this.scrollPage(-1))
    next.addEventListener('click', () => this.scrollPage(1))
    this.el = h(
      'section',
      { class: 'continue', 'aria-label': 'Continue watching' },
      h('h2', { class: 'section-label' }, icon('clock'), 'Continue watching', h('span', { class: 'cw-scrollers' }, prev, next)),
      this.track,
    )
    this.track.addEventListener('keydown', (e) => this.key(e))
    this.track.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLElement>('.cw-item')
      const v = b ? this.videos[Number(b.dataset.i)] : undefined
      if (v) this.src.play(v)
    })
  }

  /** update shows videos; it rebuilds only when something shown changed. */
  update(videos: Video[]): void {
    const parts = videos.map((v) => {
      const p = this.src.poster(v)
      const m = this.src.meta(v)
      return `${v.id}|${v.position}|${p?.state === 'ok' ? p.url : p?.state ?? ''}|${m?.duration ?? ''}`
    })
    const sig = parts.join('\n')
    if (sig === this.sig) return
    this.sig = sig
    this.videos = videos
    this.track.replaceChildren(...videos.map((v, i) => this.item(v, i)))
  }

  /** scrollPage scrolls the row by most of its width, back (-1) or on (1). */
  private scrollPage(dir: number): void {
    this.track.scrollBy({ left: dir * Math.max(100, this.track.clientWidth * 0.8), behavior: 'smooth' })
  }

  /** key moves the focus along the row: ← → step, Home and End jump. */
  private key(e: KeyboardEvent): void {
    const items = [...this.track.querySelectorAll<HTMLElement>('.cw-item')]
    const at = items.indexOf(document.activeElement as HTMLElement)
    if (at < 0 || e.ctrlKey || e.metaKey || e.altKey) return
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: items.length - 1 }[e.key]
    if (to === undefined) return
    e.preventDefault()
    e.stopPropagation()
    const el = items[Math.max(0, Math.min(items.length - 1, to))]
    el.focus({ preventScroll: true })
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }

  private item(v: Video, i: number): HTMLElement {
    const p = this.src.poster(v)
    const m = this.src.meta(v)
    const frac = progressOf(v, m)
    const d = (m && !m.error && m.duration) || v.duration || 0
    const left = d > 0 ? `${formatTime(Math.max(0, d - v.position))} left` : `at ${formatTime(v.position)}`
    const picture =
      p && p.state === 'ok'
        ? h('img', { class: 'thumb loaded', src: p.url, alt: '', decoding: 'async', draggable: 'false' })
        : h('div', { class: 'ph' + (!p || p.state === 'loading' ? ' loading' : '') }, icon('film'))
    const folder = v.path.includes('/') ? v.path.slice(0, v.path.lastIndexOf('/')) : ''
    return h(
      'button',
      { type: 'button', class: 'cw-item' + (isPortrait(m) ? ' portrait' : ''), role: 'listitem', 'data-i': i, 'data-name': v.name, title: `Continue ${v.path}` },
      h(
        'span',
        { class: 'poster' },
        picture,
        h('span', { class: 'play-hint', 'aria-hidden': 'true' }, icon('play')),
        h('span', { class: 'progress' }, h('i', { style: `width: ${(frac * 100).toFixed(1)}%` })),
      ),
      h('span', { class: 'name' }, v.name),
      h('span', { class: 'sub' }, [folder, left].filter(Boolean).join(' · ')),
    )
  }
}
