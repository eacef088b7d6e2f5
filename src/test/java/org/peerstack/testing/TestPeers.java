package org.peerstack.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.WebRtcEngine;

/**
 * Real libwebrtc peers for the tests of the modules that serve them (the SFU, WHIP/WHEP): one engine
 * for senders (fake camera, dummy audio device with a synthetic microphone) and one for receivers
 * (headless audio device: remote audio is decoded), fake devices from the sending configuration, and
 * what a test opened, closed after it by {@link #closeAfterTest()}: the closeables first (best effort),
 * then the connections newest first (subscribers before their publisher).
 *
 * <p>Two engines because one engine whose headless audio device both played remote audio and sent a
 * synthetic microphone crashed the JVM at teardown (webrtc-java 0.14.0). Thread-safe.
 */
public final class TestPeers implements AutoCloseable {

    private final WebRtcEngine sendEngine;
    private final WebRtcEngine receiveEngine;
    private final MediaDevices devices;
    private final List<RTCPeerConnection> connections = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private TestPeers(PeerstackConfig send, PeerstackConfig receive) {
        this.sendEngine = WebRtcEngine.create(send);
        this.receiveEngine = WebRtcEngine.create(receive);
        this.devices = MediaDevices.create(send);
    }

    /** The two engines and the fake devices; {@link #close()} releases them. */
    public static TestPeers create() {
        return new TestPeers(config("dummy"), config("headless"));
    }

    private static PeerstackConfig config(String audioMode) {
        return PeerstackConfig.loader().load(Optional.empty(),
                Map.of("peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", audioMode), Map.of());
    }

    /** Fake camera and microphone (the sending engine's configuration). */
    public MediaDevices devices() {
        return devices;
    }

    /** A new connection with the default configuration, on the sending or the receiving engine; closed after the test. */
    public RTCPeerConnection connection(boolean sending) {
        RTCPeerConnection pc = (sending ? sendEngine : receiveEngine).createPeerConnection(RTCConfiguration.newBuilder().build());
        synchronized (connections) {
            connections.add(pc);
        }
        return pc;
    }

    /** Closes {@code c} after the test, before the connections; returns it. */
    public <T extends AutoCloseable> T closeAfter(T c) {
        synchronized (closeables) {
            closeables.add(c);
        }
        return c;
    }

    /** Closes what the test opened: the closeables (best effort), then the connections newest first. */
    public void closeAfterTest() {
        synchronized (closeables) {
            for (AutoCloseable c : closeables) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
            closeables.clear();
        }
        synchronized (connections) {
            for (int i = connections.size() - 1; i >= 0; i--) {
                connections.get(i).close();
            }
            connections.clear();
        }
    }

    /** Closes what the last test left open, then both engines and the devices. */
    @Override
    public void close() {
        closeAfterTest();
        sendEngine.close();
        receiveEngine.close();
        devices.close();
    }

    /** Completes when {@code pc} reaches {@code wanted} (at once if it is there already). */
    public static CompletableFuture<Void> state(RTCPeerConnection pc, RTCPeerConnectionState wanted) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (pc.connectionState() == wanted) {
                reached.complete(null);
            }
        });
        if (pc.connectionState() == wanted) {
            reached.complete(null);
        }
        return reached;
    }
}
