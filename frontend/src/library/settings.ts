// Per-folder view settings (sort, filter, grid or list, recursive), kept by
// Go and cached here for the session. Saving is debounced and sends only the
// fields that changed: Go merges them into what it holds.
import { getFolderSettings, putFolderSettings } from '../api/http'
import type { FolderSettings } from '../api/types'
import { defaultSettings, type ViewMode, type ViewSettings } from './model'

const lastViewKey = 'reel.library.view'
/** saveDelay gathers a burst of changes (typing in the filter) into one save. */
const saveDelay = 400

/** lastView is the view chosen most recently anywhere: folders without their own use it. */
export function lastView(): ViewMode {
  try {
    return localStorage.getItem(lastViewKey) === 'list' ? 'list' : 'grid'
  } catch {
    return 'grid'
  }
}

function rememberView(v: ViewMode): void {
  try {
    localStorage.setItem(lastViewKey, v)
  } catch {
    /* storage is off: the per-folder setting still holds */
  }
}

function toView(fs: FolderSettings): ViewSettings {
  const d = defaultSettings(fs.view || lastView())
  return {
    sort: fs.sort || d.sort,
    desc: !!fs.desc,
    filter: fs.filter ?? '',
    view: d.view,
    recursive: !!fs.recursive,
  }
}

const cache = new Map<string, ViewSettings>()
const cacheKey = (root: string, dir: string): string => root + '\u0000' + dir

/**
 * primeSettings takes the settings of dir that came with the launch's
 * state (issue 8): the first paint shows the saved sort, with no request
 * of its own.
 */
export function primeSettings(root: string, dir: string, fs: FolderSettings): ViewSettings {
  const s = toView(fs)
  cache.set(cacheKey(root, dir), s)
  return { ...s }
}

/** cachedSettings returns the settings of dir when they were read this session. */
export function cachedSettings(root: string, dir: string): ViewSettings | undefined {
  const s = cache.get(cacheKey(root, dir))
  return s && { ...s }
}

/** loadSettings reads the settings of dir from Go (defaults when Go cannot say). */
export async function loadSettings(root: string, dir: string): Promise<ViewSettings> {
  let s: ViewSettings
  try {
    s = toView(await getFolderSettings(dir))
  } catch {
    s = defaultSettings(lastView())
  }
  cache.set(cacheKey(root, dir), s)
  return { ...s }
}

/** SettingsSaver writes changed fields of a folder's settings after a pause. */
export class SettingsSaver {
  private pending = new Map<string, { root: string; dir: string; patch: Partial<FolderSettings> }>()
  private timer: ReturnType<typeof setTimeout> | null = null

  /**
   * root is the folder Go has open. Go resolves dir against it, so changes
   * made under another root are dropped rather than saved to the wrong folder.
   */
  root = ''

  /** save records the fields of patch for dir and saves them soon. */
  save(root: string, dir: string, s: ViewSettings, patch: Partial<FolderSettings>): void {
    const key = cacheKey(root, dir)
    cache.set(key, { ...s })
    if (patch.view) rememberView(patch.view as ViewMode)
    const p = this.pending.get(key) ?? { root, dir, patch: {} }
    Object.assign(p.patch, patch)
    this.pending.set(key, p)
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.flush(), saveDelay)
  }

  /** flush saves everything pending now. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const work = [...this.pending.values()]
    this.pending.clear()
    await Promise.all(
      work.map(async ({ root, dir, patch }) => {
        if (root !== this.root) return
        try {
          await putFolderSettings(dir, patch)
        } catch {
          /* the folder is gone or settings are off: nothing to keep */
        }
      }),
    )
  }
}
