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
exec bash "$(dirname "$0")/window.sh" TestLaunchBench "$@" convert
