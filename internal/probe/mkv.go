package probe

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/remko/go-mkvparse"
)

const (
	// maxElements bounds the elements one Matroska probe visits. Besides
	// time, it bounds go-mkvparse's recursion: the parser recurses once for
	// each unknown-size element that follows another at the same level.
	maxElements = 1 << 14

	// maxMasterSize bounds the Info, Tracks and TrackEntry elements Probe
	// looks into. Real ones are a few kilobytes; the largest part of a
	// track is its CodecPrivate, which stays well under a megabyte.
	maxMasterSize = 16 << 20

	// maxLeafSize bounds every other element the probe lets go-mkvparse
	// read, which it reads whole into memory: a CodecID, a size, a
	// CodecPrivate. Of a larger one only the head of a CodecPrivate is
	// read, by the probe itself (issue 11 item 4: 16 files with a 60 MB
	// CodecPrivate once took 600 MB).
	maxLeafSize = 64 << 10

	// defaultTimestampScale is the Matroska default: 1 ms per tick.
	defaultTimestampScale = 1_000_000
)

// errStop ends the parse once Info and Tracks are read, or at the first
// Cluster: nothing past that point is needed.
var errStop = errors.New("probe: done")

// matroskaTrack is what Probe learns of one TrackEntry.
type matroskaTrack struct {
	kind          int64 // TrackType: 1 video, 2 audio
	codecID       string
	private       []byte // the head of CodecPrivate, for V_MS/VFW/FOURCC and A_MS/ACM
	width, height int64  // PixelWidth, PixelHeight
	displayW      int64  // DisplayWidth, DisplayHeight, when DisplayUnit is pixels
	displayH      int64
	displayUnit   int64
	channels      int64 // Audio → Channels

	// For Layout (issue 10).
	language     string // Language (ISO 639-2; the Matroska default is "eng")
	languageIETF string // LanguageBCP47, which wins over Language when present
	name         string // Name: the track's title
	notDefault   bool   // FlagDefault is 0 (its default is 1)
	forced       bool   // FlagForced
}

// frame is an element the handler has descended into.
type frame struct {
	id  mkvparse.ElementID
	off int64
}

// matroskaReader is the go-mkvparse handler. It descends only along
// EBML, Segment → Info and Segment → Tracks → TrackEntry → Video, and
// tracks its position with a stack of the elements it entered rather than
// with go-mkvparse's levels, so that it can also run on single elements
// handed to the parser out of context (see walk).
type matroskaReader struct {
	src      *source
	stack    []frame
	base     int64 // file offset added to the offsets go-mkvparse reports
	nested   bool  // go-mkvparse reads one element handed to it by walk
	elements int

	docType    string
	scale      int64
	duration   float64
	infoDone   bool
	tracksDone bool
	cur        matroskaTrack
	video      *matroskaTrack
	audio      *matroskaTrack
	tracks     []matroskaTrack // every TrackEntry, for Info.Tracks

	// layout makes the reader go on past Info and Tracks to the first
	// Cluster, into the Chapters (issue 10; see ReadLayout).
	layout   bool
	chapters []Chapter
	chap     Chapter
	hidden   bool // ChapterFlagHidden of the atom being read
	editions int  // EditionEntry elements finished: chapters come from the first
}

func probeMatroska(src *source, info *Info) error {
	m := &matroskaReader{src: src, scale: defaultTimestampScale}
	err := mkvparse.Parse(src, m)
	if m.docType == "webm" {
		info.Container = "webm"
	}
	switch {
	case errors.Is(err, errStop), err == nil && m.tracksDone:
	case err == nil:
		// go-mkvparse ends quietly at end of file.
		return fmt.Errorf("%w: no complete Tracks element", ErrTruncated)
	default:
		return boxError(err)
	}
	if !m.tracksDone {
		return fmt.Errorf("%w: no Tracks element before the first Cluster", ErrMalformed)
	}
	m.fill(info)
	return nil
}

