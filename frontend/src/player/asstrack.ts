// The subtitle menu's side of styled subtitles (issue 10): an ASS/SSA track
// is listed like any other by an empty <track>, and while the menu (or the
// C key) has it showing, player/ass.ts draws it. That module, with its
// worker and WebAssembly, is loaded the first time one is shown.
import type { ASSTrack } from './ass'

/** isASS reports whether a subtitle track is drawn by player/ass.ts rather than as WebVTT. */
export function isASS(s: { format: string }): boolean {
  return s.format === 'ass' || s.format === 'ssa'
}

/** placeholderVTT is the text of the empty <track> that lists an ASS track in the menu. */
export const placeholderVTT = 'WEBVTT\n'

/**
 * followASS draws the script at url while el's track is showing, with the
 * fonts listed at fonts. It returns what stops it.
 */
export function followASS(video: HTMLVideoElement, el: HTMLTrackElement, url: string, fonts: string | null): () => void {
  let shown: Promise<ASSTrack | null> | null = null
  const hide = () => {
    void shown?.then((t) => t?.destroy())
    shown = null
  }
  const sync = () => {
    const on = el.track.mode === 'showing'
    if (on && !shown) {
      shown = import('./ass')
        .then((m) => m.showASS(video, url, fonts))
        .catch((err: unknown) => {
          console.warn('styled subtitles:', err)
          return null
        })
    } else if (!on && shown) {
      hide()
    }
  }
  video.textTracks.addEventListener('change', sync)
  sync()
  return () => {
    video.textTracks.removeEventListener('change', sync)
    hide()
  }
}
