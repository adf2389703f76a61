// Settings sync: the remembered volume, mute, speed, loop and subtitle
// choice go onto the video when a file opens, and whatever changes them
// afterwards — a key, a media-chrome menu, the volume slider — is saved
// from the video's own events, so there is one way back to the settings.
import { maxRate, minRate } from '../generated/rules'
import { SettingsStore } from './settings'
import type { SubtitleTracks } from './subtitles'

/** SettingsSync keeps the video and the stored settings in step. */
export class SettingsSync {
  readonly store = new SettingsStore()
  /** applying is true while settings are put on the video, so its change events do not save them back. */
  private applying = false

  /**
   * el is the player (media-chrome's subtitle requests pass through it);
   * active says whether a video is open, since unloading one fires events too.
   */
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly subs: SubtitleTracks,
    el: HTMLElement,
    private readonly active: () => boolean,
  ) {
    void this.store.load()
    const v = video
    v.addEventListener('volumechange', () => {
      if (!this.applying && this.active()) this.store.update({ volume: v.volume, muted: v.muted })
    })
    v.addEventListener('ratechange', () => {
      if (this.applying || !this.active()) return
      // The menu and the keys set playbackRate only; keep it for the next file too.
      v.defaultPlaybackRate = v.playbackRate
      this.store.update({ rate: v.playbackRate })
    })
    // A choice in the captions menu is remembered like the C key's.
    for (const type of ['mediashowsubtitlesrequest', 'mediadisablesubtitlesrequest', 'mediatogglesubtitlesrequest']) {
      el.addEventListener(type, () => setTimeout(() => this.active() && this.rememberSubtitles(), 0))
    }
  }

  /** current is the settings as they stand. */
  get current() {
    return this.store.current
  }

  /** load waits for the stored settings (once; later calls share the answer). */
  load(): Promise<void> {
    return this.store.load()
  }

  /** apply puts the remembered volume, speed and loop on the video. */
  apply(): void {
    const s = this.store.current
    const v = this.video
    this.applying = true
    v.volume = Math.min(1, Math.max(0, s.volume))
    v.muted = s.muted
    const rate = s.rate >= minRate && s.rate <= maxRate ? s.rate : 1
    if (v.playbackRate !== rate || v.defaultPlaybackRate !== rate) {
      v.defaultPlaybackRate = rate
      v.playbackRate = rate
    }
    v.loop = s.loop
    // The change events are queued: let them pass before listening again.
    setTimeout(() => (this.applying = false), 0)
  }

  /** rememberSubtitles saves the subtitle track shown now as the one to pick next time. */
  rememberSubtitles(): void {
    const i = this.subs.showing()
    this.subs.noteShown()
    this.store.update({ subtitleLang: this.subs.key(i) })
  }

  /** flush writes pending changes now. */
  flush(): void {
    this.store.flush()
  }
}
