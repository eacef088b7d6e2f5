package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Utf8Check} against the JDK's strict UTF-8 decoder, which follows RFC 3629. */
class Utf8CheckTest {

    /** The reference: the JDK's decoder reporting malformed input (also used by the fuzz test). */
    static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void assertAgrees(byte[] bytes) {
        boolean expected = jdkAccepts(bytes);
        assertThat(Utf8Check.isWellFormed(bytes, 0, bytes.length))
                .as("%s", HexFormat.of().formatHex(bytes)).isEqualTo(expected);
    }

    @Test
    void everyOneAndTwoByteInputAndEveryThreeByteSequenceAgreeWithTheJdk() {
        for (int a = 0; a < 256; a++) {
            assertAgrees(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertAgrees(new byte[] {(byte) a, (byte) b});
            }
        }
        for (int a = 0xE0; a <= 0xEF; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c : new int[] {0x00, 0x41, 0x7F, 0x80, 0xA5, 0xBF, 0xC0, 0xFF}) {
                    assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c});
                }
            }
        }
    }

    @Test
    void fourByteBoundariesAgreeWithTheJdk() {
        int[] edges = {0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
        for (int a = 0xEF; a <= 0xF8; a++) {
            for (int b : edges) {
                for (int c : edges) {
                    for (int d : edges) {
                        assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
                    }
                }
            }
        }
    }

    @Test
    void randomTextAtEveryAlignmentAgreesWithTheJdk() {
        SplittableRandom random = new SplittableRandom(6455);
        String[] pieces = {"a", "{\"type\":\"offer\"}", "é", "中", "😀", "\u2028"};
        byte[][] broken = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}};
        for (int run = 0; run < 20_000; run++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int parts = random.nextInt(1, 24);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(40) == 0) {
                    out.writeBytes(broken[random.nextInt(broken.length)]);
                } else {
                    out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
                }
            }
            assertAgrees(out.toByteArray());
        }
    }

    @Test
    void onlyTheGivenRangeIsChecked() {
        byte[] text = "x{\"type\":\"ping\"} é 😀 and more ascii after it".getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[text.length + 2];
        System.arraycopy(text, 0, framed, 1, text.length);
        framed[0] = (byte) 0xFF;
        framed[framed.length - 1] = (byte) 0xC0;
        assertThat(Utf8Check.isWellFormed(framed, 1, text.length)).isTrue();
        assertThat(Utf8Check.isWellFormed(framed, 1, text.length + 1)).isFalse();
        assertThat(Utf8Check.isWellFormed(framed, 0, text.length)).isFalse();
        assertThat(Utf8Check.isWellFormed(framed, 5, 0)).isTrue();
    }
}
