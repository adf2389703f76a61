// The player: one <video> inside media-chrome's controller, our keys, the
// seek preview, resume, next-in-folder, subtitles, and errors a person can
// act on. The parts live in ../player/: the state and what derives from it
// (state.ts), the parts that redraw from it (chrome.ts), the one way to
// change the video (media.ts), the keys (keyboard.ts), settings sync
// (sync.ts), the fullscreen bridge (fullscreen.ts), error diagnosis
// (diagnosis.ts) and the test log (log.ts). They reach this view through
// the PlayerPort it implements (port.ts). This view holds the state and
// runs the life of one video: open, resume, end, next.
import 'media-chrome'
import 'media-chrome/menu'
import '../player/player.css'
import { getPosition, getTracks } from '../api/http'
import type { AudioInfo, Meta, TrackList, Video } from '../api/types'
import { h } from '../dom'
import { formatTime } from '../format'
import { Buttons, ProblemBox, TitleBar } from '../player/chrome'
import { EndWatcher, NextCountdown } from '../player/countdown'
import { Diagnosis } from '../player/diagnosis'
import { FrameClock } from '../player/frames'
import { loadingIndicator } from '../player/spinner'
import { FullscreenBridge } from '../player/fullscreen'
import { HelpOverlay } from '../player/help'
import { PlayerKeys } from '../player/keyboard'
import { rates } from '../player/keys'
import { PlayerLog } from '../player/log'
import { MediaCommands } from '../player/media'
import { Osd } from '../player/osd'
import type { PlayerPort } from '../player/port'
import { SeekPreview } from '../player/preview'
import { PositionSaver, ResumeOffer, ResumePrompt, resumeAt } from '../player/resume'
import { documentTitle, emptyState, neighbour, placeIn, type PlayerState } from '../player/state'
import { SubtitleTracks } from '../player/subtitles'
import { watchCueLift } from '../player/cueinset'
import { SubtitleTuning, formatDelay, savedSize, stepDelay, stepSize } from '../player/subdelay'
import { maxSubtitleBytes, subtitleExtensions, subtitleFormat } from '../player/subfile'
import { metaOf } from '../library/meta'
import { attachSource, detachSource, prepareAudio, warmAudio } from '../player/source'
import { SettingsSync } from '../player/sync'
import { PlayerWheel } from '../player/wheel'
import { ChapterMarks } from '../player/chapters'
import { testLog, testLogOn } from '../testlog'
import { audioLabel, checkSwitch, gstreamer, hasAudioTracks, pickAudio, seekHangs, switchAudio } from '../player/tracks'

/** PlayerHandlers are what the player asks of the app. */
export interface PlayerHandlers {
  /** back returns to the library, selecting the video that played (if any). */
  back(video: Video | null): void
  /** native is true in the window (fullscreen goes through Wails). */
  native: boolean
}

/** The preview file starts loading this long after the video can play, not to slow its start. */
const previewDelayMs = 800

/** mc creates a media-chrome element (their tags are not in HTMLElementTagNameMap). */
function mc(tag: string, attrs: Record<string, string | boolean> = {}, ...children: Node[]): HTMLElement {
  return h(tag as 'div', attrs, ...children)
}

