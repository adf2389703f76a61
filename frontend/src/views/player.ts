// The player: one <video> inside media-chrome's controller, our keys, the
// seek preview, resume, next-in-folder, subtitles, and errors a person can
// act on. The pieces live in ../player/; this view wires them together.
import 'media-chrome'
import 'media-chrome/menu'
import '../player/player.css'
import { ApiError, getMeta, getPosition, getState } from '../api/http'
import type { Meta, Video } from '../api/types'
import { isFullscreen, setFullscreen } from '../api/native'
import { h } from '../dom'
import { formatTime } from '../format'
import { EndWatcher, NextCountdown } from '../player/countdown'
import { explain, explainNoPicture, type ErrorFacts } from '../player/errors'
import { FrameClock, frameStep } from '../player/frames'
import { HelpOverlay } from '../player/help'
import { iconButton } from '../player/icons'
import { actionFor, formatRate, rates, stepRate, stepVolume } from '../player/keys'
import { Osd } from '../player/osd'
import { SeekPreview } from '../player/preview'
import { PositionSaver, ResumePrompt, resumeAt } from '../player/resume'
import { SettingsStore } from '../player/settings'
import { SubtitleTracks } from '../player/subtitles'
import { attachSource, detachSource } from '../player/source'
import { metaOf } from '../library/meta'
import { testLog } from '../testlog'

/** PlayerHandlers are what the player asks of the app. */
export interface PlayerHandlers {
  /** back returns to the library, selecting the video that played (if any). */
  back(video: Video | null): void
  /** native is true in the window (fullscreen goes through Wails). */
  native: boolean
}

/** How long "moved or deleted" stays up before the list comes back. */
const goneBackMs = 4000
/** The preview file starts loading this long after the video can play, not to slow its start. */
const previewDelayMs = 800

/** mc creates a media-chrome element (their tags are not in HTMLElementTagNameMap). */
function mc(tag: string, attrs: Record<string, string | boolean> = {}, ...children: Node[]): HTMLElement {
  return h(tag as 'div', attrs, ...children)
}

/** PlayerView plays one video at a time. */
export class PlayerView {
  readonly el: HTMLElement
  readonly video: HTMLVideoElement
  private readonly controller: HTMLElement
  private readonly title: HTMLElement
  private readonly counter: HTMLElement
  private readonly errorBox: HTMLElement
  private readonly fsButton: HTMLElement
  private readonly prevButton: HTMLButtonElement
  private readonly nextButton: HTMLButtonElement
  private readonly loopButton: HTMLButtonElement
  private readonly autoplayButton: HTMLButtonElement
  private readonly preview: SeekPreview
  private readonly range: HTMLElement
  private readonly subs: SubtitleTracks
  private readonly saver: PositionSaver
  private readonly prompt = new ResumePrompt()
  private readonly countdown = new NextCountdown()
  private readonly help = new HelpOverlay()
  private readonly osd = new Osd()
  private readonly settings = new SettingsStore()
  private readonly frames: FrameClock
  private current: Video | null = null
  private playlist: Video[] = []
  private index = -1
  /** seq changes with every open and stop, so late answers for an old video are dropped. */
  private seq = 0
  private fsOn = false
  /** noPicture is true while the error box says that only the sound plays. */
  private noPicture = false
  /** applying is true while settings are put on the video, so the change events do not save them back. */
  private applying = false
  private leaveTimer: ReturnType<typeof setTimeout> | undefined
  private previewTimer: ReturnType<typeof setTimeout> | undefined
  private platform: Promise<string> | null = null

