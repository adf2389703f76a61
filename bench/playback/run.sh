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
exec bash "$(dirname "$0")/../window.sh" TestPlaybackBench "$@" mpv
