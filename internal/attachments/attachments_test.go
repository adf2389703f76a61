package attachments

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// el encodes one EBML element: id as written in the spec, an 8-byte size,
// and data.
func el(id uint32, data ...[]byte) []byte {
	var b []byte
	switch {
	case id >= 1<<24:
		b = binary.BigEndian.AppendUint32(b, id)
	case id >= 1<<16:
		b = append(b, byte(id>>16), byte(id>>8), byte(id))
	case id >= 1<<8:
		b = append(b, byte(id>>8), byte(id))
	default:
		b = append(b, byte(id))
	}
	body := bytes.Join(data, nil)
	size := binary.BigEndian.AppendUint64(nil, uint64(len(body)))
	size[0] = 0x01 // an 8-byte vint: marker bit, then 56 bits of size
	b = append(b, size...)
	return append(b, body...)
}

// unknown encodes an element of unknown size (all size bits set).
func unknown(id uint32, data ...[]byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, id)
	b = append(b, 0xFF)
	return append(b, bytes.Join(data, nil)...)
}

var (
	ebmlHeader = el(idEBML, el(0x4282, []byte("matroska")))
	ttf        = append([]byte{0, 1, 0, 0}, "font bytes"...)
	otf        = append([]byte("OTTO"), "font bytes"...)
	attachment = func(name, mime string, data []byte) []byte {
		return el(idAttachedFile, el(idFileName, []byte(name)), el(idFileMimeType, []byte(mime)), el(idFileData, data))
	}
	cluster = el(idCluster, el(0xE7, []byte{0}), el(0xA3, bytes.Repeat([]byte{7}, 300)))
)

func segment(children ...[]byte) []byte {
	return append(bytes.Clone(ebmlHeader), el(idSegment, children...)...)
}

// withSeekHead puts a SeekHead naming where Attachments will be first in
// a Segment of unknown size whose one cluster, also of unknown size,
// comes before the attachments, as a live muxer writes.
func withSeekHead(atts []byte) []byte {
	seekHeadLen := len(el(idSeekHead, el(idSeek, el(idSeekID, []byte{0x19, 0x41, 0xA4, 0x69}), el(idSeekPosition, make([]byte, 8)))))
	clusterLen := len(cluster)
	pos := make([]byte, 8)
	binary.BigEndian.PutUint64(pos, uint64(seekHeadLen+clusterLen))
	seek := el(idSeekHead, el(idSeek, el(idSeekID, []byte{0x19, 0x41, 0xA4, 0x69}), el(idSeekPosition, pos)))
	// The cluster keeps its known size here, but the Segment's unknown
	// size is what live files have; unknownCluster below tests the other.
	return append(bytes.Clone(ebmlHeader), unknown(idSegment, seek, cluster, atts)...)
}

func TestRead(t *testing.T) {
	t.Parallel()
	atts := el(idAttachments, attachment("a.ttf", "application/x-truetype-font", ttf), attachment("b.otf", "application/vnd.ms-opentype", otf))
	// A cluster of unknown size ends where the next top-level element starts;
	// Read cannot skip it, and must find the attachments from the SeekHead.
	seekHeadFor := func(off int) []byte {
		pos := make([]byte, 8)
		binary.BigEndian.PutUint64(pos, uint64(off))
		return el(idSeekHead, el(idSeek, el(idSeekID, []byte{0x19, 0x41, 0xA4, 0x69}), el(idSeekPosition, pos)))
	}
	sh := seekHeadFor(0)
	unknownCluster := unknown(idCluster, el(0xE7, []byte{0}))
	unknownClusterFile := append(bytes.Clone(ebmlHeader), el(idSegment, seekHeadFor(len(sh)+len(unknownCluster)), unknownCluster, atts)...)

	two := func() []File {
		return []File{{Name: "a.ttf", MIME: "application/x-truetype-font", Size: int64(len(ttf))}, {Name: "b.otf", MIME: "application/vnd.ms-opentype", Size: int64(len(otf))}}
	}
	tests := []struct {
		name    string
		in      []byte
		want    []File // Offsets are checked by reading the data back
		wantErr error
	}{
		{"attachments before the clusters", segment(atts, cluster), two(), nil},
		{"attachments after the clusters", segment(cluster, cluster, atts), two(), nil},
		{"found through the seek head past an unknown-size cluster", unknownClusterFile, two(), nil},
		{"segment of unknown size", withSeekHead(atts), two(), nil},
		{"no attachments", segment(cluster), nil, nil},
		{"an attached file without data is skipped", segment(el(idAttachments, el(idAttachedFile, el(idFileName, []byte("x.ttf"))))), nil, nil},
		{"name padded with NUL", segment(el(idAttachments, attachment("a.ttf\x00\x00", "font/ttf", ttf))),
			[]File{{Name: "a.ttf", MIME: "font/ttf", Size: int64(len(ttf))}}, nil},
		{"not matroska", []byte("RIFF....AVI LIST"), nil, ErrNotMatroska},
		{"empty", nil, nil, ErrNotMatroska},
		{"ebml header only", ebmlHeader, nil, ErrNotMatroska},
		// Hostile sizes: data that claims to run past its parent or the file.
		{"file data past the end", func() []byte {
			b := segment(el(idAttachments, attachment("a.ttf", "font/ttf", ttf)))
			return b[:len(b)-4]
		}(), nil, nil},
		{"too many elements to read", segment(bytes.Repeat(el(0xEC), maxElements), atts), nil, ErrTooMany},
		{"seek position past the end", append(bytes.Clone(ebmlHeader), el(idSegment, seekHeadFor(1<<40), unknownCluster)...), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := bytes.NewReader(tt.in)
			got, err := Read(r, int64(len(tt.in)))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Read: err=%v, want %v", err, tt.wantErr)
			}
			var data [][]byte
			for i := range got {
				b := make([]byte, got[i].Size)
				if _, err := r.ReadAt(b, got[i].Offset); err != nil {
					t.Fatalf("file %d at %d+%d: %v", i, got[i].Offset, got[i].Size, err)
				}
				data = append(data, b)
				got[i].Offset = 0
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Read: got %+v, want %+v", got, tt.want)
			}
			for i, b := range data {
				if want := map[string][]byte{"a.ttf": ttf, "b.otf": otf}[tt.want[i].Name]; !bytes.Equal(b, want) {
					t.Errorf("file %d: data %q, want %q", i, b, want)
				}
			}
		})
	}
}

