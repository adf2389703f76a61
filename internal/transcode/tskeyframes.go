package transcode

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// MPEG transport streams keep no keyframe index: the keyframes are found
// by reading the stream (issue 9), as ffprobe does, but only the packet
// headers (ISO/IEC 13818-1 §2.4.3), the PAT and PMT, the PES headers of
// the video stream (§2.4.3.6) and the first NAL units of each of its
// PES packets, never the pictures. M2TS (Blu-ray BDAV) is the same with a
// 4-byte TP_extra_header before each 188-byte packet.

const (
	tsPacket = 188
	tsSync   = 0x47
	// pesScan bounds the bytes of one PES packet searched for its first
	// slice NAL unit; access unit delimiters, parameter sets and SEI come
	// before it and are small.
	pesScan = 64 << 10
)

// Stream types of the PMT (ISO/IEC 13818-1 Table 2-34) for the video
// codecs whose keyframes this reader knows.
const (
	streamH264 = 0x1B
	streamHEVC = 0x24
)

// videoStreamTypes are the PMT stream types of video; the first of them
// is the stream the keyframes are read of, as ffprobe's v:0.
var videoStreamTypes = map[byte]bool{0x01: true, 0x02: true, 0x10: true, streamH264: true, 0x20: true,
	streamHEVC: true, 0x42: true, 0xD1: true, 0xEA: true}

// tsKeyframes returns the presentation times, in seconds, of the keyframes
// of the first video stream of an MPEG-TS or M2TS file: the IDR pictures
// of H.264 and the IRAP pictures of HEVC (the ones ffmpeg's parsers flag
// as keyframes). Other video codecs, and a stream that loses its packet
// sync, give errNoIndex: ffprobe reads those.
func tsKeyframes(r io.Reader) ([]float64, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	head, _ := br.Peek(3 * 192)
	size := packetSize(head)
	if size == 0 {
		return nil, errors.New("transcode: not an MPEG transport stream")
	}
	k := tsReader{pmtPID: -1, videoPID: -1}
	buf := make([]byte, size)
	for {
		if _, err := io.ReadFull(br, buf); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				break
			}
			return nil, err
		}
		p := buf[size-tsPacket:]
		if p[0] != tsSync {
			return nil, errNoIndex // lost sync: a damaged stream
		}
		if err := k.packet(p); err != nil {
			return nil, err
		}
	}
	k.endPES()
	if k.videoPID < 0 {
		return nil, errors.New("transcode: no video stream in the transport stream")
	}
	out := make([]float64, len(k.times))
	for i, t := range k.times {
		out[i] = float64(t) / 90000
	}
	return normalize(out), nil
}

// packetSize tells 188-byte TS packets from 192-byte M2TS ones by three
// sync bytes in a row; 0 when neither fits.
func packetSize(b []byte) int {
	for _, size := range []int{tsPacket, 192} {
		off := size - tsPacket
		if len(b) >= off+2*size+1 && b[off] == tsSync && b[off+size] == tsSync && b[off+2*size] == tsSync {
			return size
		}
	}
	return 0
}

// tsReader is the state of one pass over a transport stream.
type tsReader struct {
	pmtPID   int
	videoPID int
	hevc     bool
	times    []int64 // keyframe PTS, 90 kHz, unwrapped

	// The PES packet being read: its PTS, the start of its data, and
	// whether its first slice has been seen.
	inPES   bool
	pts     int64
	hasPTS  bool
	es      []byte
	scanned int // bytes of es searched already
	decided bool
	seenPTS bool
	lastPTS int64 // the last raw PTS, for the 33-bit wrap
	wraps   int64
}

// packet reads one 188-byte packet.
func (k *tsReader) packet(p []byte) error {
	pid := int(p[1]&0x1F)<<8 | int(p[2])
	start := p[1]&0x40 != 0
	afc := p[3] >> 4 & 0x3
	off := 4
	if afc&0x2 != 0 {
		off += 1 + int(p[4])
	}
	if afc&0x1 == 0 || off >= tsPacket {
		return nil // no payload
	}
	payload := p[off:]
	switch {
	case pid == 0 && start && k.pmtPID < 0:
		k.pmtPID = patPMT(payload)
	case pid == k.pmtPID && start && k.videoPID < 0:
		pid, typ := pmtVideo(payload)
		if pid < 0 {
			return nil
		}
		if typ != streamH264 && typ != streamHEVC {
			return fmt.Errorf("%w: video stream type %#x", errNoIndex, typ)
		}
		k.videoPID, k.hevc = pid, typ == streamHEVC
	case pid == k.videoPID && k.videoPID >= 0:
		if start {
			k.endPES()
			k.startPES(payload)
		} else if k.inPES && !k.decided {
			k.es = append(k.es, payload...)
		}
		if k.inPES && !k.decided {
			k.scan()
		}
	}
	return nil
}

