// The library's commands: what its parts (toolbar, crumbs, panels, keys)
// ask of the view. They reach it through this narrow port, never by
// importing the view, so the parts import nothing above them.
import type { SortKey, ViewMode } from './model'

/** LibraryPort is what the library's parts may ask the view to do. */
export interface LibraryPort {
  /** showDir lists dir, selecting the item keyed select when given. */
  showDir(dir: string, select?: string): void
  /** goUp shows the parent folder, selecting the folder we came from. */
  goUp(): void
  setFilter(q: string): void
  /** clearFilter empties the filter and gives the keyboard back to the list. */
  clearFilter(): void
  /** setSort sorts by k; desc, when given, sets the direction too. */
  setSort(k: SortKey, desc?: boolean): void
  toggleDesc(): void
  toggleRecursive(): void
  setView(v: ViewMode): void
  /** focusList gives the keyboard to the list. */
  focusList(): void
  /** chooseFolder shows the native folder dialog. */
  chooseFolder(): void
}
