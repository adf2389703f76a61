// ASS/SSA subtitles. This is the plain fallback: it shows the dialogue text
// of the script, without its styles or positions, in a box over the video,
// so an ASS track is readable. The renderer with styles and fonts (issue
// 10's JASSUB work) replaces this module with the same export.
import { getSubtitleText } from '../api/http'

interface Line {
  start: number
  end: number
  text: string
}

/** assTime reads "H:MM:SS.cc". */
function assTime(s: string): number {
  const m = /^(\d+):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/.exec(s.trim())
  if (!m) return NaN
  return +m[1] * 3600 + +m[2] * 60 + +m[3] + (m[4] ? +m[4] / 10 ** m[4].length : 0)
}

/** parseDialogue reads the Dialogue lines of a script's [Events], in the order its Format line names the fields. */
export function parseDialogue(script: string): Line[] {
  const out: Line[] = []
  let fields = ['layer', 'start', 'end', 'style', 'name', 'marginl', 'marginr', 'marginv', 'effect', 'text']
  for (const raw of script.split(/\r?\n/)) {
    const line = raw.trim()
    if (/^format:/i.test(line)) fields = line.slice(7).split(',').map((f) => f.trim().toLowerCase())
    if (!/^dialogue:/i.test(line)) continue
    const parts = line.slice(9).split(',')
    const at = (name: string) => fields.indexOf(name)
    const ti = at('text')
    if (ti < 0 || parts.length < fields.length) continue
    const text = parts
      .slice(ti)
      .join(',')
      .replace(/\{[^}]*\}/g, '') // override tags
      .replace(/\\[Nn]/g, '\n')
      .replace(/\\h/g, '\u00a0')
    const start = assTime(parts[at('start')] ?? '')
    const end = assTime(parts[at('end')] ?? '')
    if (Number.isFinite(start) && Number.isFinite(end) && text.trim()) out.push({ start, end, text })
  }
  return out.sort((a, b) => a.start - b.start)
}

/** showASS shows the script at url over video until destroy; fontsURL is for the styled renderer. */
export function showASS(video: HTMLVideoElement, url: string, fontsURL: string | null): { destroy(): void; setDelay(s: number): void } {
  void fontsURL // the plain fallback draws in the page's own font
  const box = document.createElement('div')
  box.className = 'player-ass'
  box.setAttribute('aria-live', 'off')
  const host = video.closest('.player') ?? video.parentElement ?? document.body
  host.append(box)
  let lines: Line[] = []
  let delay = 0
  let alive = true
  const draw = () => {
    const t = video.currentTime - delay
    const text = lines.filter((l) => l.start <= t && t < l.end).map((l) => l.text).join('\n')
    if (box.textContent !== text) box.textContent = text
    box.hidden = text === ''
  }
  const events = ['timeupdate', 'seeked', 'loadedmetadata']
  for (const e of events) video.addEventListener(e, draw)
  void getSubtitleText(url).then((text) => {
    if (!alive) return
    lines = parseDialogue(text)
    draw()
  }, () => {})
  return {
    destroy() {
      alive = false
      for (const e of events) video.removeEventListener(e, draw)
      box.remove()
    },
    setDelay(s: number) {
      delay = s
      draw()
    },
  }
}
