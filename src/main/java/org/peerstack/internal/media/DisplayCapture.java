package org.peerstack.internal.media;

import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.config.MediaConfig;
import org.peerstack.exc.NotAllowedException;
import org.peerstack.exc.NotFoundException;
import org.peerstack.exc.NotReadableException;
import org.peerstack.internal.natives.WebRtcNatives;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoResizeMode;

/**
 * Screen capture for {@code getDisplayMedia}: the X display's default screen through
 * {@link java.awt.Robot}, converted to I420 by libyuv, at the selected rate.
 *
 * <p>Why not webrtc-java's {@code ScreenCapturer}: in 0.14.0 its native handle is garbage on Linux, so
 * {@code getDesktopSources()} and {@code start()} crash the JVM even with a working display (measured
 * under Xvfb: SIGSEGV in {@code jni::DesktopCapturer::GetSourceList}/{@code Start} with
 * {@code this=0xaaaaaaaa00000100}). Robot needs the same X server and cannot crash the JVM. The display
 * is probed first ({@link NativeProbe#displayReachable}); the process's {@code DISPLAY} must name it, as
 * Xlib reads it from the environment.
 */
public final class DisplayCapture extends PeriodicSource {

    /** Highest capture rate offered (frames per second). */
    public static final double MAX_FRAME_RATE = 30;
    /** Rate when unconstrained (frames per second). */
    public static final double DEFAULT_FRAME_RATE = 15;

    private final String deviceId = CaptureDevice.stableId("screen");
    private final Rectangle bounds;
    private final ArgbFrames converter = new ArgbFrames();
    private Robot robot;

    private DisplayCapture(Rectangle bounds, ScheduledExecutorService scheduler) {
        super(MediaKind.VIDEO, "Screen " + bounds.width + "x" + bounds.height, scheduler);
        this.bounds = bounds;
    }

    /**
     * A new, unstarted screen source.
     *
     * @throws NotAllowedException if {@code media.screen-capture} is false
     * @throws NotFoundException   if no X display is reachable or Java runs headless
     */
    public static DisplayCapture open(MediaConfig config, Map<String, String> env, ScheduledExecutorService scheduler) {
        if (!config.screenCapture()) {
            throw new NotAllowedException("screen capture is disabled (media.screen-capture: false)");
        }
        if (!NativeProbe.displayReachable(env)) {
            throw new NotFoundException("no display to capture: DISPLAY is unset or its X server is unreachable");
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw new NotFoundException("Java runs headless (java.awt.headless=true or no DISPLAY in the process "
                    + "environment): no screen to capture");
        }
        try {
            Rectangle bounds = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                    .getDefaultConfiguration().getBounds();
            return new DisplayCapture(bounds, scheduler);
        } catch (RuntimeException | Error e) {
            throw new NotFoundException("no screen to capture: " + e);
        }
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return MediaTrackCapabilities.newBuilder().width(bounds.width, bounds.width)
                .height(bounds.height, bounds.height).frameRate(1, MAX_FRAME_RATE)
                .resizeMode(VideoResizeMode.NONE).deviceId(deviceId).groupId(deviceId).build();
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder().width(bounds.width).height(bounds.height)
                .frameRate(DEFAULT_FRAME_RATE).resizeMode(VideoResizeMode.NONE).deviceId(deviceId)
                .groupId(deviceId).build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) {
        WebRtcNatives.load();
        try {
            robot = new Robot();
        } catch (AWTException | RuntimeException e) {
            throw new NotReadableException("cannot capture the screen: " + e.getMessage(), e);
        }
        onReconfigure(settings);
    }

    @Override
    protected void onReconfigure(MediaTrackSettings settings) {
        schedule(Math.round(1e9 / settings.frameRate().orElse(DEFAULT_FRAME_RATE)));
    }

    @Override
    void tick() {
        if (!hasSinks()) {
            return;
        }
        BufferedImage image = robot.createScreenCapture(bounds);
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getRaster().getDataBuffer() instanceof DataBufferInt ints) {
            converter.copy(ints.getData(), w, h);
        } else {
            converter.copy(image.getRGB(0, 0, w, h, null, 0, w), w, h);
        }
        VideoFrame frame = converter.convert(w, h, System.nanoTime());
        try {
            deliverVideo(frame);
        } finally {
            frame.release();
        }
    }
}
