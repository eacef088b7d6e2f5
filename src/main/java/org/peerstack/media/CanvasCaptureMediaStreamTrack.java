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

    /**
     * W3C {@code canvas}: the canvas this track captures
     * (<a href="https://www.w3.org/TR/mediacapture-fromelement/#dom-canvascapturemediastreamtrack-canvas">spec</a>).
     *
     * @return the canvas; never null
     */
    public MediaCanvas canvas() {
        return source.canvas();
    }

    /**
     * W3C {@code requestFrame()}: captures a frame now, in addition to the frame rate's frames (with frame rate 0,
     * the only frames). A no-op on an ended track. Any thread
     * (<a
     * href="https://www.w3.org/TR/mediacapture-fromelement/#dom-canvascapturemediastreamtrack-requestframe">spec</a>).
     */
    public void requestFrame() {
        if (readyState() == MediaStreamTrackState.LIVE) {
            source.requestFrame();
        }
    }

    /**
     * A new canvas track on the same canvas; see {@link MediaStreamTrack#clone()}.
     *
     * @return the clone, also a canvas track
     */
    @Override
    public CanvasCaptureMediaStreamTrack clone() {
        return (CanvasCaptureMediaStreamTrack) super.clone();
    }
}
