// The pointer's one rule (library/clicks.ts, issue 13 item 1): a gesture
// begun on one view never acts on the next.
import { expect, test } from 'vitest'
import { ClickGuard, multiClickMs } from '../src/library/clicks'

const at = (t: number, x = 100, y = 100) => ({ timeStamp: t, clientX: x, clientY: y })

test.each([
  { name: 'a click on the view on screen acts', presses: [at(1000)], changedAt: 0, want: true },
  { name: 'the second click of a double-click that changed the view does not', presses: [at(1000), at(1080)], changedAt: 1040, want: false },
  { name: 'a third click of the same gesture does not either', presses: [at(1000), at(1080), at(1160)], changedAt: 1040, want: false },
  { name: 'a new click after the double-click time acts', presses: [at(1000), at(1080), at(1080 + multiClickMs + 1)], changedAt: 1040, want: true },
  { name: 'a click elsewhere starts a new gesture', presses: [at(1000), at(1080, 300, 300)], changedAt: 1040, want: true },
  { name: 'a double-click wholly on the new view acts', presses: [at(2000), at(2080)], changedAt: 1040, want: true },
  { name: 'a key between two clicks parts them (Backspace went up)', presses: [at(1000), at(1200)], changedAt: 1100, keyAt: 1050, want: true },
])('$name', ({ presses, changedAt, want, keyAt }: { presses: ReturnType<typeof at>[]; changedAt: number; want: boolean; keyAt?: number }) => {
  const g = new ClickGuard()
  for (const p of presses) {
    if (keyAt !== undefined && keyAt < p.timeStamp) {
      g.key()
      keyAt = undefined
    }
    if (changedAt < p.timeStamp) g.changed(changedAt)
    g.down(p)
  }
  expect(g.allows(), `presses ${JSON.stringify(presses)}, view changed at ${changedAt}`).toBe(want)
})