func (m *matroskaReader) fill(info *Info) {
	d := m.duration * float64(m.scale) / 1e9
	if d > 0 && !math.IsInf(d, 0) {
		info.Duration = d
	}
	if v := m.video; v != nil {
		info.VideoCodec = matroskaCodec(v.codecID, v.private)
		info.Width, info.Height = v.size()
	}
	if a := m.audio; a != nil {
		info.AudioCodec = matroskaCodec(a.codecID, a.private)
	}
	info.Tracks = matroskaTracks(m.tracks)
}

// size is the display size of the track: DisplayWidth and DisplayHeight
// when they are in pixels (DisplayUnit 0), as for anamorphic DVD video,
// otherwise PixelWidth and PixelHeight. Sizes no picture has read as 0.
func (t *matroskaTrack) size() (width, height int) {
	w, h := t.width, t.height
	if t.displayUnit == 0 && t.displayW > 0 && t.displayH > 0 {
		w, h = t.displayW, t.displayH
	}
	if w <= 0 || h <= 0 || w > math.MaxInt32 || h > math.MaxInt32 {
		return 0, 0
	}
	return int(w), int(h)
}

func (m *matroskaReader) parent() mkvparse.ElementID {
	if len(m.stack) == 0 {
		return 0
	}
	return m.stack[len(m.stack)-1].id
}

// descends lists which element is entered under which parent; 0 is the
// top of the file.
var descends = map[[2]mkvparse.ElementID]bool{
	{0, mkvparse.EBMLElement}:                            true,
	{0, mkvparse.SegmentElement}:                         true,
	{mkvparse.SegmentElement, mkvparse.InfoElement}:      true,
	{mkvparse.SegmentElement, mkvparse.TracksElement}:    true,
	{mkvparse.TracksElement, mkvparse.TrackEntryElement}: true,
	{mkvparse.TrackEntryElement, mkvparse.VideoElement}:  true,
	{mkvparse.TrackEntryElement, mkvparse.AudioElement}:  true,
}

// layoutDescends are the elements entered besides descends when reading
// a Layout: the top-level chapters of each edition, with their names.
var layoutDescends = map[[2]mkvparse.ElementID]bool{
	{mkvparse.SegmentElement, mkvparse.ChaptersElement}:           true,
	{mkvparse.ChaptersElement, mkvparse.EditionEntryElement}:      true,
	{mkvparse.EditionEntryElement, mkvparse.ChapterAtomElement}:   true,
	{mkvparse.ChapterAtomElement, mkvparse.ChapterDisplayElement}: true,
}

// enters reports whether the reader enters element id under parent.
func (m *matroskaReader) enters(parent, id mkvparse.ElementID) bool {
	k := [2]mkvparse.ElementID{parent, id}
	return descends[k] || m.layout && layoutDescends[k]
}

// begin resets what the reader collects for an element it enters.
func (m *matroskaReader) begin(id mkvparse.ElementID) {
	switch id {
	case mkvparse.TrackEntryElement:
		m.cur = matroskaTrack{}
	case mkvparse.ChapterAtomElement:
		m.chap, m.hidden = Chapter{}, false
	}
}

// HandleMasterBegin decides whether to enter a master element.
//
// go-mkvparse skips the data of an element whose ID it does not know
// without consuming it, and then reads that data as if it were the next
// element. Newer Matroska writers put such elements inside TrackEntry
// (BlockAdditionMapping, for Dolby Vision), so before entering an element
// the handler checks its children; if one is unknown, it walks the
// children itself and gives the parser only the known ones.
func (m *matroskaReader) HandleMasterBegin(id mkvparse.ElementID, info mkvparse.ElementInfo) (bool, error) {
	if err := m.count(); err != nil {
		return false, err
	}
	parent := m.parent()
	if id == mkvparse.ClusterElement && parent == mkvparse.SegmentElement {
		return false, errStop
	}
	if !m.enters(parent, id) {
		return false, nil
	}
	if id == mkvparse.SegmentElement && m.docType != "matroska" && m.docType != "webm" {
		return false, fmt.Errorf("%w: EBML document type %q", ErrUnsupported, m.docType)
	}
	off := m.base + info.Offset
	m.stack = append(m.stack, frame{id, off})
	m.begin(id)
	if id == mkvparse.SegmentElement {
		// The Segment holds the clusters and cannot be scanned.
		return true, nil
	}
	if info.Size < 0 {
		return false, m.enterUnknown(id, off)
	}
	if info.Size > m.src.size-off {
		return false, fmt.Errorf("%w: %s at %d ends past the end of the file", ErrTruncated, mkvparse.NameForElementID(id), off)
	}
	if info.Size > maxMasterSize {
		return false, fmt.Errorf("%w: %s of %d bytes", ErrMalformed, mkvparse.NameForElementID(id), info.Size)
	}
	clean, err := m.knownChildren(off, info.Size)
	if err != nil || clean {
		return clean, err
	}
	// The parser will skip this element and call HandleMasterEnd for it,
	// which pops the frame pushed above.
	return false, m.walk(off, info.Size)
}

