package org.peerstack.signaling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.OutputStream;

/**
 * Collects what a generator writes into one buffer: the generator hands over its whole output in one
 * call at close for messages below its 8,000-byte buffer, so the first allocation has the exact size.
 * Used by {@link SignalingCodec#encode(SignalingMessage, ByteBufAllocator)}; one instance per message,
 * not thread-safe.
 */
final class ExactBufferStream extends OutputStream {

    private final ByteBufAllocator alloc;
    private ByteBuf buffer;

    ExactBufferStream(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    @Override
    public void write(int b) {
        ensure(1).writeByte(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensure(length).writeBytes(bytes, offset, length);
    }

    private ByteBuf ensure(int length) {
        if (buffer == null) {
            buffer = alloc.buffer(length);
        }
        return buffer;
    }

    /** What was written, in a buffer the caller now owns (an empty one when nothing was written). */
    ByteBuf buffer() {
        return buffer == null ? alloc.buffer(0) : buffer;
    }

    /** Releases what was written so far, after a failure; the stream is empty again. */
    void release() {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }
}
