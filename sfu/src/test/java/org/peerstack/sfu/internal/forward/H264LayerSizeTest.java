package org.peerstack.sfu.internal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerstack.sfu.internal.packet.H264Sps;

/**
 * H.264 layer sizes from the SPS of real keyframes: FFmpeg's libx264 (the system {@code ffmpeg}) encodes
 * a test pattern at simulcast-like sizes, in the baseline and high profiles (the high profile's SPS has
 * the chroma format and scaling fields), sizes that need cropping (180 and 90 are not multiples of 16)
 * included. The stream is packetised as libwebrtc sends it (RFC 6184): SPS and PPS in a STAP-A, then the
 * IDR slice in FU-A fragments; and with SPS and PPS as single NAL unit packets. The keyframe start must
 * state the encoded size; the other packets state none.
 */
class H264LayerSizeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"1280,720,baseline", "640,360,baseline", "320,180,high", "160,90,high", "1920,1080,high"})
    void theSpsOfARealKeyframeGivesItsSize(int width, int height, String profile) throws Exception {
        List<byte[]> nals = encode(width, height, profile);
        byte[] sps = nals.stream().filter(n -> (n[0] & 0x1f) == 7).findFirst().orElseThrow();
        byte[] pps = nals.stream().filter(n -> (n[0] & 0x1f) == 8).findFirst().orElseThrow();
        byte[] idr = nals.stream().filter(n -> (n[0] & 0x1f) == 5).findFirst().orElseThrow();
        assertThat(H264Sps.dimensions(sps)).containsExactly(width, height);

        // STAP-A (SPS, PPS) then the IDR in FU-A fragments of at most 1100 bytes
        byte[] stap = stapA(sps, pps);
        int codec = KeyframeDetector.codecOf("H264");
        assertThat(KeyframeDetector.isKeyframeStart(codec, stap, 0, stap.length, true)).isTrue();
        assertThat(KeyframeDetector.dimensions(codec, stap, 0, stap.length)).isEqualTo(width << 16 | height);
        List<byte[]> fragments = fuA(idr, 1100);
        assertThat(KeyframeDetector.dimensions(codec, fragments.get(0), 0, fragments.get(0).length)).isEqualTo(-1);
        assertThat(KeyframeDetector.isKeyframeStart(codec, fragments.get(fragments.size() - 1), 0,
                fragments.get(fragments.size() - 1).length, false)).isFalse();

        // SPS alone in a single NAL unit packet
        assertThat(KeyframeDetector.isKeyframeStart(codec, sps, 0, sps.length, true)).isTrue();
        assertThat(KeyframeDetector.dimensions(codec, sps, 0, sps.length)).isEqualTo(width << 16 | height);
        assertThat(KeyframeDetector.dimensions(codec, pps, 0, pps.length)).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({"4", "5", "6"})
    void aTruncatedOrBrokenSpsGivesNoSizeAndNoException(int keep) throws Exception {
        byte[] sps = encode(640, 360, "high").stream().filter(n -> (n[0] & 0x1f) == 7).findFirst().orElseThrow();
        byte[] cut = java.util.Arrays.copyOf(sps, Math.min(keep, sps.length - 1));
        int codec = KeyframeDetector.codecOf("H264");
        // cut before the picture size fields
        assertThat(KeyframeDetector.dimensions(codec, cut, 0, cut.length)).isEqualTo(-1);
        byte[] garbage = new byte[64];
        new java.util.Random(keep).nextBytes(garbage);
        garbage[0] = 0x67;
        KeyframeDetector.dimensions(codec, garbage, 0, garbage.length); // any answer, no exception
        byte[] stap = stapA(sps, sps);
        stap[1] = (byte) 0xff; // a NAL size past the end
        assertThat(KeyframeDetector.dimensions(codec, stap, 0, stap.length)).isEqualTo(-1);
    }

    /** The NAL units of 2 frames of FFmpeg's test pattern encoded by libx264. */
    private List<byte[]> encode(int width, int height, String profile) throws Exception {
        Path out = dir.resolve(width + "x" + height + profile + ".h264");
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=" + width + "x" + height + ":rate=30", "-frames:v", "2", "-c:v", "libx264", "-profile:v", profile,
                "-pix_fmt", "yuv420p", "-bf", "0", "-f", "h264", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return splitAnnexB(Files.readAllBytes(out));
    }

    private static List<byte[]> splitAnnexB(byte[] s) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + 3 <= s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                starts.add(i + 3);
                i += 2;
            }
        }
        List<byte[]> nals = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) - 3 : s.length;
            while (to > from && s[to - 1] == 0) {
                to--; // the zero of a 4-byte start code
            }
            nals.add(java.util.Arrays.copyOfRange(s, from, to));
        }
        return nals;
    }

    private static byte[] stapA(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x18);
        for (byte[] n : nals) {
            out.write(n.length >> 8);
            out.write(n.length & 0xff);
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    private static List<byte[]> fuA(byte[] nal, int max) {
        List<byte[]> out = new ArrayList<>();
        int indicator = (nal[0] & 0xe0) | 28;
        for (int at = 1; at < nal.length; at += max) {
            int n = Math.min(max, nal.length - at);
            byte[] p = new byte[2 + n];
            p[0] = (byte) indicator;
            p[1] = (byte) ((at == 1 ? 0x80 : 0) | (at + n == nal.length ? 0x40 : 0) | (nal[0] & 0x1f));
            System.arraycopy(nal, at, p, 2, n);
            out.add(p);
        }
        return out;
    }
}
