// Package metadata gives the library view each video's duration, frame size
// and codecs: from the store when the file is unchanged since it was last
// probed, else by probing its headers (internal/probe), a few files at a
// time, and remembering the answer — failures included, so a damaged file
// is not re-read on every visit.
package metadata

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"reel/internal/library"
	"reel/internal/probe"
	"reel/internal/store"
)

// Entry is what the page shows of one video's contents.
type Entry struct {
	probe.Info
	// Resolution is the usual name of the frame height ("1080p"), or "".
	Resolution string `json:"resolution"`
	// Verdict says whether this platform's webview plays the codecs.
	Verdict probe.Verdict `json:"verdict"`
	// Error is why the file could not be read ("unknown" in the page).
	Error string `json:"error,omitempty"`
}

// cached is what the store keeps per file.
type cached struct {
	Info  probe.Info `json:"info"`
	Error string     `json:"error,omitempty"`
	// Version is probeVersion when the entry was written; older entries
	// are probed again.
	Version int `json:"v,omitempty"`
}

// probeVersion counts changes to what a probe learns. 1: tracks with
// codec strings, fragmented MP4 durations, and AVI, MPEG-TS, FLV, ASF,
// Ogg and MPEG-PS read through ffprobe (issue 9). 2: fragmented MP4 marked.
// 3: AC-3 and E-AC-3 channels in MP4 read from dac3 and dec3 (issue 10).
const probeVersion = 3

// Files opens videos by id: the library.
type Files interface {
	Describe(id string) (library.Video, error)
	OpenFile(id string) (*os.File, fs.FileInfo, error)
}

// Service answers metadata requests.
type Service struct {
	files   Files
	store   *store.Store
	goos    string
	workers int
	log     *log.Logger
	ffprobe probe.FFprobe // Path "" when there is none
}

// New returns a service reading files through files and caching in st.
func New(files Files, st *store.Store, logger *log.Logger) *Service {
	ff, _ := probe.FindFFprobe()
	return &Service{files: files, store: st, goos: runtime.GOOS, workers: 4, log: logger, ffprobe: ff}
}

// Get returns the metadata of the videos with ids. Unknown ids and files
// gone from disk are left out of the answer and named in missing.
func (s *Service) Get(ids []string) (entries map[string]Entry, missing map[string]string) {
	entries = make(map[string]Entry, len(ids))
	missing = map[string]string{}
	videos := make([]library.Video, 0, len(ids))
	keys := make([]store.FileKey, 0, len(ids))
	for _, id := range ids {
		v, err := s.files.Describe(id)
		if err != nil {
			missing[id] = err.Error()
			continue
		}
		videos = append(videos, v)
		keys = append(keys, key(v))
	}
	known, err := s.store.MetadataMany(keys)
	if err != nil && s.log != nil {
		s.log.Printf("metadata: cache read: %v", err)
	}
	var todo []library.Video
	for i, v := range videos {
		if raw, ok := known[keys[i]]; ok {
			var c cached
			if json.Unmarshal(raw, &c) == nil && c.Version == probeVersion {
				entries[v.ID] = s.entry(c)
				continue
			}
		}
		todo = append(todo, v)
	}
	for _, r := range s.probeAll(todo) {
		entries[r.id] = s.entry(r.c)
		raw, _ := json.Marshal(r.c)
		if err := s.store.PutMetadata(key(r.v), raw); err != nil && s.log != nil {
			s.log.Printf("metadata: cache write: %v", err)
		}
	}
	return entries, missing
}

type probed struct {
	id string
	v  library.Video
	c  cached
}

func (s *Service) probeAll(videos []library.Video) []probed {
	out := make([]probed, len(videos))
	var wg sync.WaitGroup
	sem := make(chan struct{}, s.workers)
	for i, v := range videos {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			info, err := s.probeOne(v)
			c := cached{Info: info, Version: probeVersion}
			if err != nil {
				c.Error = err.Error()
				if s.log != nil {
					s.log.Printf("metadata: %q: %q", v.Path, err.Error())
				}
			}
			out[i] = probed{id: v.ID, v: v, c: c}
		}()
	}
	wg.Wait()
	return out
}

func (s *Service) probeOne(v library.Video) (probe.Info, error) {
	f, info, err := s.files.OpenFile(v.ID)
	if err != nil {
		return probe.Info{}, err
	}
	defer f.Close()
	if s.ffprobe.Path == "" {
		return probe.Probe(f, info.Size(), strings.ToLower(filepath.Ext(v.Name)))
	}
	return probe.ProbeWith(context.Background(), s.ffprobe, f, info.Size())
}

func (s *Service) entry(c cached) Entry {
	e := Entry{Info: c.Info, Resolution: Resolution(c.Info.Width, c.Info.Height), Error: c.Error}
	e.Verdict = probe.Playability(s.goos, c.Info)
	return e
}

func key(v library.Video) store.FileKey {
	return store.FileKey{Path: v.AbsPath, Size: v.Size, ModTime: v.ModTime.UnixNano()}
}

// Resolution names a frame size the way players do: "2160p" (4K), "1080p",
// "720p"… from the shorter side, so portrait phone videos read right.
func Resolution(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	short := min(w, h)
	long := max(w, h)
	// Widescreen films are letterboxed: 1920×800 is "1080p" by its width.
	for _, r := range []struct{ long, short int }{{7680, 4320}, {3840, 2160}, {2560, 1440}, {1920, 1080}, {1280, 720}} {
		if long >= r.long*9/10 || short >= r.short*9/10 {
			return fmt.Sprintf("%dp", r.short)
		}
	}
	return fmt.Sprintf("%dp", short)
}
