package org.peerstack.internal.filesource;

import java.nio.file.Path;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackCapabilities;
import org.peerstack.media.MediaTrackSettings;
import org.peerstack.media.MediaTrackSource;

/**
 * A source fed by a {@link FilePlayer}: starting attaches it to the file's player (shared with the
 * file's other source, so both play on one clock), stopping detaches it.
 */
abstract class FileMediaSource extends MediaTrackSource {

    private final FfmpegFileSourceProvider provider;
    private final Path path;
    private final boolean loop;
    private final MediaTrackCapabilities capabilities;
    private final MediaTrackSettings defaults;
    private volatile FilePlayer player;

    FileMediaSource(MediaKind kind, FfmpegFileSourceProvider provider, Path path, boolean loop,
                    MediaTrackCapabilities capabilities, MediaTrackSettings defaults) {
        super(kind, path.getFileName().toString());
        this.provider = provider;
        this.path = path;
        this.loop = loop;
        this.capabilities = capabilities;
        this.defaults = defaults;
    }

    @Override
    public final MediaTrackCapabilities capabilities() {
        return capabilities;
    }

    @Override
    protected final MediaTrackSettings defaultSettings() {
        return defaults;
    }

    @Override
    protected final void onStart(MediaTrackSettings settings) {
        player = provider.attach(path, loop, this);
    }

    @Override
    protected final void onStop() {
        FilePlayer p = player;
        if (p != null) {
            p.detach(this);
        }
    }

    /** The file ended (or failed): the tracks end and fire {@code ended}. */
    final void finish() {
        end();
    }
}
