#!/bin/sh
# Renders pano.svg to the PNG sizes electron-builder wants (Linux icon set, and
# 512x512 from which it makes the Windows .ico). Needs ffmpeg with librsvg.
set -eu
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512; do
  ffmpeg -loglevel error -y -i pano.svg -vf "scale=${size}:${size}:flags=lanczos" -frames:v 1 "${size}x${size}.png"
done