/** PlayerView plays one video at a time. */
export class PlayerView implements PlayerPort {
  readonly el: HTMLElement
  readonly video: HTMLVideoElement
  private state: PlayerState = emptyState
  private readonly controller: HTMLElement
  private readonly titleBar: TitleBar
  private readonly buttons: Buttons
  private readonly problem: ProblemBox
  private readonly media: MediaCommands
  private readonly keys: PlayerKeys
  private readonly preview: SeekPreview
  private readonly subs: SubtitleTracks
  /** Subtitle delay and size (issue 10). */
  private readonly tuning: SubtitleTuning
  private readonly saver: PositionSaver
  private readonly sync: SettingsSync
  private readonly fullscreen: FullscreenBridge
  private readonly diagnosis: Diagnosis
  private readonly log: PlayerLog
  private readonly prompt = new ResumePrompt()
  private readonly resume: ResumeOffer
  private readonly countdown = new NextCountdown()
  private readonly help = new HelpOverlay()
  private readonly osd = new Osd()
  private readonly frames: FrameClock
  /** seq changes with every open and stop, so late answers for an old video are dropped. */
  private seq = 0
  private previewTimer: ReturnType<typeof setTimeout> | undefined
  // Issue 10: the file's own tracks and chapters.
  private readonly chapters: ChapterMarks
  private readonly audioMenu = h('select', { class: 'player-audio', title: 'Audio track', hidden: true }) as HTMLSelectElement
  private audio: AudioInfo[] = []
  private audioIndex = 0
  /** The language of the audio track last chosen by hand: the next video in the folder starts with it. */
  private carriedAudio = ''
  private meta: Meta | undefined
  /** A seek can hang this file in the window (player/tracks.ts seekHangs). */
  private seekHangs = false

  constructor(private readonly handlers: PlayerHandlers) {
    // 'metadata', not 'auto': with 'auto' WebKitGTK copies the whole file to
    // an on-disk buffer as it plays, which a local 50 GB film must not cost.
    this.video = h('video', { slot: 'media', preload: 'metadata', playsinline: true }) as HTMLVideoElement
    this.subs = new SubtitleTracks(this.video)
    this.saver = new PositionSaver(this.video)
    this.resume = new ResumeOffer(this.video, this.saver, this.prompt, (t) => this.seekTo(t))
    this.frames = new FrameClock(this.video)

    this.titleBar = new TitleBar(this)
    // The seek bar, with the preview frame and its time.
    const range = mc('media-time-range', { class: 'player-range' })
    this.preview = new SeekPreview(range, mc('media-preview-time-display', { class: 'player-preview-time' }), this.video)
    range.append(this.preview.el)
    this.chapters = new ChapterMarks(range, this.video)
    this.preview.el.append(this.chapters.title)
    this.audioMenu.addEventListener('change', () => void this.chooseAudio(Number(this.audioMenu.value), true))
    // As the menu opens, the other tracks' segments at this time are made
    // while the person picks (engines without an AudioTrackList).
    const warm = () => {
      const v = this.state.video
      if (v && this.audio.length > 1 && this.switchesByStream()) {
        void import('hls.js') // the remux rung plays through it
        void warmAudio(v, this.audio.filter((t) => t.index !== this.audioIndex).map((t) => t.index), this.video.currentTime)
      }
    }
    this.audioMenu.addEventListener('pointerdown', warm)
    this.audioMenu.addEventListener('focus', warm)

    const fsButton = mc('media-fullscreen-button')
    this.buttons = new Buttons(this, fsButton, () => this.state)
    const b = this.buttons
    const bar = mc(
      'media-control-bar',
      { class: 'player-bar' },
      b.previous,
      mc('media-play-button'),
      b.next,
      mc('media-mute-button'),
      mc('media-volume-range'),
      mc('media-time-display', { showduration: true, title: 'Click: elapsed / remaining' }),
      h('span', { class: 'player-spacer' }),
      b.autoplay,
      b.loop,
      this.audioMenu,
      mc('media-captions-menu-button'),
      mc('media-playback-rate-menu-button'),
      fsButton,
    )
    const bottom = h('div', { class: 'player-bottom' }, mc('media-control-bar', { class: 'player-seekbar' }, range, this.chapters.el), bar)
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
      this.titleBar.el,
      loadingIndicator({ slot: 'centered-chrome', noautohide: true, loadingdelay: '300' }),
      mc('media-captions-menu', { hidden: true, anchor: 'auto' }),
      mc('media-playback-rate-menu', { hidden: true, anchor: 'auto', rates: rates.join(' ') }),
      bottom,
    )
    this.problem = new ProblemBox(this)
    this.el = h(
      'section',
      { class: 'player' },
      this.controller,
      this.osd.el,
      this.prompt.el,
      this.countdown.el,
      this.problem.el,
      this.help.el,
    )

