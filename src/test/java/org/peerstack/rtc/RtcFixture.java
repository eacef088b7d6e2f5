package org.peerstack.rtc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.testing.NetworkNamespace;

/**
 * The shared setup of peer-connection tests, registered as a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final RtcFixture rtc = RtcFixture.withFakeDevices();
 * }</pre>
 * One {@link WebRtcEngine} and one fake-device {@link MediaDevices} per class; every connection made with
 * {@link #connection()} is closed after each test (before the engine is closed after the class).
 */
final class RtcFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Map<String, String> overrides = new HashMap<>();
    private final List<RTCPeerConnection> connections = new ArrayList<>();
    private WebRtcEngine engine;
    private MediaDevices devices;

    private RtcFixture() {
        overrides.put("peerstack.media.fake-devices", "true");
    }

    static RtcFixture withFakeDevices() {
        return new RtcFixture();
    }

    /** An engine whose audio device module decodes remote audio. */
    RtcFixture headlessAudio() {
        overrides.put("peerstack.webrtc.audio-mode", "headless");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        NetworkNamespace.announce();
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), overrides, Map.of());
        engine = WebRtcEngine.create(config);
        devices = MediaDevices.create(config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (connections) {
            connections.forEach(RTCPeerConnection::close);
            connections.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        engine.close();
        devices.close();
    }

    WebRtcEngine engine() {
        return engine;
    }

    /** A new connection with the default configuration, closed after the test. */
    RTCPeerConnection connection() {
        RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
        synchronized (connections) {
            connections.add(pc);
        }
        return pc;
    }

    /** A fresh fake camera stream (640x480@30). */
    MediaStream camera() throws Exception {
        return devices.getUserMedia(MediaStreamConstraints.of(false, true)).get(10, TimeUnit.SECONDS);
    }

    /** A fresh fake microphone stream. */
    MediaStream microphone() throws Exception {
        return devices.getUserMedia(MediaStreamConstraints.of(true, false)).get(10, TimeUnit.SECONDS);
    }
}
