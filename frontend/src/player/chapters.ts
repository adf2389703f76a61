// Chapters (issue 10): a mark on the seek bar where each starts, the
// chapter's title beside the preview's time, and the chapter at a time.
import type { Chapter } from '../api/types'
import { h } from '../dom'

/** chapterAt is the index of the chapter holding t, or -1. */
export function chapterAt(chapters: Chapter[], t: number): number {
  for (let i = chapters.length - 1; i >= 0; i--) if (t >= chapters[i].start) return i
  return -1
}

/** ChapterMarks draws the chapters of the video on screen over the seek bar. */
export class ChapterMarks {
  /** el lies over the seek bar; the marks are its children. */
  readonly el = h('div', { class: 'player-chapters', 'aria-hidden': 'true' })
  /** title is shown under the preview's time. */
  readonly title = h('div', { class: 'player-chapter-title' })
  private chapters: Chapter[] = []

  constructor(
    private readonly range: HTMLElement,
    private readonly video: HTMLVideoElement,
  ) {
    range.addEventListener('pointermove', (e) => this.hover(e))
    video.addEventListener('durationchange', () => this.draw())
  }

  /** set shows the chapters of the video opened ([] for none). */
  set(chapters: Chapter[]): void {
    this.chapters = chapters
    this.draw()
  }

  /** current is the chapter playing, or -1. */
  current(): number {
    return chapterAt(this.chapters, this.video.currentTime)
  }

  /** list is the chapters of the video on screen. */
  list(): Chapter[] {
    return this.chapters
  }

  private draw(): void {
    const d = this.video.duration
    const marks = Number.isFinite(d) && d > 0
      ? this.chapters.filter((c) => c.start > 0 && c.start < d).map((c) => {
        const mark = h('span', { class: 'player-chapter-mark', title: c.title })
        mark.style.left = `${(c.start / d) * 100}%`
        return mark
      })
      : []
    this.el.replaceChildren(...marks)
    this.el.hidden = this.chapters.length === 0
    this.title.textContent = ''
  }

  private hover(e: PointerEvent): void {
    const d = this.video.duration
    if (!this.chapters.length || !(d > 0)) return
    const r = this.range.getBoundingClientRect()
    const t = Math.min(Math.max((e.clientX - r.left) / r.width, 0), 1) * d
    const i = chapterAt(this.chapters, t)
    this.title.textContent = i >= 0 ? this.chapters[i].title : ''
  }
}
