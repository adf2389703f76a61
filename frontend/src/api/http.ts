// The only module that talks to the Go side over HTTP. Relative URLs work
// both in the window (the Wails asset server) and in browser mode (the
// loopback server, authenticated by its cookie).
import type { Listing, State } from './types'

/** ApiError carries the server's message and status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, init)
  } catch {
    throw new ApiError('Reel’s backend is not answering.', 0)
  }
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`
    try {
      const body = await res.json()
      if (body && typeof body.error === 'string') msg = body.error
    } catch {
      /* not JSON: keep the status line */
    }
    throw new ApiError(msg, res.status)
  }
  if (res.status === 204) return undefined as T
  return (await res.json()) as T
}

export function getState(): Promise<State> {
  return request<State>('/api/state')
}

export function getLibrary(dir: string): Promise<Listing> {
  return request<Listing>('/api/library?dir=' + encodeURIComponent(dir))
}

/** postEvent records a player event for the desktop test; errors are ignored. */
export function postEvent(ev: Record<string, unknown>): void {
  fetch('/api/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ev),
  }).catch(() => {})
}
