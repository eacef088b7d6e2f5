package org.peerstack.internal.recorder;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.peerstack.exc.EncodingException;

/** FFmpeg return-code helpers. */
final class Ff {

    /** {@code AVERROR(EAGAIN)} on Linux. */
    static final int EAGAIN = -11;

    private Ff() {
    }

    /** Returns {@code ret} when non-negative, else throws with FFmpeg's text for the error. */
    static int check(int ret, String what) {
        if (ret < 0) {
            throw new EncodingException(what + " failed: " + text(ret) + " (" + ret + ")");
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
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
