// Type-ahead (issue 13, item 5): typing letters in the list jumps to the
// next name that starts with them, as in file managers. Pure: the view
// hands in the names and the time.

/** typeAheadMs is how long a pause ends the word being typed. */
export const typeAheadMs = 1000

/** TypeAhead keeps the letters typed lately and finds the name they start. */
export class TypeAhead {
  private word = ''
  private at = -Infinity

  /**
   * find adds ch, typed at now, and returns the index in names to select,
   * or -1 when none starts with what was typed. from is the selected index:
   * a longer word may stay on it, and one letter typed again and again
   * steps through the names starting with it.
   */
  find(ch: string, now: number, names: readonly string[], from: number): number {
    if (now - this.at > typeAheadMs) this.word = ''
    this.at = now
    const c = ch.toLowerCase()
    const repeat = this.word.length > 0 && [...this.word].every((x) => x === c)
    this.word += c
    const n = names.length
    if (n === 0) return -1
    const starts = (i: number, w: string) => names[i].toLowerCase().startsWith(w)
    // One letter again (or a first letter): the next name with it, after the selection.
    if (repeat || this.word.length === 1) {
      for (let k = 1; k <= n; k++) {
        const i = (Math.max(from, -1) + k + n) % n
        if (starts(i, c)) return i
      }
      return -1
    }
    for (let k = 0; k < n; k++) {
      const i = (Math.max(from, 0) + k) % n
      if (starts(i, this.word)) return i
    }
    return -1
  }

  /** reset forgets the letters typed (the folder changed). */
  reset(): void {
    this.word = ''
    this.at = -Infinity
  }
}
