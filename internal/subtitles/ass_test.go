package subtitles

import (
	"errors"
	"testing"
)

func TestToASS(t *testing.T) {
	t.Parallel()
	const script = "[Script Info]\nScriptType: v4.00+\n\n[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\pos(10,20)}Café\n"
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr error
	}{
		{"utf-8 passes unchanged", []byte(script), script, nil},
		{"crlf becomes lf", []byte("[Script Info]\r\nTitle: x\r\n"), "[Script Info]\nTitle: x\n", nil},
		{"utf-8 bom dropped", append([]byte{0xEF, 0xBB, 0xBF}, script...), script, nil},
		{"utf-16le with bom", utf16Bytes(script, false), script, nil},
		{"utf-16be with bom", utf16Bytes(script, true), script, nil},
		// An old .ssa from Windows: "é" is 0xE9 in Windows-1252.
		{"latin-1 decoded", []byte("[Script Info]\nTitle: caf\xe9\n"), "[Script Info]\nTitle: café\n", nil},
		{"header in any case", []byte("[script info]\n"), "[script info]\n", nil},
		{"comments before the header", []byte("; made by hand\n[Script Info]\n"), "; made by hand\n[Script Info]\n", nil},
		{"srt named .ass", []byte("1\n00:00:01,000 --> 00:00:02,000\nHi\n"), "", ErrNotASS},
		{"empty file", nil, "", ErrNotASS},
		{"header too far in", append(make([]byte, assHeaderWithin), "[Script Info]\n"...), "", ErrNotASS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ToASS(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ToASS(%q): err=%v, want %v", tt.in, err, tt.wantErr)
			}
			if string(got) != tt.want {
				t.Errorf("ToASS(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
