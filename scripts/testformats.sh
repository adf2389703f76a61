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
ls "$formats" | wc -l
