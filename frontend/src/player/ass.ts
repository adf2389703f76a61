// Styled subtitles (issue 10): an ASS or SSA track drawn by JASSUB, libass
// compiled to WebAssembly, in a worker that paints an OffscreenCanvas laid
// over the video. The styles, colours and positions are libass's to read;
// the fonts come from the video's attachments (GET /api/fonts/{id}), then
// JASSUB's own default (Liberation Sans) for what they lack.
//
// An embedded track is shown as its cues are extracted (issue 10): the
// first answer of the server's long poll, the script's header and its
// first lines, starts the renderer, and the lines of each later answer are
// added to the track it holds (./assfeed), as the clock's list of line
// times is (./assclock); a paused video's frame is drawn again when they
// change what it shows.
//
// The subtitle menu loads this module with import('./ass') the first time
// it shows such a track: the worker (80 KB) and the WebAssembly (2 MB) are
// fetched then, never at launch.
import JASSUB, { webYCbCrMap } from 'jassub'
import type { ASSStyle } from 'jassub/dist/worker/util'
import workerURL from 'jassub/dist/worker/worker.js?worker&url'
import wasmURL from 'jassub/dist/wasm/jassub-worker.wasm?url'
import modernWasmURL from 'jassub/dist/wasm/jassub-worker-modern.wasm?url'
import defaultFontURL from 'jassub/dist/default.woff2?url'
import { getFontData, getFonts, getSubtitleText } from '../api/http'
import { testLog, testLogOn } from '../testlog'
import { type Cue, cuesOf, screenAt } from './assclock'
import { type ASSLine, ASSParts } from './assfeed'
import { followParts } from './cuefeed'
import { deafAfterMs } from './frames'

/** ASSTrack is one track on screen. */
export interface ASSTrack {
  /** destroy takes the track off the screen and ends its worker. */
  destroy(): void
  /** setDelay shows each line s seconds later (earlier when negative), as mpv's sub-delay. */
  setDelay?(s: number): void
  /**
   * setSize draws the script's text f times its size, as mpv's sub-scale
   * does to ASS by default: each style's font size, outline and shadow.
   */
  setSize?(f: number): void
}

/**
 * showASS draws the ASS/SSA script at url over video, with the fonts listed
 * at fontsURL (null: none). It returns at once; the script, the fonts and
 * the renderer load in the background, and onError hears why they could not.
 * With parts, url is an embedded track's, asked for in parts (GET
 * …/subtitles/{n}?after=K) until the track is whole or destroy().
 */
