package org.peerstack.internal.media;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.peerstack.internal.natives.WebRtcNatives;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoResizeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Y4M file played as a camera at the file's size and rate. At end of file it starts again
 * ({@code loop}) or ends its tracks, which fire {@code ended}. A read error ends the tracks too.
 */
final class FileCameraSource extends PeriodicSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileCameraSource.class);

    private final Path path;
    private final boolean loop;
    private final MediaTrackCapabilities capabilities;
    private final MediaTrackSettings defaults;
    private Y4mFile file;

    FileCameraSource(Path path, boolean loop, MediaTrackCapabilities capabilities, MediaTrackSettings defaults,
                     ScheduledExecutorService scheduler) {
        super(MediaKind.VIDEO, path.getFileName().toString(), scheduler);
        this.path = path;
        this.loop = loop;
        this.capabilities = capabilities;
        this.defaults = defaults;
    }

    static MediaTrackCapabilities capabilities(Y4mFile f, String id, String group) {
        return MediaTrackCapabilities.newBuilder().width(f.width, f.width).height(f.height, f.height)
                .frameRate(f.frameRate, f.frameRate).resizeMode(VideoResizeMode.NONE).deviceId(id).groupId(group)
                .build();
    }

    static MediaTrackSettings defaults(Y4mFile f, String id, String group) {
        return MediaTrackSettings.newBuilder().width(f.width).height(f.height).frameRate(f.frameRate)
                .resizeMode(VideoResizeMode.NONE).deviceId(id).groupId(group).build();
    }

    @Override
    public MediaTrackCapabilities capabilities() {
        return capabilities;
    }

    @Override
    protected MediaTrackSettings defaultSettings() {
        return defaults;
    }

    @Override
    protected void onStart(MediaTrackSettings settings) throws IOException {
        WebRtcNatives.load();
        file = Y4mFile.open(path);
        schedule(Math.round(1e9 / file.frameRate));
    }

    @Override
    void tick() {
        Y4mFile f = file;
        NativeI420Buffer buffer = NativeI420Buffer.allocate(f.width, f.height);
        VideoFrame frame = org.peerstack.internal.natives.VideoFrameAccess.wrap(new dev.onvoid.webrtc.media.video.VideoFrame(buffer, System.nanoTime()));
        try {
            boolean got = f.next(buffer.getDataY(), buffer.getStrideY(), buffer.getDataU(), buffer.getStrideU(),
                    buffer.getDataV(), buffer.getStrideV());
            if (!got && loop) {
                f.rewind();
                got = f.next(buffer.getDataY(), buffer.getStrideY(), buffer.getDataU(), buffer.getStrideU(),
                        buffer.getDataV(), buffer.getStrideV());
            }
            if (!got) {
                end();
                return;
            }
            deliverVideo(frame);
        } catch (IOException e) {
            LOG.warn("reading {} failed; ending its tracks", path, e);
            end();
        } finally {
            frame.release();
        }
    }

    @Override
    void released() {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
