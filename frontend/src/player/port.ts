// PlayerPort: what the player's parts (its keys, its buttons, the error box)
// may ask of the view. They get this narrow interface, not the view, so
// nothing under player/ imports views/player.ts.

/** PlayerPort is the view's commands. */
export interface PlayerPort {
  /** close stops playback and returns to the list. */
  close(): void
  /** step opens the video dir places away in the folder. */
  step(dir: 1 | -1): void
  /** retry opens the current video again. */
  retry(): void
  toggleHelp(): void
  setAutoplay(on: boolean): void
  setLoop(on: boolean): void
  toggleSubtitles(): void
  /** chapter moves to the next or previous chapter (issue 10); false when the video has none. */
  chapter(dir: 1 | -1): boolean
  /** nextAudio plays the file's next audio track (issue 10). */
  nextAudio(): void
  /** subtitleDelay moves the subtitles steps of 0.1 s later (negative: earlier) (issue 10). */
  subtitleDelay(steps: number): void
  /** subtitleSize makes the subtitles steps of 10 % larger (negative: smaller) (issue 10). */
  subtitleSize(steps: number): void
  toggleFullscreen(want?: boolean): Promise<void>
  /** escape leaves fullscreen, else the player. */
  escape(): Promise<void>
}
