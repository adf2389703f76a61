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
  /** Why saves or live updates fail right now (a full disk, a read-only database), or "". */
  problem: string
  recent: Recent[]
  /** failed, told once, is a folder the user chose that could not be opened (issue 13). */
  failed?: OpenFailure
  /** start, asked for at launch, is what the first paint of the opened folder needs (issue 8). */
  start?: Start
}

/** Start is the opened folder's saved view settings and, when one was kept, its cached first page. */
export interface Start {
  settings: FolderSettings
  listing?: Listing
  /** continue is "Continue watching", as GET /api/continue answers it. */
  continue: Video[]
}

/** OpenFailure is why a folder could not be opened: the status and message a listing of it would answer. */
export interface OpenFailure {
  path: string
  status: number
  error: string
}

/** Status is the answer of GET /api/status. */
export interface Status {
  problem: string
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
  /** Sidecars are srt or vtt; embedded tracks (issue 10) also ass, ssa, mov_text, pgs, vobsub, dvb… */
  format: string
  /** Serves the track as WebVTT (ASS text for ass and ssa); "" for a track that cannot be shown. */
  url: string
}

/** AudioInfo is one audio track of a file (GET /api/tracks/{id}, issue 10). */
export interface AudioInfo {
  /** Place among the file's audio tracks: the engine's audioTracks order. */
  index: number
  codec: string
  language: string
  channels?: number
  title?: string
  default: boolean
}

/** EmbeddedSubtitle is one subtitle track inside the file. */
export interface EmbeddedSubtitle {
  index: number
  format: string
  kind: 'text' | 'image'
  language: string
  title?: string
  default: boolean
  forced: boolean
  /** The track's text; "" for pictures or without ffmpeg. */
  url: string
}

/** Chapter is one chapter, in seconds. */
export interface Chapter {
  start: number
  end: number
  title: string
}

/** TrackList is the answer of GET /api/tracks/{id}. */
export interface TrackList {
  audio: AudioInfo[]
  subtitles: EmbeddedSubtitle[]
  chapters: Chapter[]
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
  /** Where videos start among all of the folder's, and how many there are (a page of a listing). */
  offset?: number
  total?: number
  /** cached marks the last launch's first page, shown before the folder is read again (issue 8). */
  cached?: boolean
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
}

export interface PlayerSettings {
  volume: number
  muted: boolean
  rate: number
  autoplayNext: boolean
  /** One of resumeModes (generated/rules.ts). */
  resume: 'ask' | 'always' | 'never'
  loop: boolean
  /** Language last chosen, "off", or "" for the default; the settings panel sets the preferred one. */
  subtitleLang: string
  /** Preferred audio language, "" for the file's default track. */
  audioLang?: string
  /** One of themes (generated/rules.ts). */
  theme?: string
  /** One of wheelActions (generated/rules.ts): what the mouse wheel does over the player. */
  wheel?: string
  /** The subtitles' size, a factor of the engine's own (− and +), from minSubtitleSize to maxSubtitleSize. */
  subtitleSize?: number
}

export interface Position {
  position: number
  duration: number
  watched: boolean
}

/** Font is one font a video carries for its ASS subtitles (GET /api/fonts/{id}). */
export interface Font {
  name: string
  url: string
}