// patPMT returns the PID of the first program's PMT from a PAT section,
// -1 when there is none.
func patPMT(payload []byte) int {
	s, ok := section(payload, 0x00)
	if !ok {
		return -1
	}
	for i := 8; i+4 <= len(s); i += 4 {
		program := int(s[i])<<8 | int(s[i+1])
		if program != 0 { // 0 is the network PID
			return int(s[i+2]&0x1F)<<8 | int(s[i+3])
		}
	}
	return -1
}

// pmtVideo returns the PID and stream type of the first video stream of a
// PMT section, -1 when there is none.
func pmtVideo(payload []byte) (int, byte) {
	s, ok := section(payload, 0x02)
	if !ok || len(s) < 12 {
		return -1, 0
	}
	i := 12 + (int(s[10]&0x0F)<<8 | int(s[11]))
	for i+5 <= len(s) {
		typ := s[i]
		pid := int(s[i+1]&0x1F)<<8 | int(s[i+2])
		if videoStreamTypes[typ] {
			return pid, typ
		}
		i += 5 + (int(s[i+3]&0x0F)<<8 | int(s[i+4]))
	}
	return -1, 0
}

// section returns a PSI section of the table id from a packet's payload
// that starts one, without its CRC; only sections that fit in the packet
// (PATs and PMTs of a file do).
func section(payload []byte, table byte) ([]byte, bool) {
	if len(payload) < 1 {
		return nil, false
	}
	s := payload[1:]
	if int(payload[0]) >= len(s) {
		return nil, false
	}
	s = s[payload[0]:] // pointer_field
	if len(s) < 3 || s[0] != table {
		return nil, false
	}
	n := 3 + (int(s[1]&0x0F)<<8 | int(s[2]))
	if n > len(s) || n < 3+4 {
		return nil, false
	}
	return s[:n-4], true
}

// startPES reads a PES header: the PTS and where the data starts.
func (k *tsReader) startPES(payload []byte) {
	k.inPES, k.hasPTS, k.decided, k.es, k.scanned = false, false, false, k.es[:0], 0
	if len(payload) < 9 || payload[0] != 0 || payload[1] != 0 || payload[2] != 1 {
		return
	}
	flags, hdr := payload[7], int(payload[8])
	if 9+hdr > len(payload) {
		return
	}
	if flags&0x80 != 0 && hdr >= 5 {
		b := payload[9:14]
		raw := int64(b[0]>>1&0x07)<<30 | int64(b[1])<<22 | int64(b[2]>>1)<<15 | int64(b[3])<<7 | int64(b[4]>>1)
		// The PTS is 33 bits and wraps every 26.5 hours; a jump back of
		// more than half the range is a wrap.
		if k.seenPTS && raw < k.lastPTS-(1<<32) {
			k.wraps++
		}
		k.lastPTS, k.seenPTS = raw, true
		k.pts, k.hasPTS = raw+k.wraps<<33, true
	}
	k.inPES = true
	k.es = append(k.es, payload[9+hdr:]...)
}

// scan looks for the first slice NAL unit of the PES data read so far.
func (k *tsReader) scan() {
	b := k.es
	i := max(k.scanned-3, 0)
	k.scanned = len(b)
	for ; i+3 < len(b); i++ {
		if b[i] != 0 || b[i+1] != 0 || b[i+2] != 1 {
			continue
		}
		h := b[i+3]
		var vcl, key bool
		if k.hevc {
			t := h >> 1 & 0x3F
			vcl, key = t <= 31, t >= 16 && t <= 23 // IRAP: BLA, IDR, CRA (H.265 §7.4.2.2)
		} else {
			t := h & 0x1F
			vcl, key = t >= 1 && t <= 5, t == 5 // IDR (H.264 §7.4.1.2.2)
		}
		if vcl {
			k.decided = true
			if key && k.hasPTS && len(k.times) < maxKeyframes {
				k.times = append(k.times, k.pts)
			}
			return
		}
	}
	if len(b) > pesScan {
		k.decided = true // no slice where one belongs: not counted
	}
}

// endPES closes the PES packet being read.
func (k *tsReader) endPES() {
	k.inPES = false
}
