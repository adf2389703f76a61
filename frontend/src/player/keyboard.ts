// The player's keys in action: keys.ts says which key means what; this
// turns an action into media commands (media.ts, the one way to change the
// video), the OSD line that says what happened, and the view's commands.
import { formatTime } from '../format'
import { volumeStep } from '../generated/rules'
import type { NextCountdown } from './countdown'
import { frameStep, type FrameClock } from './frames'
import type { HelpOverlay } from './help'
import { actionFor, formatRate, stepRate, stepVolume } from './keys'
import type { MediaCommands } from './media'
import type { Osd } from './osd'
import type { PlayerPort } from './port'
import type { ResumePrompt } from './resume'

/** KeyTargets are what the keys act on. */
export interface KeyTargets {
  /** el is the player; controller its media-controller, woken by every key. */
  el: HTMLElement
  controller: HTMLElement
  video: HTMLVideoElement
  media: MediaCommands
  osd: Osd
  help: HelpOverlay
  prompt: ResumePrompt
  countdown: NextCountdown
  frames: FrameClock
  port: PlayerPort
}

/** PlayerKeys handles the player's keyboard. */
export class PlayerKeys {
  constructor(private readonly t: KeyTargets) {}

  /** onKey handles e; it returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    if (this.keyBelongsToControl(e)) return false
    const hit = actionFor(e)
    if (!hit) return false
    const { video: v, media, osd, port } = this.t
    if (hit.action !== 'escape' && hit.action !== 'help') this.wakeControls()
    switch (hit.action) {
      case 'togglePlay':
        media.togglePlay()
        return true
      case 'back5':
        return this.seekBy(-5)
      case 'forward5':
        return this.seekBy(5)
      case 'back10':
        return this.seekBy(-10)
      case 'forward10':
        return this.seekBy(10)
      case 'jump': {
        const d = v.duration
        if (!Number.isFinite(d)) return true
        media.seekTo(((hit.tenth ?? 0) / 10) * d)
        osd.show(`${(hit.tenth ?? 0) * 10} % · ${formatTime(v.currentTime)} / ${formatTime(d)}`)
        return true
      }
      case 'frameBack':
      case 'frameForward': {
        if (!Number.isFinite(v.duration)) return true
        media.pause()
        media.seekTo(frameStep(v.currentTime, this.t.frames.frameDuration, hit.action === 'frameBack' ? -1 : 1))
        osd.show(`${hit.action === 'frameBack' ? '◂ Frame' : 'Frame ▸'} · ${v.currentTime.toFixed(3)} s`)
        return true
      }
      case 'volumeUp':
      case 'volumeDown': {
        const up = hit.action === 'volumeUp'
        media.setVolume(stepVolume(v.volume, up ? volumeStep : -volumeStep), !up && v.muted)
        this.showVolume()
        return true
      }
      case 'mute':
        media.setMuted(!v.muted)
        this.showVolume()
        return true
      case 'slower':
      case 'faster':
        media.setRate(stepRate(v.playbackRate, hit.action === 'faster' ? 1 : -1))
        osd.show(formatRate(v.playbackRate))
        return true
      case 'next':
        port.step(1)
        return true
      case 'previous':
        port.step(-1)
        return true
      case 'subtitles':
        port.toggleSubtitles()
        return true
      case 'nextChapter':
      case 'previousChapter':
        return port.chapter(hit.action === 'nextChapter' ? 1 : -1)
      case 'audioTrack':
        port.nextAudio()
        return true
      case 'subtitleEarlier':
      case 'subtitleLater':
        port.subtitleDelay(hit.action === 'subtitleLater' ? 1 : -1)
        return true
      case 'subtitleSmaller':
      case 'subtitleLarger':
        port.subtitleSize(hit.action === 'subtitleLarger' ? 1 : -1)
        return true
      case 'fullscreen':
        void port.toggleFullscreen()
        return true
      case 'help':
        port.toggleHelp()
        return true
      case 'escape':
        if (this.t.help.visible) this.t.help.hide()
        else if (!this.closeMenus()) void port.escape()
        return true
      case 'confirm':
        if (this.t.prompt.visible) this.t.prompt.resume()
        else if (this.t.countdown.visible) this.t.countdown.playNow()
        else return false
        return true
    }
    return false
  }

  private showVolume(): void {
    const v = this.t.video
    this.t.osd.show(v.muted ? 'Muted' : `Volume ${Math.round(v.volume * 100)} %`, v.muted ? 0 : v.volume)
  }

  private seekBy(delta: number): boolean {
    const v = this.t.video
    if (!Number.isFinite(v.duration)) return true
    this.t.media.seekTo(v.currentTime + delta)
    this.t.osd.show(`${delta > 0 ? '+' : '−'}${Math.abs(delta)} s · ${formatTime(v.currentTime)} / ${formatTime(v.duration)}`)
    return true
  }

  /**
   * wakeControls shows the auto-hidden controls now, as a pointer move does:
   * media-chrome only wakes them on its own element's keyup, which comes
   * later and not at all when the focus is elsewhere.
   */
  private wakeControls(): void {
    this.t.controller.dispatchEvent(new PointerEvent('pointermove', { pointerType: 'mouse' }))
  }

  /**
   * keyBelongsToControl reports keys a focused control needs: an open menu
   * takes every key, and a focused button its Space and Enter (media-chrome
   * buttons act on keyup, so handling them here too would act twice).
   */
  private keyBelongsToControl(e: KeyboardEvent): boolean {
    for (const n of e.composedPath()) {
      if (!(n instanceof HTMLElement)) continue
      const role = n.getAttribute('role')
      if (role === 'menu' || role === 'menuitemradio' || role === 'menuitem' || n.localName.endsWith('-menu')) return true
    }
    const t = e.target
    if ((e.key === ' ' || e.key === 'Enter') && t instanceof HTMLElement && this.t.el.contains(t)) {
      return t.localName === 'button' || t.getAttribute('role') === 'button'
    }
    return false
  }

  /**
   * closeMenus closes the captions or speed menu if one is open, and says
   * whether one was: Esc closes it before it leaves the player, also in the
   * moment before the opening menu takes the keyboard.
   */
  private closeMenus(): boolean {
    const open = this.t.controller.querySelectorAll<HTMLElement>('media-captions-menu:not([hidden]), media-playback-rate-menu:not([hidden])')
    open.forEach((m) => (m.hidden = true))
    return open.length > 0
  }
}
