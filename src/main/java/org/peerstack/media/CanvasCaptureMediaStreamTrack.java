package org.peerstack.media;

/**
 * W3C {@code CanvasCaptureMediaStreamTrack}: a video track fed by a {@link MediaCanvas}. Clones are
 * canvas tracks too.
 */
public final class CanvasCaptureMediaStreamTrack extends MediaStreamTrack {

    private final CanvasSource source;

    CanvasCaptureMediaStreamTrack(CanvasSource source, MediaTrackConstraints constraints) {
        super(source, constraints);
        this.source = source;
    }

    /** The canvas this track captures. */
    public MediaCanvas canvas() {
        return source.canvas();
    }

    /** Captures a frame now (in addition to the frame rate's frames); a no-op on an ended track. */
    public void requestFrame() {
        if (readyState() == MediaStreamTrackState.LIVE) {
            source.requestFrame();
        }
    }

    @Override
    public CanvasCaptureMediaStreamTrack clone() {
        return (CanvasCaptureMediaStreamTrack) super.clone();
    }
}
