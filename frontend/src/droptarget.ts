// The window lights up while files or a folder are dragged over it (issue
// 13), so a drop is an aim rather than a guess. Go opens what is dropped
// (App.onDrop); the page only shows where it would land. In the Linux
// window the drag never reaches the page: the window tells it (onDragOver).

import { onDragOver } from './api/native'
import { testLog } from './testlog'

/** watchDrops marks the body with .drop-target while something from outside is dragged over the window. */
export function watchDrops(body: HTMLElement = document.body): void {
  let depth = 0
  const fromOutside = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files')
  const lit = (on: boolean) => {
    if (body.classList.contains('drop-target') === on) return
    body.classList.toggle('drop-target', on)
    testLog('drop-target', { on })
  }
  const off = () => {
    depth = 0
    lit(false)
  }
  document.addEventListener('dragenter', (e) => {
    if (!fromOutside(e)) return
    depth++
    lit(true)
  })
  document.addEventListener('dragover', (e) => {
    if (!fromOutside(e)) return
    e.preventDefault() // a drop target must take dragover
    lit(true)
  })
  document.addEventListener('dragleave', (e) => {
    if (!fromOutside(e)) return
    depth = Math.max(0, depth - 1)
    if (depth === 0 || e.relatedTarget === null) off()
  })
  document.addEventListener('drop', (e) => {
    // Files the page did not take (the player takes subtitle files): the
    // browser would open them in place of Reel.
    if (fromOutside(e)) e.preventDefault()
    off()
  })
  document.addEventListener('dragend', off)
  onDragOver((over) => (over ? lit(true) : off()))
}
