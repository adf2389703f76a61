// The one rule for opening with the pointer (issue 13, item 1): a click
// selects, a double-click (or Enter) opens, for folders and videos alike, as
// in file managers and Jellyfin. And a gesture that began on one view never
// acts on the next: the second click of a double-click that opened a folder,
// or a third click after it, lands on whatever the new view put under the
// pointer, and must do nothing there.
//
// ClickGuard is pure bookkeeping over event times, so it is the same in
// WebKitGTK and Chromium whatever each counts as a double-click.

/** multiClickMs is how close presses must follow each other to form one gesture (GTK's default double-click time is 400 ms). */
export const multiClickMs = 500

/** multiClickPx is how far the pointer may move between the presses of one gesture. */
export const multiClickPx = 8

/** Press is the part of a pointer event the guard reads. */
export interface Press {
  timeStamp: number
  clientX: number
  clientY: number
}

/** ClickGuard tells whether a click or double-click may act on the view on screen. */
export class ClickGuard {
  /** viewAt is when the view on screen replaced the one before. */
  private viewAt = -Infinity
  /** chainAt is when the first press of the current gesture came. */
  private chainAt = -Infinity
  private last: Press | null = null

  /** changed notes that the view was replaced at time now (a performance.now() / event timeStamp). */
  changed(now: number): void {
    this.viewAt = now
  }

  /** down notes a press; presses close in time and place form one gesture. */
  down(p: Press): void {
    const l = this.last
    const same =
      l !== null &&
      p.timeStamp - l.timeStamp <= multiClickMs &&
      Math.abs(p.clientX - l.clientX) <= multiClickPx &&
      Math.abs(p.clientY - l.clientY) <= multiClickPx
    if (!same) this.chainAt = p.timeStamp
    this.last = { timeStamp: p.timeStamp, clientX: p.clientX, clientY: p.clientY }
  }

  /** key notes a key press: presses on either side of it are separate gestures. */
  key(): void {
    this.last = null
  }

  /** allows reports whether the gesture under way began on the view now on screen. */
  allows(): boolean {
    return this.chainAt >= this.viewAt
  }
}
