// The player's state: which video plays, from which list, and what the
// window shows about it. The view keeps one PlayerState and hands it to its
// components (chrome.ts), which redraw from it; derived values are computed
// here, once, not by each component.
import type { Video } from '../api/types'
import type { Problem } from './errors'

/** ShownProblem is the error box's content: a Problem, with what the box offers. */
export interface ShownProblem extends Problem {
  /** actions adds Try again and Back to the list. */
  actions: boolean
  /** technical is the webview's own words, shown under the explanation when they differ. */
  technical: string
}

/** PlayerState is everything the player's components show. */
export interface PlayerState {
  video: Video | null
  /** playlist is the folder in the order the list shows it; index is the video's place in it. */
  playlist: Video[]
  index: number
  /** fullscreen is true while the window (or, in a browser, the page) is fullscreen. */
  fullscreen: boolean
  autoplayNext: boolean
  loop: boolean
  problem: ShownProblem | null
}

/** emptyState is the player with nothing open. */
export const emptyState: PlayerState = {
  video: null,
  playlist: [],
  index: -1,
  fullscreen: false,
  autoplayNext: true,
  loop: false,
  problem: null,
}

/** placeIn is video's playlist and index: the list it came from, or itself alone when the list lacks it. */
export function placeIn(video: Video, playlist: Video[]): Pick<PlayerState, 'playlist' | 'index'> {
  const list = playlist.some((v) => v.id === video.id) ? playlist : [video]
  return { playlist: list, index: list.findIndex((v) => v.id === video.id) }
}

/** neighbour is the video dir places away in the playlist, if there is one. */
export function neighbour(s: PlayerState, dir: 1 | -1): Video | undefined {
  return s.playlist[s.index + dir]
}

/** counterText is "2 / 7" for a video in a folder of several, else "". */
export function counterText(s: PlayerState): string {
  return s.playlist.length > 1 ? `${s.index + 1} / ${s.playlist.length}` : ''
}

/** documentTitle is the window's title. */
export function documentTitle(s: PlayerState): string {
  return s.video ? `${s.video.name} — Reel` : 'Reel'
}
