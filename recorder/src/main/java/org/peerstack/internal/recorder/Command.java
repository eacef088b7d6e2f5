package org.peerstack.internal.recorder;

import org.peerstack.exc.PeerstackException;

/** What producers and the controlling thread hand to a recorder's worker, in order. */
sealed interface Command {

    /** Bytes of media this command holds (0 for control commands, which never count against limits). */
    default int bytes() {
        return 0;
    }

    record Video(I420Frame frame) implements Command {
        @Override
        public int bytes() {
            return frame.size();
        }
    }

    record Audio(PcmChunk chunk) implements Command {
        @Override
        public int bytes() {
            return chunk.size();
        }
    }

    record Pause() implements Command {
    }

    record Resume() implements Command {
    }

    record RequestData() implements Command {
    }

    /** Ends the recording: a failure first reports the error, then flushes what it can. */
    record Stop(PeerstackException failure) implements Command {
    }
}
