// Command pion-forwarder is SfuFanout's anchor: Pion v3's "broadcast" pattern (one TrackRemote per
// publisher track copied into a TrackLocalStaticRTP that every subscriber's connection sends), driven by
// line-delimited JSON on stdin/stdout:
//
//	{"op":"publish","sdp":OFFER}        -> {"sdp":ANSWER}
//	{"op":"subscribe"}                  -> {"id":N,"sdp":OFFER}
//	{"op":"answer","id":N,"sdp":ANSWER} -> {"ok":true}
//	{"op":"count"}                      -> {"packets":FORWARDED_RTP_PACKETS}
//
// It binds only to the address given by -ip (the benchmark's namespace address).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/interceptor"
	"github.com/pion/rtcp"
	"github.com/pion/webrtc/v3"
)

type request struct {
	Op  string `json:"op"`
	SDP string `json:"sdp"`
	ID  int    `json:"id"`
}

var (
	api       *webrtc.API
	mu        sync.Mutex
	locals    []*webrtc.TrackLocalStaticRTP
	localsUp  = make(chan struct{})
	upOnce    sync.Once
	subs      = map[int]*webrtc.PeerConnection{}
	nextID    int
	forwarded int64 // packets read from the publisher times subscribers connected at that moment
	connected int64
	pubPC     *webrtc.PeerConnection
	videoSSRC uint32
)

func main() {
	ip := flag.String("ip", "127.0.1.1", "the only address to gather candidates on")
	flag.Parse()
	se := webrtc.SettingEngine{}
	se.SetIncludeLoopbackCandidate(true)
	se.SetIPFilter(func(a net.IP) bool { return a.String() == *ip })
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	m := &webrtc.MediaEngine{}
	if err := m.RegisterDefaultCodecs(); err != nil {
		panic(err)
	}
	// abs-send-time passes through untouched: the load client measures the delay from the publisher's stamp
	if err := m.RegisterHeaderExtension(webrtc.RTPHeaderExtensionCapability{URI: "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"}, webrtc.RTPCodecTypeVideo); err != nil {
		panic(err)
	}
	// Pion's default interceptors, as its broadcast example: NACK, RTCP reports, transport-wide CC
	// feedback to the publisher (so its bandwidth estimate ramps), stats
	ir := &interceptor.Registry{}
	if err := webrtc.RegisterDefaultInterceptors(m, ir); err != nil {
		panic(err)
	}
	api = webrtc.NewAPI(webrtc.WithMediaEngine(m), webrtc.WithSettingEngine(se), webrtc.WithInterceptorRegistry(ir))
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			out.Encode(map[string]string{"error": err.Error()})
			continue
		}
		switch r.Op {
		case "publish":
			sdp, err := publish(r.SDP)
			reply(out, map[string]interface{}{"sdp": sdp}, err)
		case "subscribe":
			id, sdp, err := subscribe()
			reply(out, map[string]interface{}{"id": id, "sdp": sdp}, err)
		case "answer":
			mu.Lock()
			pc := subs[r.ID]
			mu.Unlock()
			var err error
			if pc == nil {
				err = fmt.Errorf("no subscriber %d", r.ID)
			} else {
				err = pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: r.SDP})
			}
			reply(out, map[string]interface{}{"ok": err == nil}, err)
		case "count":
			out.Encode(map[string]int64{"packets": atomic.LoadInt64(&forwarded)})
		default:
			out.Encode(map[string]string{"error": "unknown op " + r.Op})
		}
	}
}

func reply(out *json.Encoder, v map[string]interface{}, err error) {
	if err != nil {
		out.Encode(map[string]string{"error": err.Error()})
		return
	}
	out.Encode(v)
}

func publish(offer string) (string, error) {
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return "", err
	}
	pubPC = pc
	for _, kind := range []webrtc.RTPCodecType{webrtc.RTPCodecTypeAudio, webrtc.RTPCodecTypeVideo} {
		if _, err := pc.AddTransceiverFromKind(kind, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}); err != nil {
			return "", err
		}
	}
	pc.OnTrack(func(remote *webrtc.TrackRemote, _ *webrtc.RTPReceiver) {
		local, err := webrtc.NewTrackLocalStaticRTP(remote.Codec().RTPCodecCapability, remote.ID(), remote.StreamID())
		if err != nil {
			panic(err)
		}
		mu.Lock()
		locals = append(locals, local)
		if remote.Kind() == webrtc.RTPCodecTypeVideo {
			videoSSRC = uint32(remote.SSRC())
		}
		if len(locals) == 2 {
			upOnce.Do(func() { close(localsUp) })
		}
		mu.Unlock()
		buf := make([]byte, 1500)
		for {
			n, _, err := remote.Read(buf)
			if err != nil {
				return
			}
			if _, err := local.Write(buf[:n]); err != nil {
				return
			}
			atomic.AddInt64(&forwarded, atomic.LoadInt64(&connected))
		}
	})
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}); err != nil {
		return "", err
	}
	answer, err := pc.CreateAnswer(nil)
	if err != nil {
		return "", err
	}
	done := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(answer); err != nil {
		return "", err
	}
	<-done
	return pc.LocalDescription().SDP, nil
}

func subscribe() (int, string, error) {
	select {
	case <-localsUp:
	case <-time.After(20 * time.Second):
		return 0, "", fmt.Errorf("the publisher's tracks did not arrive")
	}
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return 0, "", err
	}
	mu.Lock()
	tracks := append([]*webrtc.TrackLocalStaticRTP(nil), locals...)
	mu.Unlock()
	for _, t := range tracks {
		sender, err := pc.AddTrack(t)
		if err != nil {
			return 0, "", err
		}
		go func() {
			buf := make([]byte, 1500)
			for {
				n, _, err := sender.Read(buf)
				if err != nil {
					return
				}
				pkts, err := rtcp.Unmarshal(buf[:n])
				if err != nil {
					continue
				}
				for _, p := range pkts {
					if _, ok := p.(*rtcp.PictureLossIndication); ok {
						requestKeyframe()
					}
				}
			}
		}()
	}
	pc.OnConnectionStateChange(func(s webrtc.PeerConnectionState) {
		switch s {
		case webrtc.PeerConnectionStateConnected:
			atomic.AddInt64(&connected, 1)
			requestKeyframe()
		case webrtc.PeerConnectionStateDisconnected, webrtc.PeerConnectionStateFailed, webrtc.PeerConnectionStateClosed:
			atomic.AddInt64(&connected, -1)
		}
	})
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		return 0, "", err
	}
	done := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		return 0, "", err
	}
	<-done
	mu.Lock()
	nextID++
	id := nextID
	subs[id] = pc
	mu.Unlock()
	return id, pc.LocalDescription().SDP, nil
}

var lastPLI int64

// requestKeyframe sends a PLI to the publisher, at most every 250 ms (like the SFU's default).
func requestKeyframe() {
	now := time.Now().UnixNano()
	last := atomic.LoadInt64(&lastPLI)
	if now-last < int64(250*time.Millisecond) || !atomic.CompareAndSwapInt64(&lastPLI, last, now) {
		return
	}
	mu.Lock()
	ssrc := videoSSRC
	mu.Unlock()
	if pubPC != nil && ssrc != 0 {
		pubPC.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: ssrc}})
	}
}
