package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.video.desktop.DesktopCapturer;
import dev.onvoid.webrtc.media.video.desktop.DesktopSource;
import dev.onvoid.webrtc.media.video.desktop.ScreenCapturer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peerstack.config.MediaConfig;
import org.peerstack.exc.NotAllowedException;
import org.peerstack.exc.NotFoundException;
import org.peerstack.internal.natives.WebRtcNatives;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.MediaTrackSource;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoResizeMode;

/**
 * Screen capture for {@code getDisplayMedia} through webrtc-java's {@code ScreenCapturer} (X11). It is
 * only touched after {@link NativeProbe#displayReachable} confirmed an X server (libwebrtc segfaults
 * without one). The capturer lives on its own thread ({@code peerstack-screen}), which creates it, asks it
 * for a frame at the selected rate and receives the frame synchronously.
 */
public final class DisplayCapture extends MediaTrackSource {

    /** Highest capture rate offered (frames per second). */
    public static final double MAX_FRAME_RATE = 30;
    /** Rate when unconstrained (frames per second). */
    public static final double DEFAULT_FRAME_RATE = 15;

    private final String deviceId = CaptureDevice.stableId("screen");
    private final Duration timeout;
    private ScheduledExecutorService thread;
    private ScheduledFuture<?> timer;
    private DesktopCapturer capturer;

    private DisplayCapture(Duration timeout) {
        super(MediaKind.VIDEO, "Screen");
        this.timeout = timeout;
    }

    /**
     * A new, unstarted screen source.
     *
     * @throws NotAllowedException if {@code media.screen-capture} is false
     * @throws NotFoundException   if no X display is reachable
     */
    public static MediaTrackSource open(MediaConfig config, Map<String, String> env, ScheduledExecutorService unused) {
        if (!config.screenCapture()) {
            throw new NotAllowedException("screen capture is disabled (media.screen-capture: false)");
        }
        if (!NativeProbe.displayReachable(env)) {
            throw new NotFoundException("no display to capture: DISPLAY is unset or its X server is unreachable");
        }
        return new DisplayCapture(Duration.ofMillis(config.nativeProbeTimeoutMs()));
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return MediaTrackCapabilities.newBuilder().frameRate(1, MAX_FRAME_RATE).resizeMode(VideoResizeMode.NONE)
                .deviceId(deviceId).groupId(deviceId).build();
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder().frameRate(DEFAULT_FRAME_RATE).resizeMode(VideoResizeMode.NONE)
                .deviceId(deviceId).groupId(deviceId).build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) throws Exception {
        WebRtcNatives.load();
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "peerstack-screen");
            t.setDaemon(true);
            return t;
        });
        try {
            thread.submit(() -> {
                capturer = new ScreenCapturer();
                List<DesktopSource> screens = capturer.getDesktopSources();
                if (screens.isEmpty()) {
                    throw new NotFoundException("the display has no screen to capture");
                }
                capturer.selectSource(screens.get(0));
                capturer.start((result, frame) -> {
                    if (frame == null) {
                        return;
                    }
                    VideoFrame wrapped = VideoFrame.wrap(frame);
                    try {
                        if (result == DesktopCapturer.Result.SUCCESS) {
                            deliverVideo(wrapped);
                        }
                    } finally {
                        wrapped.release();
                    }
                });
                return null;
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            onStop();
            throw e instanceof ExecutionException ee && ee.getCause() instanceof Exception c ? c : e;
        }
        schedule(settings);
    }

    private void schedule(MediaTrackSettings settings) {
        if (timer != null) {
            timer.cancel(false);
        }
        long period = Math.round(1e9 / settings.frameRate().orElse(DEFAULT_FRAME_RATE));
        timer = thread.scheduleAtFixedRate(() -> {
            if (capturer != null) {
                capturer.captureFrame();
            }
        }, 0, period, TimeUnit.NANOSECONDS);
    }

    @Override
    protected synchronized void onReconfigure(MediaTrackSettings settings) {
        schedule(settings);
    }

    @Override
    protected synchronized void onStop() {
        if (thread == null) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            thread.submit(() -> {
                if (capturer != null) {
                    capturer.dispose();
                    capturer = null;
                }
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(DisplayCapture.class).warn("screen capturer did not stop cleanly", e);
        } finally {
            thread.shutdown();
            thread = null;
        }
    }
}