export function showASS(
  video: HTMLVideoElement,
  url: string,
  fontsURL: string | null,
  onError: (message: string) => void = (m) => {
    console.warn(m)
    testLog('ass-error', { message: m })
  },
  parts = false,
): ASSTrack {
  let renderer: JASSUB | null = null
  let stopClock = () => {}
  let destroyed = false
  let delay = 0
  let size = 1
  // The script's own styles, read once the first time its size changes.
  let styles: ASSStyle[] | null = null
  const abort = new AbortController()
  // Lines that come before the renderer is up wait here; add takes them after.
  let waiting: ASSLine[] = []
  let add: ((lines: ASSLine[]) => void) | null = null
  let up = () => {}
  const rendererUp = new Promise<void>((resolve) => (up = resolve))
  // The canvas sits in the video's slot of media-chrome's controller, right
  // after it: the media layer, under the controls, and not faded with them
  // as the controller's other children are when the pointer rests.
  const canvas = document.createElement('canvas')
  canvas.className = 'reel-ass'
  canvas.slot = video.slot
  Object.assign(canvas.style, { position: 'absolute', pointerEvents: 'none' })
  video.after(canvas)

  const start = async () => {
    const [text, fonts, fallback] = await Promise.all([
      parts ? follow(url, abort.signal, rendererUp, (lines) => (add ? add(lines) : waiting.push(...lines)), onError) : getSubtitleText(url),
      fontsURL ? loadFonts(fontsURL, onError) : [],
      defaultFont(),
    ])
    if (destroyed) return
    const r = new Renderer({
      video,
      canvas,
      subContent: text,
      // The default font is loaded before the first line, as the attached
      // ones are: loaded when a line first needs it, a paused video would
      // show nothing until its next frame.
      fonts: [...fonts, fallback],
      workerUrl: workerURL,
      wasmUrl: wasmURL,
      modernWasmUrl: modernWasmURL,
      availableFonts: {},
      defaultFont: 'liberation sans',
      queryFonts: false, // no Local Font Access prompt, no Google Fonts
      timeOffset: -delay,
    })
    renderer = r
    r._worker.addEventListener('error', (e) => onError(`subtitle renderer: ${e.message || 'its worker did not start'}`))
    await r.ready
    // The worker reports a failed start by answering with nothing.
    if (!r.renderer && !destroyed) throw new Error('the renderer did not start (WebAssembly or OffscreenCanvas missing?)')
    if (destroyed) return
    // The lines' times tell the clock when the screen changes; without
    // them it draws every frame.
    const cues = await r.renderer
      .getEvents()
      .then(cuesOf)
      .catch(() => null)
    if (destroyed) return
    const clock = frameClock(video, r, cues)
    stopClock = clock.stop
    add = (lines) => {
      addLines(r, lines, cues, clock).catch((err: unknown) => {
        if (!destroyed) onError(`styled subtitles: ${err instanceof Error ? err.message : String(err)}`)
      })
    }
    add(waiting)
    waiting = []
    up()
    await matchColorSpace(video, r)
    if (destroyed) return
    if (size !== 1) await resize()
    if (destroyed) return
    testLog('ass-ready')
    // The clock draws on each new frame; a paused video shows none until
    // it plays or seeks, so draw the frame on screen now.
    if (video.paused) await draw(video, r)
  }
  // resize sets every style to its own size times size.
  const resize = async () => {
    const r = renderer
    if (!r?.renderer) return
    styles ??= await r.renderer.getStyles()
    for (const [i, s] of styles.entries()) {
      await r.renderer.setStyle({ ...s, FontSize: s.FontSize * size, Outline: s.Outline * size, Shadow: s.Shadow * size }, i)
    }
    if (destroyed) return
    if (video.paused) await draw(video, r, true)
    testLog('ass-size', { size })
  }
  start().catch((err: unknown) => {
    abort.abort() // nothing will draw the later lines
    up()
    if (!destroyed) onError(`styled subtitles: ${err instanceof Error ? err.message : String(err)}`)
  })

  return {
    destroy() {
      if (destroyed) return
      destroyed = true
      abort.abort() // the questions for the track's later lines end here
      up()
      stopClock()
      canvas.remove()
      renderer?.destroy().catch(() => {}) // a worker that never started is ended all the same
      renderer = null
    },
    setDelay(s: number) {
      delay = s
      if (!renderer) return
      renderer.timeOffset = -s
      // A paused video shows no new frame to draw on, and the clock draws
      // only when the lines on screen change: draw the time shown now,
      // once the worker is up (it draws its first frame with the offset).
      if (renderer.renderer) void draw(video, renderer, true)
    },
    setSize(f: number) {
      size = f
      // Before the renderer is up, start() applies it.
      resize().catch((err: unknown) => {
        if (!destroyed) onError(`styled subtitles: ${err instanceof Error ? err.message : String(err)}`)
      })
    },
  }
}

/**
 * follow asks for an embedded track's parts (./cuefeed) and resolves to
 * the first that holds the script's header: the script to start the
 * renderer with. The next question waits until the renderer is up (or
 * failed): no long poll is held open while the page fetches the worker,
 * its WebAssembly and the fonts (in the window, a renderer started beside
 * one now and then never came up). The lines of each later part go to
 * more, once each.
 */
