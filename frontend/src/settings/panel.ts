// The settings panel (issue 13, item 7): how Reel resumes, whether the next
// video follows, the preferred audio and subtitle languages, the theme and
// what the mouse wheel does. A modal dialog any view can open (the gear,
// Ctrl+,); every change is saved at once through PUT /api/settings, which
// merges it into what Go keeps. Go owns the defaults and the choices
// (internal/rules, api.DefaultPlayerSettings).
import { getSettings, putSettings } from '../api/http'
import type { PlayerSettings } from '../api/types'
import { h } from '../dom'
import { defaultSettings, resumeModes, themes, wheelActions } from '../generated/rules'
import './panel.css'

const resumeLabels: Record<string, string> = { ask: 'Ask', always: 'Always resume', never: 'Always start over' }
const themeLabels: Record<string, string> = { dark: 'Dark', light: 'Light', system: 'As the system' }
const wheelLabels: Record<string, string> = { volume: 'Changes the volume', seek: 'Seeks', none: 'Does nothing' }

/** languages are the choices offered first; any other tag can be typed. */
const languages: [tag: string, name: string][] = [
  ['', 'The file’s default'],
  ['en', 'English'],
  ['de', 'German'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['nl', 'Dutch'],
  ['ja', 'Japanese'],
  ['zh', 'Chinese'],
]

/** systemLight follows the system's preference (GTK's theme in WebKitGTK). */
const systemLight = matchMedia('(prefers-color-scheme: light)')
let chosen: string = themes[0]
systemLight.addEventListener('change', () => applyTheme(chosen))

/**
 * applyTheme shows the page in the theme named (one of themes): the root
 * gets data-theme="light" or "dark", which ../theme.css reads; "system"
 * follows the system's preference, now and as it changes.
 */
export function applyTheme(theme: string | undefined): void {
  chosen = theme && themes.includes(theme as (typeof themes)[number]) ? theme : themes[0]
  const light = chosen === 'light' || (chosen === 'system' && systemLight.matches)
  document.documentElement.dataset.theme = light ? 'light' : 'dark'
}

/** SettingsPanel is the dialog; open() shows it with the settings Go holds. */
export class SettingsPanel {
  readonly el: HTMLDialogElement
  private readonly form: HTMLFormElement
  private settings: PlayerSettings = { ...defaultSettings }
  private opener: HTMLElement | null = null

  constructor() {
    this.form = h('form', { class: 'settings-form', method: 'dialog' })
    this.el = h(
      'dialog',
      { class: 'settings-panel', 'aria-label': 'Settings' },
      h('h2', {}, 'Settings'),
      this.form,
    )
    this.form.addEventListener('change', (e) => void this.changed(e.target as HTMLInputElement | HTMLSelectElement))
    this.el.addEventListener('close', () => this.opener?.focus())
    // A click on the backdrop (outside the box) closes it, as Escape does.
    this.el.addEventListener('click', (e) => {
      if (e.target === this.el) this.close()
    })
  }

  get isOpen(): boolean {
    return this.el.open
  }

  /** open shows the panel over the page, the keyboard in its first control. */
  async open(): Promise<void> {
    if (this.el.open) return
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!this.el.isConnected) document.body.append(this.el)
    try {
      this.settings = { ...defaultSettings, ...(await getSettings()) }
    } catch {
      this.settings = { ...defaultSettings }
    }
    this.render()
    this.el.showModal()
    this.form.querySelector<HTMLElement>('input, select')?.focus()
  }

  close(): void {
    if (this.el.open) this.el.close()
  }

  private render(): void {
    const s = this.settings
    const radios = (name: keyof PlayerSettings, values: readonly string[], labels: Record<string, string>, legend: string) =>
      h(
        'fieldset',
        { class: 'choice' },
        h('legend', {}, legend),
        ...values.map((v) =>
          h('label', {}, h('input', { type: 'radio', name, value: v, ...(String(s[name] ?? '') === v ? { checked: true } : {}) }), labels[v] ?? v),
        ),
      )
    const lang = (name: 'audioLang' | 'subtitleLang', legend: string, extra: [string, string][] = []) => {
      const current = String(s[name] ?? '')
      const opts = [...languages, ...extra]
      if (current && !opts.some(([t]) => t === current)) opts.push([current, current])
      return h(
        'label',
        { class: 'field' },
        h('span', {}, legend),
        h('select', { name }, ...opts.map(([t, n]) => h('option', { value: t, ...(t === current ? { selected: true } : {}) }, n))),
      )
    }
    const done = h('button', { type: 'submit', class: 'btn primary' }, 'Done')
    this.form.replaceChildren(
      radios('resume', resumeModes, resumeLabels, 'When a video was left part way'),
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: 'autoplayNext', ...(s.autoplayNext ? { checked: true } : {}) }),
        'Play the next video when one ends',
      ),
      lang('audioLang', 'Preferred audio language'),
      lang('subtitleLang', 'Preferred subtitles', [['off', 'Off']]),
      radios('theme', themes, themeLabels, 'Theme'),
      radios('wheel', wheelActions, wheelLabels, 'The mouse wheel over a video'),
      h('div', { class: 'actions' }, done),
    )
  }

  /** changed saves the control the person changed. */
  private async changed(c: HTMLInputElement | HTMLSelectElement): Promise<void> {
    const name = c.name as keyof PlayerSettings
    const value = c instanceof HTMLInputElement && c.type === 'checkbox' ? c.checked : c.value
    const patch = { [name]: value } as Partial<PlayerSettings>
    this.settings = { ...this.settings, ...patch }
    if (name === 'theme') applyTheme(String(value))
    try {
      this.settings = { ...this.settings, ...(await putSettings(patch)) }
    } catch {
      /* Go refused or is gone: the next open shows what it holds */
    }
  }
}

/** settingsPanel is the one panel of the page. */
export const settingsPanel = new SettingsPanel()
