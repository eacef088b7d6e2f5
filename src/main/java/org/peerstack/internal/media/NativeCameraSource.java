package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.video.VideoCapture;
import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDevice;
import java.util.ArrayList;
import java.util.List;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoResizeMode;

/**
 * A real camera through webrtc-java's {@code VideoCapture} (V4L2 on Linux), no peer-connection factory
 * needed. Its discrete modes are the device's {@code VideoCaptureCapability} list, so constraints
 * resolve against what the camera really offers. Frames arrive on libwebrtc's capture thread; each is
 * wrapped, handed to the sinks and released.
 */
final class NativeCameraSource extends org.peerstack.media.MediaTrackSource {

    private final VideoDevice device;
    private final List<VideoCaptureCapability> modes;
    private final String deviceId;
    private final String groupId;
    private VideoCapture capture;

    NativeCameraSource(VideoDevice device, List<VideoCaptureCapability> modes, String deviceId, String groupId) {
        super(MediaKind.VIDEO, device.getName());
        this.device = device;
        this.modes = List.copyOf(modes);
        this.deviceId = deviceId;
        this.groupId = groupId;
    }

    static MediaTrackCapabilities capabilities(List<VideoCaptureCapability> modes, String deviceId, String groupId) {
        MediaTrackCapabilities.Builder b = MediaTrackCapabilities.newBuilder().deviceId(deviceId).groupId(groupId)
                .resizeMode(VideoResizeMode.NONE);
        if (!modes.isEmpty()) {
            b.width(modes.stream().mapToLong(m -> m.width).min().orElseThrow(),
                    modes.stream().mapToLong(m -> m.width).max().orElseThrow());
            b.height(modes.stream().mapToLong(m -> m.height).min().orElseThrow(),
                    modes.stream().mapToLong(m -> m.height).max().orElseThrow());
            b.frameRate(modes.stream().mapToDouble(m -> m.frameRate).min().orElseThrow(),
                    modes.stream().mapToDouble(m -> m.frameRate).max().orElseThrow());
        }
        return b.build();
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return capabilities(modes, deviceId, groupId);
    }

    @Override
    protected List<MediaTrackSettings> modes() {
        List<MediaTrackSettings> out = new ArrayList<>();
        for (VideoCaptureCapability m : modes) {
            out.add(MediaTrackSettings.newBuilder().width(m.width).height(m.height).frameRate(m.frameRate)
                    .resizeMode(VideoResizeMode.NONE).deviceId(deviceId).groupId(groupId).build());
        }
        return out;
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return MediaTrackSettings.newBuilder().width(640).height(480).frameRate(30)
                .resizeMode(VideoResizeMode.NONE).deviceId(deviceId).groupId(groupId).build();
    }

    @Override
    protected synchronized void onStart(MediaTrackSettings settings) {
        capture = new VideoCapture();
        capture.setVideoCaptureDevice(device);
        capture.setVideoCaptureCapability(new VideoCaptureCapability(settings.width().orElseThrow(),
                settings.height().orElseThrow(), (int) Math.round(settings.frameRate().orElseThrow())));
        capture.setVideoSink(frame -> {
            VideoFrame wrapped = org.peerstack.internal.natives.VideoFrameAccess.wrap(frame);
            try {
                deliverVideo(wrapped);
            } finally {
                wrapped.release();
            }
        });
        capture.start();
    }

    @Override
    protected synchronized void onReconfigure(MediaTrackSettings settings) {
        onStop();
        onStart(settings);
    }

    @Override
    protected synchronized void onStop() {
        if (capture != null) {
            capture.stop();
            capture.dispose();
            capture = null;
        }
    }
}
