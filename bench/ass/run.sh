#!/usr/bin/env bash
# Issue 10's styled-subtitle benchmark: frames shown and CPU of Reel's window
# while issue 8's clip plays with a minute of ASS subtitles drawn by JASSUB,
# and once it is paused (CPU, display refresh wake-ups), against the same
# clip with them off, alternating in one run under Xvfb (1280×800, no GPU).
# REEL_BASELINE_BIN adds an earlier build, REEL_BENCH_ROUNDS the rounds (2). The driving and the ASS script are in
# tests/desktop/ass_bench_test.go; the measuring is bench/playback/measure's.
#
#   bench/ass/run.sh BIN VIDEOS
#
# BIN is build/bin/reel, VIDEOS the folder scripts/testvideos.sh fills.
# Needs ffmpeg, xdotool and Xvfb.
exec bash "$(dirname "$0")/../window.sh" TestASSBench "$@"
