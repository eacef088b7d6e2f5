package org.peerstack.sfu.recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCRtpCodecCapability;
import org.peerstack.rtc.RTCRtpTransceiver;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.SfuPublisher;
import org.peerstack.sfu.SfuRoom;
import org.peerstack.sfu.SfuServer;

/**
 * A real libwebrtc publisher (peerstack-core's RTCPeerConnection with the fake camera 640x480 and a
 * synthetic microphone) connected to a real {@link SfuServer} on the network namespace's veth address
 * (tools/netns/bin/java; libwebrtc ignores loopback). Closes everything on {@link #close()}.
 */
final class RealPublisher implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String ADDRESS = "127.0.1.1";

    private final WebRtcEngine engine;
    private final MediaDevices devices;
    private final SfuServer sfu;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    final SfuRoom room;
    RTCPeerConnection pc;
    SfuPublisher publisher;
    MediaStream stream;

    RealPublisher(String roomId) {
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", "dummy"), Map.of());
        engine = WebRtcEngine.create(config);
        devices = MediaDevices.create(config);
        sfu = SfuServer.start(SfuConfig.newBuilder().bindAddress(ADDRESS).port(0).announcedAddress(ADDRESS).build());
        room = sfu.room(roomId);
    }

    /** Publishes camera and microphone, the video codec {@code videoCodec} ("VP8", "H264", "VP9") preferred. */
    SfuPublisher publish(String videoCodec) throws Exception {
        return publish(videoCodec, MediaStreamConstraints.of(true, true));
    }

    /** Publishes what {@code constraints} ask of the fake devices; the stream is in {@link #stream}. */
    SfuPublisher publish(String videoCodec, MediaStreamConstraints constraints) throws Exception {
        pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
        stream = devices.getUserMedia(constraints).get(10, TimeUnit.SECONDS);
        for (MediaStreamTrack t : stream.getTracks()) {
            pc.addTrack(t, stream);
        }
        for (RTCRtpTransceiver tr : pc.getTransceivers()) {
            if (tr.sender().track() != null && tr.sender().track().kind() == MediaKind.VIDEO) {
                List<RTCRtpCodecCapability> caps = new ArrayList<>(engine.senderCapabilities(MediaKind.VIDEO));
                caps.sort((a, b) -> Boolean.compare(!preferred(a, videoCodec), !preferred(b, videoCodec)));
                tr.setCodecPreferences(caps);
            }
        }
        CompletableFuture<Void> connected = new CompletableFuture<>();
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (pc.connectionState() == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            }
        });
        pc.setLocalDescription().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        publisher = room.publish(pc.localDescription().sdp()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        pc.setRemoteDescription(RTCSessionDescription.answer(publisher.answer())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return publisher;
    }

    private static boolean preferred(RTCRtpCodecCapability c, String codec) {
        if (!c.name().equalsIgnoreCase(codec)) {
            return false;
        }
        return !codec.equalsIgnoreCase("H264") || "1".equals(c.parameters().get("packetization-mode"));
    }

    void closeLater(AutoCloseable c) {
        closeables.add(c);
    }

    @Override
    public void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
        if (pc != null) {
            pc.close();
        }
        sfu.close();
        engine.close();
        devices.close();
    }
}
