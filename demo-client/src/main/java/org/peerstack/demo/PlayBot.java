package org.peerstack.demo;

import java.util.Objects;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/**
 * The {@code play} bot: publishes one local stream (the fake camera and microphone, a file, or a canvas
 * animation; see {@link MediaSources}) to every member of the room. It receives nothing: whatever the
 * others send is left unrendered.
 */
public final class PlayBot implements Room.Handler {

    private final MediaStream stream;

    /** Publishes the tracks of {@code stream}; the caller keeps owning (and stops) them. */
    public PlayBot(MediaStream stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    @Override
    public void peerCreated(Peer peer) {
        for (MediaStreamTrack track : stream.getTracks()) {
            peer.pc().addTrack(track, stream);
        }
    }

    /** Status text for {@link LiveStatus}. */
    public String status() {
        return "publishing " + stream.getAudioTracks().size() + " audio + " + stream.getVideoTracks().size() + " video";
    }
}
