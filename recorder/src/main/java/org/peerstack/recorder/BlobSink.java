package org.peerstack.recorder;

import java.io.IOException;
import org.peerstack.media.Blob;

/**
 * Writes each chunk of a recording somewhere (a file, a socket) as it is produced; set with
 * {@link MediaRecorder#setBlobSink}. Not part of the W3C API: it exists so that a write failure can stop
 * the recording the way the engine reports it.
 *
 * <p><b>Threading:</b> called on the recorder's worker thread, in order, before the chunk's
 * {@code dataavailable} event is fired; the worker encodes nothing while it runs, so it must be quick.
 * Throwing (e.g. an {@link IOException} from a full disk or a closed stream) ends the recording: an
 * {@code error} event carrying a {@link org.peerstack.exc.ChunkDeliveryException}, then {@code stop};
 * no {@code dataavailable} is fired for the failed chunk and every chunk written before stays intact.
 */
@FunctionalInterface
public interface BlobSink {

    void write(Blob chunk) throws IOException;
}
