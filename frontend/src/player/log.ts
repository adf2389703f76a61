// The player's test log, in one place: what the desktop and browser tests
// read of the player (REEL_EVENT_LOG; nothing is sent otherwise), and the
// activity samples that show a paused player idle (activity.ts, issue 8).
import type { Video } from '../api/types'
import { testLog, testLogOn } from '../testlog'
import { installActivityCounters, sampleActivity, watchControls } from './activity'

/** busyAfterMs is when, after playback starts, the page samples what playing costs (controls hidden by then). */
const busyAfterMs = 4500
/** idleAfterMs is how long after a pause the page starts sampling what still runs. */
const idleAfterMs = 1000
/** idleSampleMs is how long it samples. */
const idleSampleMs = 10000

/** PlayerLog logs the events of one player. */
export class PlayerLog {
  /**
   * seq says which open the player is at (samples for an older one are
   * dropped), open whether a video is open; range is the seek bar, whose
   * place the desktop test needs.
   */
  constructor(
    video: HTMLVideoElement,
    private readonly el: HTMLElement,
    controller: HTMLElement,
    private readonly range: HTMLElement,
    private readonly seq: () => number,
    open: () => boolean,
  ) {
    if (!testLogOn()) return
    installActivityCounters()
    watchControls(controller, (d) => testLog('controls', d))
    const v = video
    v.addEventListener('loadedmetadata', () => testLog('loadedmetadata', { duration: v.duration }))
    v.addEventListener('playing', () => {
      // The seek bar's place in CSS pixels, so the desktop test can hover it with real input.
      const r = this.range.getBoundingClientRect()
      testLog('playing', {
        currentTime: v.currentTime,
        range: { x: r.x, y: r.y, width: r.width, height: r.height },
        dpr: window.devicePixelRatio,
      })
      this.sample('busy', busyAfterMs, 2000, () => !v.paused, () => ({ controls: !controller.hasAttribute('userinactive') }))
    })
    v.addEventListener('pause', () => this.sample('idle', idleAfterMs, idleSampleMs, () => v.paused))
    v.addEventListener('seeking', () => testLog('seeking', { currentTime: v.currentTime }))
    v.addEventListener('seeked', () => testLog('seeked', { currentTime: v.currentTime, duration: v.duration }))
    v.addEventListener('error', () => {
      if (v.error && open()) testLog('error', { code: v.error.code, message: v.error.message ?? '' })
    })
    logCues(v)
    logCaptionsMenu(controller)
  }

  /** opened logs a new video and the scheme its URL plays from. */
  opened(video: Video): void {
    testLog('open', { name: video.name, scheme: video.url.split(':')[0] })
  }

  /** ended logs the end of the video. */
  ended(): void {
    testLog('ended', {})
  }

  /** sample logs what runs for ms, starting after a delay, while still() holds for the same open. */
  private sample(event: string, after: number, ms: number, still: () => boolean, extra: () => object = () => ({})): void {
    const seq = this.seq()
    setTimeout(() => {
      if (seq !== this.seq() || !still()) return
      void sampleActivity(ms, this.el).then((a) => seq === this.seq() && still() && testLog(event, { ...a, ...extra() }))
    }, after)
  }
}

/**
 * logCues logs each change of the cues on screen in a track that shows:
 * its label, their text, and the video's time (issue 10: a cue at the
 * right time). ASS tracks have no cues here; their renderer draws them.
 */
function logCues(v: HTMLVideoElement): void {
  const watched = new WeakSet<TextTrack>()
  const watch = () => {
    for (const track of v.textTracks) {
      if (watched.has(track)) continue
      watched.add(track)
      track.addEventListener('cuechange', () => {
        if (track.mode !== 'showing') return
        const text = [...(track.activeCues ?? [])].map((c) => (c as VTTCue).text).join(' | ')
        testLog('cue', { label: track.label, text, currentTime: v.currentTime })
      })
    }
  }
  v.textTracks.addEventListener('addtrack', watch)
  watch()
}

/**
 * logCaptionsMenu logs the captions menu's items each time media-chrome
 * redraws them from the video's tracks: what the person is offered.
 */
function logCaptionsMenu(controller: HTMLElement): void {
  const menu = controller.querySelector('media-captions-menu')
  const root = menu?.shadowRoot
  if (!root) return
  let last = ''
  new MutationObserver(() => {
    const items = [...root.querySelectorAll('media-chrome-menu-item')].map((i) => i.textContent?.trim() ?? '')
    const sig = JSON.stringify(items)
    if (sig === last) return
    last = sig
    testLog('captions-menu', { items })
  }).observe(root, { childList: true, subtree: true })
}
