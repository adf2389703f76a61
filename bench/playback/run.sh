#!/usr/bin/env bash
# Issue 8's playback benchmark: Reel's window against WebKitGTK's own
# MiniBrowser on a bare <video> page of the same clip, and against mpv on the
# same 5-hour file, all in one run under Xvfb (1280×800, no GPU). The
# measuring is in bench/playback/measure; the driving of the window is the
# desktop tests' (tests/desktop/perf_bench_test.go).
#
#   bench/playback/run.sh BIN VIDEOS
#
# BIN is build/bin/reel, VIDEOS the folder scripts/testvideos.sh fills (the
# 60 s clip at 30 frames/s is made beside it, in ../bench). Needs ffmpeg,
# xdotool, Xvfb, mpv and libwebkit2gtk-4.1-0's MiniBrowser.
set -euo pipefail
bin=$(realpath "${1:?usage: run.sh BIN VIDEOS}")
videos=$(realpath "${2:?usage: run.sh BIN VIDEOS}")
for tool in ffmpeg xdotool xvfb-run mpv; do
  command -v "$tool" >/dev/null || { echo "bench-playback needs $tool" >&2; exit 1; }
done
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
REEL_BENCH=1 REEL_BIN="$bin" REEL_TEST_VIDEOS="$videos" \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  go test -tags desktop -count=1 -timeout 15m -run '^TestPlaybackBench$' -v ./tests/desktop/ |
  grep -v '^=== RUN'
