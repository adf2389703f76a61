#!/usr/bin/env bash
# Issue 10's measurements. Usage: bench/tracks/run.sh [SIZE_MB] (default 2048).
# 1. Extraction of every text track of a SIZE_MB MKV (two audio tracks, an
#    SRT and an ASS track) in Reel's one ffmpeg pass, against ffmpeg
#    extracting one track alone (the baseline), and a cache hit: the time
#    from opening the video to its first embedded cue being available.
# 2. Audio switch to sound in Chromium (the remux rung with the chosen
#    track), from the Playwright test, beside the time the same video took
#    from open to sound in the same run.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
size_mb=${1:-2048}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$top/scripts/testformats.sh" "$top/testdata-gen/formats" >/dev/null
clip="$top/testdata-gen/formats/mkv-tracks.mkv"
loops=$(( size_mb * 1024 * 1024 / $(stat -c %s "$clip") ))
echo "making a ${size_mb} MB MKV: $loops loops of $(basename "$clip")"
ffmpeg -loglevel error -nostdin -y -stream_loop "$loops" -i "$clip" -map 0 -c copy "$work/big.mkv"
ls -l "$work/big.mkv"
ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/big.mkv" | sed 's/^/duration (s): /'
cd "$top"
REEL_BENCH_MKV="$work/big.mkv" go test -run '^$' -bench '^BenchmarkExtract$' -benchtime 1x -count 3 ./internal/tracks/
echo
if [[ -x "$top/build/bin/reel" ]]; then
  cd "$top/frontend"
  REEL_BIN="$top/build/bin/reel" REEL_TEST_VIDEOS="$top/testdata-gen/videos" node --test tests/tracks.test.mjs 2>&1 | grep -E '^# (open to sound|audio switch)|^(ok|not ok)'
else
  echo "no build/bin/reel: make build for the audio switch measure"
fi
