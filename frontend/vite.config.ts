import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// Packages a dependency imports that Reel does not ship, each with its
// reason, in package.json (build/licenses reads the same list): each
// resolves to an empty module.
const notShipped: Record<string, string> = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')).notShipped ?? {}
const empty = fileURLToPath(new URL('src/notshipped.ts', import.meta.url))

// dist/.gitkeep lets `go build` embed frontend/dist before the first
// frontend build; vite empties dist, so put it back after each build.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  resolve: { alias: Object.keys(notShipped).map((name) => ({ find: new RegExp(`^${name}$`), replacement: empty })) },
  plugins: [
    {
      name: 'keep-dist-placeholder',
      closeBundle() {
        writeFileSync('dist/.gitkeep', '')
      },
    },
  ],
})