  constructor(private readonly handlers: PlayerHandlers) {
    void this.settings.load()
    // 'metadata', not 'auto': with 'auto' WebKitGTK copies the whole file to
    // an on-disk buffer as it plays, which a local 50 GB film must not cost.
    this.video = h('video', { slot: 'media', preload: 'metadata', playsinline: true }) as HTMLVideoElement
    this.subs = new SubtitleTracks(this.video)
    this.saver = new PositionSaver(this.video)
    this.frames = new FrameClock(this.video)

    // Title bar: back, name, place in the folder, help.
    const back = h('button', { type: 'button', class: 'player-back', title: 'Back to the list (Esc)' })
    back.append(iconButton('back', 'Back').firstElementChild!, h('span', {}, 'Back'))
    back.addEventListener('click', () => this.close())
    this.title = h('span', { class: 'player-title' })
    this.counter = h('span', { class: 'player-counter' })
    const helpButton = iconButton('help', 'Keyboard shortcuts (?)', 'player-help-button')
    helpButton.addEventListener('click', () => this.help.toggle())
    const top = h(
      'header',
      { class: 'player-top', slot: 'top-chrome' },
      back,
      h('div', { class: 'player-name' }, this.title, this.counter),
      helpButton,
    )

    // The seek bar, with the preview frame and its time.
    const range = mc('media-time-range', { class: 'player-range' })
    this.preview = new SeekPreview(range, mc('media-preview-time-display', { class: 'player-preview-time' }))
    range.append(this.preview.el)
    this.range = range

    this.prevButton = iconButton('previous', 'Previous video (P)')
    this.nextButton = iconButton('next', 'Next video (N)')
    this.prevButton.addEventListener('click', () => this.step(-1))
    this.nextButton.addEventListener('click', () => this.step(1))
    this.autoplayButton = iconButton('autoplay', 'Play the next video automatically', 'player-toggle')
    this.autoplayButton.addEventListener('click', () => this.setAutoplay(!this.settings.current.autoplayNext))
    this.loopButton = iconButton('loop', 'Loop this video', 'player-toggle')
    this.loopButton.addEventListener('click', () => this.setLoop(!this.video.loop))
    this.fsButton = mc('media-fullscreen-button')

    const bar = mc(
      'media-control-bar',
      { class: 'player-bar' },
      this.prevButton,
      mc('media-play-button'),
      this.nextButton,
      mc('media-mute-button'),
      mc('media-volume-range'),
      mc('media-time-display', { showduration: true, title: 'Click: elapsed / remaining' }),
      h('span', { class: 'player-spacer' }),
      this.autoplayButton,
      this.loopButton,
      mc('media-captions-menu-button'),
      mc('media-playback-rate-menu-button'),
      this.fsButton,
    )
    const bottom = h(
      'div',
      { class: 'player-bottom' },
      mc('media-control-bar', { class: 'player-seekbar' }, range),
      bar,
    )

    this.controller = mc(
      'media-controller',
      {
        class: 'controller',
        nohotkeys: true,
        autohide: '2',
        novolumepref: true,
        nomutedpref: true,
        nosubtitleslangpref: true,
        defaultstreamtype: 'on-demand',
      },
      this.video,
      top,
      mc('media-loading-indicator', { slot: 'centered-chrome', noautohide: true, loadingdelay: '300' }),
      mc('media-captions-menu', { hidden: true, anchor: 'auto' }),
      mc('media-playback-rate-menu', { hidden: true, anchor: 'auto', rates: rates.join(' ') }),
      bottom,
    )
    this.errorBox = h('div', { class: 'player-error', role: 'alert', hidden: true })
    this.el = h(
      'section',
      { class: 'player' },
      this.controller,
      this.osd.el,
      this.prompt.el,
      this.countdown.el,
      this.errorBox,
      this.help.el,
    )
    new EndWatcher(this.video, () => this.ended())
    this.watch()
  }

  /** open starts playing video; playlist is the folder in the order the list shows it. */
  open(video: Video, playlist: Video[]): void {
    if (this.current) this.unload(false)
    clearTimeout(this.leaveTimer)
    const seq = ++this.seq
    this.current = video
    this.playlist = playlist.some((v) => v.id === video.id) ? playlist : [video]
    this.index = this.playlist.findIndex((v) => v.id === video.id)
    this.title.textContent = video.name
    this.title.title = video.path || video.name
    this.counter.textContent = this.playlist.length > 1 ? `${this.index + 1} / ${this.playlist.length}` : ''
    this.prevButton.disabled = this.index <= 0
    this.nextButton.disabled = this.index >= this.playlist.length - 1
    document.title = `${video.name} — Reel`
    this.hideError()

    this.applySettings()
    this.frames.reset()
    void this.attachSource(video, seq) // issue 9: the rung this engine needs (player/source.ts)
    this.preview.setSource(video.url)
    testLog('open', { name: video.name, scheme: video.url.split(':')[0] })
    this.video.play().catch(() => {
      /* autoplay refusals and load errors surface through events */
    })
    this.saver.start(video)
    this.syncFullscreen()

    void this.settings.load().then(() => {
      if (seq !== this.seq) return
      this.applySettings()
      void this.offerResume(video, seq)
      void this.subs.load(video, this.settings.current.subtitleLang).then((problems) => {
        if (seq === this.seq && problems.length) this.osd.show(`Subtitles not loaded: ${problems.join('; ')}`)
      })
    })
  }

