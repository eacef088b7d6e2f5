package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.config.MediaConfig;
import org.peerstack.internal.natives.WebRtcNatives;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.VideoFacingMode;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoResizeMode;

/**
 * The fake camera: a moving {@link TestPattern} with frame counter and timestamp, at any size and rate
 * within its capabilities ({@code media.fake-camera-*}). Frames are produced only while some track has a
 * sink.
 */
final class FakeCameraSource extends PeriodicSource {

    /** Smallest frame side (pixels) and lowest rate (frames per second) the fake camera offers. */
    static final int MIN_SIDE = 2;
    static final double MIN_FRAME_RATE = 1;

    private final MediaConfig config;
    private final String deviceId;
    private final String groupId;
    private volatile TestPattern pattern;
    private long frames;

    FakeCameraSource(MediaConfig config, String deviceId, String groupId, ScheduledExecutorService scheduler) {
        super(MediaKind.VIDEO, FakeDevices.CAMERA_LABEL, scheduler);
        this.config = config;
        this.deviceId = deviceId;
        this.groupId = groupId;
    }

    static MediaTrackCapabilities capabilities(MediaConfig config, String deviceId, String groupId) {
        return MediaTrackCapabilities.newBuilder()
                .width(MIN_SIDE, config.fakeCameraMaxWidth())
                .height(MIN_SIDE, config.fakeCameraMaxHeight())
                .aspectRatio((double) MIN_SIDE / config.fakeCameraMaxHeight(),
                        (double) config.fakeCameraMaxWidth() / MIN_SIDE)
                .frameRate(MIN_FRAME_RATE, config.fakeCameraMaxFrameRate())
                .facingMode(VideoFacingMode.USER)
                .resizeMode(VideoResizeMode.NONE, VideoResizeMode.CROP_AND_SCALE)
                .deviceId(deviceId)
                .groupId(groupId)
                .build();
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return capabilities(config, deviceId, groupId);
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder()
                .width(config.fakeCameraWidth())
                .height(config.fakeCameraHeight())
                .frameRate(config.fakeCameraFrameRate())
                .facingMode(VideoFacingMode.USER)
                .resizeMode(VideoResizeMode.NONE)
                .deviceId(deviceId)
                .groupId(groupId)
                .build();
    }

    @Override
    protected void onStart(MediaTrackSettings settings) {
        WebRtcNatives.load();
        onReconfigure(settings);
    }

    @Override
    protected void onReconfigure(MediaTrackSettings settings) {
        pattern = new TestPattern(settings.width().orElseThrow(), settings.height().orElseThrow());
        schedule(Math.round(1e9 / settings.frameRate().orElseThrow()));
    }

    @Override
    void tick() {
        long n = frames++;
        if (!hasSinks()) {
            return;
        }
        TestPattern p = pattern;
        long now = System.nanoTime();
        NativeI420Buffer buffer = NativeI420Buffer.allocate(p.width, p.height);
        VideoFrame frame = org.peerstack.internal.natives.VideoFrameAccess.wrap(new dev.onvoid.webrtc.media.video.VideoFrame(buffer, now));
        try {
            p.draw(buffer, n, now / 1_000_000);
            deliverVideo(frame);
        } finally {
            frame.release();
        }
    }
}
