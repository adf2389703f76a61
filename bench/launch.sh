#!/usr/bin/env bash
# Issue 8's launch benchmark in the real window under Xvfb (1280×800, no
# GPU): Reel started onto the last folder, to its first listing painted,
# against WebKitGTK's own MiniBrowser started on a one-line page, to its
# load, interleaved in the same run (and against an earlier build when
# REEL_BASELINE_BIN names one). The driving is the desktop tests'
# (tests/desktop/perf_bench_test.go, TestLaunchBench).
#
#   bench/launch.sh BIN VIDEOS
#
# BIN is build/bin/reel, VIDEOS the folder scripts/testvideos.sh fills (the
# benchmark's folder of 300 links to one clip is made beside it). Needs
# ffmpeg, xdotool, Xvfb, ImageMagick and libwebkit2gtk-4.1-0's MiniBrowser.
set -euo pipefail
bin=$(realpath "${1:?usage: launch.sh BIN VIDEOS}")
videos=$(realpath "${2:?usage: launch.sh BIN VIDEOS}")
for tool in ffmpeg xdotool xvfb-run convert; do
  command -v "$tool" >/dev/null || { echo "bench-launch needs $tool" >&2; exit 1; }
done
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
REEL_BENCH=1 REEL_BIN="$bin" REEL_TEST_VIDEOS="$videos" \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  go test -tags desktop -count=1 -timeout 10m -run '^TestLaunchBench$' -v ./tests/desktop/ |
  grep -v '^=== RUN'
