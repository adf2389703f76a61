// What the library asks Go for when it shows a folder: its view settings,
// its listing and, at the top folder, "Continue watching", all at once.
import { getContinue, getLibrary } from '../api/http'
import type { Listing, Video } from '../api/types'
import type { ViewSettings } from './model'
import { cachedSettings, loadSettings } from './settings'
import { fetchesContinue } from './state'

/** Result is an answer or the error that came instead. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: unknown }

function settle<T>(p: Promise<T>): Promise<Result<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )
}

/** Fetched is a folder as Go answered for it. */
export interface Fetched {
  settings: ViewSettings
  listed: Result<Listing>
  /** cont is "Continue watching"; [] below the top folder, or when Go could not say. */
  cont: Video[]
}

/**
 * fetchFolder asks for dir of the folder root. The listing goes out at
 * once, recursive as the cached settings say (or not, before they are
 * known), and again only when the settings that came say otherwise. A
 * large folder comes a page at a time (issue 11): onFirst gets its first
 * page, with the settings, while the rest is on its way.
 */
export async function fetchFolder(
  root: string,
  dir: string,
  onFirst?: (first: Listing, settings: ViewSettings) => void,
): Promise<Fetched> {
  const cached = cachedSettings(root, dir)
  const guess = cached?.recursive ?? false
  const settingsP = cached ? Promise.resolve(cached) : loadSettings(root, dir)
  let done = false
  const first = onFirst
    ? (page: Listing): void => {
        void settingsP.then((s) => {
          if (!done && s.recursive === guess) onFirst(page, s)
        })
      }
    : undefined
  const listP = settle(getLibrary(dir, guess, first))
  const contP = fetchesContinue(dir) ? getContinue().catch(() => [] as Video[]) : Promise.resolve([] as Video[])
  const settings = await settingsP
  let listed = await listP
  if (listed.ok && settings.recursive !== guess) listed = await settle(getLibrary(dir, settings.recursive))
  const cont = await contP
  done = true
  return { settings, listed, cont }
}

/** refetch lists dir again; Continue watching keeps cont when Go cannot say. */
export async function refetch(dir: string, recursive: boolean, cont: Video[]): Promise<Omit<Fetched, 'settings'>> {
  const [listed, fresh] = await Promise.all([
    settle(getLibrary(dir, recursive)),
    fetchesContinue(dir) ? getContinue().catch(() => cont) : Promise.resolve([] as Video[]),
  ])
  return { listed, cont: fresh }
}
