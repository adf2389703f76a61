// When a styled subtitle track needs drawing (issue 10). Where the engine
// gives no frame callbacks (WebKitGTK), the page asks JASSUB to draw, and
// every draw costs: make bench-ass measured about 40 points of a core for
// one draw per video frame, even with nothing on screen changing. Most of a
// script stands still between the start and end of its lines; only lines
// with animation tags change from frame to frame.

/** Cue is one event of a script, in seconds, and whether it moves. */
export interface Cue {
  start: number
  end: number
  animated: boolean
}

// Tags whose effect changes with time (ASS v4.00+ override tags): \move,
// \t, \fad and \fade, karaoke (\k, \K, \kf, \ko); a non-empty Effect field
// (Banner, Scroll) moves the line too.
const animatedTag = /\\(?:move|t|fade?)\s*\(|\\(?:k[fo]?|K)\d/

/** cuesOf turns JASSUB's events (times in milliseconds) into cues. */
export function cuesOf(events: { Start?: number; Duration?: number; Text?: string; Effect?: string }[]): Cue[] {
  return events.map((e) => {
    const start = (e.Start ?? 0) / 1000
    return {
      start,
      end: start + (e.Duration ?? 0) / 1000,
      animated: animatedTag.test(e.Text ?? '') || (e.Effect ?? '').trim() !== '',
    }
  })
}

/**
 * screenAt says what the subtitles show at time t: key names the set of
 * lines on screen (it changes when one starts or ends), and animated
 * whether one of them changes from frame to frame.
 */
export function screenAt(cues: Cue[], t: number): { key: string; animated: boolean } {
  let key = ''
  let animated = false
  cues.forEach((c, i) => {
    if (t >= c.start && t < c.end) {
      key += i + ','
      animated ||= c.animated
    }
  })
  return { key, animated }
}
