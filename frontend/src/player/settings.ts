// The player's remembered settings: read once, changed locally at once,
// written back to Go a moment after the last change so that holding ↑ does
// not send twenty requests.
import { ApiError, getSettings, putSettings, settingsSavedEvent } from '../api/http'
import type { PlayerSettings } from '../api/types'
import { defaultSettings } from '../generated/rules'

/** defaultSettings are Go's (api.DefaultPlayerSettings), used until the answer comes. */
export { defaultSettings }

const saveDelayMs = 400

/** SettingsStore holds the player settings and saves changes, debounced. */
export class SettingsStore {
  current: PlayerSettings = { ...defaultSettings }
  private pending: Partial<PlayerSettings> = {}
  private timer: ReturnType<typeof setTimeout> | undefined
  private loading: Promise<void> | null = null

  constructor() {
    // A change saved elsewhere (the settings panel) reaches this copy too;
    // changes of ours still on their way win.
    addEventListener(settingsSavedEvent, (e) => {
      const saved = (e as CustomEvent<PlayerSettings>).detail
      if (saved) this.current = { ...this.current, ...saved, ...this.pending }
    })
  }

  /** load fetches the settings; later calls wait for the same request. Failures keep the defaults. */
  load(): Promise<void> {
    this.loading ??= getSettings().then(
      (s) => {
        // Changes made while the answer was on its way win.
        this.current = { ...defaultSettings, ...s, ...this.pending }
      },
      () => {
        this.loading = null // try again on the next open
      },
    )
    return this.loading
  }

  /** update changes fields now and saves them shortly. */
  update(patch: Partial<PlayerSettings>): void {
    let changed = false
    for (const [k, v] of Object.entries(patch) as [keyof PlayerSettings, never][]) {
      if (this.current[k] !== v) changed = true
    }
    if (!changed) return
    this.current = { ...this.current, ...patch }
    this.pending = { ...this.pending, ...patch }
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.flush(), saveDelayMs)
  }

  /** flush sends the pending changes now. */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (Object.keys(this.pending).length === 0) return
    const patch = this.pending
    this.pending = {}
    putSettings(patch).catch((err: unknown) => {
      // Refused as bad input it would be refused again, and hold back every later change.
      if (err instanceof ApiError && err.status === 400) return
      // Not saved: keep the change for the next attempt unless newer ones replaced it.
      this.pending = { ...patch, ...this.pending }
    })
  }
}