  /** close stops playback and returns to the list. */
  close(): void {
    const v = this.current
    this.stop()
    this.handlers.back(v)
  }

  /** stop unloads the video so the file is no longer read. */
  stop(): void {
    this.unload(true)
    document.title = 'Reel'
    if (this.fsOn) void this.toggleFullscreen(false)
  }

  /** seekTo jumps to t seconds, within the video. */
  seekTo(t: number): void {
    const d = this.video.duration
    if (!Number.isFinite(d)) return
    this.video.currentTime = Math.max(0, Math.min(t, d))
  }

  /** onKey handles the player's keys; it returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    if (this.keyBelongsToControl(e)) return false
    const hit = actionFor(e)
    if (!hit) return false
    const v = this.video
    switch (hit.action) {
      case 'togglePlay':
        if (v.paused) v.play().catch(() => {})
        else v.pause()
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
        this.seekTo(((hit.tenth ?? 0) / 10) * d)
        this.osd.show(`${(hit.tenth ?? 0) * 10} % · ${formatTime(v.currentTime)} / ${formatTime(d)}`)
        return true
      }
      case 'frameBack':
      case 'frameForward': {
        if (!Number.isFinite(v.duration)) return true
        if (!v.paused) v.pause()
        this.seekTo(frameStep(v.currentTime, this.frames.frameDuration, hit.action === 'frameBack' ? -1 : 1))
        this.osd.show(`${hit.action === 'frameBack' ? '◂ Frame' : 'Frame ▸'} · ${v.currentTime.toFixed(3)} s`)
        return true
      }
      case 'volumeUp':
      case 'volumeDown': {
        const up = hit.action === 'volumeUp'
        v.volume = stepVolume(v.volume, up ? 0.05 : -0.05)
        if (up && v.muted) v.muted = false
        this.osd.show(v.muted ? 'Muted' : `Volume ${Math.round(v.volume * 100)} %`, v.muted ? 0 : v.volume)
        return true
      }
      case 'mute':
        v.muted = !v.muted
        this.osd.show(v.muted ? 'Muted' : `Volume ${Math.round(v.volume * 100)} %`, v.muted ? 0 : v.volume)
        return true
      case 'slower':
      case 'faster':
        this.setRate(stepRate(v.playbackRate, hit.action === 'faster' ? 1 : -1))
        this.osd.show(formatRate(v.playbackRate))
        return true
      case 'next':
        this.step(1)
        return true
      case 'previous':
        this.step(-1)
        return true
      case 'subtitles':
        this.toggleSubtitles()
        return true
      case 'fullscreen':
        void this.toggleFullscreen()
        return true
      case 'help':
        this.help.toggle()
        return true
      case 'escape':
        if (this.help.visible) this.help.hide()
        else if (!this.closeMenus()) void this.escape()
        return true
      case 'confirm':
        if (this.prompt.visible) this.prompt.resume()
        else if (this.countdown.visible) this.countdown.playNow()
        else return false
        return true
    }
    return false
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
    if ((e.key === ' ' || e.key === 'Enter') && t instanceof HTMLElement && this.el.contains(t)) {
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
    const open = this.controller.querySelectorAll<HTMLElement>('media-captions-menu:not([hidden]), media-playback-rate-menu:not([hidden])')
    open.forEach((m) => (m.hidden = true))
    return open.length > 0
  }

  private seekBy(delta: number): boolean {
    const v = this.video
    if (!Number.isFinite(v.duration)) return true
    this.seekTo(v.currentTime + delta)
    this.osd.show(`${delta > 0 ? '+' : '−'}${Math.abs(delta)} s · ${formatTime(v.currentTime)} / ${formatTime(v.duration)}`)
    return true
  }

  /** step opens the video dir places away in the playlist. */
  private step(dir: 1 | -1): void {
    const next = this.playlist[this.index + dir]
    if (!next) {
      this.osd.show(dir > 0 ? 'This is the last video in the folder' : 'This is the first video in the folder')
      return
    }
    this.open(next, this.playlist)
  }

  private async escape(): Promise<void> {
    const on = await isFullscreen().catch(() => false)
    if (on) await this.toggleFullscreen(false)
    else this.close()
  }

  /** toggleFullscreen makes the OS window fullscreen (or not); the page's Fullscreen API in a browser. */
  private async toggleFullscreen(want?: boolean): Promise<void> {
    const on = want ?? !(await isFullscreen().catch(() => this.fsOn))
    this.setFullscreenState(on)
    try {
      await setFullscreen(on)
    } finally {
      this.syncFullscreen()
    }
  }

