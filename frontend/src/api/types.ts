// Shapes of the JSON the Go side sends; docs/api.md is the reference.

export interface Recent {
  id: string
  path: string
  name: string
}

export interface State {
  root: string
  mode: 'window' | 'browser'
  platform: string
  eventLog: boolean
  notice: string
  recent: Recent[]
}

export interface Folder {
  name: string
  path: string
  /** Videos directly inside; -1 when the folder is unreadable. */
  videoCount: number
}

export interface Subtitle {
  lang: string
  label: string
  format: 'srt' | 'vtt'
  /** Serves the track as WebVTT. */
  url: string
}

export interface Video {
  id: string
  name: string
  path: string
  size: number
  modTime: string
  /** What the <video> plays. */
  url: string
  /** Saved playback position in seconds, 0 if never played. */
  position: number
  /** Duration saved with the position, when known. */
  duration?: number
  watched: boolean
  subtitles: Subtitle[]
}

export interface Listing {
  root: string
  dir: string
  folders: Folder[]
  videos: Video[]
  problems: string[]
  /** Pass to waitForChanges. */
  version: number
}

export interface Verdict {
  playable: boolean
  reason?: string
}

/** Rung is how far from the file the stream a page plays is (issue 9; player/source.ts picks it). */
export type Rung = 'direct' | 'remux' | 'aac' | 'h264' | 'none'

/** Track is one audio or video track with its RFC 6381 codec string (issue 9). */
export interface Track {
  type: 'video' | 'audio'
  codec: string
  /** "avc1.64001f", "mp4a.40.2", "ac-3"…, or the bare codec name where none is registered. */
  codecString: string
  channels?: number
  bitDepth?: number
}

export interface Meta {
  duration: number
  width: number
  height: number
  videoCodec: string
  audioCodec: string
  container: string
  /** "1080p", or "" when unknown. */
  resolution: string
  verdict: Verdict
  /** Every audio and video track; absent in answers from before issue 9. */
  tracks?: Track[]
  /** An MP4 whose samples are in movie fragments. */
  fragmented?: boolean
  /** The rung this page's engine needs (player/source.ts), set when the answer arrives. */
  rung?: Rung
  /** Why the file could not be read; the page shows "unknown". */
  error?: string
}

export interface MetaAnswer {
  items: Record<string, Meta>
  errors: Record<string, string>
}

export interface FolderSettings {
  sort: '' | 'name' | 'date' | 'size' | 'duration'
  desc: boolean
  filter: string
  view: '' | 'grid' | 'list'
  recursive: boolean
  subtitleLang: string
}

export interface PlayerSettings {
  volume: number
  muted: boolean
  rate: number
  autoplayNext: boolean
  resume: 'ask' | 'always'
  loop: boolean
  /** Language last chosen, "off", or "" for the default. */
  subtitleLang: string
}

export interface Position {
  position: number
  duration: number
  watched: boolean
}
