package org.peerstack.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The relay path's scan (bounded by the message's length, not the array's) and its in-place stamp. */
class FromStampTest {

    /** The rule {@link FromStamp#applies} implements, one byte at a time. */
    private static boolean reference(byte[] json, int length) {
        for (int i = 0; i < length; i++) {
            if (json[i] == '\\' && i + 1 < length && json[i + 1] == 'u') {
                return false;
            }
            if (json[i] == '"' && length - i >= 6 && json[i + 1] == 'f' && json[i + 2] == 'r' && json[i + 3] == 'o'
                    && json[i + 4] == 'm' && json[i + 5] == '"') {
                return false;
            }
        }
        return true;
    }

    @Test
    void theScanStopsAtTheMessagesLengthAndAgreesWithTheRuleAtEveryOffset() {
        for (String needle : new String[] {"\"from\"", "\\u"}) {
            for (int at = 0; at < 24; at++) {
                for (int length = 0; length <= 32; length++) {
                    byte[] json = new byte[length + 8];
                    java.util.Arrays.fill(json, (byte) 'a');
                    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
                    for (int k = 0; k < n.length && at + k < json.length; k++) {
                        json[at + k] = n[k];
                    }
                    assertThat(FromStamp.applies(json, length)).as("%s at %d, length %d", needle, at, length)
                            .isEqualTo(reference(json, length));
                }
            }
        }
        Random random = new Random(15);
        byte[] alphabet = "\"from\\uaz{}:, \u00e9".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 200_000; round++) {
            byte[] json = new byte[random.nextInt(40)];
            for (int i = 0; i < json.length; i++) {
                json[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int length = json.length == 0 ? 0 : random.nextInt(json.length + 1);
            assertThat(FromStamp.applies(json, length)).isEqualTo(reference(json, length));
        }
    }

    @Test
    void aMessageWithRoomIsStampedInPlaceAndOneWithoutIsCopied() {
        byte[] roomy = ("{\"type\":\"bye\",\"to\":\"b\"}" + " ".repeat(FromStamp.SLACK)).getBytes(StandardCharsets.UTF_8);
        TextWebSocketFrame frame = new FromStamp("AbCdEfGhIjKl").frame(roomy);
        assertThat(frame.content().array()).isSameAs(roomy);
        assertThat(frame.text()).isEqualTo("{\"type\":\"bye\",\"to\":\"b\",\"from\":\"AbCdEfGhIjKl\"}");
        frame.release();
        String longId = "x".repeat(40); // a suffix longer than the room JsonCodec leaves
        byte[] tight = ("{\"type\":\"bye\",\"to\":\"b\"}" + " ".repeat(FromStamp.SLACK)).getBytes(StandardCharsets.UTF_8);
        byte[] before = tight.clone();
        TextWebSocketFrame copied = new FromStamp(longId).frame(tight);
        assertThat(copied.text()).isEqualTo("{\"type\":\"bye\",\"to\":\"b\",\"from\":\"" + longId + "\"}");
        assertThat(tight).isEqualTo(before);
        copied.release();
    }
}