// HandleMasterEnd finishes an element the handler entered.
func (m *matroskaReader) HandleMasterEnd(id mkvparse.ElementID, info mkvparse.ElementInfo) error {
	n := len(m.stack)
	if n == 0 || m.stack[n-1] != (frame{id, m.base + info.Offset}) {
		return nil // skipped, never entered
	}
	m.stack = m.stack[:n-1]
	return m.finish(id)
}

// finish records what the element id, just left, completes.
func (m *matroskaReader) finish(id mkvparse.ElementID) error {
	switch id {
	case mkvparse.EBMLElement:
		if m.docType == "" {
			m.docType = "matroska" // the EBML default for DocType
		}
	case mkvparse.TrackEntryElement:
		t := m.cur
		m.tracks = append(m.tracks, t)
		if t.kind == 1 && m.video == nil {
			m.video = &t
		}
		if t.kind == 2 && m.audio == nil {
			m.audio = &t
		}
	case mkvparse.InfoElement:
		m.infoDone = true
	case mkvparse.TracksElement:
		m.tracksDone = true
	case mkvparse.EditionEntryElement:
		m.editions++
	case mkvparse.ChapterAtomElement:
		if m.editions == 0 && !m.hidden && len(m.chapters) < maxChapters {
			m.chapters = append(m.chapters, m.chap)
		}
	}
	if m.infoDone && m.tracksDone && !m.layout {
		return errStop
	}
	return nil
}

// HandleString records DocType and CodecID.
func (m *matroskaReader) HandleString(id mkvparse.ElementID, value string, _ mkvparse.ElementInfo) error {
	switch {
	case id == mkvparse.DocTypeElement && m.parent() == mkvparse.EBMLElement:
		m.docType = value
	case id == mkvparse.CodecIDElement && m.parent() == mkvparse.TrackEntryElement:
		m.cur.codecID = value
	case id == mkvparse.LanguageElement && m.parent() == mkvparse.TrackEntryElement:
		m.cur.language = value
	case id == mkvparse.LanguageIETFElement && m.parent() == mkvparse.TrackEntryElement:
		m.cur.languageIETF = value
	case id == mkvparse.NameElement && m.parent() == mkvparse.TrackEntryElement:
		m.cur.name = value
	case id == mkvparse.ChapStringElement && m.parent() == mkvparse.ChapterDisplayElement && m.chap.Title == "":
		m.chap.Title = cleanTitle(value)
	}
	return nil
}

