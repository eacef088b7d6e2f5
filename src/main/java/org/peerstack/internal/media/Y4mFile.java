package org.peerstack.internal.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a YUV4MPEG2 (.y4m) file of 4:2:0 planar frames: the header ({@code W}, {@code H}, {@code F},
 * {@code C420*}), then each {@code FRAME} line and its Y, U, V planes, read straight into the caller's
 * (native) plane buffers.
 */
final class Y4mFile implements AutoCloseable {

    /** Longest header or FRAME line accepted (bytes). */
    static final int MAX_LINE = 1024;

    final int width;
    final int height;
    final double frameRate;
    private final FileChannel channel;
    private final long firstFrame;
    private long position;

    private Y4mFile(FileChannel channel, int width, int height, double frameRate, long firstFrame) {
        this.channel = channel;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.firstFrame = firstFrame;
        this.position = firstFrame;
    }

    static Y4mFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            String header = readLine(channel, 0);
            if (!header.startsWith("YUV4MPEG2 ")) {
                throw new IOException(file + " is not a YUV4MPEG2 file");
            }
            int w = 0;
            int h = 0;
            double fps = 30;
            for (String token : header.substring(10).trim().split(" ")) {
                if (token.isEmpty()) {
                    continue;
                }
                String value = token.substring(1);
                switch (token.charAt(0)) {
                    case 'W' -> w = Integer.parseInt(value);
                    case 'H' -> h = Integer.parseInt(value);
                    case 'F' -> {
                        String[] ratio = value.split(":");
                        fps = Double.parseDouble(ratio[0]) / Double.parseDouble(ratio[1]);
                    }
                    case 'C' -> {
                        if (!value.startsWith("420")) {
                            throw new IOException(file + ": colour space C" + value + " is not supported (only 4:2:0)");
                        }
                    }
                    default -> { }
                }
            }
            if (w <= 0 || h <= 0 || !(fps > 0) || Double.isInfinite(fps)) {
                throw new IOException(file + ": bad size or rate in header '" + header + "'");
            }
            return new Y4mFile(channel, w, h, fps, header.length() + 1L);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(file + ": malformed header: " + e, e);
        }
    }

    private static String readLine(FileChannel channel, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_LINE);
        channel.read(buf, at);
        for (int i = 0; i < buf.position(); i++) {
            if (buf.get(i) == '\n') {
                return new String(buf.array(), 0, i, StandardCharsets.US_ASCII);
            }
        }
        return buf.position() == 0 ? null : "";
    }

    /**
     * Reads the next frame into the planes.
     *
     * @return false at end of file
     */
    boolean next(ByteBuffer y, int strideY, ByteBuffer u, int strideU, ByteBuffer v, int strideV) throws IOException {
        String line = readLine(channel, position);
        if (line == null || !line.startsWith("FRAME")) {
            return false;
        }
        long at = position + line.length() + 1;
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        long size = (long) width * height + 2L * cw * ch;
        if (at + size > channel.size()) {
            return false;
        }
        at = readPlane(y, strideY, width, height, at);
        at = readPlane(u, strideU, cw, ch, at);
        at = readPlane(v, strideV, cw, ch, at);
        position = at;
        return true;
    }

    private long readPlane(ByteBuffer plane, int stride, int w, int h, long at) throws IOException {
        if (stride == w) {
            ByteBuffer b = plane.duplicate().clear().limit(w * h);
            while (b.hasRemaining()) {
                int n = channel.read(b, at + b.position());
                if (n < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            return at + (long) w * h;
        }
        for (int row = 0; row < h; row++) {
            ByteBuffer b = plane.duplicate().clear().position(row * stride).limit(row * stride + w);
            while (b.hasRemaining()) {
                if (channel.read(b, at + (b.position() - row * stride)) < 0) {
                    throw new IOException("unexpected end of file");
                }
            }
            at += w;
        }
        return at;
    }

    void rewind() {
        position = firstFrame;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
