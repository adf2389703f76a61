#!/usr/bin/env bash
# Usage: testformats.sh [DIR]. Makes the format corpus of issue 9 in DIR
# (default testdata-gen/formats), reusing what is already there: short,
# small clips in the containers and codecs people keep, made from one test
# pattern and one tone. testvideos.sh puts them in a folder of their own
# beside its videos so that tests counting what that folder lists are
# unaffected; the probe tests make them too. Each clip is 4 s at 320x180,
# 24 frame/s, with a keyframe every second (every 12 frames for the
# VFR clip), so a seek to 50 % lands between keyframes.
set -euo pipefail
formats=${1:-testdata-gen/formats}
mkdir -p "$formats"
v=(-f lavfi -i testsrc2=size=320x180:rate=24)
export SVT_LOG=1 # SVT-AV1 prints its settings on stderr unless told not to
a=(-f lavfi -i sine=frequency=440:sample_rate=48000)
a51=(-f lavfi -i "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=5.1")
t=(-t 4 -shortest)
h264=(-c:v libx264 -preset ultrafast -g 24 -pix_fmt yuv420p)
hevc=(-c:v libx265 -preset ultrafast -x265-params log-level=none:keyint=24:min-keyint=24 -tag:v hvc1)
make() { # make NAME ffmpeg-arguments...: skipped when NAME already exists
  local out="$formats/$1"
  shift
  [[ -s $out ]] && return 0
  local tmp="$formats/.tmp.$$.${out##*/}" # per run: tests in parallel packages may make the corpus at once
  ffmpeg -loglevel error -nostdin -y "$@" "$tmp"
  mv "$tmp" "$out"
}
make mp4-h264-aac.mp4 "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a aac -b:a 96k
make mp4-h264-aac51.mp4 "${v[@]}" "${a51[@]}" "${t[@]}" "${h264[@]}" -c:a aac -b:a 192k
make mp4-fragmented.mp4 "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a aac \
  -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4
make mp4-vfr.mp4 "${v[@]}" "${a[@]}" "${t[@]}" -vf "select='not(mod(n,3))+lt(t,2)'" -fps_mode vfr \
  "${h264[@]}" -g 12 -c:a aac
