package org.peerstack.internal.rtc;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.media.AudioData;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.MediaTrackSource;
import org.peerstack.media.VideoFrame;

/**
 * The source behind a remote track (a receiver's track): media decoded by libwebrtc, handed to the
 * peerstack track's sinks like any local source's. Remote tracks start muted, as in browsers, and
 * unmute when the first frame (video) arrives or the connection delivers media; the peer connection
 * mutes them again when the remote side stops sending, and ends them when the transceiver stops.
 *
 * <p>The native sink is attached for the life of the source and detached in {@link #onStop()}; every
 * native frame is released after delivery (libwebrtc hands each sink a fresh copy).
 */
public final class RemoteTrackSource extends MediaTrackSource {

    private final dev.onvoid.webrtc.media.MediaStreamTrack nativeTrack;
    private final AtomicBoolean attached = new AtomicBoolean();
    private final AtomicLong framesReceived = new AtomicLong();
    private final VideoTrackSink videoSink = this::onVideo;
    private final AudioTrackSink audioSink = this::onAudio;
    private final MediaStreamTrack track;
    private volatile boolean removedByRemote;

    /** Creates the source and its first track for {@code nativeTrack} (a receiver's track). */
    public RemoteTrackSource(dev.onvoid.webrtc.media.MediaStreamTrack nativeTrack) {
        super(nativeTrack instanceof VideoTrack ? MediaKind.VIDEO : MediaKind.AUDIO, "remote " + nativeTrack.getKind());
        this.nativeTrack = nativeTrack;
        start(MediaTrackConstraints.empty());
        mute();
        this.track = createTrack();
    }

    /** The remote track peerstack hands to the application. */
    public MediaStreamTrack track() {
        return track;
    }

    /** Frames (video) or 10 ms chunks (audio) received so far. */
    public long received() {
        return framesReceived.get();
    }

    /**
     * The remote side stopped sending this track (its sender was removed): the track mutes and stays muted,
     * even if frames still in the decoder arrive, until {@link #remoteResumed()}.
     */
    public void remoteMuted() {
        removedByRemote = true;
        mute();
    }

    /** The remote side sends this track again (a new track event): the next media unmutes it. */
    public void remoteResumed() {
        removedByRemote = false;
    }

    /** The transceiver stopped or the connection closed on the remote's initiative: the track ends. */
    public void remoteEnded() {
        end();
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return MediaTrackCapabilities.newBuilder().build();
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder().build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) {
        attached.set(true);
        if (nativeTrack instanceof VideoTrack video) {
            video.addSink(videoSink);
        } else if (nativeTrack instanceof AudioTrack audio) {
            audio.addSink(audioSink);
        }
    }

    @Override
    protected void onStop() {
        detachNative();
    }

    /** Detaches the native sink (idempotent); called before the native receiver goes away. */
    /**
     * Stops delivering without touching the native track: for a track libwebrtc has freed with its
     * transceiver, where {@link #detachNative()}'s native call would crash.
     */
    public void forgetNative() {
        attached.set(false);
    }

    public void detachNative() {
        if (!attached.compareAndSet(true, false)) {
            return;
        }
        if (nativeTrack instanceof VideoTrack video) {
            video.removeSink(videoSink);
        } else if (nativeTrack instanceof AudioTrack audio) {
            audio.removeSink(audioSink);
        }
    }

    private void onVideo(dev.onvoid.webrtc.media.video.VideoFrame nativeFrame) {
        VideoFrame frame = org.peerstack.internal.natives.VideoFrameAccess.wrap(nativeFrame);
        try {
            framesReceived.incrementAndGet();
            if (isMuted() && !removedByRemote) {
                unmute();
            }
            deliverVideo(frame);
        } finally {
            frame.release();
        }
    }

    private void onAudio(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample != AudioData.BITS_PER_SAMPLE) {
            return;
        }
        framesReceived.incrementAndGet();
        if (isMuted() && !removedByRemote) {
            unmute();
        }
        int bytes = frames * channels * 2;
        byte[] pcm = data.length == bytes ? data : java.util.Arrays.copyOf(data, bytes);
        deliverAudio(AudioData.ofBytes(pcm, sampleRate, channels, System.nanoTime() / 1000));
    }
}
