package probe

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reel/internal/ffmpegbin"
	"reel/internal/proc"
	"strconv"
	"strings"
	"time"
)

// FFprobe reads the containers Probe recognises but has no Go parser for
// (AVI, MPEG-TS and M2TS, FLV, ASF/WMV, Ogg, MPEG-PS: issue 9) by running
// ffprobe, FFmpeg's own prober, on the file. No well-kept Go parser covers
// those containers with the codec detail codec strings need.
type FFprobe struct {
	// Path is the ffprobe executable.
	Path string
	// Timeout bounds one run; 0 means 20 s.
	Timeout time.Duration
}

// FindFFprobe looks for ffprobe where Reel looks for FFmpeg's programs
// (ffmpegbin.Find): beside the running executable, then on PATH.
func FindFFprobe() (FFprobe, error) {
	path, err := ffmpegbin.Find("ffprobe")
	if err != nil {
		return FFprobe{}, err
	}
	return FFprobe{Path: path}, nil
}

// maxFFprobeOutput bounds what is read of ffprobe's answer; a file with
// thousands of streams is cut off there and reported malformed.
const maxFFprobeOutput = 4 << 20

// Probe runs ffprobe on the open file f and returns what Probe would:
// duration, display size, the first video and audio codec and every
// track. container is the one sniffed from the file's first bytes, so it
// reads the same as Probe's for the same file.
//
// On Linux ffprobe is handed f itself (as /dev/fd/3), so it reads the
// file the library opened and checked, whatever happens to its path
// meanwhile; elsewhere it opens f.Name().
func (p FFprobe) Probe(ctx context.Context, f *os.File, container string) (Info, error) {
	info := Info{Container: container}
	out, err := p.run(ctx, f, "-show_format", "-show_streams")
	if err != nil {
		return info, err
	}
	return parseFFprobe(out, info)
}

// run runs ffprobe on f with show (its -show_… options) and returns its
// JSON answer. On Linux ffprobe is handed f itself (as /dev/fd/3).
func (p FFprobe) run(ctx context.Context, f *os.File, show ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, cmp.Or(p.Timeout, 20*time.Second))
	defer cancel()
	path, extra := proc.Input(f)
	args := append([]string{"-v", "error", "-of", "json"}, show...)
	cmd := proc.Command(ctx, p.Path, append(args, "-i", path)...)
	cmd.ExtraFiles = extra
	var out, stderr limitedBuffer
	out.max, stderr.max = maxFFprobeOutput, 4<<10
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("probe: ffprobe %s: %w", filepath.Base(f.Name()), ctx.Err())
		}
		return nil, fmt.Errorf("%w: ffprobe: %s", ErrMalformed, cmp.Or(strings.TrimSpace(stderr.String()), err.Error()))
	}
	if out.full {
		return nil, fmt.Errorf("%w: ffprobe answer over %d bytes", ErrMalformed, maxFFprobeOutput)
	}
	return out.Bytes(), nil
}

// ffprobeAnswer is the part of `ffprobe -of json -show_format
// -show_streams` that Info needs.
type ffprobeAnswer struct {
	Streams []struct {
		CodecType    string `json:"codec_type"`
		CodecName    string `json:"codec_name"`
		Profile      string `json:"profile"`
		Level        int    `json:"level"`
		Width        int    `json:"width"`
		Height       int    `json:"height"`
		PixFmt       string `json:"pix_fmt"`
		Channels     int    `json:"channels"`
		SideDataList []struct {
			Rotation float64 `json:"rotation"`
		} `json:"side_data_list"`
		Disposition struct {
			AttachedPic int `json:"attached_pic"`
		} `json:"disposition"`
	} `json:"streams"`
	Format struct {
		Duration string `json:"duration"`
	} `json:"format"`
}

// parseFFprobe fills info from ffprobe's JSON answer.
func parseFFprobe(data []byte, info Info) (Info, error) {
	var a ffprobeAnswer
	if err := json.Unmarshal(data, &a); err != nil {
		return info, fmt.Errorf("%w: ffprobe answer: %v", ErrMalformed, err)
	}
	if d, err := strconv.ParseFloat(a.Format.Duration, 64); err == nil && d > 0 && d < 1e9 {
		info.Duration = d
	}
	for _, s := range a.Streams {
		if len(info.Tracks) == maxTracks {
			break
		}
		codec := ffmpegCodec(s.CodecName)
		switch {
		case s.CodecType == "video" && s.Disposition.AttachedPic == 0:
			depth := pixFmtDepth(s.PixFmt)
			info.Tracks = append(info.Tracks, Track{Type: "video", Codec: codec,
				CodecString: ffprobeCodecString(codec, s.Profile, s.Level, depth), BitDepth: depth})
			if info.VideoCodec == "" {
				info.VideoCodec = codec
				info.Width, info.Height = s.Width, s.Height
				for _, sd := range s.SideDataList {
					if r := int(sd.Rotation) % 180; r == 90 || r == -90 {
						info.Width, info.Height = s.Height, s.Width
					}
				}
			}
		case s.CodecType == "audio":
			info.Tracks = append(info.Tracks, Track{Type: "audio", Codec: codec,
				CodecString: ffprobeCodecString(codec, s.Profile, s.Level, 0), Channels: s.Channels})
			if info.AudioCodec == "" {
				info.AudioCodec = codec
			}
		}
	}
	if len(info.Tracks) == 0 {
		return info, fmt.Errorf("%w: no audio or video stream", ErrMalformed)
	}
	return info, nil
}

