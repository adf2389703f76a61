// Words for a person in place of Go's raw error strings (issue 13): the API
// already answers in them; this covers what reaches the page another way
// (a Wails binding's rejected promise, a notice composed on the native side).
import type { OpenFailure } from './api/types'

/** rules map a raw error's tell-tale words to what a person reads. */
const rules: [RegExp, string][] = [
  [/permission denied|operation not permitted|access is denied/i, 'Reel is not allowed to read it (permission denied).'],
  [/no such file or directory|cannot find the (file|path)|not found/i, 'It is not there: it was moved or deleted.'],
  [/not a directory|not a folder/i, 'That is a file, not a folder.'],
  [/too many (open files|levels of symbolic links)/i, 'The system refused to open it; try again in a moment.'],
  [/input\/output error|i\/o error/i, 'The disk could not be read (input/output error).'],
]

/** friendlyError says err in words for a person. */
export function friendlyError(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err ?? '')
  for (const [re, text] of rules) if (re.test(raw)) return text
  // Go wraps errors as "op /some/path: cause"; the cause is what to say.
  const cause = raw.split(': ').pop()?.trim() ?? ''
  if (!cause) return 'Something went wrong.'
  return cause.charAt(0).toUpperCase() + cause.slice(1) + (/[.!?]$/.test(cause) ? '' : '.')
}

/** friendlyNotice rewrites a notice's raw Go errors, dropping what failed already explains. */
export function friendlyNotice(notice: string, failed?: OpenFailure): string {
  return notice
    .split(/\s+(?=[A-Z][a-z]+ )/) // notices are joined sentences; Go errors are lower case
    .filter((part) => !(failed && part.startsWith('Could not open ' + failed.path)))
    .map((part) => {
      const m = /^(Could not open .+?): (\w+ .+)$/.exec(part)
      return m ? `${m[1]}: ${friendlyError(m[2])}` : part
    })
    .join(' ')
}
