// The About box and the keyboard-shortcuts sheet: page overlays opened
// from the Help menu. The About box shows Reel's version and the licence
// of every component the binary ships, read from licenses.json, which
// `make build` writes from go.mod and package-lock.json (build/licenses).
import './about.css'
import iconURL from '../../build/icon/reel.svg'
import { appVersion } from './api/native'
import { h } from './dom'
import { keyHelp, type HelpRow } from './generated/rules'

/** Shipped is one component of the licence list (build/licenses/main.go's Package). */
interface Shipped {
  kind: 'go' | 'npm'
  name: string
  version: string
  license: string
  text?: string
}

interface LicenseList {
  goos: string
  packages: Shipped[]
}

/** libraryKeys are the list's keys, beside the player's own (player/keys.ts). */
const libraryKeys: HelpRow[] = [
  { keys: ['↑', '↓', '←', '→'], what: 'Move' },
  { keys: ['PgUp', 'PgDn', 'Home', 'End'], what: 'Move by a page, to the ends' },
  { keys: ['Enter'], what: 'Play the video, open the folder' },
  { keys: ['Backspace'], what: 'Up one folder' },
  { keys: ['/', 'Ctrl+F'], what: 'Filter by name' },
  { keys: ['Menu', 'Shift+F10'], what: 'Actions for the selected video' },
]

const windowKeys: HelpRow[] = [
  { keys: ['Ctrl+O'], what: 'Open a folder' },
  { keys: ['F11'], what: 'Fullscreen' },
  { keys: ['Ctrl+1', 'Ctrl+2'], what: 'Grid / list' },
  { keys: ['F1'], what: 'These keys' },
  { keys: ['Ctrl+Q'], what: 'Quit (the position is saved first)' },
]

let open: HTMLDialogElement | null = null

/** overlay shows a modal dialog over the page; Esc, the close button or a click outside closes it. */
function overlay(label: string, cls: string, ...body: (Node | null)[]): HTMLDialogElement {
  open?.close()
  const close = h('button', { type: 'button', class: 'about-close', 'aria-label': 'Close' }, '×')
  const dlg = h('dialog', { class: `about-dialog ${cls}`, 'aria-label': label }, close, ...body)
  close.addEventListener('click', () => dlg.close())
  dlg.addEventListener('click', (e) => {
    if (e.target === dlg) dlg.close() // the backdrop
  })
  // Keys typed in the dialog are its own, not the list's or the player's.
  dlg.addEventListener('keydown', (e) => e.stopPropagation())
  dlg.addEventListener('close', () => {
    dlg.remove()
    if (open === dlg) open = null
  })
  document.body.append(dlg)
  dlg.showModal()
  open = dlg
  return dlg
}

/** showAbout opens the About box. */
export async function showAbout(): Promise<void> {
  const version = h('p', { class: 'about-version' }, 'Version …')
  const list = h('div', { class: 'about-licenses' }, h('p', { class: 'about-muted' }, 'Reading the licence list…'))
  overlay(
    'About Reel',
    'about',
    h(
      'header',
      { class: 'about-head' },
      h('img', { src: iconURL, alt: '', width: 72, height: 72 }),
      h('div', {}, h('h2', {}, 'Reel'), version, h('p', { class: 'about-muted' }, 'A video player for the videos in a folder.')),
    ),
    list,
  )
  const [v, licenses] = await Promise.all([appVersion().catch(() => ''), loadLicenses()])
  version.textContent = `Version ${v || licenses?.version || 'unknown'}`
  list.replaceChildren(...renderLicenses(licenses))
}

async function loadLicenses(): Promise<(LicenseList & { version?: string }) | null> {
  try {
    const r = await fetch('./licenses.json', { cache: 'no-store' })
    return r.ok ? ((await r.json()) as LicenseList) : null
  } catch {
    return null
  }
}

function renderLicenses(l: LicenseList | null): Node[] {
  if (!l) return [h('p', { class: 'about-muted' }, 'This build has no licence list: `make build` writes it.')]
  const section = (title: string, note: string, kind: Shipped['kind']): HTMLElement => {
    const pkgs = l.packages.filter((p) => p.kind === kind)
    return h(
      'section',
      {},
      h('h3', {}, title),
      h('p', { class: 'about-muted' }, note),
      h(
        'ul',
        { class: 'about-list' },
        ...pkgs.map((p) =>
          h(
            'li',
            {},
            h(
              'details',
              {},
              h('summary', {}, h('span', { class: 'name' }, p.name), h('span', { class: 'ver' }, p.version), h('span', { class: 'lic' }, p.license)),
              p.text ? h('pre', {}, p.text) : h('p', { class: 'about-muted' }, 'No licence text ships with this package.'),
            ),
          ),
        ),
      ),
    )
  }
  return [
    h('p', {}, 'Reel is built from these open-source components. Click one for its licence.'),
    section('Go modules', `Linked into the ${l.goos} binary.`, 'go'),
    section('npm packages', 'Bundled into the page.', 'npm'),
    h(
      'p',
      { class: 'about-muted' },
      'Video decoding comes from the system: GStreamer and WebKitGTK on Linux, WebView2 on Windows, WebKit on macOS.',
    ),
  ]
}

/** showShortcuts opens the sheet of keyboard shortcuts: the window's, the list's and the player's. */
export function showShortcuts(): void {
  const topics = [
    { title: 'Window', rows: windowKeys },
    { title: 'Library', rows: libraryKeys },
    ...keyHelp,
  ]
  overlay(
    'Keyboard shortcuts',
    'shortcuts',
    h('h2', {}, 'Keyboard shortcuts'),
    h(
      'div',
      { class: 'shortcut-topics' },
      ...topics.map(({ title, rows }) =>
        h(
          'section',
          {},
          h('h3', {}, title),
          h('dl', {}, ...rows.map(({ keys, what }) => h('div', { class: 'shortcut-row' }, h('dt', {}, ...keys.flatMap((k, i) => [i ? ' ' : null, k === '…' ? '…' : h('kbd', {}, k)])), h('dd', {}, what)))),
        ),
      ),
    ),
  )
}

/** closeOverlay closes the About box or the shortcuts sheet; it reports whether one was open. */
export function closeOverlay(): boolean {
  if (!open) return false
  open.close()
  return true
}
