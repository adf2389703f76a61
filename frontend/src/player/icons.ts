// Icons of the player's own buttons, drawn to match media-chrome's.

const svg = (body: string) => `<svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">${body}</svg>`

export const icons = {
  back: svg('<path fill="currentColor" d="M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z"/>'),
  previous: svg('<path fill="currentColor" d="M6 6h2v12H6zm3.5 6 8.5 6V6z"/>'),
  next: svg('<path fill="currentColor" d="M6 18l8.5-6L6 6v12zM16 6v12h2V6h-2z"/>'),
  loop: svg(
    '<path fill="currentColor" d="M7 7h10v3l4-4-4-4v3H5v6h2V7zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2v4z"/>',
  ),
  autoplay: svg(
    '<path fill="currentColor" d="M4 6h10v2H4zm0 4h10v2H4zm0 4h6v2H4zm12 0v6l5-3z"/>',
  ),
  help: svg(
    '<path fill="currentColor" d="M11 18h2v-2h-2v2zm1-16C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2zm0 18c-4.4 0-8-3.6-8-8s3.6-8 8-8 8 3.6 8 8-3.6 8-8 8zm0-14c-2.2 0-4 1.8-4 4h2c0-1.1.9-2 2-2s2 .9 2 2c0 2-3 1.8-3 5h2c0-2.3 3-2.5 3-5 0-2.2-1.8-4-4-4z"/>',
  ),
} as const

/** iconButton makes one of the player's own control-bar buttons. */
export function iconButton(icon: keyof typeof icons, label: string, className = ''): HTMLButtonElement {
  const b = document.createElement('button')
  b.type = 'button'
  b.className = `player-btn ${className}`.trim()
  b.setAttribute('aria-label', label)
  b.title = label
  b.innerHTML = icons[icon]
  return b
}
