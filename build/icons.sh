#!/usr/bin/env bash
# Renders Reel's icon (build/icon/reel.svg) to what each platform takes:
# build/appicon.png (Wails: the window, the Windows and macOS builds),
# build/windows/icon.ico, and the PNG sizes of the freedesktop hicolor
# theme under build/linux/icons/. Run by `make icons`; the results are
# committed, so a build needs neither rsvg-convert nor ImageMagick.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
svg=$here/icon/reel.svg

rsvg-convert -w 1024 -h 1024 "$svg" -o "$here/appicon.png"

mkdir -p "$here/linux/icons" "$here/windows"
for s in 16 24 32 48 64 128 256 512; do
	rsvg-convert -w $s -h $s "$svg" -o "$here/linux/icons/${s}.png"
done

# One .ico holding the sizes Windows picks from (Explorer, taskbar, title bar).
convert "$here"/linux/icons/{16,24,32,48,64,128,256}.png "$here/windows/icon.ico"
