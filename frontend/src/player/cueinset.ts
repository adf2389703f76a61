// Where text cues sit (issue 10): inside the picture, a little above its
// bottom edge, as mpv places them. The engines lay cues out in the
// <video> element's box, and with object-fit: contain the picture is
// letterboxed inside that box: cues at the box's bottom sat in the black
// bar under the picture, or on its very edge. The page moves them up by
// the bar's height plus a margin (--reel-cue-lift, read by player.css,
// which lifts them further while the controls show).

/** marginShare is the gap between a cue and the picture's bottom, as a share of the picture's height: mpv's sub-margin-y, 22 px of 720. */
export const marginShare = 22 / 720

/**
 * cueLift is how far, in CSS pixels, cues move up from the bottom of a
 * boxW × boxH element showing a videoW × videoH picture scaled to fit:
 * the bar under the picture plus the margin. 0 before the picture's size
 * is known.
 */
export function cueLift(boxW: number, boxH: number, videoW: number, videoH: number): number {
  if (!(boxW > 0 && boxH > 0 && videoW > 0 && videoH > 0)) return 0
  const pictureH = Math.min(boxH, (boxW * videoH) / videoW)
  return Math.round((boxH - pictureH) / 2 + marginShare * pictureH)
}

/**
 * watchCueLift keeps host's --reel-cue-lift in step with video's box and
 * picture; it returns a function that stops watching.
 */
export function watchCueLift(video: HTMLVideoElement, host: HTMLElement): () => void {
  let last = -1
  const update = () => {
    const lift = cueLift(video.clientWidth, video.clientHeight, video.videoWidth, video.videoHeight)
    if (lift === last) return
    last = lift
    host.style.setProperty('--reel-cue-lift', `${lift}px`)
  }
  const resize = new ResizeObserver(update)
  resize.observe(video)
  // 'resize' fires when the picture's own size is known or changes.
  video.addEventListener('resize', update)
  video.addEventListener('loadedmetadata', update)
  update()
  return () => {
    resize.disconnect()
    video.removeEventListener('resize', update)
    video.removeEventListener('loadedmetadata', update)
  }
}