func TestFont(t *testing.T) {
	t.Parallel()
	woff2 := append([]byte("wOF2"), 1, 2, 3)
	tests := []struct {
		name, file, mime string
		data             []byte
		want             string // "" when not a font
	}{
		{"truetype by mime", "a.bin", "application/x-truetype-font", ttf, "font/ttf"},
		{"opentype by mime", "a", "application/vnd.ms-opentype", otf, "font/otf"},
		{"octet-stream named .ttf", "Font.TTF", "application/octet-stream", ttf, "font/ttf"},
		{"woff2", "a.woff2", "font/woff2", woff2, "font/woff2"},
		{"collection", "a.ttc", "", append([]byte("ttcf"), 0, 2), "font/collection"},
		{"type read from the bytes, not the name", "a.ttf", "font/ttf", otf, "font/otf"},
		{"a cover image", "cover.jpg", "image/jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0}, ""},
		{"font mime but not font bytes", "a.ttf", "font/ttf", []byte("<html>"), ""},
		{"too short", "a.ttf", "font/ttf", []byte{0}, ""},
		{"font bytes under another type", "notes.txt", "text/plain", ttf, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := File{Name: tt.file, MIME: tt.mime, Offset: 3, Size: int64(len(tt.data))}
			got, ok := Font(bytes.NewReader(append([]byte("pad"), tt.data...)), f)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("Font(%q, %q): got %q %v, want %q", tt.file, tt.mime, got, ok, tt.want)
			}
		})
	}
}

// TestFFmpegAttachment reads the font ffmpeg attached to an MKV, as the
// test set-up of the browser tests makes one (issue 10).
func TestFFmpegAttachment(t *testing.T) {
	t.Parallel()
	const font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" // fonts-dejavu-core (Makefile APT_PACKAGES)
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ffmpeg is missing")
		}
		t.Skip("ffmpeg is missing")
	}
	want, err := os.ReadFile(font)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "font.mkv")
	cmd := exec.Command("ffmpeg", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=12", "-t", "1",
		"-c:v", "libx264", "-preset", "ultrafast", "-attach", font, "-metadata:s:t", "mimetype=application/x-truetype-font", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	files, err := Read(f, st.Size())
	if err != nil || len(files) != 1 {
		t.Fatalf("Read(%s) = %+v, %v; want one file", out, files, err)
	}
	if files[0].Name != "DejaVuSans-Bold.ttf" || files[0].Size != int64(len(want)) {
		t.Errorf("Read(%s) = %+v, want DejaVuSans-Bold.ttf of %d bytes", out, files[0], len(want))
	}
	if ct, ok := Font(f, files[0]); ct != "font/ttf" || !ok {
		t.Errorf("Font: %q %v, want font/ttf", ct, ok)
	}
	got := make([]byte, files[0].Size)
	if _, err := f.ReadAt(got, files[0].Offset); err != nil || !bytes.Equal(got, want) {
		t.Errorf("the attachment's bytes differ from %s (err %v)", font, err)
	}
}

// FuzzRead feeds Read damaged and hostile files: it must not panic, and
// every file it lists must lie inside the data, so that serving it with an
// io.SectionReader never reads past the end.
func FuzzRead(f *testing.F) {
	f.Add(segment(el(idAttachments, attachment("a.ttf", "font/ttf", ttf)), cluster))
	f.Add(segment(cluster, el(idAttachments, attachment("b.otf", "application/vnd.ms-opentype", otf))))
	f.Add(withSeekHead(el(idAttachments, attachment("a.ttf", "font/ttf", ttf))))
	f.Add(append(bytes.Clone(ebmlHeader), unknown(idSegment, unknown(idCluster, el(0xE7, []byte{0})))...))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil && files != nil {
			t.Fatalf("Read: files %+v beside error %v", files, err)
		}
		for _, file := range files {
			if file.Offset < 0 || file.Size < 0 || file.Offset+file.Size > int64(len(data)) {
				t.Errorf("Read: %+v lies outside the %d bytes", file, len(data))
			}
			Font(bytes.NewReader(data), file)
		}
	})
}
