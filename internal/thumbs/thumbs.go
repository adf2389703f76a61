// Package thumbs keeps a poster JPEG for each video, cached on disk by
// (path, size, modification time) so a second visit shows them at once.
//
// Posters come from ffmpeg when it is on PATH. Without ffmpeg the page draws
// a frame of the video itself (a hidden <video> on a canvas) and hands the
// JPEG over with Put; Reel needs no ffmpeg to show thumbnails.
package thumbs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"reel/internal/ffmpegbin"
	"reel/internal/library"
	"reel/internal/proc"
	"reel/internal/store"
)

// MaxJPEG is the largest poster Put accepts.
const MaxJPEG = 2 << 20

// Errors of Get and Put.
var (
	// ErrNeedCapture means there is no poster yet and Reel cannot make one
	// itself: the page may capture a frame and Put it.
	ErrNeedCapture = errors.New("thumbs: no poster yet; the page can capture one")
	// ErrNotJPEG means Put was given something other than a JPEG.
	ErrNotJPEG = errors.New("thumbs: not a JPEG image")
)

// Opener opens videos by id through the library's os.Root.
type Opener interface {
	OpenFile(id string) (*os.File, os.FileInfo, error)
}

// Service makes, caches and serves posters.
type Service struct {
	store  *store.Store
	files  Opener
	dir    string
	ffmpeg string
	sem    chan struct{} // ffmpeg runs at a time

	mu       sync.Mutex
	inflight map[string]*call
}

type call struct {
	done chan struct{}
	path string
	err  error
}

// New returns a service caching posters in dir. Set useFFmpeg to false to
// leave every capture to the page.
func New(st *store.Store, files Opener, dir string, useFFmpeg bool) (*Service, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("thumbs: %w", err)
	}
	s := &Service{store: st, files: files, dir: dir, sem: make(chan struct{}, 2), inflight: map[string]*call{}}
	if useFFmpeg {
		s.ffmpeg, _ = ffmpegbin.Find("ffmpeg")
	}
	return s, nil
}

// UsesFFmpeg reports whether posters are made with ffmpeg.
func (s *Service) UsesFFmpeg() bool { return s.ffmpeg != "" }

// DefaultDir returns the user's cache folder for posters.
func DefaultDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "reel", "thumbs"), nil
}

// Get returns the path of v's poster, making it with ffmpeg when needed;
// duration (seconds, 0 if unknown) picks the frame.
func (s *Service) Get(ctx context.Context, v library.Video, duration float64) (string, error) {
	k := key(v)
	if p, ok := s.cached(k); ok {
		return p, nil
	}
	if s.ffmpeg == "" {
		return "", ErrNeedCapture
	}
	name := fileName(k)
	s.mu.Lock()
	if c, ok := s.inflight[name]; ok {
		s.mu.Unlock()
		select {
		case <-c.done:
			return c.path, c.err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	c := &call{done: make(chan struct{})}
	s.inflight[name] = c
	s.mu.Unlock()

	c.path, c.err = s.make(ctx, v, k, duration)
	close(c.done)
	s.mu.Lock()
	delete(s.inflight, name)
	s.mu.Unlock()
	return c.path, c.err
}

// Put stores a poster the page captured for v.
func (s *Service) Put(v library.Video, jpeg []byte) error {
	if len(jpeg) > MaxJPEG || !bytes.HasPrefix(jpeg, []byte{0xFF, 0xD8, 0xFF}) {
		return ErrNotJPEG
	}
	k := key(v)
	p := filepath.Join(s.dir, fileName(k))
	if err := writeAtomic(p, jpeg); err != nil {
		return err
	}
	return s.store.PutThumbnail(k, p)
}

func (s *Service) cached(k store.FileKey) (string, bool) {
	p, ok, err := s.store.Thumbnail(k)
	if err != nil || !ok {
		return "", false
	}
	if st, err := os.Stat(p); err != nil || st.Size() == 0 {
		return "", false
	}
	return p, true
}

// make runs ffmpeg on the file opened through the library, handed to the
// child as a file descriptor on Linux so no path is reopened outside
// os.Root's checks.
func (s *Service) make(ctx context.Context, v library.Video, k store.FileKey, duration float64) (string, error) {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-s.sem }()

	f, _, err := s.files.OpenFile(v.ID)
	if err != nil {
		return "", err
	}
	defer f.Close()
	at := 3.0
	if duration > 0 {
		at = duration * 0.1
		if at > 300 {
			at = 300 // far enough in to skip titles, near enough to seek fast
		}
	}
	out := filepath.Join(s.dir, fileName(k))
	tmp := out + ".tmp.jpg"
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	input, extra := proc.Input(f)
	cmd := proc.Command(ctx, s.ffmpeg, "-nostdin", "-loglevel", "error", "-y",
		"-ss", strconv.FormatFloat(at, 'f', 2, 64), "-i", input,
		"-frames:v", "1", "-vf", "scale=480:-2", "-q:v", "5", "-f", "image2", tmp)
	cmd.ExtraFiles = extra
	if msg, err := cmd.CombinedOutput(); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("%w (ffmpeg: %v: %s)", ErrNeedCapture, err, bytes.TrimSpace(msg))
	}
	if st, err := os.Stat(tmp); err != nil || st.Size() == 0 {
		os.Remove(tmp)
		return "", fmt.Errorf("%w (ffmpeg wrote no frame)", ErrNeedCapture)
	}
	if err := os.Rename(tmp, out); err != nil {
		return "", err
	}
	return out, s.store.PutThumbnail(k, out)
}

func key(v library.Video) store.FileKey {
	return store.FileKey{Path: v.AbsPath, Size: v.Size, ModTime: v.ModTime.UnixNano()}
}

func fileName(k store.FileKey) string {
	sum := sha256.Sum256([]byte(k.Path + "\x00" + strconv.FormatInt(k.Size, 10) + "\x00" + strconv.FormatInt(k.ModTime, 10)))
	return hex.EncodeToString(sum[:16]) + ".jpg"
}

func writeAtomic(p string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".put-*.jpg")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), p)
}
