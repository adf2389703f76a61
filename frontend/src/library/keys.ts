// The list's keyboard: which key does what in the library. listKey is pure;
// the view carries out what it answers.

/** ListKey is what a key asks of the list. */
export type ListKey =
  | { kind: 'filter' }
  | { kind: 'up' }
  | { kind: 'open' }
  /** move selects by a step the grid measures: by items across, by rows down, by pages. */
  | { kind: 'move'; by: 'item' | 'row' | 'page'; n: number }
  | { kind: 'home' }
  | { kind: 'end' }
  /** type is a letter for type-ahead (issue 13): the next name starting with what was typed. */
  | { kind: 'type'; ch: string }
  /** escape clears the filter before anything else (issue 13). */
  | { kind: 'escape' }
  /** settings opens the settings panel (Ctrl+,). */
  | { kind: 'settings' }

/** KeyTarget is what listKey needs to know of where the key was pressed. */
export interface KeyTarget {
  /** typing: the focus is in a text field or a select. */
  typing: boolean
  /** inMenu: the focus is in the recent folders menu, which keeps its keys. */
  inMenu: boolean
  /** onButton: the focus is on a button, which keeps Enter and Space. */
  onButton: boolean
  /** inStrip: the focus is in "Continue watching", which keeps its arrows. */
  inStrip: boolean
}

/** KeyInput is the part of a KeyboardEvent listKey reads. */
export interface KeyInput {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
  altKey?: boolean
}

/** targetOf describes where e was pressed. */
export function targetOf(e: KeyboardEvent, menu: HTMLElement): KeyTarget {
  const t = e.target instanceof HTMLElement ? e.target : null
  return {
    typing: t !== null && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable),
    inMenu: t !== null && menu.contains(t),
    onButton: t !== null && t.closest('button, summary') !== null,
    inStrip: t !== null && t.closest('.continue') !== null,
  }
}

/**
 * listKey maps a key press to what the list does, or null to leave the key
 * alone. grid says whether the items are cards (← and → move) or rows.
 */
export function listKey(e: KeyInput, t: KeyTarget, grid: boolean): ListKey | null {
  if (t.inMenu) return null
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') return { kind: 'filter' }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === ',') return { kind: 'settings' }
  if (t.typing || e.ctrlKey || e.metaKey || e.altKey) return null
  if (t.onButton && (e.key === 'Enter' || e.key === ' ')) return null
  if (t.inStrip && e.key.startsWith('Arrow')) return null
  switch (e.key) {
    case '/':
      return { kind: 'filter' }
    case 'Backspace':
      return { kind: 'up' }
    case 'Enter':
      return { kind: 'open' }
    case 'ArrowRight':
      return grid ? { kind: 'move', by: 'item', n: 1 } : null
    case 'ArrowLeft':
      return grid ? { kind: 'move', by: 'item', n: -1 } : null
    case 'ArrowDown':
      return { kind: 'move', by: 'row', n: 1 }
    case 'ArrowUp':
      return { kind: 'move', by: 'row', n: -1 }
    case 'PageDown':
      return { kind: 'move', by: 'page', n: 1 }
    case 'PageUp':
      return { kind: 'move', by: 'page', n: -1 }
    case 'Home':
      return { kind: 'home' }
    case 'End':
      return { kind: 'end' }
    case 'Escape':
      return { kind: 'escape' }
  }
  if (e.key.length === 1 && e.key.trim() !== '') return { kind: 'type', ch: e.key }
  return null
}
