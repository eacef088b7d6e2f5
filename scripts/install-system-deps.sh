#!/usr/bin/env bash
# Installs the Debian packages peerstack needs to build, run and test (run as root, or with sudo).
#   libpulse0   webrtc-java's native library links libpulse.so.0 (loading fails without it)
#   iproute2    `ip`, used by tools/netns/bin/java to build the private test network namespace
#   util-linux  `unshare`, likewise
#   openjdk-17-jre, libxtst6   AWT with a display (screen capture through java.awt.Robot)
#   xvfb        a private X display for the screen-capture test
#   chromium, chromium-driver   the real browser of the demo-client end-to-end tests (WebDriver)
#   ffmpeg      ffprobe/ffmpeg check every recording (MediaRecorder tests, record bot, one-command call)
#   maven, openjdk-17-jdk   the build (skipped when mvn and javac are already on PATH)
# With --runtime only what ./run-demo needs to run a call (libpulse0 iproute2 util-linux) and the build.
set -euo pipefail
if [[ "$(id -u)" != "0" ]]; then
  exec sudo "$0" "$@"
fi
packages=(libpulse0 iproute2 util-linux openjdk-17-jre libxtst6 xvfb chromium chromium-driver ffmpeg)
if [[ "${1:-}" == "--runtime" ]]; then
  packages=(libpulse0 iproute2 util-linux)
fi
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  echo "install-system-deps: all present (${packages[*]})"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-system-deps: installed ${missing[*]}"
