// imports.mjs prints the import graph of src/ (one line a module: its
// relative imports) and fails when the graph has a loop or an import climbs
// to a higher layer (below). Run from frontend/:
// `node scripts/imports.mjs [--graph]`.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const src = resolve(import.meta.dirname, '../src')

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return files(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

// Static imports and re-exports with a relative specifier; `import type`
// counts too: a type loop is still a loop between modules.
const importRe = /^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm

const graph = new Map()
for (const f of files(src)) {
  const text = readFileSync(f, 'utf8')
  const deps = new Set()
  for (const m of text.matchAll(importRe)) {
    const spec = m[1] ?? m[2]
    // Styles and pictures are assets, not modules.
    if (!/\.(css|svg|png)(\?.*)?$/.test(spec)) deps.add(relative(src, resolve(dirname(f), spec)).replace(/\.ts$/, '') + '.ts')
  }
  graph.set(relative(src, f), [...deps].sort())
}

if (process.argv.includes('--graph')) {
  for (const [f, deps] of [...graph].sort()) console.log(`${f} -> ${deps.join(' ')}`)
}

// Depth-first search for a back edge.
const state = new Map()
const loops = []
function visit(f, stack) {
  state.set(f, 'open')
  for (const d of graph.get(f) ?? []) {
    if (state.get(d) === 'open') loops.push([...stack.slice(stack.indexOf(d)), d].join(' -> '))
    else if (!state.has(d)) visit(d, [...stack, d])
  }
  state.set(f, 'done')
}
for (const f of graph.keys()) if (!state.has(f)) visit(f, [f])
// Layers, from the bottom: what talks to Go (api/, and the rules Go
// writes), small helpers, the parts of each view, the views, the page.
// A module imports its own layer or lower ones only.
const layerOf = (f) => {
  if (f.startsWith('api/') || f.startsWith('generated/')) return 0
  if (!f.includes('/') && f !== 'main.ts') return 1 // dom.ts, format.ts, testlog.ts
  if (f.startsWith('library/') || f.startsWith('player/') || f.startsWith('settings/')) return 2
  if (f.startsWith('views/')) return 3
  return 4 // main.ts
}
for (const [f, deps] of graph) {
  for (const d of deps) {
    if (layerOf(d) > layerOf(f)) loops.push(`${f} -> ${d}: climbs from layer ${layerOf(f)} to ${layerOf(d)}`)
  }
}

if (loops.length) {
  console.error(`import loops and climbs:\n${loops.join('\n')}`)
  process.exit(1)
}
console.log(`imports: ${graph.size} modules, no loops, no import climbs a layer`)
