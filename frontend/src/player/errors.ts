// Playback errors in words a person can act on: what went wrong with this
// file and what to do about it, on this system.
import type { Meta } from '../api/types'
import { codecFixes, codecNames, notPlayable } from '../generated/rules'

/** Problem is what the error overlay says. */
export interface Problem {
  title: string
  /** What happened, in a sentence. */
  detail: string
  /** What to do about it, when something can be done. */
  fix: string
  /** The file is gone: the player goes back to the list on its own. */
  gone: boolean
}

/** Facts gathered about a failed video. */
export interface ErrorFacts {
  name: string
  /** MediaError.code, 0 when unknown. */
  code: number
  message: string
  /** The file no longer exists (the API answered 404). */
  gone: boolean
  /** The API answered 403 for it. */
  denied: boolean
  /** What the probe knows about the file, if anything. */
  meta?: Meta
  /** Why the probe could not read the file. */
  metaError?: string
  /** "linux", "windows", "darwin"… */
  platform: string
  /** true in the Reel window, false in a browser. */
  native: boolean
}


/** codecName is how people know a codec: "HEVC (H.265)". */
export function codecName(codec: string): string {
  return codecNames[codec] ?? codec.toUpperCase()
}

/** describeCodecs names the codecs of meta: "HEVC (H.265) video with AC-3 audio". */
export function describeCodecs(meta: Meta | undefined): string {
  if (!meta) return ''
  const parts: string[] = []
  if (meta.videoCodec) parts.push(`${codecName(meta.videoCodec)} video`)
  if (meta.audioCodec) parts.push(`${parts.length ? 'with ' : ''}${codecName(meta.audioCodec)} audio`)
  return parts.join(' ')
}

/**
 * codecFix says what makes the codecs of meta play on platform, in the
 * window or a browser. The advice, and which audio codecs each platform's
 * webview cannot decode, are Go's (internal/rules).
 */
export function codecFix(meta: Meta | undefined, platform: string, native: boolean): string {
  if (!native) return codecFixes.browser
  const fix = codecFixes.platforms[platform]
  if (!fix) return codecFixes.unknown
  const v = meta?.videoCodec ?? ''
  const a = meta?.audioCodec ?? ''
  if (fix.video[v]) return fix.video[v]
  if (fix.audio && notPlayable[platform]?.audio.includes(a)) return fix.audio.replace('{codec}', codecName(a))
  return fix.other
}

/** explain turns what is known about a failed video into the overlay's words. */
export function explain(f: ErrorFacts): Problem {
  if (f.gone) {
    return {
      title: 'This file was moved or deleted',
      detail: `${f.name} is no longer where Reel found it.`,
      fix: 'Going back to the list…',
      gone: true,
    }
  }
  if (f.denied) {
    return {
      title: `Reel is not allowed to read ${f.name}`,
      detail: 'The system denied access to the file.',
      fix: 'Check the file’s permissions, then try again.',
      gone: false,
    }
  }
  const codecs = describeCodecs(f.meta)
  const unreadable = f.metaError || (f.meta && !f.meta.videoCodec && !f.meta.audioCodec)
  if (f.code === 2) {
    return {
      title: `${f.name} stopped loading`,
      detail: 'Reading the file failed part way: the drive may have been unplugged, or the file changed.',
      fix: 'Check that the drive is still connected, then try again.',
      gone: false,
    }
  }
  if (unreadable) {
    return {
      title: `${f.name} is damaged or not a video`,
      detail: f.metaError ? `Reel could not read it: ${plainError(f.metaError)}.` : 'Reel found no video or audio in it.',
      fix: 'If it is still downloading or copying, wait until it has finished. Otherwise the file itself is broken.',
      gone: false,
    }
  }
  if (f.code === 3 || f.code === 4) {
    const what = codecs ? `${capitalize(codecs)} — ` : ''
    const where = f.native ? 'this system’s webview' : 'this browser'
    return {
      title: `${what}not playable by ${where}`,
      detail: f.code === 3
        ? `${f.name} started but could not be decoded: it may be damaged, or use a codec ${where} only partly supports.`
        : `${f.name} uses a format or codec ${where} cannot decode.`,
      fix: codecFix(f.meta, f.platform, f.native),
      gone: false,
    }
  }
  return {
    title: `Cannot play ${f.name}`,
    detail: f.message || 'The video stopped with an unknown error.',
    fix: 'Try again; if it keeps failing, the file may be damaged.',
    gone: false,
  }
}

/**
 * explainNoPicture is for a file whose sound plays while its video codec
 * cannot be decoded: the webview drops that track and shows a black box.
 */
export function explainNoPicture(f: Pick<ErrorFacts, 'name' | 'meta' | 'platform' | 'native'>): Problem {
  const where = f.native ? 'this system’s webview' : 'this browser'
  const codec = codecName(f.meta?.videoCodec ?? '')
  return {
    title: `${codec} video — not playable by ${where}`,
    detail: `Only the sound of ${f.name} plays: ${where} cannot decode its ${codec} picture.`,
    fix: codecFix(f.meta, f.platform, f.native),
    gone: false,
  }
}

/** plainError drops the package prefixes of a Go error ("probe: unknown: truncated file"). */
function plainError(msg: string): string {
  return msg.replace(/^(?:[a-z]+:\s*)+/, '').replace(/\.$/, '')
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
