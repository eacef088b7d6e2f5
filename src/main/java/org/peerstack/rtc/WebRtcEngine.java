package org.peerstack.rtc;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.config.WebRtcConfig;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.internal.natives.NativeFactory;
import org.peerstack.internal.rtc.Conversions;

/**
 * The native engine peer connections run on: one libwebrtc {@code PeerConnectionFactory} with its audio
 * device module, its threads, and the connections made from it. There is no W3C counterpart (a browser
 * has exactly one); a Java process usually needs one too, {@link #shared()}, but may create more, e.g.
 * to isolate tenants or audio devices.
 *
 * <p>{@link #close()} closes every connection still open, then disposes the factory and its audio device
 * module, in the order libwebrtc needs. It is idempotent. The shared engine closes itself at JVM exit.
 */
public final class WebRtcEngine implements AutoCloseable {

    private static volatile WebRtcEngine shared;

    private final NativeFactory factory;
    private final WebRtcConfig config;
    private final EngineOptions options;
    private final Set<RTCPeerConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebRtcEngine(WebRtcConfig config, EngineOptions options) {
        this.config = Objects.requireNonNull(config, "config");
        this.options = Objects.requireNonNull(options, "options");
        this.factory = NativeFactory.create(config.audioMode());
    }

    /** A new engine configured by the {@code webrtc:} section of {@code config}, on the shared pools. */
    public static WebRtcEngine create(PeerstackConfig config) {
        return create(config, EngineOptions.defaults());
    }

    /** A new engine configured by the {@code webrtc:} section of {@code config}, on the threads of {@code options}. */
    public static WebRtcEngine create(PeerstackConfig config, EngineOptions options) {
        return new WebRtcEngine(config.webrtc(), options);
    }

    /** The process-wide engine, created from {@link PeerstackConfig#load()} on first use. */
    public static WebRtcEngine shared() {
        WebRtcEngine engine = shared;
        if (engine == null) {
            synchronized (WebRtcEngine.class) {
                engine = shared;
                if (engine == null || engine.isClosed()) {
                    engine = create(PeerstackConfig.load());
                    WebRtcEngine created = engine;
                    Runtime.getRuntime().addShutdownHook(new Thread(created::close, "peerstack-engine-shutdown"));
                    shared = engine;
                }
            }
        }
        return engine;
    }

    /** A new peer connection on this engine. */
    public RTCPeerConnection createPeerConnection(RTCConfiguration configuration) {
        return new RTCPeerConnection(configuration, this);
    }

    /** Codecs this engine can receive for {@code kind} (W3C {@code RTCRtpReceiver.getCapabilities}). */
    public java.util.List<RTCRtpCodecCapability> receiverCapabilities(org.peerstack.media.MediaKind kind) {
        return Conversions.capabilities(nativeFactory().factory(), kind, true);
    }

    /** Codecs this engine can send for {@code kind} (W3C {@code RTCRtpSender.getCapabilities}). */
    public java.util.List<RTCRtpCodecCapability> senderCapabilities(org.peerstack.media.MediaKind kind) {
        return Conversions.capabilities(nativeFactory().factory(), kind, false);
    }

    /** The threads this engine's connections run on. */
    public EngineOptions options() {
        return options;
    }

    /** The library configuration this engine was built with. */
    public WebRtcConfig config() {
        return config;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Connections made from this engine and not closed yet. */
    public List<RTCPeerConnection> openConnections() {
        return List.copyOf(connections);
    }

    NativeFactory nativeFactory() {
        if (closed.get()) {
            throw new InvalidStateException("the WebRtcEngine is closed");
        }
        return factory;
    }

    void register(RTCPeerConnection connection) {
        if (closed.get()) {
            throw new InvalidStateException("the WebRtcEngine is closed");
        }
        connections.add(connection);
    }

    void unregister(RTCPeerConnection connection) {
        connections.remove(connection);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (RTCPeerConnection connection : List.copyOf(connections)) {
            connection.close();
        }
        factory.close();
    }
}