function follow(
  url: string,
  signal: AbortSignal,
  rendererUp: Promise<void>,
  more: (lines: ASSLine[]) => void,
  onError: (message: string) => void,
): Promise<string> {
  const merged = new ASSParts()
  return new Promise<string>((resolve, reject) => {
    let first = true
    followParts({ url, after: 0, done: false }, signal, (part) => {
      if (!part.text) return // ffmpeg has not written the header yet
      const lines = merged.take(part.text, part.from)
      testLog('ass-part', { from: part.from, lines: lines.length, held: merged.held, complete: part.complete })
      if (first) {
        first = false
        resolve(part.text) // its lines are in the script
        return rendererUp
      }
      if (lines.length) more(lines)
    })
      .then(() => {
        if (first) reject(new Error(signal.aborted ? 'stopped' : 'the track has no script'))
      })
      .catch((err: unknown) => {
        if (first) return reject(err)
        // The lines held stay on screen; the later ones will not come.
        onError(`styled subtitles: ${err instanceof Error ? err.message : String(err)}`)
      })
  })
}

/**
 * addLines gives r the lines that came after its start, and the clock
 * their times; a paused video's frame is drawn again if they change it.
 */
async function addLines(r: JASSUB, lines: ASSLine[], cues: Cue[] | null, clock: Clock): Promise<void> {
  if (lines.length === 0) return
  const sent = lines.map((l) => r.renderer.processChunk(l.chunk, l.Start, l.Duration))
  cues?.push(...cuesOf(lines))
  await Promise.all(sent)
  clock.added()
  if (testLogOn()) testLog('ass-lines', { cues: cues?.length ?? null, events: (await r.renderer.getEvents()).length })
}

/** draw has r draw the video's current time now (repaint: even if libass finds nothing changed). */
function draw(video: HTMLVideoElement, r: JASSUB, repaint = false): Promise<void> {
  if (video.videoWidth === 0) return Promise.resolve()
  return r.manualRender(
    {
      mediaTime: video.currentTime,
      width: video.videoWidth,
      height: video.videoHeight,
      expectedDisplayTime: performance.now(),
    },
    repaint,
  )
}

/**
 * Renderer is JASSUB without its own frame callbacks. JASSUB asks the video
 * for requestVideoFrameCallback from the start, again after each answer
 * and for the colour space, and never takes a request back. A request left
 * pending keeps WebKitGTK's rendering updates, and its display refresh
 * monitor, running on every vsync, and with its GStreamer player the answer
 * never comes: a paused window with styled subtitles on woke 60–190 times a
 * second and took 1.4–1.9 % of a core, against none and 0.1–0.3 % with them
 * off (issue 10; TestPausedStyledSubtitlesIdle). frameClock asks for frames
 * itself, only while the video plays; JASSUB keeps following the video's
 * size (its ResizeObserver), which redraws a paused frame too.
 */
class Renderer extends JASSUB {
  override async setVideo(target: HTMLVideoElement): Promise<void> {
    this._removeListeners()
    this._video = target
    this._ro.observe(target)
  }

  override _updateColorSpace(): void {}
}

/**
 * matchColorSpace tells r the video's YCbCr matrix, as JASSUB does from a
 * frame callback, so that a script's colours match the picture's; an
 * engine that cannot make a VideoFrame of the video leaves the default.
 */
