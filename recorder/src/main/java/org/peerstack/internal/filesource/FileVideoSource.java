package org.peerstack.internal.filesource;

import java.nio.file.Path;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.VideoFrame;
import org.peerstack.media.VideoResizeMode;

/** A file's video stream as a camera, at the file's size and frame rate. */
final class FileVideoSource extends FileMediaSource {

    FileVideoSource(FfmpegFileSourceProvider provider, Path path, boolean loop, FileStreams streams, String id,
                    String group) {
        super(MediaKind.VIDEO, provider, path, loop, capabilities(streams, id, group), defaults(streams, id, group));
    }

    static MediaTrackCapabilities capabilities(FileStreams s, String id, String group) {
        return MediaTrackCapabilities.newBuilder().width(s.width(), s.width()).height(s.height(), s.height())
                .frameRate(s.frameRate(), s.frameRate()).resizeMode(VideoResizeMode.NONE).deviceId(id)
                .groupId(group).build();
    }

    static MediaTrackSettings defaults(FileStreams s, String id, String group) {
        return MediaTrackSettings.newBuilder().width(s.width()).height(s.height()).frameRate(s.frameRate())
                .resizeMode(VideoResizeMode.NONE).deviceId(id).groupId(group).build();
    }

    /** Delivers a frame (called on the player thread); the frame stays the player's. */
    void push(VideoFrame frame) {
        deliverVideo(frame);
    }
}
