// The window lights up while files or a folder are dragged over it (issue
// 13), so a drop is an aim rather than a guess. Go opens what is dropped
// (App.onDrop); the page only shows where it would land.

/** watchDrops marks the body with .drop-target while something from outside is dragged over the window. */
export function watchDrops(body: HTMLElement = document.body): void {
  let depth = 0
  const fromOutside = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files')
  const off = () => {
    depth = 0
    body.classList.remove('drop-target')
  }
  document.addEventListener('dragenter', (e) => {
    if (!fromOutside(e)) return
    depth++
    body.classList.add('drop-target')
  })
  document.addEventListener('dragover', (e) => {
    if (!fromOutside(e)) return
    e.preventDefault() // a drop target must take dragover
    body.classList.add('drop-target')
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
}
