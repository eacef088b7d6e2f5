package org.peerstack.internal.filesource;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** FFmpeg return codes as exceptions with FFmpeg's own text. */
final class FfError {

    /** {@code AVERROR(EAGAIN)} on Linux. */
    static final int EAGAIN = -11;

    private FfError() {
    }

    /** Returns {@code ret} when non-negative, else throws naming {@code what} and FFmpeg's error text. */
    static int check(int ret, String what) throws IOException {
        if (ret < 0) {
            throw new IOException(what + " failed: " + text(ret));
        }
        return ret;
    }

    static String text(int ret) {
        byte[] buf = new byte[256];
        av_strerror(ret, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
