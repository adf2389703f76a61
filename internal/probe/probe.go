// Package probe reads what the library view shows of a video (duration,
// frame size, codecs, container) from the container headers, in pure Go.
//
// MP4, MOV and 3GP are read with github.com/abema/go-mp4, Matroska and WebM
// with github.com/remko/go-mkvparse. Only headers are read: the media data of
// an MP4 (mdat) and the clusters of a Matroska file are skipped by seeking,
// so probing a 50 GB file costs a few small reads. Every read is bounded, so
// a damaged or hostile file yields an error rather than a hang or a large
// allocation.
package probe

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Info is what the library shows of one video.
//
// Width and Height are the size the picture is shown at: an MP4 track's
// presentation size, turned for portrait video recorded with a rotation,
// or a Matroska track's display size. They are 0 when unknown.
type Info struct {
	Duration   float64 `json:"duration"` // seconds, 0 when unknown
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	VideoCodec string  `json:"videoCodec"` // "h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "theora", "mpeg2", ... or "" when unknown
	AudioCodec string  `json:"audioCodec"` // "aac", "mp3", "opus", "vorbis", "ac3", "eac3", "flac", "pcm", ... or ""
	Container  string  `json:"container"`  // "mp4", "mov", "3gp", "matroska", "webm", "avi", "mpegts", "heif", ...
	// Tracks lists every audio and video track with its codec string
	// (issue 9), in file order.
	Tracks []Track `json:"tracks,omitempty"`
	// Fragmented marks an MP4 whose samples are in movie fragments
	// (moof): the window plays those over http://, where they seek
	// (issue 9).
	Fragmented bool `json:"fragmented,omitempty"`
}

var (
	// ErrUnsupported reports a container that Probe recognises but whose
	// headers it does not read (AVI, MPEG-TS, Ogg, ...). Info.Container is
	// set alongside it.
	ErrUnsupported = errors.New("probe: container not supported")

	// ErrUnrecognized reports a file whose first bytes match no known
	// container, whatever its extension says.
	ErrUnrecognized = errors.New("probe: unrecognized format")

	// ErrTruncated reports a file that ends before the headers Probe needs,
	// such as an MP4 cut short before its moov box or a zero-byte file.
	ErrTruncated = errors.New("probe: file ends before its headers")

	// ErrMalformed reports headers that contradict themselves or exceed the
	// limits Probe sets on what a header may make it read or allocate.
	ErrMalformed = errors.New("probe: malformed headers")
)

// Probe reads the container headers of a file of the given size through r;
// ext is the lower-case file extension with its dot (".mp4").
//
// The container is chosen from the first bytes of the file; ext is only a
// hint where those bytes are ambiguous. When the container is recognised
// but something goes wrong, the returned Info still names it. Errors wrap
// ErrUnsupported, ErrUnrecognized, ErrTruncated or ErrMalformed; an I/O
// error from r is returned as it is, or wrapped so that errors.Is finds it.
// A panic inside a parser is returned as ErrMalformed.
func Probe(r io.ReaderAt, size int64, ext string) (info Info, err error) {
	if size < 0 {
		return Info{}, fmt.Errorf("probe: negative size %d", size)
	}
	defer func() {
		if v := recover(); v != nil {
			info, err = Info{Container: info.Container}, fmt.Errorf("%w: parser panic: %v", ErrMalformed, v)
		}
	}()
	src := newSource(r, size)
	defer src.release()
	return probe(src, ext, &info)
}

// ProbeFile opens path and probes it, taking the extension hint from path.
func ProbeFile(path string) (Info, error) {
	f, err := os.Open(path)
	if err != nil {
		return Info{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return Info{}, err
	}
	if !st.Mode().IsRegular() {
		return Info{}, fmt.Errorf("probe: %s is not a regular file", path)
	}
	return Probe(f, st.Size(), strings.ToLower(filepath.Ext(path)))
}

// sniffSize is how much of the file's start sniff looks at: enough for two
// MPEG-TS packets, and for an M2TS one with its 4-byte prefix.
const sniffSize = 512

// probe fills *info as it learns things, so that Probe's recover can keep
// the container name.
func probe(src *source, ext string, info *Info) (Info, error) {
	head := make([]byte, sniffSize)
	n, err := src.ReadAt(head, 0)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return Info{}, err
	}
	head = head[:n]
	if len(head) < 8 {
		return Info{}, fmt.Errorf("%w: %d bytes", ErrTruncated, len(head))
	}
	kind, container := sniff(head, ext)
	info.Container = container
	switch kind {
	case kindISO:
		err = probeMP4(src, info)
	case kindEBML:
		err = probeMatroska(src, info)
	case kindOther:
		err = fmt.Errorf("%w: %s", ErrUnsupported, container)
	default:
		err = ErrUnrecognized
	}
	if err != nil {
		return Info{Container: info.Container}, err
	}
	return *info, nil
}

type kind int

const (
	kindUnknown kind = iota
	kindISO          // ISO base media file: MP4, MOV, 3GP
	kindEBML         // Matroska, WebM
	kindOther        // recognised, not read
)

var ebmlMagic = []byte{0x1A, 0x45, 0xDF, 0xA3}

// sniff names the container from the file's first bytes. The container of
// an ISO file is refined from its ftyp brand by probeMP4.
func sniff(head []byte, ext string) (kind, string) {
	boxType := string(head[4:8])
	switch {
	case boxType == "ftyp":
		return kindISO, "mp4"
	case bytes.HasPrefix(head, ebmlMagic):
		return kindEBML, "matroska"
	case quickTimeWithoutFtyp(head, ext):
		return kindISO, "mov"
	case bytes.HasPrefix(head, []byte("RIFF")) && len(head) >= 12 && string(head[8:12]) == "AVI ":
		return kindOther, "avi"
	case bytes.HasPrefix(head, []byte("OggS")):
		return kindOther, "ogg"
	case bytes.HasPrefix(head, []byte("FLV\x01")):
		return kindOther, "flv"
	case bytes.HasPrefix(head, []byte{0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11}):
		return kindOther, "asf"
	case bytes.HasPrefix(head, []byte{0x00, 0x00, 0x01, 0xBA}):
		return kindOther, "mpeg"
	case syncEvery(head, 0, 188), syncEvery(head, 4, 192):
		return kindOther, "mpegts"
	}
	return kindUnknown, ""
}

// quickTimeWithoutFtyp recognises old QuickTime files, which may start
// straight with a moov, wide or pnot atom. Files starting with mdat, free
// or skip are only taken for QuickTime when the extension agrees, since
// those four letters say less.
func quickTimeWithoutFtyp(head []byte, ext string) bool {
	size := binary.BigEndian.Uint32(head)
	if size != 0 && size != 1 && size < 8 {
		return false
	}
	switch string(head[4:8]) {
	case "moov", "wide", "pnot":
		return true
	case "mdat", "free", "skip":
		switch ext {
		case ".mov", ".qt", ".mp4", ".m4v", ".3gp":
			return true
		}
	}
	return false
}

// syncEvery reports whether head holds two MPEG-TS sync bytes, the first
// at off and the second one packet later.
func syncEvery(head []byte, off, packet int) bool {
	return len(head) > off+packet && head[off] == 0x47 && head[off+packet] == 0x47
}
