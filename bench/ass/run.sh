#!/usr/bin/env bash
# Issue 10's styled-subtitle benchmark: frames shown and CPU of Reel's window
# while issue 8's clip plays with a minute of ASS subtitles drawn by JASSUB,
# against the same clip with them off, alternating in one run under Xvfb
# (1280×800, no GPU). The driving and the ASS script are in
# tests/desktop/ass_bench_test.go; the measuring is bench/playback/measure's.
#
#   bench/ass/run.sh BIN VIDEOS
#
# BIN is build/bin/reel, VIDEOS the folder scripts/testvideos.sh fills.
# Needs ffmpeg, xdotool and Xvfb.
set -euo pipefail
bin=$(realpath "${1:?usage: run.sh BIN VIDEOS}")
videos=$(realpath "${2:?usage: run.sh BIN VIDEOS}")
for tool in ffmpeg xdotool xvfb-run; do
  command -v "$tool" >/dev/null || { echo "bench-ass needs $tool" >&2; exit 1; }
done
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
REEL_BENCH=1 REEL_BIN="$bin" REEL_TEST_VIDEOS="$videos" \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  go test -tags desktop -count=1 -timeout 10m -run '^TestASSBench$' -v ./tests/desktop/ |
  grep -v '^=== RUN'
