// Package attachments lists the files attached to a Matroska (MKV, WebM)
// file, and tells which of them are fonts: the fonts an ASS subtitle track
// of the same file is styled with (issue 10).
//
// It reads element headers only, with ReadAt, never the clusters' frames nor
// the attachments' data: a File says where its bytes are, and the caller
// serves them with an io.SectionReader. A hostile file costs at most
// maxElements header reads, and every offset it claims is checked against
// its parent's end.
package attachments

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// File is one attached file.
type File struct {
	// Name is the file name the muxer stored (FileName), as it is.
	Name string
	// MIME is the media type the muxer stored (FileMimeType), often wrong
	// for fonts: see Font.
	MIME string
	// Offset and Size place the file's bytes (FileData) in the container.
	Offset, Size int64
}

// ErrNotMatroska is returned by Read for data that does not start with an
// EBML header followed by a Segment.
var ErrNotMatroska = errors.New("attachments: not a Matroska file")

// Matroska element IDs (RFC 9559 §5.1), with their marker bits.
const (
	idEBML         = 0x1A45DFA3
	idSegment      = 0x18538067
	idSeekHead     = 0x114D9B74
	idSeek         = 0x4DBB
	idSeekID       = 0x53AB
	idSeekPosition = 0x53AC
	idCluster      = 0x1F43B675
	idAttachments  = 0x1941A469
	idAttachedFile = 0x61A7
	idFileName     = 0x466E
	idFileMimeType = 0x4660
	idFileData     = 0x465C
)

const (
	// maxElements bounds the headers one Read looks at, all levels
	// together. A 2 GB file has a few thousand clusters at the top level,
	// and each attached file a handful of elements.
	maxElements = 1 << 16
	// maxFiles bounds the attachments listed; real files carry a few dozen fonts.
	maxFiles = 1000
	// maxString bounds a name or a media type.
	maxString = 4096
	// unknownSize is what elementHeader reports for a size whose bits are
	// all ones (RFC 9559 §6.2, "Unknown Data Size"), as live muxers write.
	unknownSize = -1
)

// Read lists the attachments of the Matroska file r of size bytes, in the
// order the file holds them; a file without attachments gives none.
//
// It walks the Segment's top-level elements, skipping each by its size, and
// reads the first Attachments element it meets. A cluster of unknown size
// cannot be skipped (issue 10): then it follows the SeekHead, which names
// where Attachments sits when a muxer put it after the clusters.
func Read(ra io.ReaderAt, size int64) ([]File, error) {
	r := &reader{ReaderAt: ra, budget: maxElements}
	id, off, n, err := r.elementHeader(0, size)
	if err != nil || id != idEBML || n == unknownSize {
		return nil, ErrNotMatroska
	}
	// A truncated file (a download under way) has a Segment longer than
	// itself: read what is there.
	id, seg, n, err := r.elementHeader(off+n, math.MaxInt64)
	if err != nil || id != idSegment {
		return nil, ErrNotMatroska
	}
	segEnd := size
	if n != unknownSize && seg+n < size {
		segEnd = seg + n
	}
	var seeks []int64
	pos := seg
	for pos < segEnd {
		id, data, n, err := r.elementHeader(pos, segEnd)
		if errors.Is(err, ErrTooMany) {
			return nil, err
		}
		if err != nil {
			break // a damaged tail: what the SeekHead says may still help
		}
		switch id {
		case idAttachments:
			if n == unknownSize {
				n = segEnd - data
			}
			return r.attachments(data, data+n)
		case idSeekHead:
			if n != unknownSize {
				seeks = append(seeks, r.seekPositions(seg, data, data+n)...)
			}
		}
		if n == unknownSize {
			break // an unknown-size cluster: only the SeekHead can help now
		}
		pos = data + n
	}
	for _, at := range seeks {
		if at <= seg || at >= segEnd {
			continue
		}
		if id, data, n, err := r.elementHeader(at, segEnd); err == nil && id == idAttachments {
			if n == unknownSize {
				n = segEnd - data
			}
			return r.attachments(data, data+n)
		}
	}
	if r.budget <= 0 {
		return nil, ErrTooMany
	}
	return nil, nil
}

// reader reads element headers, at most budget more of them.
type reader struct {
	io.ReaderAt
	budget int
}

// ErrTooMany is returned by Read for a file that would make it read more
// than maxElements element headers: a hostile one, or one laid out as no
// muxer writes.
var ErrTooMany = fmt.Errorf("attachments: more than %d elements to read", maxElements)

