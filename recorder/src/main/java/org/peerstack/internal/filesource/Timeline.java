package org.peerstack.internal.filesource;

import org.peerstack.media.AudioData;
import org.peerstack.media.VideoFrame;

/**
 * Where decoders put what they decoded: media in file time (microseconds from the file's start) goes
 * onto the player's timeline, which adds the loop offset and paces delivery.
 */
interface Timeline {

    /** The monotonic-clock time (nanoseconds) at which file time {@code fileUs} of this loop plays. */
    long wallNs(long fileUs);

    /** The media time (microseconds since playback started, loops included) of file time {@code fileUs}. */
    long mediaUs(long fileUs);

    /** A decoded frame due at file time {@code fileUs}; the timeline owns (and releases) it. */
    void video(long fileUs, VideoFrame frame);

    /** A 10 ms chunk due at file time {@code fileUs}. */
    void audio(long fileUs, AudioData chunk);
}