  private setFullscreenState(on: boolean): void {
    this.fsOn = on
    // media-chrome only knows about its own element going fullscreen: tell its button.
    this.fsButton.toggleAttribute('mediaisfullscreen', on)
    this.el.classList.toggle('is-fullscreen', on)
  }

  private syncFullscreen(): void {
    isFullscreen().then(
      (on) => this.setFullscreenState(on),
      () => {},
    )
  }

  private setRate(rate: number): void {
    this.video.defaultPlaybackRate = rate
    this.video.playbackRate = rate
  }

  private setAutoplay(on: boolean): void {
    this.settings.update({ autoplayNext: on })
    this.showToggles()
    this.osd.show(on ? 'Autoplay next: on' : 'Autoplay next: off')
    if (!on) this.countdown.cancel()
  }

  private setLoop(on: boolean): void {
    this.video.loop = on
    this.settings.update({ loop: on })
    this.showToggles()
    this.osd.show(on ? 'Loop: on' : 'Loop: off')
  }

  private showToggles(): void {
    const s = this.settings.current
    this.autoplayButton.setAttribute('aria-pressed', String(s.autoplayNext))
    this.autoplayButton.title = `Play the next video automatically: ${s.autoplayNext ? 'on' : 'off'}`
    this.loopButton.setAttribute('aria-pressed', String(this.video.loop))
    this.loopButton.title = `Loop this video: ${this.video.loop ? 'on' : 'off'}`
  }

  /** applySettings puts the remembered volume, speed and loop on the video. */
  private applySettings(): void {
    const s = this.settings.current
    const v = this.video
    this.applying = true
    v.volume = Math.min(1, Math.max(0, s.volume))
    v.muted = s.muted
    const rate = s.rate >= 0.25 && s.rate <= 4 ? s.rate : 1
    if (v.playbackRate !== rate || v.defaultPlaybackRate !== rate) this.setRate(rate)
    v.loop = s.loop
    this.showToggles()
    // The change events are queued: let them pass before listening again.
    setTimeout(() => (this.applying = false), 0)
  }

  private toggleSubtitles(): void {
    if (this.subs.count === 0) {
      this.osd.show('No subtitles for this video')
      return
    }
    const i = this.subs.toggle()
    this.rememberSubtitles()
    this.osd.show(i >= 0 ? `Subtitles: ${this.subs.label(i)}` : 'Subtitles off')
  }

  private rememberSubtitles(): void {
    const i = this.subs.showing()
    this.subs.noteShown()
    this.settings.update({ subtitleLang: this.subs.key(i) })
  }

  /** offerResume seeks to the saved position, or asks first, as the settings say. */
  private async offerResume(video: Video, seq: number): Promise<void> {
    let saved = { position: video.position, duration: video.duration ?? 0, watched: video.watched }
    try {
      saved = await getPosition(video.id)
    } catch {
      /* keep what the listing said */
    }
    if (seq !== this.seq) return
    await this.metadata(seq)
    if (seq !== this.seq) return
    const at = resumeAt(saved.position, this.video.duration || saved.duration, saved.watched)
    if (at === null) return
    if (this.settings.current.resume === 'always') {
      this.seekTo(at)
      this.osd.show(`Resumed at ${formatTime(at)} · 0 starts over`)
      return
    }
    // Until the person answers, the old position stays saved.
    this.saver.hold(true)
    this.prompt.show(
      at,
      () => {
        this.saver.hold(false)
        this.seekTo(at)
      },
      () => this.saver.hold(false),
      () => {
        this.settings.update({ resume: 'always' })
        this.osd.show('Videos will resume without asking')
      },
    )
  }