// seekPositions returns the absolute offsets the SeekHead between start and
// end gives for Attachments. Positions are relative to the Segment's data
// (RFC 9559 §5.1.1.1.2).
func (r *reader) seekPositions(seg, start, end int64) []int64 {
	var out []int64
	r.children(start, end, func(id, data, n int64) {
		if id != idSeek {
			return
		}
		var target, at int64 = 0, -1
		r.children(data, data+n, func(id, data, n int64) {
			switch id {
			case idSeekID:
				if b, err := readBytes(r, data, n, 4); err == nil {
					target = int64(uintValue(b))
				}
			case idSeekPosition:
				if b, err := readBytes(r, data, n, 8); err == nil {
					at = int64(uintValue(b))
				}
			}
		})
		if target == idAttachments && at >= 0 && at <= end {
			out = append(out, seg+at)
		}
	})
	return out
}

// attachments lists the AttachedFile elements between start and end.
func (r *reader) attachments(start, end int64) ([]File, error) {
	var files []File
	var err error
	r.children(start, end, func(id, data, n int64) {
		if id != idAttachedFile || err != nil {
			return
		}
		if len(files) == maxFiles {
			err = fmt.Errorf("attachments: more than %d attached files", maxFiles)
			return
		}
		f := File{Offset: -1}
		r.children(data, data+n, func(id, data, n int64) {
			switch id {
			case idFileName, idFileMimeType:
				b, e := readBytes(r, data, n, maxString)
				if e != nil {
					return
				}
				if id == idFileName {
					f.Name = cString(b)
				} else {
					f.MIME = cString(b)
				}
			case idFileData:
				f.Offset, f.Size = data, n
			}
		})
		if f.Offset >= 0 { // FileData is mandatory; a file without it is skipped
			files = append(files, f)
		}
	})
	if err == nil && r.budget <= 0 {
		err = ErrTooMany
	}
	if err != nil {
		return nil, err
	}
	return files, nil
}

// children calls fn with the ID, data offset and size of each element of
// known size between start and end, stopping at the first damaged one.
func (r *reader) children(start, end int64, fn func(id, data, n int64)) {
	for pos := start; pos < end; {
		id, data, n, err := r.elementHeader(pos, end)
		if err != nil || n == unknownSize {
			return
		}
		fn(id, data, n)
		pos = data + n
	}
}

// elementHeader reads the EBML element header at pos: its ID (marker bits
// kept, as the spec writes IDs), where its data starts, and its size, or
// unknownSize. The element must end by end.
func (r *reader) elementHeader(pos, end int64) (id, data, n int64, err error) {
	if r.budget <= 0 {
		return 0, 0, 0, ErrTooMany
	}
	r.budget--
	var buf [12]byte // an ID of up to 4 bytes and a size of up to 8
	m, err := r.ReadAt(buf[:min(int64(len(buf)), max(end-pos, 0))], pos)
	if m == 0 {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return 0, 0, 0, err
	}
	b := buf[:m]
	idLen := vintLen(b[0])
	if idLen == 0 || idLen > 4 || idLen >= len(b) {
		return 0, 0, 0, errBadElement
	}
	id = int64(uintValue(b[:idLen]))
	sizeLen := vintLen(b[idLen])
	if sizeLen == 0 || idLen+sizeLen > len(b) {
		return 0, 0, 0, errBadElement
	}
	raw := b[idLen : idLen+sizeLen]
	v := uint64(raw[0]) & (0xFF >> sizeLen)
	all := v == uint64(0xFF>>sizeLen)
	for _, c := range raw[1:] {
		v = v<<8 | uint64(c)
		all = all && c == 0xFF
	}
	data = pos + int64(idLen+sizeLen)
	if all {
		return id, data, unknownSize, nil
	}
	if v > uint64(end-data) {
		return 0, 0, 0, errBadElement
	}
	return id, data, int64(v), nil
}

var errBadElement = errors.New("attachments: damaged element header")

// vintLen is the length of the variable-size integer that starts with b:
// one more than its leading zero bits (RFC 8794 §4), or 0 for 0x00.
func vintLen(b byte) int {
	for i := range 8 {
		if b&(0x80>>i) != 0 {
			return i + 1
		}
	}
	return 0
}

// readBytes reads the n bytes at off, if n is at most limit.
func readBytes(r io.ReaderAt, off, n, limit int64) ([]byte, error) {
	if n > limit {
		return nil, errBadElement
	}
	b := make([]byte, n)
	if _, err := r.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// uintValue is b read as a big-endian unsigned integer of up to 8 bytes.
func uintValue(b []byte) uint64 {
	var buf [8]byte
	copy(buf[8-len(b):], b)
	return binary.BigEndian.Uint64(buf[:])
}

// cString is b up to its first NUL: EBML strings may be padded with them
// (RFC 8794 §7.4).
func cString(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}
