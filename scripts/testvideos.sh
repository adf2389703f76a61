#!/usr/bin/env bash
# Usage: testvideos.sh [DIR [FORMATS]]. Makes the test videos in DIR
# (default testdata-gen/videos), reusing what is already there: a 60 s
# H.264/AAC clip and a >2 GiB, 5-hour copy of it whose moov box sits at the
# end of the file, as ffmpeg writes it by default; then the format corpus
# in FORMATS (default DIR/../formats) with testformats.sh.
set -euo pipefail
dir=${1:-testdata-gen/videos}
mkdir -p "$dir/Extras"
small="$dir/Extras/clip.mp4"
big="$dir/big-5h.mp4"
if [[ ! -s $small ]]; then
  ffmpeg -loglevel error -y \
    -f lavfi -i testsrc2=size=640x360:rate=24 \
    -f lavfi -i sine=frequency=440:sample_rate=48000 \
    -t 60 -c:v libx264 -preset veryfast -g 24 -b:v 800k -pix_fmt yuv420p \
    -c:a aac -b:a 96k "$small.tmp.mp4"
  mv "$small.tmp.mp4" "$small"
fi
if [[ ! -s $big ]] || (( $(stat -c %s "$big") < 2147483648 )); then
  # 320 loops of 6.8 MB: 2.18 GB and 5h20m, past the 2 GiB mark where
  # 32-bit offsets break.
  ffmpeg -loglevel error -y -stream_loop 319 -i "$small" -c copy "$big.tmp.mp4"
  mv "$big.tmp.mp4" "$big"
fi
ls -l "$big" "$small"

bash "$(dirname "$0")/testformats.sh" "${2:-$(dirname "$dir")/formats}"
