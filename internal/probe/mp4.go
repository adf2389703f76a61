package probe

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	mp4 "github.com/abema/go-mp4"
)

const (
	// maxTopBoxes bounds the walk over top-level boxes. A progressive or
	// fragmented file has its moov within the first few; only a crafted
	// file has thousands of tiny boxes before it.
	maxTopBoxes = 1 << 14

	// maxMoovBoxes bounds the boxes visited inside moov. Only the handful
	// of containers on the way to the sample descriptions are opened, so a
	// real file visits a few dozen per track.
	maxMoovBoxes = 1 << 14

	// maxPayload bounds the boxes whose payload is decoded (mvhd, tkhd,
	// mdhd, hdlr, mehd, esds); their real sizes are tens of bytes.
	maxPayload = 64 << 10
)

var (
	typeFtyp = mp4.BoxTypeFtyp()
	typeMoov = mp4.BoxTypeMoov()
	typeMvhd = mp4.BoxTypeMvhd()
	typeMvex = mp4.BoxTypeMvex()
	typeMehd = mp4.BoxTypeMehd()
	typeTrak = mp4.BoxTypeTrak()
	typeTkhd = mp4.BoxTypeTkhd()
	typeMdia = mp4.BoxTypeMdia()
	typeMdhd = mp4.BoxTypeMdhd()
	typeHdlr = mp4.BoxTypeHdlr()
	typeMinf = mp4.BoxTypeMinf()
	typeStbl = mp4.BoxTypeStbl()
	typeStsd = mp4.BoxTypeStsd()
	typeWave = mp4.BoxTypeWave()
	typeEsds = mp4.BoxTypeEsds()
	typeMoof = mp4.BoxTypeMoof()
	typeMfra = mp4.BoxTypeMfra()
)

// configBoxes are the decoder configuration records inside a sample entry
// that the track's codec string is read from (see codecString).
var configBoxes = map[mp4.BoxType]bool{
	mp4.BoxTypeAvcC(): true, mp4.BoxTypeHvcC(): true, mp4.BoxTypeAv1C(): true, mp4.BoxTypeVpcC(): true,
	// AC-3 and E-AC-3: their channels (the entry's own count is always 2).
	mp4.BoxTypeDAC3(): true, mp4.StrToBoxType("dec3"): true,
}

// maxConfig is as much of a configuration record as codecString reads.
const maxConfig = 24

// stsdPath is where the sample descriptions, and so the codecs, live.
var stsdPath = mp4.BoxPath{typeMoov, typeTrak, typeMdia, typeMinf, typeStbl, typeStsd}

// probeMP4 walks the top-level boxes by their headers alone until it meets
// moov, then reads the parts of moov that Info needs. It never reads mdat,
// so a file whose moov follows gigabytes of media costs the same as one
// whose moov comes first.
func probeMP4(src *source, info *Info) error {
	_, err := readMP4(src, info)
	return err
}

// readMP4 is probeMP4, also returning what it read of moov (for Layout).
func readMP4(src *source, info *Info) (*moovReader, error) {
	var off uint64
	for i := 0; ; i++ {
		if i == maxTopBoxes {
			return nil, fmt.Errorf("%w: more than %d top-level boxes", ErrMalformed, maxTopBoxes)
		}
		if _, err := src.Seek(int64(off), io.SeekStart); err != nil {
			return nil, err
		}
		bi, err := mp4.ReadBoxInfo(src)
		if err == io.EOF {
			return nil, fmt.Errorf("%w: no moov box", ErrTruncated)
		}
		if err != nil {
			return nil, boxError(err)
		}
		if err := checkTopBox(bi, src.size); err != nil {
			return nil, err
		}
		switch bi.Type {
		case typeFtyp:
			if i == 0 {
				info.Container = brandContainer(src, bi)
			}
			if info.Container == "heif" {
				return nil, fmt.Errorf("%w: HEIF image", ErrUnsupported)
			}
		case typeMoov:
			bi.IsQuickTimeCompatible = info.Container == "mov"
			m, err := probeMoov(src, bi, info)
			if err != nil {
				return nil, err
			}
			info.Fragmented = m.fragmented
			if info.Duration == 0 && m.fragmented {
				// A fragmented file written live says 0 in mvhd and has
				// no mehd: its length is where the last fragment ends.
				info.Duration = fragmentedDuration(src, bi.Offset+bi.Size, m)
			}
			return m, nil
		}
		off = bi.Offset + bi.Size
	}
}

