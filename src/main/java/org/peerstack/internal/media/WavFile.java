package org.peerstack.internal.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a RIFF/WAVE file of 16-bit PCM in chunks of whole frames. */
final class WavFile implements AutoCloseable {

    /** Most chunks inspected before the {@code data} chunk. */
    static final int MAX_CHUNKS = 64;

    final int sampleRate;
    final int channels;
    private final FileChannel channel;
    private final long dataStart;
    private final long dataEnd;
    private long position;

    private WavFile(FileChannel channel, int sampleRate, int channels, long dataStart, long dataEnd) {
        this.channel = channel;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.dataStart = dataStart;
        this.dataEnd = dataEnd;
        this.position = dataStart;
    }

    static WavFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteBuffer head = read(channel, 0, 12);
            if (head.getInt(0) != 0x46464952 || head.getInt(8) != 0x45564157) {
                throw new IOException(file + " is not a RIFF/WAVE file");
            }
            long at = 12;
            int rate = 0;
            int channels = 0;
            for (int i = 0; i < MAX_CHUNKS && at + 8 <= channel.size(); i++) {
                ByteBuffer chunk = read(channel, at, 8);
                int id = chunk.getInt(0);
                long size = Integer.toUnsignedLong(chunk.getInt(4));
                if (id == 0x20746d66) {
                    ByteBuffer fmt = read(channel, at + 8, 16);
                    int format = fmt.getShort(0) & 0xffff;
                    channels = fmt.getShort(2) & 0xffff;
                    rate = fmt.getInt(4);
                    int bits = fmt.getShort(14) & 0xffff;
                    if ((format != 1 && format != 0xfffe) || bits != 16) {
                        throw new IOException(file + ": only 16-bit PCM is supported (format " + format + ", "
                                + bits + " bits)");
                    }
                } else if (id == 0x61746164) {
                    if (rate <= 0 || channels <= 0) {
                        throw new IOException(file + ": data chunk before a valid fmt chunk");
                    }
                    long end = Math.min(channel.size(), at + 8 + size);
                    return new WavFile(channel, rate, channels, at + 8, end);
                }
                at += 8 + size + (size & 1);
            }
            throw new IOException(file + ": no data chunk");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(file + ": malformed: " + e, e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b;
    }

    /** The next {@code frames} frames as PCM bytes, fewer at the end, or null when nothing is left. */
    byte[] next(int frames) throws IOException {
        int frameBytes = channels * 2;
        long left = (dataEnd - position) / frameBytes;
        if (left <= 0) {
            return null;
        }
        int n = (int) Math.min(frames, left);
        byte[] pcm = read(channel, position, n * frameBytes).array();
        position += (long) n * frameBytes;
        return pcm;
    }

    void rewind() {
        position = dataStart;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
