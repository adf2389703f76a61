// Video metadata (duration, frame size, codecs) streams in after the
// listing: the cards on screen first, then the rest of the folder in the
// background, 200 at a time. Answers are kept for the session, keyed by the
// file's id, size and modification time, so a changed file is asked again.
import { getMeta } from '../api/http'
import type { Meta, Video } from '../api/types'
import { withRung } from '../player/source'

const cache = new Map<string, Meta>()

const cacheKey = (v: Video): string => `${v.id}|${v.size}|${v.modTime}`

/** metaOf returns what is known of v, or undefined while it is being read. */
export function metaOf(v: Video): Meta | undefined {
  return cache.get(cacheKey(v))
}

/** batchSize is how many videos one background request asks for. */
export const batchSize = 200

export interface MetaProgress {
  done: number
  total: number
  /** running is false once every video was asked about (or the run stopped). */
  running: boolean
}

/**
 * MetaLoader reads the metadata of one listing. Each request takes the
 * videos the view says are wanted most (those on screen) before the rest.
 */
export class MetaLoader {
  private run = 0

  constructor(
    /** arrived is called with the ids whose metadata just came in. */
    private readonly arrived: (ids: string[]) => void,
    private readonly progress: (p: MetaProgress) => void,
  ) {}

  /** start reads what is missing of videos, asking wanted() before each request. */
  start(videos: Video[], wanted: () => Video[]): void {
    const run = ++this.run
    const pending = new Map<string, Video>()
    for (const v of videos) if (!cache.has(cacheKey(v))) pending.set(v.id, v)
    if (pending.size === 0) {
      this.progress({ done: 0, total: 0, running: false })
      return
    }
    void this.loop(run, pending, wanted)
  }

  /** stop abandons the current run; answers already on their way are still cached. */
  stop(): void {
    this.run++
  }

  private async loop(run: number, pending: Map<string, Video>, wanted: () => Video[]): Promise<void> {
    const total = pending.size
    let done = 0
    let failures = 0
    let first = true
    this.progress({ done, total, running: true })
    while (pending.size > 0 && run === this.run) {
      const batch: Video[] = []
      for (const v of wanted()) {
        if (batch.length >= batchSize) break
        if (pending.has(v.id) && !batch.includes(v)) batch.push(v)
      }
      // The first request carries only what is on screen, so those cards
      // fill in as fast as the server can probe them.
      if (!(first && batch.length > 0)) {
        for (const v of pending.values()) {
          if (batch.length >= batchSize) break
          if (!batch.includes(v)) batch.push(v)
        }
      }
      first = false
      let answer
      try {
        answer = await getMeta(batch.map((v) => v.id))
      } catch {
        if (run !== this.run) return
        if (++failures >= 3) break
        await new Promise((r) => setTimeout(r, 1000 * failures))
        continue
      }
      failures = 0
      for (const v of batch) {
        const m = answer.items[v.id]
        if (m) cache.set(cacheKey(v), withRung(m)) // issue 9: the rung this engine needs
        // Ids in answer.errors are gone from disk: the next listing drops them.
        pending.delete(v.id)
      }
      done += batch.length
      if (run !== this.run) return
      this.arrived(batch.map((v) => v.id))
      this.progress({ done, total, running: pending.size > 0 })
    }
    if (run === this.run) this.progress({ done, total, running: false })
  }
}
