package probe

import (
	"errors"
	"fmt"
	"io"
	"sync"
)

const (
	// windowSize is the size of one read from the file. Box and element
	// headers sit close together, so one read usually serves several.
	windowSize = 16 << 10

	// readBudget caps the bytes a single Probe may fetch. The headers of
	// real files are far below it; a crafted file that keeps a parser
	// reading is stopped here instead of being read to its end.
	readBudget = 64 << 20
)

// source is an io.ReadSeeker and io.ReaderAt over the file being probed.
// Reads go through one window-sized buffer and count against readBudget;
// seeks are free, which is what lets the parsers skip mdat boxes and
// Matroska clusters without touching them.
type source struct {
	ra    io.ReaderAt
	size  int64
	pos   int64
	buf   []byte
	off   int64 // file offset of buf[0]
	spent int64
}

// windows recycles window buffers: a library scan probes thousands of
// files, and the window is most of what one probe allocates.
var windows = sync.Pool{New: func() any { return new([windowSize]byte) }}

func newSource(ra io.ReaderAt, size int64) *source {
	return &source{ra: ra, size: size, buf: windows.Get().(*[windowSize]byte)[:0]}
}

// release returns the window to the pool; s must not be used after.
func (s *source) release() {
	windows.Put((*[windowSize]byte)(s.buf[:windowSize]))
	s.buf = nil
}

// Read fills p completely unless the file ends first, in which case it
// returns the bytes it has with io.ErrUnexpectedEOF; at the end of the
// file it returns 0, io.EOF. go-mkvparse calls Read once for a fixed-size
// field and takes a short read for the whole value, so Read never returns
// a short count without an error.
func (s *source) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if s.pos >= s.size {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) {
		if s.pos >= s.size {
			return n, io.ErrUnexpectedEOF
		}
		if !s.buffered(s.pos) {
			if err := s.fill(s.pos); err != nil {
				if n > 0 && err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return n, err
			}
			continue
		}
		c := copy(p[n:], s.buf[s.pos-s.off:])
		n += c
		s.pos += int64(c)
	}
	return n, nil
}

// ReadAt reads through the same window without moving the read position,
// so a parser paused in a callback resumes where it was.
func (s *source) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("probe: negative offset")
	}
	saved := s.pos
	s.pos = off
	n, err := s.Read(p)
	s.pos = saved
	return n, err
}

// Seek sets the read position. Positions past the end are allowed, as for
// os.File; reads there return io.EOF.
func (s *source) Seek(offset int64, whence int) (int64, error) {
	var base int64
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		base = s.pos
	case io.SeekEnd:
		base = s.size
	default:
		return 0, errors.New("probe: invalid whence")
	}
	if offset > 0 && base > maxInt64-offset {
		return 0, fmt.Errorf("%w: offset overflows", ErrMalformed)
	}
	if base+offset < 0 {
		return 0, errors.New("probe: negative position")
	}
	s.pos = base + offset
	return s.pos, nil
}

const maxInt64 = 1<<63 - 1

func (s *source) buffered(off int64) bool {
	return off >= s.off && off < s.off+int64(len(s.buf))
}

// fill loads the window starting at off. A file shorter than the size the
// caller gave is treated as ending where the data ends.
func (s *source) fill(off int64) error {
	n := min(int64(cap(s.buf)), s.size-off)
	if n <= 0 {
		return io.EOF
	}
	if s.spent+n > readBudget {
		return fmt.Errorf("%w: headers need more than %d bytes", ErrMalformed, readBudget)
	}
	s.spent += n
	s.buf = s.buf[:n]
	m, err := s.ra.ReadAt(s.buf, off)
	s.buf, s.off = s.buf[:m], off
	if int64(m) < n {
		if err != nil && err != io.EOF {
			return err
		}
		s.size = off + int64(m)
		if m == 0 {
			return io.EOF
		}
	}
	return nil
}
