// Live updates: a long poll on /api/changes while the library is on screen.
// Go answers as soon as the folder changes on disk (or after 20 s with
// nothing new); the view then lists the folder again.
import { ApiError, waitForChanges } from '../api/http'

/** LivePoll runs one poll loop at a time. */
export class LivePoll {
  private ctl: AbortController | null = null

  /**
   * start polls from version on; changed() re-lists and returns the version
   * of the new listing (or null to stop polling).
   */
  start(version: number, changed: () => Promise<number | null>): void {
    this.stop()
    const ctl = new AbortController()
    this.ctl = ctl
    void this.loop(version, changed, ctl.signal)
  }

  stop(): void {
    this.ctl?.abort()
    this.ctl = null
  }

  get running(): boolean {
    return this.ctl !== null
  }

  private async loop(version: number, changed: () => Promise<number | null>, signal: AbortSignal): Promise<void> {
    let failures = 0
    while (!signal.aborted) {
      let next: number
      try {
        next = (await waitForChanges(version, signal)).version
        failures = 0
      } catch (err) {
        if (signal.aborted) return
        // 404: Go runs without a watcher, so there is nothing to wait for.
        if (err instanceof ApiError && err.status === 404) return
        failures++
        await sleep(Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)), signal)
        continue
      }
      if (signal.aborted) return
      if (next === version) continue
      const listed = await changed()
      if (listed === null || signal.aborted) return
      version = listed
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done(): void {
      clearTimeout(t)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
