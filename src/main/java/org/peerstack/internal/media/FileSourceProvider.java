package org.peerstack.internal.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The seam between {@code MediaDevices} and the code that plays media files (FFmpeg, in
 * {@code org.peerstack.internal.filesource}): found with {@link java.util.ServiceLoader}, one instance per
 * {@code MediaDevices}. Without a provider on the class path, configured file devices are reported as
 * unusable and left out.
 */
public interface FileSourceProvider {

    /**
     * The input devices {@code path} offers: a video input if it has a decodable video stream, an audio
     * input if it has a decodable audio stream (in that order). Sources opened on the devices of one file
     * share one demuxer and media clock, so they play in sync. At end of file playback starts again
     * ({@code loop}) or the sources end, and their tracks fire {@code ended}. Called on every device
     * listing: implementations cache what they read.
     *
     * @throws IOException naming why the file cannot be played (missing, not a media file, no stream
     *                     FFmpeg can decode)
     */
    List<CaptureDevice> devices(Path path, boolean loop) throws IOException;

    /** Ends every source this provider opened (their tracks fire {@code ended}). */
    void close();
}
