// What keeps the page busy, counted for the desktop test (issue 8): a paused
// player must be idle — no animation frames, no timers firing, no running
// animations, no spinner drawn — because without a GPU WebKitGTK repaints
// over the video for each of them. Installed only when the test log is on.

let frames = 0
let timers = 0
let installed = false

/**
 * installActivityCounters wraps requestAnimationFrame, setTimeout and
 * setInterval so that their callbacks are counted. Code that calls them
 * later (media-chrome's range animation does, each time) is counted too.
 */
export function installActivityCounters(): void {
  if (installed) return
  installed = true
  const w = window as unknown as Record<string, unknown>
  const raf = window.requestAnimationFrame.bind(window)
  window.requestAnimationFrame = (cb: FrameRequestCallback) =>
    raf((t) => {
      frames++
      cb(t)
    })
  for (const name of ['setTimeout', 'setInterval'] as const) {
    const orig = (w[name] as (...a: unknown[]) => number).bind(window)
    w[name] = (cb: unknown, ms?: number, ...args: unknown[]) =>
      orig(
        typeof cb === 'function'
          ? (...a: unknown[]) => {
              timers++
              ;(cb as (...a: unknown[]) => void)(...a)
            }
          : cb,
        ms,
        ...args,
      )
  }
}

/** Activity is what ran during a sample, per second. */
export interface Activity {
  frames: number
  timers: number
  /** CSS animations and transitions running at the end, by their target. */
  animations: string[]
  /** Elements holding a running SMIL animation (drawn or hidden) at the end. */
  smil: string[]
  /** Attribute changes under root (media-chrome's state flows down as attributes), by name. */
  attributes: Record<string, number>
  /** Events the page received, by type. */
  events: Record<string, number>
}

/** The events counted: a listener of any of them runs script. */
const eventTypes = [
  'progress', 'timeupdate', 'suspend', 'stalled', 'waiting', 'durationchange', 'resize', 'loadeddata',
  'pointermove', 'mousemove', 'pointerover', 'transitionrun', 'transitionend', 'animationstart', 'animationiteration',
  'scroll', 'focus', 'blur', 'visibilitychange',
]

/** sampleActivity counts what runs during ms milliseconds. */
export function sampleActivity(ms: number, root: Element): Promise<Activity> {
  const f0 = frames
  const t0 = timers
  const attributes: Record<string, number> = {}
  const seen = new MutationObserver((records) => {
    for (const r of records) if (r.attributeName) attributes[r.attributeName] = (attributes[r.attributeName] ?? 0) + 1
  })
  seen.observe(root, { attributes: true, subtree: true })
  const events: Record<string, number> = {}
  const count = (e: Event) => (events[e.type] = (events[e.type] ?? 0) + 1)
  for (const type of eventTypes) window.addEventListener(type, count, { capture: true, passive: true })
  return new Promise((resolve) => {
    // The sample's own timer is one of the timers: it is not counted.
    setTimeout(() => {
      const secs = ms / 1000
      seen.disconnect()
      for (const type of eventTypes) window.removeEventListener(type, count, { capture: true })
      resolve({
        events,
        attributes,
        frames: (frames - f0) / secs,
        timers: (timers - t0 - 1) / secs,
        animations: runningAnimations(root),
        smil: tickingSmil(root),
      })
    }, ms)
  })
}

function describe(el: Element | null): string {
  if (!el) return '?'
  const host = el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).host.localName + '>' : ''
  return host + el.localName + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
}

/** runningAnimations lists the running CSS animations and transitions, in the document and in every open shadow root under root. */
function runningAnimations(root: Element): string[] {
  const all = new Set<Animation>(document.getAnimations())
  const visit = (n: Element | ShadowRoot) => {
    for (const el of Array.from(n.querySelectorAll('*'))) {
      if (!el.shadowRoot) continue
      for (const a of el.shadowRoot.getAnimations()) all.add(a)
      visit(el.shadowRoot)
    }
  }
  visit(root)
  return [...all]
    .filter((a) => a.playState === 'running')
    .map((a) => {
      const effect = a.effect as KeyframeEffect | null
      const name = (a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? ''
      return `${describe(effect?.target ?? null)}${effect?.pseudoElement ?? ''} ${name}`.trim()
    })
}

/**
 * tickingSmil lists the <svg>s under root, shadow roots included, whose SMIL
 * animations run, drawn or not: an SMIL animation ticks on every vsync even
 * inside an element that is display: none (player/spinner.ts).
 */
function tickingSmil(root: Element): string[] {
  const out = new Set<string>()
  const visit = (n: Element | ShadowRoot) => {
    for (const el of Array.from(n.querySelectorAll('*'))) {
      if (el.shadowRoot) visit(el.shadowRoot)
      if (!el.localName.startsWith('animate') && el.localName !== 'set') continue
      const svg = el.closest('svg')
      if (!svg || svg.animationsPaused()) continue
      out.add(describe(svg.getRootNode() instanceof ShadowRoot ? (svg.getRootNode() as ShadowRoot).host : svg))
    }
  }
  visit(root)
  return [...out]
}

/**
 * watchControls logs 'controls' each time the auto-hidden controls come
 * back: ms is the time from the input (a pointer move or a key, by its own
 * timestamp) to the first animation frame that draws them.
 */
export function watchControls(controller: HTMLElement, log: (data: Record<string, unknown>) => void): void {
  let input = { at: 0, by: '' }
  const note = (e: Event) => (input = { at: e.timeStamp, by: e.type })
  window.addEventListener('pointermove', note, { capture: true, passive: true })
  window.addEventListener('keydown', note, { capture: true, passive: true })
  new MutationObserver(() => {
    if (controller.hasAttribute('userinactive')) return
    const from = input
    requestAnimationFrame((now) => log({ ms: Math.round(now - from.at), by: from.by }))
  }).observe(controller, { attributes: true, attributeFilter: ['userinactive'] })
}
