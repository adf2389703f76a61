// Error diagnosis: when the video fails, or plays without a picture, find
// out why (is the file gone? refused? which codecs does it hold? on which
// platform?) and hand the view a problem a person can act on (errors.ts
// words it).
import { ApiError, getMeta, getPosition, getState } from '../api/http'
import type { Meta, Video } from '../api/types'
import { explain, explainNoPicture, type ErrorFacts } from './errors'
import type { ShownProblem } from './state'

/** How long "moved or deleted" stays up before the list comes back. */
const goneBackMs = 4000

/** DiagnosisPort is what the diagnosis needs of the view. */
export interface DiagnosisPort {
  /** current is the video open now; seq changes with every open and stop. */
  current(): Video | null
  seq(): number
  /** native is true in the window. */
  readonly native: boolean
  /** show puts a problem on screen (null clears it); noPicture marks the sound-only one. */
  show(p: ShownProblem | null): void
  /** interrupted closes the resume and next-video prompts. */
  interrupted(): void
  /** close goes back to the list. */
  close(): void
}

/** Diagnosis watches one video for failures. */
export class Diagnosis {
  /** noPicture is true while the shown problem says that only the sound plays. */
  private noPicture = false
  private leaveTimer: ReturnType<typeof setTimeout> | undefined
  private platform: Promise<string> | null = null

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly port: DiagnosisPort,
  ) {
    video.addEventListener('error', () => void this.failed())
    video.addEventListener('loadeddata', () => void this.checkPicture())
    video.addEventListener('resize', () => {
      // A picture after all, from a webview that learnt its size late.
      if (this.noPicture && video.videoWidth > 0) this.clear()
    })
  }

  /** clear takes the problem down and forgets a pending return to the list. */
  clear(): void {
    clearTimeout(this.leaveTimer)
    this.noPicture = false
    this.port.show(null)
  }

  /** failed shows what went wrong, then finds out why and says what to do. */
  private async failed(): Promise<void> {
    const v = this.video
    const video = this.port.current()
    const err = v.error
    if (!video || !err) return // unloading can fire an error too
    const seq = this.port.seq()
    this.port.interrupted()
    this.show({ title: `Cannot play ${video.name}`, detail: err.message || 'The video stopped with an error.', fix: 'Finding out why…', gone: false }, false)

    const facts: ErrorFacts = {
      name: video.name,
      code: err.code,
      message: err.message ?? '',
      gone: false,
      denied: false,
      platform: '',
      native: this.port.native,
    }
    const [pos, meta, platform] = await Promise.allSettled([getPosition(video.id), this.probe(video.id), this.hostPlatform()])
    if (seq !== this.port.seq()) return
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
    this.show(p, !p.gone, err.message)
    if (p.gone) this.leaveTimer = setTimeout(() => seq === this.port.seq() && this.port.close(), goneBackMs)
  }

  /**
   * checkPicture says so when the video plays without a picture: the
   * webview could not decode the video codec and plays the sound alone,
   * which would otherwise be a black box without a word.
   */
  private async checkPicture(): Promise<void> {
    const v = this.video
    const video = this.port.current()
    if (!video || v.videoWidth > 0) return
    const seq = this.port.seq()
    const [meta, platform] = await Promise.allSettled([this.probe(video.id), this.hostPlatform()])
    if (seq !== this.port.seq() || v.videoWidth > 0 || v.error) return
    const m = meta.status === 'fulfilled' ? meta.value.meta : undefined
    if (!m?.videoCodec) return // a file with sound only lacks nothing
    const p = explainNoPicture({ name: video.name, meta: m, platform: platform.status === 'fulfilled' ? platform.value : '', native: this.port.native })
    this.show(p, true)
    this.noPicture = true
  }

  private show(p: Omit<ShownProblem, 'actions' | 'technical'>, actions: boolean, technical = ''): void {
    this.noPicture = false
    this.port.show({ ...p, actions, technical })
  }

  /** probe asks Go what the file is: its codecs, or why it cannot be read. */
  async probe(id: string): Promise<{ meta?: Meta; error?: string }> {
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
}