# ffmpeg 5.1 writes the rotation (a tkhd display matrix) only when copying.
make mp4-rotated.mp4 -i "$formats/mp4-h264-aac.mp4" -c copy -metadata:s:v:0 rotate=90
make mp4-hevc-aac.mp4 "${v[@]}" "${a[@]}" "${t[@]}" "${hevc[@]}" -pix_fmt yuv420p -c:a aac
make mp4-hevc10-aac.mp4 "${v[@]}" "${a[@]}" "${t[@]}" "${hevc[@]}" -pix_fmt yuv420p10le -c:a aac
make mp4-av1-opus.mp4 "${v[@]}" "${a[@]}" "${t[@]}" -c:v libsvtav1 -preset 12 -g 24 -pix_fmt yuv420p -c:a libopus
make mp4-h264-ac3.mp4 "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a ac3
make mp4-h264-eac3.mp4 "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a eac3
make mp4-mpeg4-mp3.mp4 "${v[@]}" "${a[@]}" "${t[@]}" -c:v mpeg4 -g 24 -q:v 5 -c:a libmp3lame
make mkv-h264-ac3.mkv "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a ac3
make mkv-h264-eac3.mkv "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a eac3
make mkv-h264-dts.mkv "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a dca -strict -2
make mkv-hevc-aac.mkv "${v[@]}" "${a[@]}" "${t[@]}" "${hevc[@]}" -pix_fmt yuv420p -c:a aac
make mkv-h264-pcm.mkv "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a pcm_s16le
make webm-vp9-opus.webm "${v[@]}" "${a[@]}" "${t[@]}" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -g 24 -b:v 300k -c:a libopus
make webm-vp8-vorbis.webm "${v[@]}" "${a[@]}" "${t[@]}" -c:v libvpx -deadline realtime -cpu-used 8 -g 24 -b:v 300k -c:a libvorbis
make webm-av1-opus.webm "${v[@]}" "${a[@]}" "${t[@]}" -c:v libsvtav1 -preset 12 -g 24 -c:a libopus
make avi-mpeg4-mp3.avi "${v[@]}" "${a[@]}" "${t[@]}" -c:v mpeg4 -vtag XVID -g 24 -q:v 5 -c:a libmp3lame
make avi-h264-ac3.avi "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a ac3
make mov-prores-pcm.mov "${v[@]}" "${a[@]}" "${t[@]}" -c:v prores_ks -profile:v 0 -c:a pcm_s16le
make mov-h264-aac.mov "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a aac
make ts-h264-aac.ts "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a aac
make ts-hevc-ac3.ts "${v[@]}" "${a[@]}" "${t[@]}" "${hevc[@]}" -pix_fmt yuv420p -c:a ac3
make m2ts-h264-ac3.m2ts "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a ac3 -mpegts_m2ts_mode 1 -f mpegts
make flv-h264-aac.flv "${v[@]}" "${a[@]}" "${t[@]}" "${h264[@]}" -c:a aac
make wmv-wmv2-wma.wmv "${v[@]}" "${a[@]}" "${t[@]}" -c:v wmv2 -g 24 -b:v 400k -c:a wmav2
make ogv-theora-vorbis.ogv "${v[@]}" "${a[@]}" "${t[@]}" -c:v libtheora -g 24 -q:v 6 -c:a libvorbis
make mpg-mpeg2-mp2.mpg "${v[@]}" "${a[@]}" "${t[@]}" -c:v mpeg2video -g 24 -b:v 600k -c:a mp2 -f mpeg
make mkv-vp9-opus.mkv "${v[@]}" "${a[@]}" "${t[@]}" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -g 24 -b:v 300k -c:a libopus
make mkv-av1-aac.mkv "${v[@]}" "${a[@]}" "${t[@]}" -c:v libsvtav1 -preset 12 -g 24 -c:a aac
# Issue 10: two audio tracks (English 440 Hz; French 880 Hz, AC-3 5.1,
# titled "Commentaire"), an English SRT and a French ASS track, and three
# chapters; and the same tracks in MP4 (mov_text subtitles).
tracks_in() { # the SRT, ASS and chapter files the track clips are made from
  local d="$formats/.tracks.$$"
  mkdir -p "$d"
  printf '1\n00:00:00,500 --> 00:00:05,000\nHello from the English track\n\n2\n00:00:06,000 --> 00:00:11,000\nSecond English cue\n' >"$d/en.srt"
  printf '[Script Info]\nScriptType: v4.00+\nPlayResX: 320\nPlayResY: 180\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\nStyle: Default,DejaVu Sans,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,8,10,10,10,1\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:00.50,0:00:05.00,Default,,0,0,0,,{\\an8}Bonjour de la piste française\nDialogue: 0,0:00:06.00,0:00:11.00,Default,,0,0,0,,Deuxième réplique\n' >"$d/fr.ass"
  printf ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=4000\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=4000\nEND=8000\ntitle=Middle part\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=8000\nEND=12000\ntitle=Credits\n' >"$d/chapters.txt"
  echo "$d"
}
if [[ ! -s $formats/mkv-tracks.mkv || ! -s $formats/mp4-tracks.mp4 ]]; then
  td=$(tracks_in)
  a2=(-f lavfi -i sine=frequency=880:sample_rate=48000)
  t12=(-t 12)
  make mkv-tracks.mkv "${v[@]}" "${a[@]}" "${a2[@]}" -i "$td/en.srt" -i "$td/fr.ass" -i "$td/chapters.txt" \
    -map 0:v -map 1:a -map 2:a -map 3:s -map 4:s -map_chapters 5 "${t12[@]}" "${h264[@]}" \
    -c:a:0 aac -b:a:0 96k -c:a:1 ac3 -ac:a:1 6 -c:s:0 srt -c:s:1 ass \
    -metadata:s:a:0 language=eng -metadata:s:a:1 language=fre -metadata:s:a:1 title=Commentaire \
    -metadata:s:s:0 language=eng -metadata:s:s:1 language=fre \
    -disposition:a:0 default -disposition:a:1 0 -disposition:s:0 0 -disposition:s:1 0
  make mp4-tracks.mp4 "${v[@]}" "${a[@]}" "${a2[@]}" -i "$td/en.srt" -i "$td/chapters.txt" \
    -map 0:v -map 1:a -map 2:a -map 3:s -map_chapters 4 "${t12[@]}" "${h264[@]}" \
    -c:a aac -b:a 96k -c:s mov_text \
    -metadata:s:a:0 language=eng -metadata:s:a:1 language=fre -metadata:s:s:0 language=eng
  rm -rf "$td"
fi
ls "$formats" | wc -l
