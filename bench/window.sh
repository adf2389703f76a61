#!/usr/bin/env bash
# window.sh runs one of the benchmarks that drive the real window under Xvfb
# (1280×800, no GPU): TEST is a Go test in tests/desktop that runs only with
# REEL_BENCH=1, BIN is build/bin/reel and VIDEOS the folder
# scripts/testvideos.sh fills. PROGRAMs are what that benchmark needs
# beyond ffmpeg, xdotool and Xvfb (mpv, ImageMagick's convert, …).
#
#   bench/window.sh TEST BIN VIDEOS [PROGRAM...]
set -euo pipefail
usage="usage: window.sh TEST BIN VIDEOS [PROGRAM...]"
test=${1:?$usage}
bin=$(realpath "${2:?$usage}")
videos=$(realpath "${3:?$usage}")
shift 3
for tool in ffmpeg xdotool xvfb-run "$@"; do
  command -v "$tool" >/dev/null || { echo "$test needs $tool" >&2; exit 1; }
done
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
REEL_BENCH=1 REEL_BIN="$bin" REEL_TEST_VIDEOS="$videos" \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  go test -tags desktop -count=1 -timeout 15m -run "^${test}\$" -v ./tests/desktop/ |
  grep -v '^=== RUN'