// ffmpegCodec turns FFmpeg's codec names into Probe's.
func ffmpegCodec(name string) string {
	switch {
	case name == "mpeg2video":
		return "mpeg2"
	case name == "mpeg1video":
		return "mpeg1"
	case name == "msmpeg4v3" || name == "msmpeg4v2" || name == "msmpeg4v1":
		return "msmpeg4"
	case name == "wmv3":
		return "vc1"
	case name == "wmav1" || name == "wmav2" || name == "wmapro":
		return "wma"
	case strings.HasPrefix(name, "pcm_"):
		return "pcm"
	}
	return name
}

// pixFmtDepth reads the bit depth from an FFmpeg pixel format name
// ("yuv420p10le" is 10), 8 when it names none.
func pixFmtDepth(pixFmt string) int {
	for _, d := range []string{"16", "14", "12", "10", "9"} {
		if strings.Contains(pixFmt, "p"+d) {
			n, _ := strconv.Atoi(d)
			return n
		}
	}
	if pixFmt == "" {
		return 0
	}
	return 8
}

// avcProfiles maps FFmpeg's H.264 profile names to profile_idc and the
// constraint flags byte (ITU-T H.264 Annex A).
var avcProfiles = map[string][2]byte{
	"Constrained Baseline": {66, 0xC0}, "Baseline": {66, 0}, "Main": {77, 0}, "Extended": {88, 0},
	"High": {100, 0}, "High 10": {110, 0}, "High 4:2:2": {122, 0}, "High 4:4:4 Predictive": {244, 0},
}

// ffprobeCodecString builds a codec string from what ffprobe says of a
// stream, where the configuration record itself is out of reach.
func ffprobeCodecString(codec, profile string, level, depth int) string {
	switch codec {
	case "h264":
		p, ok := avcProfiles[profile]
		if !ok || level <= 0 || level > 255 {
			return codecString(codec, "", nil)
		}
		return fmt.Sprintf("avc1.%02x%02x%02x", p[0], p[1], level)
	case "hevc":
		if level <= 0 || level > 255 {
			return codecString(codec, "", nil)
		}
		if profile == "Main 10" {
			return fmt.Sprintf("hvc1.2.4.L%d.B0", level)
		}
		return fmt.Sprintf("hvc1.1.6.L%d.B0", level)
	case "av1":
		p := map[string]int{"Main": 0, "High": 1, "Professional": 2}[profile]
		return fmt.Sprintf("av01.%d.%02dM.%02d", p, max(level, 0)%32, max(depth, 8))
	case "vp9":
		p := map[string]int{"Profile 0": 0, "Profile 1": 1, "Profile 2": 2, "Profile 3": 3}[profile]
		return fmt.Sprintf("vp09.%02d.10.%02d", p, max(depth, 8))
	case "aac":
		switch profile {
		case "HE-AAC":
			return "mp4a.40.5"
		case "HE-AACv2":
			return "mp4a.40.29"
		}
		return "mp4a.40.2"
	}
	return codecString(codec, "", nil)
}

// limitedBuffer keeps the first max bytes written to it and notes whether
// more came.
type limitedBuffer struct {
	bytes.Buffer
	max  int
	full bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room < len(p) {
		b.full = true
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}

// ProbeWith probes the open file f in Go and, for the containers only
// ffprobe reads, with ff when ff.Path is set. Without ffprobe those
// containers keep Probe's ErrUnsupported.
func ProbeWith(ctx context.Context, ff FFprobe, f *os.File, size int64) (Info, error) {
	info, err := Probe(f, size, strings.ToLower(filepath.Ext(f.Name())))
	if errors.Is(err, ErrUnsupported) && ff.Path != "" && ffprobeContainers[info.Container] {
		return ff.Probe(ctx, f, info.Container)
	}
	return info, err
}

// ffprobeContainers are the containers sniff recognises that only ffprobe
// reads.
var ffprobeContainers = map[string]bool{"avi": true, "mpegts": true, "flv": true, "asf": true, "ogg": true, "mpeg": true}
