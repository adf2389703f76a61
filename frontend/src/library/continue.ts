// "Continue watching": videos started and not finished, at the top of the
// opened folder, each with how far it got.
import type { Meta, Video } from '../api/types'
import { h } from '../dom'
import { formatTime } from '../format'
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
    this.el = h(
      'section',
      { class: 'continue', 'aria-label': 'Continue watching' },
      h('h2', { class: 'section-label' }, icon('clock'), 'Continue watching'),
      this.track,
    )
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
      { type: 'button', class: 'cw-item', role: 'listitem', 'data-i': i, 'data-name': v.name, title: `Continue ${v.path}` },
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