// checkTopBox rejects a box that cannot be skipped: one whose size is
// smaller than its own header or reaches past the end of the file. Either
// way the moov box after it, if any, cannot be found.
func checkTopBox(bi *mp4.BoxInfo, size int64) error {
	if bi.Size < bi.HeaderSize {
		return fmt.Errorf("%w: %s box of %d bytes at %d", ErrMalformed, bi.Type, bi.Size, bi.Offset)
	}
	if bi.Size > uint64(size)-bi.Offset {
		return fmt.Errorf("%w: %s box at %d needs %d bytes, file has %d", ErrTruncated, bi.Type, bi.Offset, bi.Size, size)
	}
	return nil
}

// boxError classifies an error from a parser: running out of file is
// truncation, anything else is malformed headers. Errors that already
// carry one of the package's sentinels pass through.
func boxError(err error) error {
	for _, sentinel := range []error{ErrMalformed, ErrTruncated, ErrUnsupported} {
		if errors.Is(err, sentinel) {
			return err
		}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w", ErrTruncated, err)
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// brandContainer names the container from the ftyp box: QuickTime files
// declare the "qt  " brand, 3GPP files brands starting "3g", HEIF and AVIF
// images brands of their own.
func brandContainer(src *source, bi *mp4.BoxInfo) string {
	if bi.Size > maxPayload {
		return "mp4"
	}
	if _, err := bi.SeekToPayload(src); err != nil {
		return "mp4"
	}
	var ftyp mp4.Ftyp
	if _, err := mp4.Unmarshal(src, bi.Size-bi.HeaderSize, &ftyp, mp4.Context{}); err != nil {
		return "mp4"
	}
	switch string(ftyp.MajorBrand[:]) {
	case "heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis":
		// Still images and image sequences (HEIF, AVIF) share the box
		// format but keep their pictures in a meta box, not in a moov.
		return "heif"
	}
	switch {
	case ftyp.MajorBrand == mp4.BrandQT() || ftyp.HasCompatibleBrand(mp4.BrandQT()):
		return "mov"
	case string(ftyp.MajorBrand[:2]) == "3g":
		return "3gp"
	}
	return "mp4"
}

// isoTrack is what probeMoov learns of one trak box.
type isoTrack struct {
	handler   string // hdlr handler_type: "vide", "soun", ...
	id        uint32 // tkhd track_ID
	fourcc    string // type of the first sample entry
	oti       byte   // esds objectTypeIndication, 0 when absent
	config    []byte // head of the avcC, hvcC, av1C or vpcC record, or the AAC AudioSpecificConfig
	channels  uint16 // audio sample entry
	width     uint32 // tkhd, 16.16 fixed point
	height    uint32
	rotated   bool   // tkhd matrix turns the picture by 90° or 270°
	entryW    uint16 // visual sample entry
	entryH    uint16
	duration  uint64 // mdhd, in timescale units
	timescale uint32
	language  string // mdhd, ISO 639-2/T
	enabled   bool   // tkhd flag track_enabled (ISO/IEC 14496-12 §8.3.2.3)
}

// moovReader collects what probeMoov needs while go-mp4 walks moov.
type moovReader struct {
	src        *source
	boxes      int
	timescale  uint32
	duration   uint64            // mvhd
	fragment   uint64            // mehd, for fragmented files whose mvhd says 0
	fragmented bool              // moov has an mvex: the samples are in moofs
	trex       map[uint32]uint32 // track ID → default sample duration
	tracks     []*isoTrack
}

func probeMoov(src *source, moov *mp4.BoxInfo, info *Info) (*moovReader, error) {
	m := &moovReader{src: src, trex: map[uint32]uint32{}}
	if _, err := mp4.ReadBoxStructureFromInternal(src, moov, m.handle); err != nil {
		return nil, boxError(err)
	}
	m.fill(info)
	return m, nil
}

// handle is go-mp4's callback for each box under moov. It opens only the
// containers on the paths to the boxes it reads, which also bounds the
// recursion: a trak nested in a trak is never opened. Because of that, the
// depth of a box under stsd alone says what it is: 7 is a sample entry, 8
// a box inside one (wave, esds), 9 a box inside a wave.
func (m *moovReader) handle(h *mp4.ReadHandle) (any, error) {
	m.boxes++
	if m.boxes > maxMoovBoxes {
		return nil, fmt.Errorf("%w: more than %d boxes in moov", ErrMalformed, maxMoovBoxes)
	}
	if bi := h.BoxInfo; bi.Size < bi.HeaderSize {
		// go-mp4 would take size minus header, wrapped around, as the
		// payload size and read on to the end of the file.
		return nil, fmt.Errorf("%w: %s box of %d bytes at %d", ErrMalformed, bi.Type, bi.Size, bi.Offset)
	}
	p := h.Path
	switch {
	case pathIs(p, typeMoov, typeMvex):
		m.fragmented = true
		return expand(h)
	case pathIs(p, typeMoov),
		pathIs(p, stsdPath[:3]...), pathIs(p, stsdPath[:4]...), pathIs(p, stsdPath[:5]...), pathIs(p, stsdPath...):
		return expand(h)
	case pathIs(p, typeMoov, typeTrak):
		m.tracks = append(m.tracks, &isoTrack{})
		return expand(h)
	case pathIs(p, typeMoov, typeMvhd):
		if b, ok := payload(h).(*mp4.Mvhd); ok {
			m.timescale = b.Timescale
			m.duration = pick(b.GetVersion(), uint64(b.DurationV0), b.DurationV1)
		}
		return nil, nil
	case pathIs(p, typeMoov, typeMvex, mp4.BoxTypeTrex()):
		if b, ok := payload(h).(*mp4.Trex); ok {
			m.trex[b.TrackID] = b.DefaultSampleDuration
		}
		return nil, nil
	case pathIs(p, typeMoov, typeMvex, typeMehd):
		if b, ok := payload(h).(*mp4.Mehd); ok {
			m.fragment = pick(b.GetVersion(), uint64(b.FragmentDurationV0), b.FragmentDurationV1)
		}
		return nil, nil
	}
	t := m.track()
	if t == nil {
		return nil, nil
	}
	switch depth, last := len(p), p[len(p)-1]; {
	case pathIs(p, typeMoov, typeTrak, typeTkhd):
		if b, ok := payload(h).(*mp4.Tkhd); ok {
			t.width, t.height = b.Width, b.Height
			t.id = b.TrackID
			t.rotated = quarterTurn(b.Matrix)
			t.enabled = b.GetFlags()&1 != 0
		}
	case pathIs(p, typeMoov, typeTrak, typeMdia, typeMdhd):
		if b, ok := payload(h).(*mp4.Mdhd); ok {
			t.timescale = b.Timescale
			t.duration = pick(b.GetVersion(), uint64(b.DurationV0), b.DurationV1)
			t.language = isoLanguage(b.Language)
		}
	case pathIs(p, typeMoov, typeTrak, typeMdia, typeHdlr):
		if b, ok := payload(h).(*mp4.Hdlr); ok {
			t.handler = string(b.HandlerType[:])
		}
	case depth == len(stsdPath)+1:
		m.sampleEntry(h, t)
	case depth == len(stsdPath)+2 && last == typeWave:
		// QuickTime keeps the esds of an mp4a entry inside a wave box.
		expand(h)
	case (depth == len(stsdPath)+2 || depth == len(stsdPath)+3) && last == typeEsds:
		if b, ok := payload(h).(*mp4.Esds); ok && t.oti == 0 {
			t.oti = objectType(b)
			t.config = decoderSpecificInfo(b)
		}
	case depth == len(stsdPath)+2 && configBoxes[last] && t.config == nil:
		t.config = m.rawPayload(&h.BoxInfo)
	}
	return nil, nil
}

// sampleEntry records the first sample entry of a track. A visual entry
// is decoded for its frame size only when tkhd has none, and only mp4a and
// mp4v entries, whose codec hangs on the esds inside, are opened; an error
// there leaves the codec to be named by the entry type alone.
func (m *moovReader) sampleEntry(h *mp4.ReadHandle, t *isoTrack) {
	if t.fourcc != "" {
		return
	}
	t.fourcc = string(h.BoxInfo.Type[:])
	if !h.BoxInfo.IsSupportedType() {
		if t.fourcc == "ec-3" { // go-mp4 does not know it
			m.eac3Entry(&h.BoxInfo, t)
		}
		return
	}
	switch b := payload(h).(type) {
	case *mp4.VisualSampleEntry:
		if t.width == 0 || t.height == 0 {
			t.entryW, t.entryH = b.Width, b.Height
		}
	case *mp4.AudioSampleEntry:
		t.channels = b.ChannelCount
	}
	switch t.fourcc {
	case "mp4a", "mp4v", "avc1", "avc3", "hvc1", "hev1", "av01", "vp09", "ac-3", "ec-3":
		// Their codec string, or their channels, hang on a box inside the entry.
		expand(h)
	}
}

func (m *moovReader) track() *isoTrack {
	if len(m.tracks) == 0 {
		return nil
	}
	return m.tracks[len(m.tracks)-1]
}

// fill copies into info the movie duration and the first video and first
// audio track.
func (m *moovReader) fill(info *Info) {
	info.Duration = seconds(m.duration, m.timescale)
	if info.Duration == 0 {
		info.Duration = seconds(m.fragment, m.timescale)
	}
	longest := 0.0
	for _, t := range m.tracks {
		longest = max(longest, seconds(t.duration, t.timescale))
		switch t.kind() {
		case "vide":
			codec := isoCodec(isoVideo, objectTypeVideo, t.fourcc, t.oti)
			if len(info.Tracks) < maxTracks {
				info.Tracks = append(info.Tracks, Track{Type: "video", Codec: codec, CodecString: codecString(codec, t.fourcc, t.config), BitDepth: videoBitDepth(codec, t.config)})
			}
			if info.VideoCodec != "" || info.Width != 0 {
				continue
			}
			info.VideoCodec = isoCodec(isoVideo, objectTypeVideo, t.fourcc, t.oti)
			info.Width, info.Height = int(t.width>>16), int(t.height>>16)
			if info.Width == 0 || info.Height == 0 {
				info.Width, info.Height = int(t.entryW), int(t.entryH)
			}
			if t.rotated {
				info.Width, info.Height = info.Height, info.Width
			}
		case "soun":
			codec := isoCodec(isoAudio, objectTypeAudio, t.fourcc, t.oti)
			channels := t.audioChannels(codec)
			if len(info.Tracks) < maxTracks {
				info.Tracks = append(info.Tracks, Track{Type: "audio", Codec: codec, CodecString: codecString(codec, t.fourcc, t.config), Channels: channels})
			}
			if info.AudioCodec == "" {
				info.AudioCodec = isoCodec(isoAudio, objectTypeAudio, t.fourcc, t.oti)
			}
		}
	}
	if info.Duration == 0 {
		info.Duration = longest
	}
}

// kind is the track's handler type, or, when hdlr is missing, the kind
// its sample entry implies.
func (t *isoTrack) kind() string {
	switch {
	case t.handler == "vide" || t.handler == "soun":
		return t.handler
	case isoVideo[t.fourcc] != "":
		return "vide"
	case isoAudio[t.fourcc] != "":
		return "soun"
	}
	return t.handler
}

// expand opens a container box; go-mp4 calls handle for each child.
func expand(h *mp4.ReadHandle) (any, error) {
	_, err := h.Expand()
	return nil, err
}

// payload decodes the box's own fields, or returns nil when the box is
// larger than any real instance of the boxes read here or does not decode.
// A box that does not decode leaves its values unknown rather than failing
// the probe: the rest of moov may still say what the library needs.
func payload(h *mp4.ReadHandle) mp4.IBox {
	if h.BoxInfo.Size > maxPayload {
		return nil
	}
	b, _, err := h.ReadPayload()
	if err != nil {
		return nil
	}
	return b
}

// rawPayload reads the first bytes of a box's payload, without moving the
// position go-mp4 walks from.
func (m *moovReader) rawPayload(bi *mp4.BoxInfo) []byte {
	n := min(bi.Size-bi.HeaderSize, maxConfig)
	buf := make([]byte, n)
	k, _ := m.src.ReadAt(buf, int64(bi.Offset+bi.HeaderSize))
	return buf[:k]
}

// decoderSpecificInfo returns the head of the DecoderSpecificInfo (tag 5)
// of an esds: for AAC, the AudioSpecificConfig.
func decoderSpecificInfo(esds *mp4.Esds) []byte {
	for _, d := range esds.Descriptors {
		if d.Tag == mp4.DecSpecificInfoTag {
			return d.Data[:min(len(d.Data), maxConfig)]
		}
	}
	return nil
}

// objectType returns the objectTypeIndication of the esds's
// DecoderConfigDescriptor (tag 4), 0 when there is none.
func objectType(esds *mp4.Esds) byte {
	for _, d := range esds.Descriptors {
		if d.Tag == mp4.DecoderConfigDescrTag && d.DecoderConfigDescriptor != nil {
			return d.DecoderConfigDescriptor.ObjectTypeIndication
		}
	}
	return 0
}

// pathIs reports whether p is exactly the given box path.
func pathIs(p mp4.BoxPath, types ...mp4.BoxType) bool {
	if len(p) != len(types) {
		return false
	}
	for i := range p {
		if p[i] != types[i] {
			return false
		}
	}
	return true
}

// quarterTurn reports whether a tkhd transformation matrix {a b u c d v x
// y w} rotates by 90° or 270°, as phones record portrait video: a and d
// are zero and b and c are not (ISO/IEC 14496-12 §6.2.2).
func quarterTurn(m [9]int32) bool {
	return m[0] == 0 && m[4] == 0 && m[1] != 0 && m[3] != 0
}

// pick returns the version 0 or version 1 value of a full box field.
func pick(version uint8, v0, v1 uint64) uint64 {
	if version == 0 {
		return v0
	}
	return v1
}

// seconds converts a duration in timescale units. All-ones durations mean
// "unknown" (ISO/IEC 14496-12 §8.2.2.3) and read as 0, as does a zero
// timescale.
func seconds(d uint64, timescale uint32) float64 {
	if timescale == 0 || d == math.MaxUint32 || d == math.MaxUint64 {
		return 0
	}
	return float64(d) / float64(timescale)
}

// audioChannels is the channel count of an audio track of codec: from its
// decoder configuration where the sample entry's own count says nothing
// (it is 2 for every AC-3 and E-AC-3 track, ETSI TS 102 366 annex F, and
// often for AAC), else the entry's.
func (t *isoTrack) audioChannels(codec string) int {
	switch codec {
	case "aac":
		return cmp.Or(aacChannels(t.config), int(t.channels))
	case "ac3":
		return cmp.Or(ac3Channels(t.config), int(t.channels))
	case "eac3":
		return cmp.Or(eac3Channels(t.config), int(t.channels))
	}
	return int(t.channels)
}

// eac3Entry reads an ec-3 sample entry by hand: an AudioSampleEntry (ISO
// 14496-12 12.2.3: 28 bytes, the channel count at 16) whose first child
// box is dec3 (ETSI TS 102 366 F.6).
func (m *moovReader) eac3Entry(bi *mp4.BoxInfo, t *isoTrack) {
	const entry, child = 28, 8
	buf := make([]byte, min(bi.Size-bi.HeaderSize, entry+child+maxConfig))
	k, _ := m.src.ReadAt(buf, int64(bi.Offset+bi.HeaderSize))
	buf = buf[:k]
	if len(buf) < entry {
		return
	}
	t.channels = binary.BigEndian.Uint16(buf[16:18])
	if len(buf) >= entry+child && string(buf[entry+4:entry+8]) == "dec3" {
		size := int(binary.BigEndian.Uint32(buf[entry : entry+4]))
		t.config = buf[entry+child : min(len(buf), max(entry+child, entry+size))]
	}
}
