package org.peerstack.media;

/**
 * Receives the video frames of a track: the Java equivalent of attaching a stream to a
 * {@code <video>} element. Register with {@link MediaStreamTrack#addSink(VideoSink)}.
 *
 * <p><b>Threading:</b> called on the source's thread (a peerstack media thread, or a native thread for
 * remote tracks), one frame at a time per sink, in timestamp order. It must return quickly (well
 * under one frame interval, e.g. 33 ms at 30 fps): a slow sink delays every other sink and track of the
 * same source. Hand heavy work (encoding, disk I/O) to your own thread after {@link VideoFrame#retain()}
 * or {@link VideoFrame#copy()}. Do not stop a native camera's track from inside its sink (libwebrtc
 * would wait for its own capture thread); hand the {@code stop()} to another thread.
 *
 * <p><b>Frame lifetime:</b> the frame is valid until this method returns and is then released by
 * peerstack. To keep it, call {@link VideoFrame#retain()} here and {@link VideoFrame#release()} when
 * done. A sink that throws is logged; the other sinks still get the frame.
 */
@FunctionalInterface
public interface VideoSink {

    /**
     * Receives one frame, on the source's thread.
     *
     * @param frame the frame, valid until this method returns unless {@link VideoFrame#retain() retained}
     */
    void onFrame(VideoFrame frame);
}
