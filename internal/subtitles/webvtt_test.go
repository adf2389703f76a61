package subtitles

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// utf16Bytes encodes s as UTF-16 with a byte order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	units := append([]uint16{0xFEFF}, utf16.Encode([]rune(s))...)
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestToVTT(t *testing.T) {
	t.Parallel()
	const hello = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n"
	tests := []struct {
		name    string
		in      string
		format  string
		want    string
		wantErr error
	}{
		// Timestamps.
		{"standard cue", "1\n00:01:02,345 --> 00:01:04,000\nHello\n", "srt",
			"WEBVTT\n\n00:01:02.345 --> 00:01:04.000\nHello\n", nil},
		{"milliseconds padded", "1\n00:00:01,5 --> 00:00:02,05\nHi\n", "srt",
			"WEBVTT\n\n00:00:01.500 --> 00:00:02.050\nHi\n", nil},
		{"single-digit fields", "1\n0:0:1,005 --> 0:0:2,000\nHi\n", "srt",
			"WEBVTT\n\n00:00:01.005 --> 00:00:02.000\nHi\n", nil},
		{"dot separator", "1\n00:00:01.000 --> 00:00:02.000\nHello\n", "srt", hello, nil},
		{"missing hours", "1\n01:02,345 --> 01:04,000\nHi\n", "srt",
			"WEBVTT\n\n00:01:02.345 --> 00:01:04.000\nHi\n", nil},
		{"hours above 99", "1\n100:00:00,000 --> 100:00:01,000\nHi\n", "srt",
			"WEBVTT\n\n100:00:00.000 --> 100:00:01.000\nHi\n", nil},
		{"no spaces around arrow", "1\n00:00:01,000-->00:00:02,000\nHello\n", "srt", hello, nil},
		{"position box after timing ignored", "1\n00:00:01,000 --> 00:00:02,000  X1:100 X2:600 Y1:20 Y2:50\nHello\n", "srt", hello, nil},
		{"missing index line", "00:00:01,000 --> 00:00:02,000\nFirst\nsecond line\n\n00:00:03,000 --> 00:00:04,000\nSecond\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFirst\nsecond line\n\n00:00:03.000 --> 00:00:04.000\nSecond\n", nil},
		{"numbering gaps", "1\n00:00:01,000 --> 00:00:02,000\nA\n\n5\n00:00:03,000 --> 00:00:04,000\nB\n\n17\n00:00:05,000 --> 00:00:06,000\nC\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:03.000 --> 00:00:04.000\nB\n\n00:00:05.000 --> 00:00:06.000\nC\n", nil},
		{"cues sorted by start", "2\n00:00:03,000 --> 00:00:04,000\nB\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:03.000 --> 00:00:04.000\nB\n", nil},

		// Styling.
		{"italic bold underline kept", "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i> <b>bold</b> <U>under</U>\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>Hello</i> <b>bold</b> <u>under</u>\n", nil},
		{"font dropped text kept", "1\n00:00:01,000 --> 00:00:02,000\n<font color=\"#ffff00\">yellow</font> text\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nyellow text\n", nil},
		{"ass override codes dropped", "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Top {\\i1}text{\\i0}\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTop text\n", nil},
		{"plain braces kept", "1\n00:00:01,000 --> 00:00:02,000\n{laughs}\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{laughs}\n", nil},
		{"bare ampersand and less-than escaped", "1\n00:00:01,000 --> 00:00:02,000\nTom & Jerry < 3 a<b\n<Narrator> speaks <important>\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTom &amp; Jerry &lt; 3 a&lt;b\n&lt;Narrator&gt; speaks &lt;important&gt;\n", nil},
		{"character references kept", "1\n00:00:01,000 --> 00:00:02,000\nR&amp;D &lt;tag&gt; caf&#233; &#xE9; &;\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nR&amp;D &lt;tag&gt; caf&#233; &#xE9; &amp;;\n", nil},
		{"arrow in text escaped", "1\n00:00:01,000 --> 00:00:02,000\nwait --> go\n10 --> 20 miles\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nwait --&gt; go\n10 --&gt; 20 miles\n", nil},
		{"tags across lines", "1\n00:00:01,000 --> 00:00:02,000\n<i>multi\nline</i>\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>multi\nline</i>\n", nil},
		{"unclosed tag closed at end of cue", "1\n00:00:01,000 --> 00:00:02,000\n<i>never closed\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>never closed</i>\n", nil},
		{"stray closing tag dropped", "1\n00:00:01,000 --> 00:00:02,000\noops</i>\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\noops\n", nil},
		{"misnested tags reopened", "1\n00:00:01,000 --> 00:00:02,000\n<b><i>x</b>y</i>\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<b><i>x</i></b><i>y</i>\n", nil},
		{"tag-only lines merged", "1\n00:00:01,000 --> 00:00:02,000\n<i>\nHello\n</i>\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i>Hello</i>\n", nil},

		// Cue structure.
		{"multi-line cue", "1\n00:00:01,000 --> 00:00:02,000\n- Who's there?\n- Me.\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n- Who's there?\n- Me.\n", nil},
		{"blank line inside cue", "1\n00:00:01,000 --> 00:00:02,000\nFirst\n\nafter blank\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFirst\nafter blank\n\n00:00:03.000 --> 00:00:04.000\nSecond\n", nil},
		{"number under text is dialogue", "1\n00:00:01,000 --> 00:00:02,000\nThe answer is\n42\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nThe answer is\n42\n\n00:00:03.000 --> 00:00:04.000\nB\n", nil},
		{"cue of only a number", "1\n00:00:01,000 --> 00:00:02,000\n42\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n42\n\n00:00:03.000 --> 00:00:04.000\nB\n", nil},
		{"malformed cue skipped", "1\n00:00:01,000 --> 00:00:02,000\nGood\n\n2\n00:00:xx,000 --> 00:00:04,000\nBad\n\n3\n00:00:05,000 --> 00:00:06,000\nGood again\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nGood\n\n00:00:05.000 --> 00:00:06.000\nGood again\n", nil},
		{"end before start skipped", "1\n00:00:05,000 --> 00:00:01,000\nBackwards\n\n2\n00:00:01,000 --> 00:00:02,000\nHello\n", "srt", hello, nil},
		{"minutes out of range skipped", "1\n00:60:00,000 --> 00:61:00,000\nBad\n\n2\n00:00:01,000 --> 00:00:02,000\nHello\n", "srt", hello, nil},
		{"cue left empty skipped", "1\n00:00:00,500 --> 00:00:00,900\n{\\an8}\n\n2\n00:00:01,000 --> 00:00:02,000\nHello\n", "srt", hello, nil},
		{"text before first cue ignored", "Subtitles by someone\n\n1\n00:00:01,000 --> 00:00:02,000\nHello\n", "srt", hello, nil},

		// Encodings and line endings.
		{"utf-8 bom", "\xEF\xBB\xBF1\n00:00:01,000 --> 00:00:02,000\nHello\n", "srt", hello, nil},
		{"utf-16le bom", string(utf16Bytes("1\r\n00:00:01,000 --> 00:00:02,000\r\nÇa va, café ♪\r\n", false)), "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nÇa va, café ♪\n", nil},
		{"utf-16be bom", string(utf16Bytes("1\n00:00:01,000 --> 00:00:02,000\nHello\n", true)), "srt", hello, nil},
		{"crlf", "1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\n\r\n", "srt", hello, nil},
		{"lone cr", "1\r00:00:01,000 --> 00:00:02,000\rHello\r\r", "srt", hello, nil},
		{"latin-1 bytes", "1\n00:00:01,000 --> 00:00:02,000\n\xC7a va, caf\xE9\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nÇa va, café\n", nil},
		{"windows-1252 quotes", "1\n00:00:01,000 --> 00:00:02,000\n\x93Quoted\x94 \x85\n", "srt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n“Quoted” …\n", nil},

		// Whole files.
		{"empty file", "", "srt", "WEBVTT\n", nil},
		{"whitespace-only file", "\xEF\xBB\xBF\r\n \n", "srt", "WEBVTT\n", nil},
		{"no cue at all", "just some text\n", "srt", "", ErrNoCues},
		{"only malformed cues", "1\n00:00:xx,000 --> 00:00:02,000\nBad\n", "srt", "", ErrNoCues},
		{"format case-insensitive", "1\n00:00:01,000 --> 00:00:02,000\nHello\n", "SRT", hello, nil},
		{"unsupported format", "[Script Info]\n", "ass", "", ErrUnsupportedFormat},

		// WebVTT input.
		{"vtt passed through", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:0\n<v Bob>Hi</v>\n", "vtt",
			"WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:0\n<v Bob>Hi</v>\n", nil},
		{"vtt bom and crlf", "\xEF\xBB\xBFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi\r\n", "vtt",
			"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n", nil},
		{"vtt header with title", "WEBVTT - Title\n", "vtt", "WEBVTT - Title\n", nil},
		{"vtt header alone", "WEBVTT", "vtt", "WEBVTT", nil},
		{"vtt utf-16", string(utf16Bytes("WEBVTT\n", false)), "vtt", "WEBVTT\n", nil},
		{"vtt missing header", "1\n00:00:01,000 --> 00:00:02,000\nHello\n", "vtt", "", ErrNotWebVTT},
		{"vtt header run on", "WEBVTTX\n", "vtt", "", ErrNotWebVTT},
		{"vtt empty", "", "vtt", "", ErrNotWebVTT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ToVTT([]byte(tt.in), tt.format)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("ToVTT(%q, %q) error = %v, want %v", tt.in, tt.format, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ToVTT(%q, %q) error = %v, want nil", tt.in, tt.format, err)
			}
			if string(got) != tt.want {
				t.Errorf("ToVTT(%q, %q)\n got %q\nwant %q", tt.in, tt.format, got, tt.want)
			}
		})
	}
}