  /** metadata resolves once the video knows its duration (or another video was opened). */
  private metadata(seq: number): Promise<void> {
    const v = this.video
    if (v.readyState >= HTMLMediaElement.HAVE_METADATA) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        v.removeEventListener('loadedmetadata', done)
        v.removeEventListener('emptied', check)
        resolve()
      }
      const check = () => {
        if (seq !== this.seq) done()
      }
      v.addEventListener('loadedmetadata', done)
      v.addEventListener('emptied', check)
    })
  }

  /** ended runs once per end of the video: mark it watched, then maybe count down to the next. */
  private ended(): void {
    const v = this.video
    if (!this.current) return
    testLog('ended', {})
    if (!v.paused) v.pause() // WebKitGTK can stop at the end still "playing"
    if (Number.isFinite(v.duration)) this.saver.saveAt(v.duration)
    if (v.loop || !this.settings.current.autoplayNext) return
    const next = this.playlist[this.index + 1]
    if (!next) return
    this.countdown.start(next.name, () => this.open(next, this.playlist))
  }

  /** unload stops the current video; with clear, the element lets go of the file too. */
  private unload(clear: boolean): void {
    this.saver.stop()
    this.settings.flush()
    this.seq++
    clearTimeout(this.leaveTimer)
    clearTimeout(this.previewTimer)
    this.subs.clear()
    this.preview.clear()
    this.prompt.close()
    this.countdown.cancel()
    this.help.hide()
    this.osd.hide()
    this.hideError()
    this.video.pause()
    if (clear) {
      detachSource(this.video) // issue 9: stops the stream's encoders
      this.video.removeAttribute('src')
      this.video.load()
    }
    this.current = null
  }

  /** attachSource plays video on its rung (issue 9; player/source.ts). */
  private async attachSource(video: Video, seq: number): Promise<void> {
    const meta = metaOf(video) ?? (await this.probe(video.id).catch(() => ({ meta: undefined }))).meta
    if (seq !== this.seq) return
    await attachSource(this.video, video, meta, (msg) => this.osd.show(msg), (msg) => this.osd.show(msg))
  }

  private hideError(): void {
    this.noPicture = false
    this.errorBox.hidden = true
    this.errorBox.replaceChildren()
    this.el.classList.remove('has-error')
  }

  private watch(): void {
    const v = this.video
    v.addEventListener('loadedmetadata', () => testLog('loadedmetadata', { duration: v.duration }))
    v.addEventListener('playing', () => {
      // The seek bar's place in CSS pixels, so the desktop test can hover it with real input.
      const r = this.range.getBoundingClientRect()
      testLog('playing', {
        currentTime: v.currentTime,
        range: { x: r.x, y: r.y, width: r.width, height: r.height },
        dpr: window.devicePixelRatio,
      })
    })
    v.addEventListener('seeking', () => {
      testLog('seeking', { currentTime: v.currentTime })
      this.preview.hold(true) // the storyboard walk waits for the watched video
      // Going somewhere else answers the resume question, and stops the countdown.
      if (this.prompt.visible) this.prompt.dismiss()
      this.countdown.cancel()
    })
    v.addEventListener('seeked', () => {
      testLog('seeked', { currentTime: v.currentTime, duration: v.duration })
      this.preview.hold(false)
      this.saver.save()
    })
    v.addEventListener('play', () => this.countdown.cancel())
    v.addEventListener('pause', () => this.saver.save())
    v.addEventListener('canplay', () => {
      const seq = this.seq
      clearTimeout(this.previewTimer)
      this.previewTimer = setTimeout(() => seq === this.seq && this.preview.load(), previewDelayMs)
    })
    v.addEventListener('volumechange', () => {
      if (!this.applying && this.current) this.settings.update({ volume: v.volume, muted: v.muted })
    })
    v.addEventListener('ratechange', () => {
      if (this.applying || !this.current) return
      // The menu sets playbackRate only; keep it for the next file too.
      v.defaultPlaybackRate = v.playbackRate
      this.settings.update({ rate: v.playbackRate })
    })
    v.addEventListener('error', () => void this.failed())
    v.addEventListener('loadeddata', () => void this.checkPicture())
    v.addEventListener('resize', () => {
      // A picture after all, from a webview that learnt its size late.
      if (this.noPicture && v.videoWidth > 0) this.hideError()
    })

    // media-chrome's fullscreen button would make its own element
    // fullscreen: make the window fullscreen instead.
    const fsRequest = (e: Event) => {
      e.stopPropagation()
      void this.toggleFullscreen(e.type === 'mediaenterfullscreenrequest')
    }
    this.el.addEventListener('mediaenterfullscreenrequest', fsRequest, true)
    this.el.addEventListener('mediaexitfullscreenrequest', fsRequest, true)
    this.controller.addEventListener('dblclick', (e) => {
      const first = e.composedPath()[0]
      if (first instanceof Element && ['video', 'media-controller', 'media-gesture-receiver'].includes(first.localName)) {
        void this.toggleFullscreen()
      }
    })
    document.addEventListener('fullscreenchange', () => this.syncFullscreen())
    let resizeTimer: ReturnType<typeof setTimeout> | undefined
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer)
      resizeTimer = setTimeout(() => this.current && this.syncFullscreen(), 150)
    })

    // A choice in the captions menu is remembered like the C key's.
    for (const type of ['mediashowsubtitlesrequest', 'mediadisablesubtitlesrequest', 'mediatogglesubtitlesrequest']) {
      this.el.addEventListener(type, () => setTimeout(() => this.current && this.rememberSubtitles(), 0))
    }

    // A control clicked with the mouse must not keep the keyboard: Space
    // would press it again instead of pausing.
    this.el.addEventListener('pointerup', () => {
      setTimeout(() => {
        const a = document.activeElement
        if (a instanceof HTMLElement && this.el.contains(a) && !a.closest('[role=dialog]') && !a.localName.endsWith('-menu')) {
          a.blur()
        }
      }, 0)
    })
  }

  /** failed shows what went wrong, then finds out why and says what to do. */
  private async failed(): Promise<void> {
    const v = this.video
    const video = this.current
    const err = v.error
    if (!video || !err) return // unloading can fire an error too
    const seq = this.seq
    testLog('error', { code: err.code, message: err.message ?? '' })
    this.prompt.close()
    this.countdown.cancel()
    this.showProblem(`Cannot play ${video.name}`, err.message || 'The video stopped with an error.', 'Finding out why…', false)

    const facts: ErrorFacts = {
      name: video.name,
      code: err.code,
      message: err.message ?? '',
      gone: false,
      denied: false,
      platform: '',
      native: this.handlers.native,
    }
    const [pos, meta, platform] = await Promise.allSettled([getPosition(video.id), this.probe(video.id), this.hostPlatform()])
    if (seq !== this.seq) return
    if (pos.status === 'rejected' && pos.reason instanceof ApiError) {
      facts.gone = pos.reason.status === 404
      facts.denied = pos.reason.status === 403
    }
    if (meta.status === 'fulfilled') {
      facts.meta = meta.value.meta
      facts.metaError = meta.value.error
    }
    if (platform.status === 'fulfilled') facts.platform = platform.value
    const p = explain(facts)
    this.showProblem(p.title, p.detail, p.fix, !p.gone, err.message)
    if (p.gone) this.leaveTimer = setTimeout(() => seq === this.seq && this.close(), goneBackMs)
  }

  /**
   * checkPicture says so when the video plays without a picture: the
   * webview could not decode the video codec and plays the sound alone,
   * which would otherwise be a black box without a word.
   */
  private async checkPicture(): Promise<void> {
    const v = this.video
    const video = this.current
    if (!video || v.videoWidth > 0) return
    const seq = this.seq
    const [meta, platform] = await Promise.allSettled([this.probe(video.id), this.hostPlatform()])
    if (seq !== this.seq || v.videoWidth > 0 || v.error) return
    const m = meta.status === 'fulfilled' ? meta.value.meta : undefined
    if (!m?.videoCodec) return // a file with sound only lacks nothing
    const p = explainNoPicture({ name: video.name, meta: m, platform: platform.status === 'fulfilled' ? platform.value : '', native: this.handlers.native })
    this.showProblem(p.title, p.detail, p.fix, true)
    this.noPicture = true
  }

  private async probe(id: string): Promise<{ meta?: Meta; error?: string }> {
    const ans = await getMeta([id])
    return { meta: ans.items[id], error: ans.errors[id] ?? ans.items[id]?.error }
  }

  private hostPlatform(): Promise<string> {
    this.platform ??= getState().then(
      (s) => s.platform,
      () => {
        this.platform = null
        return ''
      },
    )
    return this.platform
  }

  private showProblem(title: string, detail: string, fix: string, actions: boolean, technical = ''): void {
    this.noPicture = false
    const back = h('button', { type: 'button', class: 'btn' }, 'Back to the list')
    back.addEventListener('click', () => this.close())
    const again = h('button', { type: 'button', class: 'btn primary' }, 'Try again')
    again.addEventListener('click', () => {
      const v = this.current
      if (v) this.open(v, this.playlist)
    })
    const parts: (HTMLElement | null)[] = [
      h('strong', { class: 'player-error-title' }, title),
      h('p', {}, detail),
      fix ? h('p', { class: 'player-error-fix' }, fix) : null,
      technical && technical !== detail ? h('p', { class: 'detail' }, technical) : null,
      actions ? h('div', { class: 'player-error-actions' }, again, back) : null,
    ]
    this.errorBox.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null))
    this.errorBox.hidden = false
    this.el.classList.add('has-error')
  }
}
