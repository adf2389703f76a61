// The one way the player changes the video: every command goes to
// media-chrome's controller as the request its own buttons and menus send
// (media-chrome's request-map applies it to the <video>), so a key, a button
// and a menu take the same path. What follows from a change — saving the
// settings, the OSD — listens to the video's own events (sync.ts).

/** MediaCommands sends requests to one media-controller. */
export class MediaCommands {
  constructor(
    private readonly controller: HTMLElement,
    private readonly video: HTMLVideoElement,
  ) {}

  private request(type: string, detail?: unknown): void {
    this.controller.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }

  /** togglePlay plays a paused video and pauses a playing one. */
  togglePlay(): void {
    this.request(this.video.paused ? 'mediaplayrequest' : 'mediapauserequest')
  }

  /** pause pauses the video, if it plays. */
  pause(): void {
    if (!this.video.paused) this.request('mediapauserequest')
  }

  /** seekTo jumps to t seconds, kept within the video; it does nothing before the duration is known. */
  seekTo(t: number): void {
    const d = this.video.duration
    if (!Number.isFinite(d)) return
    this.request('mediaseekrequest', Math.max(0, Math.min(t, d)))
  }

  /** setVolume sets the volume (0–1); muted says whether the video stays muted. */
  setVolume(volume: number, muted: boolean): void {
    // media-chrome's volume request unmutes; a step down while muted stays muted.
    this.request('mediavolumerequest', volume)
    if (muted) this.request('mediamuterequest')
    this.ensure(() => {
      this.video.volume = volume
      this.video.muted = muted
    }, this.video.volume === volume && this.video.muted === muted)
  }

  /**
   * ensure applies a change to the video itself when the controller did not
   * (media-chrome answers a request only while it holds the media; right
   * after a new source it can miss one), so a key is never lost.
   */
  private ensure(apply: () => void, applied: boolean): void {
    if (!applied) apply()
  }

  /** setMuted mutes or unmutes. */
  setMuted(on: boolean): void {
    this.request(on ? 'mediamuterequest' : 'mediaunmuterequest')
    this.ensure(() => (this.video.muted = on), this.video.muted === on)
  }

  /** setRate sets the speed; the menu's choice takes the same way. */
  setRate(rate: number): void {
    this.request('mediaplaybackraterequest', rate)
    this.ensure(() => (this.video.playbackRate = rate), this.video.playbackRate === rate)
  }

  /** setLoop turns looping on or off, as media-chrome's loop button would. */
  setLoop(on: boolean): void {
    this.request('medialooprequest', on)
  }
}
