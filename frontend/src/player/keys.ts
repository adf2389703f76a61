// The player's keyboard: which key does what, the speeds [ and ] step
// through, and the words of the ? overlay.

/** Action is what a key asks the player to do. */
export type Action =
  | 'togglePlay'
  | 'back5'
  | 'forward5'
  | 'back10'
  | 'forward10'
  | 'volumeUp'
  | 'volumeDown'
  | 'mute'
  | 'fullscreen'
  | 'escape'
  | 'frameBack'
  | 'frameForward'
  | 'slower'
  | 'faster'
  | 'next'
  | 'previous'
  | 'subtitles'
  | 'help'
  | 'confirm'
  | 'jump'

/** bindings maps KeyboardEvent.key values to actions (digits are handled apart). */
const bindings: [keys: string[], action: Action][] = [
  [[' ', 'k', 'K'], 'togglePlay'],
  [['ArrowLeft'], 'back5'],
  [['ArrowRight'], 'forward5'],
  [['j', 'J'], 'back10'],
  [['l', 'L'], 'forward10'],
  [[','], 'frameBack'],
  [['.'], 'frameForward'],
  [['ArrowUp'], 'volumeUp'],
  [['ArrowDown'], 'volumeDown'],
  [['m', 'M'], 'mute'],
  [['[', '<'], 'slower'],
  [[']', '>'], 'faster'],
  [['c', 'C'], 'subtitles'],
  [['n', 'N'], 'next'],
  [['p', 'P'], 'previous'],
  [['f', 'F'], 'fullscreen'],
  [['?'], 'help'],
  [['Escape'], 'escape'],
  [['Enter'], 'confirm'],
]

/** HelpRow is one line of the ? overlay: the keys as printed, and what they do. */
export interface HelpRow {
  keys: string[]
  what: string
}

/** keyHelp is the ? overlay's content, by topic. Keep it in step with bindings. */
export const keyHelp: { title: string; rows: HelpRow[] }[] = [
  {
    title: 'Playback',
    rows: [
      { keys: ['Space', 'K'], what: 'Play / pause' },
      { keys: ['←', '→'], what: 'Back / forward 5 seconds' },
      { keys: ['J', 'L'], what: 'Back / forward 10 seconds' },
      { keys: ['0', '…', '9'], what: 'Jump to 0 %, 10 % … 90 %' },
      { keys: [',', '.'], what: 'Previous / next frame (pauses)' },
    ],
  },
  {
    title: 'Sound, speed, subtitles',
    rows: [
      { keys: ['↑', '↓'], what: 'Volume up / down 5 %' },
      { keys: ['M'], what: 'Mute / unmute' },
      { keys: ['[', ']'], what: 'Slower / faster (also < and >)' },
      { keys: ['C'], what: 'Subtitles on / off' },
    ],
  },
  {
    title: 'Player',
    rows: [
      { keys: ['N', 'P'], what: 'Next / previous video in the folder' },
      { keys: ['F'], what: 'Fullscreen (or double-click the video)' },
      { keys: ['Enter'], what: 'Resume, or play the next video now' },
      { keys: ['?'], what: 'Show / hide these keys' },
      { keys: ['Esc'], what: 'Leave fullscreen, then the player' },
    ],
  },
]

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

/** rates are the speeds [ and ] step through. */
export const rates = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 3, 4]

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

/** stepVolume moves volume by delta, on a 5 % grid, within 0–1. */
export function stepVolume(volume: number, delta: number): number {
  const v = Math.round((volume + delta) * 20) / 20
  return Math.min(1, Math.max(0, v))
}