async function matchColorSpace(video: HTMLVideoElement, r: JASSUB): Promise<void> {
  if (typeof VideoFrame === 'undefined' || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return
  try {
    const frame = new VideoFrame(video)
    const matrix = frame.colorSpace.matrix
    frame.close()
    if (matrix) await r.renderer._setColorSpace(webYCbCrMap[matrix])
  } catch {
    // A tainted or frameless video: the default matrix stays.
  }
}

/** Clock is a running frameClock. */
interface Clock {
  /** stop ends it. */
  stop(): void
  /** added says lines were added to its cues (and to the renderer). */
  added(): void
}

/**
 * frameClock draws r's frames while the video plays, and after each seek.
 * Where the engine answers requestVideoFrameCallback (Chromium does at its
 * first frame), it draws on each frame the engine presents. WebKitGTK 2.50
 * has the method, but with its GStreamer player the answer never comes:
 * after deafAfterMs of playing unanswered the clock stops asking, and it
 * draws on each animation frame in which a new video frame shows. Either
 * way it draws only when the screen changes (cues: a line starts or ends,
 * or one on screen moves; null: any frame). Paused, it holds no request
 * and no animation frame (issue 10). cues may grow while it runs (an
 * embedded track's later lines): added() says they did.
 */
function frameClock(video: HTMLVideoElement, r: JASSUB, cues: Cue[] | null): Clock {
  let raf = 0
  let request = 0
  let trusted = false
  let deaf = typeof video.requestVideoFrameCallback !== 'function'
  let deafTimer: ReturnType<typeof setTimeout> | undefined
  let lastFrames = -1
  let lastTime = -1
  let lastKey: string | null = null
  // due says whether the subtitles at media time t differ from the ones drawn.
  const due = (t: number) => {
    const screen = cues ? screenAt(cues, t + r.timeOffset) : null
    if (screen && !screen.animated && screen.key === lastKey) return false
    lastKey = screen?.key ?? null
    return true
  }
  const tick = () => {
    raf = requestAnimationFrame(tick)
    // One draw per video frame shown, not per animation frame: the engine's
    // time moves on every animation frame, twice a 30 frames/s video's rate
    // at 60 Hz. Should the frame count stand still while the time moves,
    // the time decides, at least every quarter second.
    const frames = video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0
    const t = video.currentTime
    if (t === lastTime || (frames === lastFrames && frames > 0 && Math.abs(t - lastTime) < 0.25)) return
    lastFrames = frames
    lastTime = t
    if (due(t)) void draw(video, r)
  }
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    request = 0
    if (!trusted) {
      trusted = true
      clearTimeout(deafTimer)
      deafTimer = undefined
      cancelAnimationFrame(raf)
      raf = 0
    }
    if (due(meta.mediaTime)) void r.manualRender(meta)
    run()
  }
  const run = () => {
    if (video.paused || video.ended) return
    if (!deaf && !request) {
      request = video.requestVideoFrameCallback(onFrame)
      if (!trusted && deafTimer === undefined) {
        deafTimer = setTimeout(() => {
          deafTimer = undefined
          deaf = true
          video.cancelVideoFrameCallback(request)
          request = 0
        }, deafAfterMs)
      }
    }
    if (!trusted && !raf) raf = requestAnimationFrame(tick)
  }
  const halt = () => {
    cancelAnimationFrame(raf)
    raf = 0
    if (request) video.cancelVideoFrameCallback(request)
    request = 0
    clearTimeout(deafTimer)
    deafTimer = undefined
  }
  // A seek may land anywhere, and a paused video shows its frame: draw it.
  const seeked = () => {
    lastKey = null
    lastTime = -1
    due(video.currentTime)
    void draw(video, r)
  }
  const events: [string, () => void][] = [
    ['playing', run],
    ['pause', halt],
    ['ended', halt],
    ['seeked', seeked],
  ]
  for (const [name, fn] of events) video.addEventListener(name, fn)
  run()
  return {
    stop() {
      halt()
      for (const [name, fn] of events) video.removeEventListener(name, fn)
    },
    // Playing, the next frame's due() sees the new lines; paused, no frame
    // comes: draw now if they change what the frame shows.
    added() {
      if ((video.paused || video.ended) && due(video.currentTime)) void draw(video, r)
    },
  }
}

/** defaultFont fetches JASSUB's default font, Liberation Sans, from the page's assets. */
async function defaultFont(): Promise<Uint8Array> {
  const res = await fetch(defaultFontURL)
  if (!res.ok) throw new Error(`default font: ${res.status}`)
  return new Uint8Array(await res.arrayBuffer())
}

/** loadFonts fetches the fonts listed at url; one that fails is left out. */
async function loadFonts(url: string, onError: (message: string) => void): Promise<Uint8Array[]> {
  try {
    const list = await getFonts(url)
    const data = await Promise.all(
      list.map((f) =>
        getFontData(f.url).catch((err: unknown) => {
          onError(`font ${f.name}: ${err instanceof Error ? err.message : String(err)}`)
          return null
        }),
      ),
    )
    return data.filter((d): d is Uint8Array => d !== null)
  } catch (err) {
    onError(`fonts: ${err instanceof Error ? err.message : String(err)}`)
    return []
  }
}