// HandleInteger records TimestampScale, TrackType and the frame sizes.
func (m *matroskaReader) HandleInteger(id mkvparse.ElementID, value int64, _ mkvparse.ElementInfo) error {
	switch p := m.parent(); {
	case id == mkvparse.TimecodeScaleElement && p == mkvparse.InfoElement && value > 0:
		m.scale = value
	case id == mkvparse.TrackTypeElement && p == mkvparse.TrackEntryElement:
		m.cur.kind = value
	case id == mkvparse.PixelWidthElement && p == mkvparse.VideoElement:
		m.cur.width = value
	case id == mkvparse.PixelHeightElement && p == mkvparse.VideoElement:
		m.cur.height = value
	case id == mkvparse.DisplayWidthElement && p == mkvparse.VideoElement:
		m.cur.displayW = value
	case id == mkvparse.DisplayHeightElement && p == mkvparse.VideoElement:
		m.cur.displayH = value
	case id == mkvparse.DisplayUnitElement && p == mkvparse.VideoElement:
		m.cur.displayUnit = value
	case id == mkvparse.ChannelsElement && p == mkvparse.AudioElement:
		m.cur.channels = value
	case id == mkvparse.FlagDefaultElement && p == mkvparse.TrackEntryElement:
		m.cur.notDefault = value == 0
	case id == mkvparse.FlagForcedElement && p == mkvparse.TrackEntryElement:
		m.cur.forced = value != 0
	case id == mkvparse.ChapterTimeStartElement && p == mkvparse.ChapterAtomElement:
		m.chap.Start = float64(value) / 1e9 // nanoseconds, not scaled by TimestampScale
	case id == mkvparse.ChapterTimeEndElement && p == mkvparse.ChapterAtomElement:
		m.chap.End = float64(value) / 1e9
	case id == mkvparse.ChapterFlagHiddenElement && p == mkvparse.ChapterAtomElement:
		m.hidden = value != 0
	}
	return nil
}

// HandleFloat records the segment Duration, in TimestampScale ticks.
func (m *matroskaReader) HandleFloat(id mkvparse.ElementID, value float64, _ mkvparse.ElementInfo) error {
	if id == mkvparse.DurationElement && m.parent() == mkvparse.InfoElement {
		m.duration = value
	}
	return nil
}

// HandleDate ignores dates.
func (m *matroskaReader) HandleDate(mkvparse.ElementID, time.Time, mkvparse.ElementInfo) error {
	return nil
}

// privateHead is as much of CodecPrivate as the compatibility modes need:
// a BITMAPINFOHEADER's biCompression ends at byte 20.
const privateHead = 64

// HandleBinary keeps the head of CodecPrivate.
func (m *matroskaReader) HandleBinary(id mkvparse.ElementID, value []byte, _ mkvparse.ElementInfo) error {
	if id == mkvparse.CodecPrivateElement && m.parent() == mkvparse.TrackEntryElement {
		m.cur.private = append([]byte(nil), value[:min(len(value), privateHead)]...)
	}
	return nil
}

func (m *matroskaReader) count() error {
	m.elements++
	if m.elements > maxElements {
		return fmt.Errorf("%w: more than %d elements before the first Cluster", ErrMalformed, maxElements)
	}
	return nil
}

// knownChildren reports whether go-mkvparse may parse every child of the
// element whose data spans size bytes at off: it knows the child's ID, and
// the child is a master (checked when entered) or at most maxLeafSize.
func (m *matroskaReader) knownChildren(off, size int64) (bool, error) {
	clean := true
	err := m.children(off, size, func(id mkvparse.ElementID, start, end int64) error {
		if !known(id) || !isMaster(id) && end-start > maxLeafSize {
			clean = false
		}
		return nil
	})
	return clean, err
}

// walk hands go-mkvparse each child it knows of the element whose data
// spans size bytes at off, one child at a time, as if each were a file of
// its own. The handler's stack already holds the element, so the values
// land in the right place.
func (m *matroskaReader) walk(off, size int64) error {
	return m.children(off, size, m.child)
}

// child hands go-mkvparse the element spanning start to end, if it knows
// it and it is not too large to read; of a large CodecPrivate the probe
// reads the head itself.
func (m *matroskaReader) child(id mkvparse.ElementID, start, end int64) error {
	if !known(id) {
		return nil
	}
	if !isMaster(id) && end-start > maxLeafSize {
		if id == mkvparse.CodecPrivateElement && m.parent() == mkvparse.TrackEntryElement {
			_, dataOff, _, err := elementHeader(m.src, start)
			if err != nil {
				return err
			}
			head := make([]byte, privateHead)
			n, err := m.src.ReadAt(head, dataOff)
			if n < len(head) && err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
				return err
			}
			m.cur.private = head[:n]
		}
		return nil
	}
	saved, nested := m.base, m.nested
	m.base, m.nested = start, true
	err := mkvparse.Parse(io.NewSectionReader(m.src, start, end-start), m)
	m.base, m.nested = saved, nested
	return err
}

