package org.peerstack.internal.natives;

import java.util.Objects;
import org.peerstack.media.VideoFrame;

/**
 * The door between the public {@link VideoFrame} and its native half, for the adapters over
 * webrtc-java (sources that wrap captured frames, the sender that pushes frames into libwebrtc).
 * {@link VideoFrame}'s class initialiser installs the one implementation. Not public API.
 */
public abstract class VideoFrameAccess {

    private static volatile VideoFrameAccess instance;

    /** Installed once by {@link VideoFrame}'s class initialiser. */
    public static void install(VideoFrameAccess access) {
        if (instance != null) {
            throw new IllegalStateException("already installed");
        }
        instance = Objects.requireNonNull(access);
    }

    private static VideoFrameAccess get() {
        VideoFrameAccess access = instance;
        if (access == null) {
            try {
                Class.forName(VideoFrame.class.getName(), true, VideoFrame.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            access = instance;
        }
        return access;
    }

    /** A public frame owning one reference of the webrtc-java frame (converted to I420 if needed). */
    public static VideoFrame wrap(dev.onvoid.webrtc.media.video.VideoFrame frame) {
        return get().create(NativeVideoFrame.take(frame));
    }

    /** A public frame owning {@code buffer} at {@code timestampNs}. */
    public static VideoFrame wrap(dev.onvoid.webrtc.media.video.I420Buffer buffer, long timestampNs) {
        return get().create(NativeVideoFrame.take(buffer, timestampNs));
    }

    /** The webrtc-java frame behind {@code frame}; valid only while {@code frame} is held. */
    public static dev.onvoid.webrtc.media.video.VideoFrame nativeFrame(VideoFrame frame) {
        return get().nativeOf(frame).frame();
    }

    protected abstract VideoFrame create(NativeVideoFrame frame);

    protected abstract NativeVideoFrame nativeOf(VideoFrame frame);
}
