package org.peerstack.internal.media;

import java.util.Objects;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * The door for the peer-connection layer into {@link MediaStream}'s remote-only operations: creating
 * a non-local stream with the remote id, and adding/removing tracks <em>with</em> the
 * {@code addtrack}/{@code removetrack} events the application must see for remote changes. Not public
 * API (this package is internal).
 *
 * <p>Remote tracks themselves are made by subclassing {@link org.peerstack.media.MediaTrackSource} and
 * calling its {@code start}/{@code createTrack}; the source's {@code mute()}, {@code unmute()} and
 * {@code end()} drive the tracks' events.
 */
public abstract class MediaStreamAccess {

    private static volatile MediaStreamAccess instance;

    /** Installed once by {@link MediaStream}'s class initialiser. */
    public static void install(MediaStreamAccess access) {
        if (instance != null) {
            throw new IllegalStateException("already installed");
        }
        instance = Objects.requireNonNull(access);
    }

    private static MediaStreamAccess get() {
        if (instance == null) {
            try {
                Class.forName(MediaStream.class.getName(), true, MediaStream.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** A stream with the id chosen by the remote peer. */
    public static MediaStream remoteStream(String id) {
        return get().create(Objects.requireNonNull(id, "id"));
    }

    /** Adds {@code track} and fires {@code addtrack}; false (and no event) if it was a member already. */
    public static boolean addTrack(MediaStream stream, MediaStreamTrack track) {
        return get().addRemoteTrack(stream, track);
    }

    /** Removes {@code track} and fires {@code removetrack}; false (and no event) if it was not a member. */
    public static boolean removeTrack(MediaStream stream, MediaStreamTrack track) {
        return get().removeRemoteTrack(stream, track);
    }

    protected abstract MediaStream create(String id);

    protected abstract boolean addRemoteTrack(MediaStream stream, MediaStreamTrack track);

    protected abstract boolean removeRemoteTrack(MediaStream stream, MediaStreamTrack track);
}