// enterUnknown reads the element id of unknown size whose data starts at
// off. Such an element has no end to scan to, and go-mkvparse would read
// each of its children whole, whatever its size (issue 11 item 4). The
// probe walks the children itself instead, each capped as in walk, up to
// the first element that cannot be one of them, and then reads the rest of
// the Segment the same way: go-mkvparse's own offsets past an unknown-size
// element are not to be trusted. It returns errStop once done.
func (m *matroskaReader) enterUnknown(id mkvparse.ElementID, off int64) error {
	if m.nested {
		// Only the Segment's own children come from go-mkvparse reading
		// m.src; inside walk every element has a known size.
		return fmt.Errorf("%w: %s of unknown size", ErrMalformed, mkvparse.NameForElementID(id))
	}
	pos, err := m.walkUnknown(off, true)
	if err != nil {
		return err
	}
	m.stack = m.stack[:len(m.stack)-1]
	if err := m.finish(id); err != nil {
		return err
	}
	m.nested = true // from here on, go-mkvparse only sees single elements
	for pos < m.src.size {
		if err := m.count(); err != nil {
			return err
		}
		id, dataOff, dataSize, err := elementHeader(m.src, pos)
		if err != nil {
			return err
		}
		if id == mkvparse.ClusterElement {
			return errStop
		}
		if dataSize >= 0 {
			if dataSize > m.src.size-dataOff {
				return fmt.Errorf("%w: %s at %d ends past the end of the file", ErrTruncated, mkvparse.NameForElementID(id), pos)
			}
			if m.enters(m.parent(), id) {
				if err := m.child(id, pos, dataOff+dataSize); err != nil {
					return err
				}
			}
			pos = dataOff + dataSize
			continue
		}
		enter := m.enters(m.parent(), id)
		m.stack = append(m.stack, frame{id, pos})
		if enter {
			m.begin(id)
		}
		if pos, err = m.walkUnknown(dataOff, enter); err != nil {
			return err
		}
		m.stack = m.stack[:len(m.stack)-1]
		if enter {
			if err := m.finish(id); err != nil {
				return err
			}
		}
	}
	if !m.tracksDone {
		return fmt.Errorf("%w: no complete Tracks element", ErrTruncated)
	}
	return errStop
}

// walkUnknown walks the children of the unknown-size element whose data
// starts at off and whose frame is on top of the stack, and returns where
// they end: at the end of the file, or at the first element that cannot be
// a child, one of the Segment's level or above, or one of the elements the
// handler is inside (a TrackEntry ends at the next one). With read, each
// child is handed to go-mkvparse as in walk, and a child of unknown size
// that the handler enters is walked the same way; without, they are only
// stepped over.
func (m *matroskaReader) walkUnknown(off int64, read bool) (int64, error) {
	pos := off
	for pos < m.src.size {
		if err := m.count(); err != nil {
			return 0, err
		}
		id, dataOff, dataSize, err := elementHeader(m.src, pos)
		if err != nil {
			return 0, err
		}
		if endsUnknown(id) || slices.ContainsFunc(m.stack, func(f frame) bool { return f.id == id }) {
			return pos, nil
		}
		if dataSize < 0 {
			enter := read && m.enters(m.parent(), id)
			m.stack = append(m.stack, frame{id, pos})
			if enter {
				m.begin(id)
			}
			if pos, err = m.walkUnknown(dataOff, enter); err != nil {
				return 0, err
			}
			m.stack = m.stack[:len(m.stack)-1]
			if enter {
				if err := m.finish(id); err != nil && err != errStop {
					return 0, err
				}
			}
			continue
		}
		if dataSize > m.src.size-dataOff {
			return 0, fmt.Errorf("%w: %s at %d ends past the end of the file", ErrTruncated, mkvparse.NameForElementID(id), pos)
		}
		if read {
			if err := m.child(id, pos, dataOff+dataSize); err != nil {
				return 0, err
			}
		}
		pos = dataOff + dataSize
	}
	return min(pos, m.src.size), nil
}

