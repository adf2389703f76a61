// Player and layout events for the desktop test, sent only when the app was
// started with REEL_EVENT_LOG (the state says so).
import { postEvent } from './api/http'

let enabled = false

/** enableTestLog turns event logging on or off. */
export function enableTestLog(on: boolean): void {
  enabled = on
}

/** testLogOn reports whether events are being logged. */
export function testLogOn(): boolean {
  return enabled
}

/**
 * testLog records one event when logging is on. Each carries t, the page's
 * performance.now() in milliseconds, so latencies are measured in the page
 * rather than across the HTTP round trip.
 */
export function testLog(event: string, data: Record<string, unknown> = {}): void {
  if (enabled) postEvent({ event, t: performance.now(), ...data })
}
