#!/usr/bin/env bash
# Builds SfuFanout's Pion anchor offline from Debian's packages (apt-get install -y golang-go
# golang-github-pion-webrtc.v3-dev): module mode, no proxy, every dependency replaced by its Debian
# source directory; test-only dependencies of pion/webrtc get empty stub modules. Output: bench/pion/pion-forwarder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src=/usr/share/gocode/src
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$here/go.mod" "$work/"
cd "$work"
for stub in github.com/onsi/ginkgo github.com/onsi/gomega github.com/sclevine/agouti; do
  mkdir -p "stubs/$stub"
  echo "module $stub" > "stubs/$stub/go.mod"
  echo "replace $stub => ./stubs/$stub" >> go.mod
done
# Debian's source directories of some modules carry no go.mod: use a copy with one added
add() {
  if [[ -f "$2/go.mod" ]]; then
    echo "replace $1 => $2" >> go.mod
  else
    mkdir -p "mods/$1"
    cp -r "$2/." "mods/$1/"
    echo "module $1" > "mods/$1/go.mod"
    echo "replace $1 => ./mods/$1" >> go.mod
  fi
}
add github.com/pion/webrtc/v3 $src/github.com/pion/webrtc
add github.com/pion/datachannel $src/github.com/pion/datachannel
add github.com/pion/dtls/v2 $src/github.com/pion/dtls/v2
add github.com/pion/ice/v2 $src/github.com/pion/ice/v2
add github.com/pion/interceptor $src/github.com/pion/interceptor
add github.com/pion/logging $src/github.com/pion/logging
add github.com/pion/mdns $src/github.com/pion/mdns
add github.com/pion/randutil $src/github.com/pion/randutil
add github.com/pion/rtcp $src/github.com/pion/rtcp
add github.com/pion/rtp $src/github.com/pion/rtp
add github.com/pion/sctp $src/github.com/pion/sctp
add github.com/pion/sdp/v3 $src/github.com/pion/sdp
add github.com/pion/srtp/v2 $src/github.com/pion/srtp/v2
add github.com/pion/stun $src/github.com/pion/stun
add github.com/pion/transport/v2 $src/github.com/pion/transport
add github.com/pion/turn/v2 $src/github.com/pion/turn/v2
add github.com/pion/udp/v2 $src/github.com/pion/udp
add github.com/google/uuid $src/github.com/google/uuid
add github.com/davecgh/go-spew $src/github.com/davecgh/go-spew
add github.com/pmezard/go-difflib $src/github.com/pmezard/go-difflib
add github.com/stretchr/testify $src/github.com/stretchr/testify
add github.com/stretchr/objx $src/github.com/stretchr/objx
add golang.org/x/crypto $src/golang.org/x/crypto
add golang.org/x/net $src/golang.org/x/net
add golang.org/x/sys $src/golang.org/x/sys
add golang.org/x/term $src/golang.org/x/term
add golang.org/x/text $src/golang.org/x/text
add gopkg.in/yaml.v3 $src/gopkg.in/yaml.v3
export GOPROXY=off GOFLAGS=-mod=mod GOSUMDB=off
# Old versions named only in go.mod files of the dependency graph (never imported): empty stubs, found
# by asking the build what it could not look up, until nothing is missing.
for attempt in $(seq 1 40); do
  if go build -o "$here/pion-forwarder" . 2> build.log; then
    echo "built $here/pion-forwarder"
    exit 0
  fi
  missing=$(grep -o '[^ 	]*@v[^:]*: module lookup disabled' build.log | sed 's/@.*//' | sort -u)
  if [[ -z "$missing" ]]; then
    cat build.log >&2
    exit 1
  fi
  for m in $missing; do
    mkdir -p "stubs/$m"
    echo "module $m" > "stubs/$m/go.mod"
    echo "replace $m => ./stubs/$m" >> go.mod
  done
done
cat build.log >&2
exit 1
