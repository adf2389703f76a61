import { writeFileSync } from 'node:fs'
import { defineConfig } from 'vite'

// dist/.gitkeep lets `go build` embed frontend/dist before the first
// frontend build; vite empties dist, so put it back after each build.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  plugins: [
    {
      name: 'keep-dist-placeholder',
      closeBundle() {
        writeFileSync('dist/.gitkeep', '')
      },
    },
  ],
})
