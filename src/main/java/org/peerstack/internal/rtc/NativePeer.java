package org.peerstack.internal.rtc;

import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.internal.natives.NativeFactory;
import org.peerstack.internal.natives.NativeReferences;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCDataChannelInit;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.RTCStatsReport;

/**
 * The native side of one peer connection, and the only object that holds it: libwebrtc's peer
 * connection, the lock every native call on it and its senders, receivers, transceivers and channels
 * holds, the serial executor its callbacks hop to, and the observer libwebrtc calls. The W3C layer
 * ({@code RTCPeerConnection} and its collaborators) talks to libwebrtc only through this object and the
 * handles it returns ({@link NativeSender}, {@link NativeTransceiver}, {@link NativeDataChannel}).
 *
 * <p>Locking: methods documented "under the lock" expect the caller to hold {@link #lock()} and to have
 * checked {@link #isClosed()}; {@link #withLock} does both. The lock is never held while waiting for
 * libwebrtc's signalling thread to call back. Not public API.
 */
public final class NativePeer {

    private final NativeFactory factory;
    private final SerialExecutor executor;
    private final Object lock = new Object();
    private final dev.onvoid.webrtc.RTCPeerConnection pc;
    private volatile boolean closed;

    /**
     * @param executor the connection's serial executor, which this object owns from now on
     * @throws InvalidStateException if libwebrtc refuses the configuration
     */
    public NativePeer(NativeFactory factory, RTCConfiguration configuration, PeerEvents events, SerialExecutor executor) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.pc = factory.factory().createPeerConnection(Conversions.toNative(configuration),
                new NativeObserver(this, Objects.requireNonNull(events, "events")));
        if (pc == null) {
            throw new InvalidStateException("libwebrtc refused to create a peer connection for " + configuration);
        }
    }

    /** The lock every native call on this connection's objects holds. */
    public Object lock() {
        return lock;
    }

    /** The executor the connection's callbacks and state changes run on, one task at a time. */
    public SerialExecutor executor() {
        return executor;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Marks the connection closed (under the lock); false if it already was. */
    public boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** Runs a native call on this connection's objects holding the lock; fails once closed. */
    public <T> T withLock(String name, Supplier<T> call) {
        synchronized (lock) {
            checkOpen(name);
            return call.get();
        }
    }

    /** Throws {@link InvalidStateException} once the connection is closed. */
    public void checkOpen(String name) {
        if (closed) {
            throw closedError(name);
        }
    }

    public static InvalidStateException closedError(String name) {
        return new InvalidStateException(name + ": the RTCPeerConnection is closed");
    }

    // ---- offer/answer (under the lock) ----

    public CompletableFuture<RTCSessionDescription> createOffer(boolean iceRestart) {
        CompletableFuture<RTCSessionDescription> offer = new CompletableFuture<>();
        RTCOfferOptions options = new RTCOfferOptions();
        options.iceRestart = iceRestart;
        pc.createOffer(options, NativeResults.created(offer, "createOffer"));
        return offer;
    }

    public CompletableFuture<RTCSessionDescription> createAnswer() {
        CompletableFuture<RTCSessionDescription> answer = new CompletableFuture<>();
        pc.createAnswer(new RTCAnswerOptions(), NativeResults.created(answer, "createAnswer"));
        return answer;
    }

    /** Applies {@code description} locally; completes on libwebrtc's signalling thread. */
    public CompletableFuture<Void> setLocalDescription(RTCSessionDescription description) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        try {
            pc.setLocalDescription(NativeResults.toNative(description), NativeResults.applied(applied, "setLocalDescription"));
        } catch (Exception | Error e) {
            return CompletableFuture.failedFuture(NativeResults.fromThrowable("setLocalDescription", e));
        }
        return applied;
    }

    /** Applies {@code description} as the remote one; completes on libwebrtc's signalling thread. */
    public CompletableFuture<Void> setRemoteDescription(RTCSessionDescription description) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        try {
            pc.setRemoteDescription(NativeResults.toNative(description),
                    NativeResults.applied(applied, "setRemoteDescription"));
        } catch (Exception | Error e) {
            // webrtc-java parses the SDP before calling libwebrtc and throws java.lang.Error when it cannot.
            return CompletableFuture.failedFuture(NativeResults.fromThrowable("setRemoteDescription", e));
        }
        return applied;
    }

    public void addIceCandidate(RTCIceCandidate candidate) {
        pc.addIceCandidate(new dev.onvoid.webrtc.RTCIceCandidate(candidate.sdpMid(),
                candidate.sdpMLineIndex() == null ? 0 : candidate.sdpMLineIndex(), candidate.candidate()));
    }

    public void restartIce() {
        pc.restartIce();
    }

    /** The local description libwebrtc has in effect, or null (a native read: never on its thread). */
    public RTCSessionDescription localDescription() {
        dev.onvoid.webrtc.RTCSessionDescription local = pc.getLocalDescription();
        return local == null ? null : NativeResults.fromNative(local);
    }

    /** The remote description libwebrtc has in effect, or null. */
    public RTCSessionDescription remoteDescription() {
        dev.onvoid.webrtc.RTCSessionDescription remote = pc.getRemoteDescription();
        return remote == null ? null : NativeResults.fromNative(remote);
    }

    /**
     * Collects statistics of the connection ({@code selector} null), a sender or a receiver; {@code done}
     * runs on a libwebrtc thread.
     */
    public void getStats(Object selector, Consumer<RTCStatsReport> done) {
        dev.onvoid.webrtc.RTCStatsCollectorCallback callback = report -> done.accept(Conversions.fromNative(report));
        if (selector instanceof NativeSender sender) {
            pc.getStats(sender.nativeSender(), callback);
        } else if (selector instanceof NativeReceiver receiver) {
            pc.getStats(receiver.nativeReceiver(), callback);
        } else {
            pc.getStats(callback);
        }
    }

    // ---- media (under the lock) ----

    /** A native custom source and track fed by {@code track}, for one sender. */
    public LocalTrackFeed newFeed(MediaStreamTrack track) {
        return new LocalTrackFeed(factory, track);
    }

    public NativeSender addTrack(LocalTrackFeed feed, List<String> streamIds) {
        return new NativeSender(pc.addTrack(feed.nativeTrack(), streamIds));
    }

    public void removeTrack(NativeSender sender) {
        pc.removeTrack(sender.nativeSender());
    }

    public NativeTransceiver addTransceiver(LocalTrackFeed feed, RTCRtpTransceiverDirection direction,
                                            List<String> streamIds) {
        return new NativeTransceiver(pc.addTransceiver(feed.nativeTrack(), init(direction, streamIds)));
    }

    /** A transceiver sending {@code feed} with {@code encodings} (several: simulcast, rids assigned by libwebrtc). */
    public NativeTransceiver addTransceiver(LocalTrackFeed feed, RTCRtpTransceiverDirection direction, List<String> streamIds,
                                            List<org.peerstack.rtc.RTCRtpEncodingParameters> encodings) {
        dev.onvoid.webrtc.RTCRtpTransceiverInit init = init(direction, streamIds);
        init.sendEncodings = new ArrayList<>(encodings.stream().map(Conversions::toNative).toList());
        return new NativeTransceiver(pc.addTransceiver(feed.nativeTrack(), init));
    }

    /** A transceiver of {@code kind} with no track to send. */
    public NativeTransceiver addTransceiver(MediaKind kind, RTCRtpTransceiverDirection direction, List<String> streamIds) {
        // webrtc-java 0.14.0 only adds transceivers for a track: add one with a placeholder track, then
        // detach it from the sender and free it.
        LocalTrackFeed placeholder = LocalTrackFeed.placeholder(factory, kind);
        dev.onvoid.webrtc.RTCRtpTransceiver transceiver = pc.addTransceiver(placeholder.nativeTrack(),
                init(direction, streamIds));
        transceiver.getSender().replaceTrack(null);
        placeholder.dispose();
        return new NativeTransceiver(transceiver);
    }

    private static dev.onvoid.webrtc.RTCRtpTransceiverInit init(RTCRtpTransceiverDirection direction,
                                                                 List<String> streamIds) {
        dev.onvoid.webrtc.RTCRtpTransceiverInit init = new dev.onvoid.webrtc.RTCRtpTransceiverInit();
        init.direction = Conversions.toNative(direction);
        init.streamIds = new ArrayList<>(streamIds);
        return init;
    }

    /** Every native transceiver, in libwebrtc's order (new handles each call). */
    public List<NativeTransceiver> transceivers() {
        return java.util.Arrays.stream(pc.getTransceivers()).map(NativeTransceiver::new).toList();
    }

    /** A new data channel, or null if libwebrtc refuses it. */
    public NativeDataChannel createDataChannel(String label, RTCDataChannelInit init) {
        dev.onvoid.webrtc.RTCDataChannelInit n = new dev.onvoid.webrtc.RTCDataChannelInit();
        n.ordered = init.ordered();
        n.maxPacketLifeTime = init.maxPacketLifeTime() == null ? -1 : init.maxPacketLifeTime();
        n.maxRetransmits = init.maxRetransmits() == null ? -1 : init.maxRetransmits();
        n.protocol = init.protocol();
        n.negotiated = init.negotiated();
        n.id = init.id() == null ? -1 : init.id();
        dev.onvoid.webrtc.RTCDataChannel channel = pc.createDataChannel(label, n);
        return channel == null ? null : new NativeDataChannel(channel);
    }

    /**
     * Closes libwebrtc's connection and frees its reference (under the lock, after senders' tracks were
     * removed and channels released; native tracks and sources are freed after this).
     */
    public void closeNative() {
        long handle = NativeReferences.handleOf(pc);
        pc.close();
        NativeReferences.release(handle);
    }
}
