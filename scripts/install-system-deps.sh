#!/usr/bin/env bash
# Installs the Debian packages peerstack needs to build, run and test (Debian 12; run as root or with sudo).
#   scripts/install-system-deps.sh            everything the tests need (./run-tests calls this as root)
#   scripts/install-system-deps.sh --runtime  only what ./run-demo needs to run a call
#   scripts/install-system-deps.sh --check    print the missing packages of the full set (no root
#                                             needed); exit 0 when none are missing, 1 otherwise
#   ... --check --runtime                     the same for the runtime set
#
# Runtime (./run-demo):
#   libpulse0   webrtc-java's native library links libpulse.so.0 (loading fails without it)
#   iproute2    `ip`, used by tools/netns/bin/java to build the private network namespace
#   util-linux  `unshare`, likewise
# Tests (./run-tests), in addition:
#   openjdk-17-jre, libxtst6   AWT with a display (screen capture through java.awt.Robot)
#   xvfb        a private X display for the screen-capture test
#   chromium, chromium-driver   the real browser of the demo-client end-to-end tests (WebDriver)
#   ffmpeg      ffprobe/ffmpeg check every recording (MediaRecorder tests, record bot, one-command call)
#   redis-server   the real Redis of the signaling cluster tests
#   pulseaudio  a real sound server for the PulseAudio capture tests
# Build (only when missing from PATH): openjdk-17-jdk (javac), maven (mvn).
set -euo pipefail

mode=install
set_name=test
for arg in "$@"; do
  case "$arg" in
    --check) mode=check ;;
    --runtime) set_name=runtime ;;
    *) echo "install-system-deps: unknown option '$arg' (use --runtime and/or --check)" >&2; exit 2 ;;
  esac
done

packages=(libpulse0 iproute2 util-linux)
if [[ "$set_name" == test ]]; then
  packages+=(openjdk-17-jre libxtst6 xvfb chromium chromium-driver ffmpeg redis-server pulseaudio)
fi
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk)
command -v mvn >/dev/null 2>&1 || packages+=(maven)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [[ "$mode" == check ]]; then
  if (( ${#missing[@]} > 0 )); then
    echo "${missing[*]}"
    exit 1
  fi
  exit 0
fi
if (( ${#missing[@]} == 0 )); then
  echo "install-system-deps: all present (${packages[*]})"
  exit 0
fi
if [[ "$(id -u)" != "0" ]]; then
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-system-deps: installed ${missing[*]}"
