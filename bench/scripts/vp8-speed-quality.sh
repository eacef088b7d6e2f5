#!/usr/bin/env bash
# CPU and quality of libvpx VP8 realtime at an adaptive (positive) and a fixed (negative) cpu-used, with
# Debian's ffmpeg: 10 s of 640x480@30, 2.5 Mbit/s, one thread, the recorder's settings. Quality is the
# PSNR of the decoded frames against the source, frame by frame. Used for recorder.vpx-cpu-used's
# default (docs/recording.md). Usage: bench/scripts/vp8-speed-quality.sh [cpu-used...]   (default: 8 -8)
set -euo pipefail
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
values=("$@")
[[ ${#values[@]} -gt 0 ]] || values=(8 -8)
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=640x480:rate=30" -t 10 -vf "noise=alls=6:allf=t" \
  -pix_fmt yuv420p -f rawvideo "$dir/noisy.yuv"
ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=640x480:rate=30" -t 10 -pix_fmt yuv420p -f rawvideo "$dir/clean.yuv"
raw=(-f rawvideo -pix_fmt yuv420p -s 640x480 -r 30)
for input in noisy clean; do
  for cu in "${values[@]}"; do
    start=$(date +%s.%N)
    cpu=$( { /usr/bin/time -f "%U %S" ffmpeg -nostdin -v error -y "${raw[@]}" -i "$dir/$input.yuv" -c:v libvpx \
      -deadline realtime -cpu-used "$cu" -lag-in-frames 0 -b:v 2500000 -g 60 -threads 1 -f webm "$dir/out.webm"; } 2>&1 )
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    ffmpeg -nostdin -v error -y -i "$dir/out.webm" -f rawvideo -pix_fmt yuv420p "$dir/dec.yuv"
    psnr=$(ffmpeg -nostdin -v info "${raw[@]}" -i "$dir/dec.yuv" "${raw[@]}" -i "$dir/$input.yuv" \
      -lavfi "[0:v][1:v]psnr" -f null - 2>&1 | grep -o "average:[0-9.]*")
    printf '%-6s cpu-used %3s: wall %.2f s, CPU %s s (user sys), %s bytes, PSNR %s dB\n' "$input" "$cu" "$wall" \
      "$cpu" "$(stat -c %s "$dir/out.webm")" "${psnr#average:}"
  done
done
