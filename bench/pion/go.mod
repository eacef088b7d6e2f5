module peerstack.org/bench/pion-forwarder

go 1.19

require (
	github.com/pion/interceptor v0.1.12
	github.com/pion/rtcp v1.2.10
	github.com/pion/webrtc/v3 v3.1.56
)
