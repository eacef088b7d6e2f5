package org.peerstack.internal.rtc;

import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import java.util.UUID;
import dev.onvoid.webrtc.PeerConnectionFactory;
import org.peerstack.internal.natives.NativeFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.peerstack.media.AudioData;
import org.peerstack.media.AudioSink;
import org.peerstack.media.MediaKind;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoSink;

/**
 * Feeds a peerstack {@link org.peerstack.media.MediaStreamTrack} into libwebrtc for one sender: a native
 * custom source and track, and a sink on the peerstack track that pushes every frame (video, without a
 * copy) or 10 ms PCM chunk (audio) into the custom source. Disabled tracks already deliver black frames
 * or silence to their sinks, so they send black/silence as the spec asks.
 *
 * <p>{@link #detach()} removes the sink; {@link #dispose()} frees the native track and source and must
 * only run after the native sender let go of the track (after {@code removeTrack}/{@code close}).
 */
public final class LocalTrackFeed {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalTrackFeed.class);

    private final org.peerstack.media.MediaStreamTrack track;
    private final CustomVideoSource videoSource;
    private final CustomAudioSource audioSource;
    private final MediaStreamTrack nativeTrack;
    private final NativeFactory factory;
    private final VideoSink videoSink;
    private final AudioSink audioSink;
    private final AtomicBoolean detached = new AtomicBoolean();
    private final AtomicBoolean disposed = new AtomicBoolean();

    LocalTrackFeed(NativeFactory nativeFactory, org.peerstack.media.MediaStreamTrack track) {
        this.factory = nativeFactory;
        PeerConnectionFactory factory = nativeFactory.factory();
        this.track = track;
        String id = UUID.randomUUID().toString();
        if (track.kind() == MediaKind.VIDEO) {
            this.videoSource = new CustomVideoSource();
            this.audioSource = null;
            this.nativeTrack = factory.createVideoTrack(id, videoSource);
            this.videoSink = this::pushVideo;
            this.audioSink = null;
            track.addSink(videoSink);
        } else {
            this.videoSource = null;
            this.audioSource = new CustomAudioSource();
            nativeFactory.audioFeedOpened();
            this.nativeTrack = factory.createAudioTrack(id, audioSource);
            this.videoSink = null;
            this.audioSink = this::pushAudio;
            track.addSink(audioSink);
        }
    }

    private LocalTrackFeed(NativeFactory nativeFactory, MediaKind kind) {
        this.factory = nativeFactory;
        PeerConnectionFactory factory = nativeFactory.factory();
        this.track = null;
        String id = UUID.randomUUID().toString();
        this.videoSink = null;
        this.audioSink = null;
        this.detached.set(true);
        if (kind == MediaKind.VIDEO) {
            this.videoSource = new CustomVideoSource();
            this.audioSource = null;
            this.nativeTrack = factory.createVideoTrack(id, videoSource);
        } else {
            this.videoSource = null;
            this.audioSource = new CustomAudioSource();
            nativeFactory.audioFeedOpened();
            this.nativeTrack = factory.createAudioTrack(id, audioSource);
        }
    }

    /** A native track of {@code kind} fed by nothing, to create a transceiver before any track exists. */
    static LocalTrackFeed placeholder(NativeFactory factory, MediaKind kind) {
        return new LocalTrackFeed(factory, kind);
    }

    /** The peerstack track being fed, or null for a placeholder. */
    public org.peerstack.media.MediaStreamTrack track() {
        return track;
    }

    MediaStreamTrack nativeTrack() {
        return nativeTrack;
    }

    /** The id of the native track this feed creates. */
    public String nativeTrackId() {
        return nativeTrack.getId();
    }

    // Pushes and dispose() hold the same (uncontended) monitor: a push can never reach a freed source.
    private synchronized void pushVideo(VideoFrame frame) {
        if (!detached.get()) {
            videoSource.pushFrame(org.peerstack.internal.natives.VideoFrameAccess.nativeFrame(frame));
        }
    }

    private synchronized void pushAudio(AudioData data) {
        if (!detached.get()) {
            audioSource.pushAudio(data.copyBytes(), AudioData.BITS_PER_SAMPLE, data.sampleRate(),
                    data.channelCount(), data.frameCount());
        }
    }

    /** Stops feeding (idempotent). */
    public void detach() {
        if (detached.compareAndSet(false, true) && track != null) {
            if (videoSink != null) {
                track.removeSink(videoSink);
            } else {
                track.removeSink(audioSink);
            }
        }
    }

    /** Frees the native track and source (idempotent); the sender must no longer hold the track. */
    public synchronized void dispose() {
        detach();
        if (disposed.compareAndSet(false, true)) {
            try {
                nativeTrack.dispose();
            } catch (Error stillReferenced) {
                // webrtc-java throws Error("Native object was not deleted...") while libwebrtc still holds the
                // track: the sender of a transceiver that negotiation stopped keeps it until the connection's
                // native objects go. Nothing is lost: libwebrtc frees it then. Never let it escape close().
                LOG.debug("native track {} still referenced by libwebrtc; freed with the connection", nativeTrack.getId());
            }
            if (videoSource != null) {
                videoSource.dispose();
            } else {
                audioSource.dispose();
                factory.audioFeedClosed();
            }
        }
    }
}
