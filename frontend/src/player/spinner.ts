// The loading spinner: media-chrome's media-loading-indicator, drawn by a
// CSS animation of Reel's own instead of media-chrome's SMIL one (issue 8).
//
// An SMIL animation ticks as long as its <svg> is in the document, even
// inside an element that is display: none: WebKitGTK then runs a rendering
// update and its display refresh monitor on every vsync. Measured on a bare
// MiniBrowser page, paused: 0 % of a core without the hidden spinner,
// 1.6 % with it. A CSS animation does not run where nothing is displayed,
// so the slotted icon below costs nothing while the indicator is hidden
// (player.css shows it only while something loads).

/** spinnerIcon is media-chrome's loading arc, turned by .player-spinner's CSS animation. */
const spinnerIcon =
  '<svg slot="icon" class="player-spinner" aria-hidden="true" viewBox="0 0 100 100">' +
  '<path d="M73,50c0-12.7-10.3-23-23-23S27,37.3,27,50 M30.9,50c0-10.5,8.5-19.1,19.1-19.1S69.1,39.5,69.1,50"/></svg>'

/**
 * loadingIndicator makes a media-loading-indicator with attrs whose icon
 * turns by CSS, with media-chrome's SMIL default taken out of its shadow
 * root: a slot's fallback content stays in the document when something is
 * slotted, and its animation would keep ticking.
 */
export function loadingIndicator(attrs: Record<string, string | boolean>): HTMLElement {
  const el = document.createElement('media-loading-indicator')
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue
    el.setAttribute(k, v === true ? '' : v)
  }
  el.insertAdjacentHTML('beforeend', spinnerIcon)
  removeSmil(el.shadowRoot)
  return el
}

/** removeSmil takes every SMIL animation element out of root. */
export function removeSmil(root: ParentNode | null): number {
  if (!root) return 0
  const found = Array.from(root.querySelectorAll('animate, animateTransform, animateMotion, animateColor, set'))
  for (const a of found) a.remove()
  return found.length
}
