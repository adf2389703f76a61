// The status line: a quiet line at the bottom of the window that stays
// while something keeps Reel from doing its job, such as saves that fail
// (a full disk, a read-only database) or live updates that stopped (the
// system's inotify limits). It clears itself once that is over (issue 11).
import { getStatus, onSave } from './api/http'

/** pollMs is how often the line asks Go whether a problem began or ended. */
const pollMs = 15_000

/** StatusLine shows the last failed save, else the server's problem, else nothing. */
export class StatusLine {
  readonly el: HTMLElement
  private failure = ''
  private problem = ''
  private timer = 0

  constructor() {
    this.el = document.createElement('div')
    this.el.className = 'status-line'
    this.el.setAttribute('role', 'status')
    this.el.setAttribute('aria-live', 'polite')
    Object.assign(this.el.style, {
      position: 'fixed',
      left: '12px',
      bottom: '12px',
      maxWidth: 'min(640px, 80vw)',
      padding: '8px 12px',
      borderRadius: '6px',
      background: '#4a2424',
      color: '#fff',
      border: '1px solid #a34a4a',
      font: '13px/1.4 system-ui, sans-serif',
      zIndex: '1100',
      display: 'none',
    })
    onSave((failure) => {
      this.failure = failure ? 'Not saved: ' + failure : ''
      this.render()
      void this.refresh()
    })
  }

  /** mount puts the line on the page and starts asking Go for problems. */
  mount(parent: HTMLElement = document.body): void {
    parent.append(this.el)
    void this.refresh()
    this.timer = window.setInterval(() => void this.refresh(), pollMs)
  }

  unmount(): void {
    window.clearInterval(this.timer)
    this.el.remove()
  }

  private async refresh(): Promise<void> {
    try {
      this.problem = (await getStatus()).problem
    } catch {
      return // the backend is gone: other parts of the page say so
    }
    this.render()
  }

  private render(): void {
    const text = this.failure || this.problem
    this.el.textContent = text
    this.el.style.display = text ? '' : 'none'
  }
}