func TestParseTimestamp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   int64
		wantOK bool
	}{
		{"00:00:00,000", 0, true},
		{"01:02:03,456", 3_723_456, true},
		{"01:02:03.456", 3_723_456, true},
		{"02:03,456", 123_456, true},
		{"00:00:01", 1000, true},
		{"00:00:01,1", 1100, true},
		{"00:00:01,123456", 1123, true},
		{"999999:59:59,999", 999_999*3_600_000 + 3_599_999, true},
		{"00:00:01,", 0, false},
		{"00:60:00,000", 0, false},
		{"00:00:60,000", 0, false},
		{"000:000:01,000", 0, false},
		{"1000000:00:00,000", 0, false},
		{"aa:00:00,000", 0, false},
		{"00:00:01,0000000000", 0, false},
		{"00:00:01,-1", 0, false},
		{"1", 0, false},
		{"1:2:3:4", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseTimestamp(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseTimestamp(%q) = %d, %v, want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

var timingLine = regexp.MustCompile(`^\d{2,}:\d{2}:\d{2}\.\d{3} --> \d{2,}:\d{2}:\d{2}\.\d{3}$`)

func FuzzToVTT(f *testing.F) {
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i> & <b>bye\n\n2\n00:00:03.5 --> 00:00:04,000\n{\\an8}x"), false)
	f.Add([]byte("\xEF\xBB\xBF1\r\n01:02,345 --> 01:04,000\r\n<font color=red>\xE9</font>\r\n"), false)
	f.Add(utf16Bytes("1\n00:00:01,000 --> 00:00:02,000\nwait --> go\n", false), false)
	f.Add([]byte("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n"), true)
	f.Add([]byte(""), false)
	f.Fuzz(func(t *testing.T, data []byte, vtt bool) {
		format := "srt"
		if vtt {
			format = "vtt"
		}
		out, err := ToVTT(data, format)
		if err != nil {
			return
		}
		if !strings.HasPrefix(string(out), "WEBVTT") {
			t.Fatalf("ToVTT(%q, %q) = %q, want WEBVTT prefix", data, format, out)
		}
		if !utf8.Valid(out) {
			t.Fatalf("ToVTT(%q, %q) = %q, not valid UTF-8", data, format, out)
		}
		if vtt {
			return
		}
		// Every block after the header is one cue: a timing line, then text
		// lines that are neither blank nor able to end the cue early.
		blocks := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n\n")
		if blocks[0] != "WEBVTT" {
			t.Fatalf("ToVTT(%q, %q) = %q, want header block \"WEBVTT\"", data, format, out)
		}
		for _, block := range blocks[1:] {
			lines := strings.Split(block, "\n")
			if !timingLine.MatchString(lines[0]) || len(lines) < 2 {
				t.Fatalf("ToVTT(%q, %q) = %q, malformed cue %q", data, format, out, block)
			}
			for _, l := range lines[1:] {
				if strings.TrimSpace(l) == "" || strings.Contains(l, "-->") {
					t.Fatalf("ToVTT(%q, %q) = %q, bad cue text line %q", data, format, out, l)
				}
			}
		}
	})
}
