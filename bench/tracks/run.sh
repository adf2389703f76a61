#!/usr/bin/env bash
# Issue 10's measurements. Usage: bench/tracks/run.sh [SIZE_MB] (default 2048).
# The SIZE_MB MKV is mkv-tracks.mkv looped, with its subtitle streams twice:
# two audio tracks and four text tracks (SRT, ASS, SRT, ASS).
# 1. The time from the first request for an embedded track to its first
#    cue available (BenchmarkFirstCue): Reel now, which answers with the
#    cues extracted so far (reel-partial-first-cue), against Reel before,
#    which answered once its pass over the whole file ended
#    (reel-whole-pass), and ffmpeg extracting that one track alone to its
#    end (ffmpeg-one-track, the baseline). The file was just written, so it
#    is in the page cache: a cold disk makes the whole pass slower still,
#    and the first cue no slower.
# 2. Extraction of every text track in Reel's one ffmpeg pass, against
#    ffmpeg extracting one track alone (the baseline), and a cache hit
#    (BenchmarkExtract).
# 3. Audio switch to sound in Chromium (the remux rung with the chosen
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
ffmpeg -loglevel error -nostdin -y -stream_loop "$loops" -i "$clip" -map 0 -map 0:s -c copy "$work/big.mkv"
ls -l "$work/big.mkv"
ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/big.mkv" | sed 's/^/duration (s): /'
ffprobe -v error -select_streams s -show_entries stream=codec_name -of csv=p=0 "$work/big.mkv" | paste -sd, | sed 's/^/text tracks: /'
cd "$top"
REEL_BENCH_MKV="$work/big.mkv" go test -run '^$' -bench '^Benchmark(FirstCue|Extract)$' -benchtime 1x -count 3 ./internal/tracks/
echo
if [[ -x "$top/build/bin/reel" ]]; then
  cd "$top/frontend"
  REEL_BIN="$top/build/bin/reel" REEL_TEST_VIDEOS="$top/testdata-gen/videos" node --test tests/tracks.test.mjs 2>&1 | grep -E '^# (open to sound|audio switch)|^(ok|not ok)'
else
  echo "no build/bin/reel: make build for the audio switch measure"
fi