// endsUnknown reports whether id ends any unknown-size element the probe
// enters (Info, Tracks, TrackEntry, Video): it belongs to the Segment's
// level or above.
func endsUnknown(id mkvparse.ElementID) bool {
	switch id {
	case mkvparse.EBMLElement, mkvparse.SegmentElement, mkvparse.SeekHeadElement, mkvparse.InfoElement,
		mkvparse.TracksElement, mkvparse.ClusterElement, mkvparse.CuesElement, mkvparse.ChaptersElement,
		mkvparse.TagsElement, mkvparse.AttachmentsElement:
		return true
	}
	return false
}

// isMaster reports whether id is one of the master elements the handler
// enters (see descends); their sizes and children are checked when they
// are. go-mkvparse reads any other element whole, or skips a master the
// handler does not enter, so an element of another ID over maxLeafSize can
// be left out without losing anything the probe uses.
func isMaster(id mkvparse.ElementID) bool {
	switch id {
	case mkvparse.EBMLElement, mkvparse.SegmentElement, mkvparse.InfoElement, mkvparse.TracksElement,
		mkvparse.TrackEntryElement, mkvparse.VideoElement, mkvparse.ChaptersElement, mkvparse.EditionEntryElement,
		mkvparse.ChapterAtomElement, mkvparse.ChapterDisplayElement:
		return true
	}
	return false
}

// children calls fn with the ID and the extent of each child of the
// element whose data spans size bytes at off.
func (m *matroskaReader) children(off, size int64, fn func(id mkvparse.ElementID, start, end int64) error) error {
	end := off + size
	if end > m.src.size {
		return fmt.Errorf("%w: element at %d ends past the end of the file", ErrTruncated, off)
	}
	for pos := off; pos < end; {
		if err := m.count(); err != nil {
			return err
		}
		id, dataOff, dataSize, err := elementHeader(m.src, pos)
		if err != nil {
			return err
		}
		if dataSize < 0 || dataSize > end-dataOff {
			return fmt.Errorf("%w: element %x at %d overruns its parent", ErrMalformed, id, pos)
		}
		if err := fn(id, pos, dataOff+dataSize); err != nil {
			return err
		}
		pos = dataOff + dataSize
	}
	return nil
}

func known(id mkvparse.ElementID) bool {
	return !strings.HasPrefix(mkvparse.NameForElementID(id), "UNKNOWN")
}

// elementHeader reads the ID and data size of the EBML element at pos
// (RFC 8794 §4, §5, §6). An unknown size (all value bits set) is returned
// as -1.
func elementHeader(r io.ReaderAt, pos int64) (id mkvparse.ElementID, dataOff, size int64, err error) {
	var b [12]byte // a 4-byte ID and an 8-byte size at most
	n, err := r.ReadAt(b[:], pos)
	if n == 0 {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return 0, 0, 0, fmt.Errorf("%w: element header at %d: %v", ErrTruncated, pos, err)
	}
	idLen := bits.LeadingZeros8(b[0]) + 1
	if idLen > 4 {
		return 0, 0, 0, fmt.Errorf("%w: element ID at %d", ErrMalformed, pos)
	}
	if n < idLen+1 {
		return 0, 0, 0, fmt.Errorf("%w: element header at %d", ErrTruncated, pos)
	}
	for _, c := range b[:idLen] {
		id = id<<8 | mkvparse.ElementID(c)
	}
	sizeLen := bits.LeadingZeros8(b[idLen]) + 1
	if sizeLen > 8 {
		return 0, 0, 0, fmt.Errorf("%w: element size at %d", ErrMalformed, pos)
	}
	if n < idLen+sizeLen {
		return 0, 0, 0, fmt.Errorf("%w: element header at %d", ErrTruncated, pos)
	}
	v := uint64(b[idLen]) & (0xFF >> sizeLen)
	allOnes := v == 0xFF>>sizeLen
	for _, c := range b[idLen+1 : idLen+sizeLen] {
		v = v<<8 | uint64(c)
		allOnes = allOnes && c == 0xFF
	}
	dataOff = pos + int64(idLen+sizeLen)
	if allOnes {
		return id, dataOff, -1, nil
	}
	return id, dataOff, int64(v), nil
}
