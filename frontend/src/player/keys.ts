// The player's keyboard: which key does what, the speeds [ and ] step
// through, and the words of the ? overlay.

import { bindings, maxVolume, minVolume, rates, type Action } from '../generated/rules'

// Go owns the key table, its help text and the speeds (internal/rules):
// they are re-exported here for the player's modules.
export { bindings, keyHelp, rates, type Action, type HelpRow } from '../generated/rules'

const byKey = new Map<string, Action>()
for (const [keys, action] of bindings) for (const k of keys) byKey.set(k, action)

/** KeyInput is the part of a KeyboardEvent the key map reads. */
export interface KeyInput {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
}

/**
 * actionFor maps a key press to an action; digits come back as 'jump' with
 * the tenth of the video to jump to. Keys with Ctrl, Meta or Alt belong to
 * the system and are left alone.
 */
export function actionFor(e: KeyInput): { action: Action; tenth?: number } | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null
  if (e.key.length === 1 && e.key >= '0' && e.key <= '9') return { action: 'jump', tenth: Number(e.key) }
  const action = byKey.get(e.key)
  return action ? { action } : null
}

/**
 * stepRate returns the next speed up (dir 1) or down (dir -1) from current,
 * which need not be one of rates (the menu or an old setting may have set
 * 1.1): it moves to the nearest listed speed in that direction.
 */
export function stepRate(current: number, dir: 1 | -1): number {
  const eps = 1e-6
  if (dir > 0) return rates.find((r) => r > current + eps) ?? rates[rates.length - 1]
  for (let i = rates.length - 1; i >= 0; i--) if (rates[i] < current - eps) return rates[i]
  return rates[0]
}

/** formatRate renders a speed as the OSD shows it: "1.5×", "0.25×". */
export function formatRate(rate: number): string {
  return `${Number(rate.toFixed(2))}×`
}

/** stepVolume moves volume by delta, on a 5 % grid, within the volume limits. */
export function stepVolume(volume: number, delta: number): number {
  const v = Math.round((volume + delta) * 20) / 20
  return Math.min(maxVolume, Math.max(minVolume, v))
}