    const open = () => this.state.video !== null
    this.media = new MediaCommands(this.controller, this.video)
    this.sync = new SettingsSync(this.video, this.subs, this.el, open)
    this.fullscreen = new FullscreenBridge(this.el, this.controller, (on) => this.set({ fullscreen: on }), open)
    this.diagnosis = new Diagnosis(this.video, {
      current: () => this.state.video,
      seq: () => this.seq,
      native: handlers.native,
      show: (problem) => this.set({ problem }),
      interrupted: () => {
        this.resume.cancel()
        this.countdown.cancel()
      },
      close: () => this.close(),
    })
    this.subs.notice = (msg) => this.osd.show(msg)
    this.tuning = new SubtitleTuning(this.video, this.el, this.subs)
    this.watchSubtitleDrops()
    watchCueLift(this.video, this.controller)
    this.log = new PlayerLog(this.video, this.el, this.controller, range, () => this.seq, open)
    this.keys = new PlayerKeys({
      el: this.el,
      controller: this.controller,
      video: this.video,
      media: this.media,
      osd: this.osd,
      help: this.help,
      prompt: this.prompt,
      countdown: this.countdown,
      frames: this.frames,
      port: this,
    })
    new PlayerWheel({ el: this.el, video: this.video, media: this.media, osd: this.osd, action: () => this.sync.current.wheel, active: open })
    new EndWatcher(this.video, () => this.ended())
    this.watch()
  }

  /** set changes the state and redraws the parts from it. */
  private set(patch: Partial<PlayerState>): void {
    this.state = { ...this.state, ...patch }
    const s = this.state
    this.titleBar.update(s)
    this.buttons.update(s)
    this.problem.update(s)
    this.el.classList.toggle('has-error', s.problem !== null)
    this.el.classList.toggle('is-fullscreen', s.fullscreen)
  }

  /** open starts playing video; playlist is the folder in the order the list shows it. */
  open(video: Video, playlist: Video[]): void {
    if (this.state.video) this.unload(false)
    this.diagnosis.clear()
    const seq = ++this.seq
    this.set({ video, ...placeIn(video, playlist) })
    document.title = documentTitle(this.state)

    this.applySettings()
    this.frames.reset()
    void this.attachSource(video, seq) // issue 9: the rung this engine needs (player/source.ts)
    // In the window the preview waits for the file's tracks: some hang it (seekHangs).
    if (!gstreamer()) this.preview.setSource(video.url)
    this.log.opened(video)
    this.saver.start(video)
    this.fullscreen.sync()

    // Issue 10: the file's tracks and chapters, asked at once; the
    // embedded subtitles' text comes later, never holding up playback.
    const tracks = getTracks(video.id).catch((): TrackList => ({ audio: [], subtitles: [], chapters: [] }))
    void this.sync.load().then(() => {
      if (seq !== this.seq) return
      this.applySettings()
      void this.offerResume(video, seq)
      const pref = this.sync.current.subtitleLang
      void this.subs.load(video, pref).then(async (problems) => {
        if (seq === this.seq && problems.length) this.osd.show(`Subtitles not loaded: ${problems.join('; ')}`)
        const list = await tracks
        if (seq !== this.seq) return
        this.subs.addEmbedded(list.subtitles, pref)
        this.chapters.set(list.chapters)
        this.seekHangs = seekHangs(list.subtitles, video.url)
        this.setAudioTracks(list.audio, seq)
        if (gstreamer() && !this.seekHangs) {
          this.preview.setSource(video.url)
          if (this.video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) {
            clearTimeout(this.previewTimer)
            this.previewTimer = setTimeout(() => seq === this.seq && this.preview.load(), previewDelayMs)
          }
        }
        testLog('tracks', { audio: list.audio.map(audioLabel), subtitles: this.subs.labels(), chapters: list.chapters.length })
      })
    })
  }

  /** close stops playback and returns to the list. */
  close(): void {
    const v = this.state.video
    this.stop()
    this.handlers.back(v)
  }

  /** stop unloads the video so the file is no longer read. */
  stop(): void {
    this.unload(true)
    document.title = documentTitle(this.state)
    if (this.state.fullscreen) void this.fullscreen.toggle(false)
  }

  /** seekTo jumps to t seconds, within the video. */
  seekTo(t: number): void {
    this.media.seekTo(t)
  }

  /** onKey handles the player's keys; it returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    return this.keys.onKey(e)
  }

  // --- PlayerPort -----------------------------------------------------------

  /** step opens the video dir places away in the playlist. */
  step(dir: 1 | -1): void {
    const next = neighbour(this.state, dir)
    if (!next) {
      this.osd.show(dir > 0 ? 'This is the last video in the folder' : 'This is the first video in the folder')
      return
    }
    this.open(next, this.state.playlist)
  }

  retry(): void {
    const v = this.state.video
    if (v) this.open(v, this.state.playlist)
  }

  toggleHelp(): void {
    this.help.toggle()
  }

  async escape(): Promise<void> {
    if (!(await this.fullscreen.leave())) this.close()
  }

  toggleFullscreen(want?: boolean): Promise<void> {
    return this.fullscreen.toggle(want)
  }

  setAutoplay(on: boolean): void {
    this.sync.store.update({ autoplayNext: on })
    this.set({ autoplayNext: on })
    this.osd.show(on ? 'Autoplay next: on' : 'Autoplay next: off')
    if (!on) this.countdown.cancel()
  }

  setLoop(on: boolean): void {
    this.media.setLoop(on)
    this.sync.store.update({ loop: on })
    this.set({ loop: this.video.loop })
    this.osd.show(on ? 'Loop: on' : 'Loop: off')
  }

  toggleSubtitles(): void {
    if (this.subs.count === 0) {
      this.osd.show('No subtitles for this video')
      return
    }
    const i = this.subs.toggle()
    this.sync.rememberSubtitles()
    this.osd.show(i >= 0 ? `Subtitles: ${this.subs.label(i)}` : 'Subtitles off')
  }

  nextAudio(): void {
    if (this.audio.length < 2) {
      this.osd.show('This video has one audio track')
      return
    }
    void this.chooseAudio((this.audioIndex + 1) % this.audio.length, true)
  }

  subtitleDelay(steps: number): void {
    this.tuning.setDelay(stepDelay(this.tuning.delay, steps))
    this.osd.show(formatDelay(this.tuning.delay))
    testLog('subtitle-delay', { delay: this.tuning.delay })
  }

  subtitleSize(steps: number): void {
    this.tuning.setSize(stepSize(this.tuning.size, steps))
    this.sync.store.update({ subtitleSize: this.tuning.size })
    this.osd.show(`Subtitle size: ${Math.round(this.tuning.size * 100)} %`)
  }

  chapter(dir: 1 | -1): boolean {
    const list = this.chapters.list()
    if (list.length === 0) return false
    const t = this.video.currentTime
    // Back from more than 2 s into a chapter goes to its start, as in mpv.
    const i = this.chapters.current()
    const to = dir > 0 ? i + 1 : i >= 0 && t - list[i].start > 2 ? i : i - 1
    if (to >= list.length) {
      this.osd.show('This is the last chapter')
      return true
    }
    const c = list[Math.max(to, 0)]
    this.seekTo(c.start)
    this.osd.show(`Chapter ${Math.max(to, 0) + 1}/${list.length}${c.title ? ': ' + c.title : ''}`)
    return true
  }

  // --- The life of one video ------------------------------------------------

  /** applySettings puts the remembered volume, speed, loop and subtitle size on the video, and shows the toggles. */
  private applySettings(): void {
    this.sync.apply()
    this.tuning.setSize(savedSize(this.sync.current.subtitleSize))
    this.set({ autoplayNext: this.sync.current.autoplayNext, loop: this.video.loop })
  }

  /** setAudioTracks fills the audio menu and plays the preferred language (mpv's alang), or the one chosen for the last video. */
  private setAudioTracks(list: AudioInfo[], seq: number): void {
    this.audio = list
    this.audioIndex = 0
    this.audioMenu.replaceChildren(...list.map((t) => h('option', { value: String(t.index) }, audioLabel(t))))
    this.audioMenu.hidden = list.length < 2
    this.audioMenu.value = '0'
    const want = pickAudio(list, this.carriedAudio || (this.sync.current.audioLang ?? ''))
    if (want > 0 && seq === this.seq) void this.chooseAudio(want, false)
    else if (list.length > 1 && this.switchesByStream() && this.state.video) {
      prepareAudio(this.state.video, list.slice(1).map((t) => t.index))
    }
  }

  /**
   * switchesByStream tells whether an audio switch here plays the remux
   * stream of the chosen track (issue 10): the engine lists no tracks
   * (Chromium), or plays the remux rung, whose stream carries one track
   * (the window over Media Source Extensions).
   */
  private switchesByStream(): boolean {
    return this.video.dataset.rung === 'remux' || (!hasAudioTracks(this.video) && !gstreamer())
  }

  /**
   * chooseAudio plays audio track i: through the engine's AudioTrackList
   * where it has one, else on the remux rung with that track from the
   * same time (issue 10). byHand carries the choice to the next video.
   */
  private async chooseAudio(i: number, byHand: boolean): Promise<void> {
    const video = this.state.video
    const t = this.audio[i]
    if (!video || !t || i === this.audioIndex) return
    const seq = this.seq
    this.audioIndex = i
    this.audioMenu.value = String(i)
    if (byHand) this.carriedAudio = t.language
    // The file's tracks often come before the engine lists its own (on
    // open, for the preferred language): in the window, wait for them
    // rather than take the remux rung for want of a list.
    if (gstreamer() && !this.video.src.startsWith('blob:')) await this.metadata(seq)
    if (seq !== this.seq || this.audioIndex !== i) return
    const at = this.video.currentTime
    const playing = !this.video.paused
    const engine = switchAudio(this.video, i, this.audio.length, !this.seekHangs)
    if (!engine) {
      const rung = await attachSource(this.video, video, this.meta, () => {}, (msg) => this.osd.show(msg), i, at)
      if (seq !== this.seq) return
      if (rung === 'direct' && at > 0) {
        // Back to the file itself (the first track): it starts at 0.
        await this.metadata(seq)
        if (seq !== this.seq) return
        this.seekTo(at)
      }
      if (playing || !byHand) this.video.play().catch(() => {})
    }
    this.osd.show(`Audio: ${audioLabel(t)}`)
    testLog('audio', { index: i, engine, rung: this.video.dataset.rung ?? '' })
    if (testLogOn()) void checkSwitch(this.video, at).then((c) => seq === this.seq && testLog('audio-check', { index: i, ...c }))
  }

  /**
   * watchSubtitleDrops takes the subtitle files dropped on the player (issue
   * 10) in browser mode, where the page gets the File, and says why any
   * other file was not; in the window the window itself takes drops
   * (drop_linux.go, App.onDrop) and Go hands the file's text to
   * addSubtitleFile.
   */
  private watchSubtitleDrops(): void {
    const files = (e: DragEvent) => [...(e.dataTransfer?.files ?? [])]
    this.el.addEventListener('dragover', (e) => {
      if (this.state.video && [...(e.dataTransfer?.types ?? [])].includes('Files')) e.preventDefault()
    })
    this.el.addEventListener('drop', (e) => {
      const dropped = files(e)
      if (!dropped.length || !this.state.video) return
      e.preventDefault() // else the browser opens the file in place of the page
      const subs = dropped.filter((f) => subtitleFormat(f.name))
      // The same words as Go's for a drop on the window (subdrop.go).
      if (!subs.length) {
        this.subtitleFileProblem(`${dropped[0].name}: it is not a subtitle file (${subtitleExtensions()})`)
        return
      }
      const seq = this.seq
      for (const f of subs) {
        if (f.size > maxSubtitleBytes) {
          this.subtitleFileProblem(`${f.name}: it is larger than ${maxSubtitleBytes >> 20} MiB`)
          continue
        }
        void f.text().then(
          (text) => seq === this.seq && this.addSubtitleFile(f.name, text),
          () => this.subtitleFileProblem(`${f.name}: could not read it`),
        )
      }
    })
  }

  /** subtitleFileProblem says why a dropped subtitle file was not added. */
  subtitleFileProblem(msg: string): void {
    this.osd.show(`Subtitles not loaded: ${msg}`)
    testLog('subtitle-file', { message: `Subtitles not loaded: ${msg}` })
  }

  /** addSubtitleFile adds a dropped subtitle file's text to the open video's tracks and shows it (issue 10). */
  addSubtitleFile(name: string, text: string): void {
    const format = subtitleFormat(name)
    if (!this.state.video || !format) return
    const label = this.subs.addFile(name, format, text)
    this.osd.show(`Subtitles: ${label}`)
    testLog('subtitle-file', { label, currentTime: this.video.currentTime })
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
    const mode = this.sync.current.resume
    // "never" starts at 0 and asks nothing; positions are still saved for Continue watching.
    if (mode === 'never') return
    if (mode === 'always') {
      this.seekTo(at)
      this.osd.show(`Resumed at ${formatTime(at)} · 0 starts over`)
      return
    }
    // Until the person answers, or has watched elsewhere, the old position stays saved.
    this.resume.ask(at, {
      always: () => this.saveResumeMode('always'),
      undo: () => {
        this.saveResumeMode('ask')
        this.osd.show('Reel will ask again')
      },
    })
  }

  /** saveResumeMode saves the resume choice at once, so that the settings panel shows it. */
  private saveResumeMode(resume: 'ask' | 'always'): void {
    this.sync.store.update({ resume })
    this.sync.flush()
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
    if (!this.state.video) return
    this.log.ended()
    if (!v.paused) v.pause() // WebKitGTK can stop at the end still "playing"
    if (Number.isFinite(v.duration)) this.saver.saveAt(v.duration)
    if (v.loop || !this.sync.current.autoplayNext) return
    const next = neighbour(this.state, 1)
    if (!next) return
    this.countdown.start(next.name, () => this.open(next, this.state.playlist))
  }

  /** unload stops the current video; with clear, the element lets go of the file too. */
  private unload(clear: boolean): void {
    this.saver.stop()
    this.sync.flush()
    this.seq++
    clearTimeout(this.previewTimer)
    this.diagnosis.clear()
    this.subs.clear()
    this.tuning.reset()
    this.chapters.set([])
    this.audio = []
    this.seekHangs = false
    this.audioMenu.hidden = true
    this.preview.clear()
    this.resume.cancel()
    this.countdown.cancel()
    this.help.hide()
    this.osd.hide()
    this.video.pause()
    if (clear) {
      detachSource(this.video) // issue 9: stops the stream's encoders
      this.video.removeAttribute('src')
      this.video.load()
    }
    this.set({ video: null })
  }

  /** attachSource plays video on its rung (issue 9; player/source.ts). */
  private async attachSource(video: Video, seq: number): Promise<void> {
    const meta = metaOf(video) ?? (await this.diagnosis.probe(video.id).catch(() => ({ meta: undefined }))).meta
    if (seq !== this.seq) return
    this.meta = meta
    await attachSource(this.video, video, meta, (msg) => this.osd.show(msg), (msg) => this.osd.show(msg))
    if (seq !== this.seq) return
    // Play once the source is on the element: a play() before it would be
    // undone by the load that setting the source starts.
    this.video.play().catch(() => {
      /* autoplay refusals and load errors surface through events */
    })
  }

  private watch(): void {
    const v = this.video
    v.addEventListener('seeking', () => {
      this.preview.hold(true) // the storyboard walk waits for the watched video
      // Going somewhere else stops the countdown (the resume offer follows seeks itself).
      this.countdown.cancel()
    })
    v.addEventListener('seeked', () => {
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
}
