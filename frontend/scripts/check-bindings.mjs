// check-bindings.mjs holds the hand-typed Wails bindings (src/api/native.ts,
// interface AppBindings) to the ones Wails generates from Go's bound App
// (wailsjs/go/main/App.d.ts, written by `wails generate module`): the same
// methods, parameter types and result types. Run from frontend/ after
// generating: `node scripts/check-bindings.mjs`.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const here = resolve(import.meta.dirname, '..')
const generatedFile = resolve(here, 'wailsjs/go/main/App.d.ts')
const handFile = resolve(here, 'src/api/native.ts')

/** signature normalises "(a: T, b: U): Promise<R>" to "(T,U)=>Promise<R>", dropping names and spaces. */
function signature(params, result) {
  const types = params
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.slice(p.indexOf(':') + 1).replace(/\s+/g, ''))
  return `(${types.join(',')})=>${result.replace(/\s+/g, '')}`
}

function parse(text, re) {
  const out = new Map()
  for (const m of text.matchAll(re)) out.set(m[1], signature(m[2], m[3]))
  return out
}

const generated = parse(readFileSync(generatedFile, 'utf8'), /^export function (\w+)\(([^)]*)\):\s*([^;]+);/gm)
const handText = readFileSync(handFile, 'utf8')
const iface = /interface AppBindings \{([^}]*)\}/.exec(handText)
if (!iface) {
  console.error(`${handFile}: no interface AppBindings`)
  process.exit(1)
}
const hand = parse(iface[1], /^\s*(\w+)\(([^)]*)\):\s*(.+?)\s*$/gm)

const problems = []
for (const [name, sig] of generated) {
  if (!hand.has(name)) problems.push(`${name}${sig}: bound by Go, missing from AppBindings`)
  else if (hand.get(name) !== sig) problems.push(`${name}: AppBindings says ${hand.get(name)}, Go binds ${sig}`)
}
for (const name of hand.keys()) if (!generated.has(name)) problems.push(`${name}: in AppBindings, not bound by Go`)
if (generated.size === 0) problems.push(`${generatedFile}: no bound methods found`)
if (problems.length) {
  console.error(`native.ts and the Wails bindings disagree:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`bindings: native.ts agrees with the ${generated.size} methods Go binds`)
