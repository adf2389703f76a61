// Player and layout events for the desktop test, sent only when the app was
// started with REEL_EVENT_LOG (the state says so).
import { postEvent } from './api/http'

let enabled = false

/** enableTestLog turns event logging on or off. */
export function enableTestLog(on: boolean): void {
  enabled = on
}

/** testLog records one event when logging is on. */
export function testLog(event: string, data: Record<string, unknown> = {}): void {
  if (enabled) postEvent({ event, ...data })
}
