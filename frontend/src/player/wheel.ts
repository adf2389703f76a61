// The mouse wheel over the player (issue 13): the volume, as in VLC and
// IINA, or a seek, or nothing, as the settings say (rules.WheelActions).
// A mouse wheel's notch is one step; a trackpad's stream of small deltas
// adds up to steps, so a gentle swipe does not jump the volume. The seek
// bar, the menus and the dialogs keep the wheel for themselves.
import { formatTime } from '../format'
import { volumeStep, type WheelAction } from '../generated/rules'
import { stepVolume } from './keys'
import type { MediaCommands } from './media'
import type { Osd } from './osd'

/** notchPx is one step of the wheel, in pixels: a mouse notch is 50–120 px, a trackpad event a few. */
export const notchPx = 50

/** linePx and pagePx turn line and page deltas (WheelEvent.deltaMode 1 and 2, Firefox and some mice) into pixels. */
const linePx = 20
const pagePx = 400

/** idleMs ends a gesture: what a trackpad added up before a pause is forgotten. */
const idleMs = 400

/** wheelSeekS is how far one step seeks, as ← and →. */
const wheelSeekS = 5

/** Gesture is the wheel's running sum within one gesture. */
export interface Gesture {
  /** px is what was scrolled and not yet turned into a step (negative: up). */
  px: number
  /** at is the time of the last event, in ms. */
  at: number
}

/**
 * wheelStep turns one wheel event into -1, 0 or +1 steps (+1 is up: the
 * wheel away from the person, louder) and the gesture's new sum. A delta of
 * a notch or more is one step, never more, so a fast spin or a coalesced
 * event cannot blast the volume; smaller deltas add up until they make a
 * notch; a change of direction or a pause starts over.
 */
export function wheelStep(g: Gesture, deltaY: number, deltaMode: number, now: number): { step: -1 | 0 | 1; gesture: Gesture } {
  const px = deltaMode === 1 ? deltaY * linePx : deltaMode === 2 ? deltaY * pagePx : deltaY
  if (!Number.isFinite(px) || px === 0) return { step: 0, gesture: { px: g.px, at: now } }
  let sum = g.px
  if (now - g.at > idleMs || Math.sign(sum) !== Math.sign(px)) sum = 0
  sum += px
  if (Math.abs(sum) < notchPx) return { step: 0, gesture: { px: sum, at: now } }
  return { step: sum < 0 ? 1 : -1, gesture: { px: 0, at: now } }
}

/** WheelTargets are what the wheel acts on. */
export interface WheelTargets {
  /** el is the player; the wheel is heard over all of it. */
  el: HTMLElement
  video: HTMLVideoElement
  media: MediaCommands
  osd: Osd
  /** action is what the wheel does now (the setting). */
  action(): WheelAction | string | undefined
  /** active is true while a video is open. */
  active(): boolean
}

/** PlayerWheel listens to the wheel over the player. */
export class PlayerWheel {
  private gesture: Gesture = { px: 0, at: 0 }

  constructor(private readonly t: WheelTargets) {
    // Not passive: a handled wheel must not scroll anything behind the player.
    t.el.addEventListener('wheel', (e) => this.onWheel(e), { passive: false })
  }

  private onWheel(e: WheelEvent): void {
    const action = this.t.action() ?? 'volume'
    if (action === 'none' || !this.t.active()) return
    // Ctrl+wheel is a trackpad's pinch (zoom); a mostly sideways swipe is not meant for us.
    if (e.ctrlKey || e.metaKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return
    if (ownsWheel(e)) return
    e.preventDefault()
    const { step, gesture } = wheelStep(this.gesture, e.deltaY, e.deltaMode, e.timeStamp || performance.now())
    this.gesture = gesture
    if (step === 0) return
    const { video: v, media, osd } = this.t
    if (action === 'seek') {
      if (!Number.isFinite(v.duration)) return
      media.seekTo(v.currentTime + step * wheelSeekS)
      osd.show(`${step > 0 ? '+' : '−'}${wheelSeekS} s · ${formatTime(v.currentTime)} / ${formatTime(v.duration)}`)
      return
    }
    // Louder unmutes, as ↑ does; softer while muted stays muted.
    media.setVolume(stepVolume(v.volume, step * volumeStep), step < 0 && v.muted)
    osd.show(v.muted ? 'Muted' : `Volume ${Math.round(v.volume * 100)} %`, v.muted ? 0 : v.volume)
  }
}

/**
 * ownsWheel is true when the wheel is over something with a wheel of its
 * own: the seek bar, an open menu, a dialog or overlay that may scroll.
 */
function ownsWheel(e: WheelEvent): boolean {
  for (const n of e.composedPath()) {
    if (!(n instanceof Element)) continue
    const name = n.localName
    if (name === 'media-time-range' || name.endsWith('-menu') || name === 'dialog') return true
    const role = n.getAttribute('role')
    if (role === 'menu' || role === 'listbox' || role === 'dialog') return true
    if (n.classList.contains('player-help') || n.classList.contains('player-error')) return true
  }
  return false
}
