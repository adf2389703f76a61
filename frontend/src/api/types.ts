// Shapes of the JSON the Go side sends; docs/api.md is the reference.

export interface State {
  root: string
  mode: 'window' | 'browser'
  eventLog: boolean
  notice?: string
}

export interface Folder {
  name: string
  path: string
}

export interface Video {
  id: string
  name: string
  path: string
  size: number
  modTime: string
  url: string
}

export interface Listing {
  root: string
  dir: string
  folders: Folder[]
  videos: Video[]
  problems: string[]
}
