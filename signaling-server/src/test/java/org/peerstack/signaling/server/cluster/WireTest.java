package org.peerstack.signaling.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framing of relayed messages between nodes and of the scripts' events. */
class WireTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> read(byte[] batch, boolean[] complete) {
        List<String> out = new ArrayList<>();
        complete[0] = Wire.readRelays(batch, (room, to, b, offset, length) ->
                out.add(room + "|" + to + "|" + new String(b, offset, length, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void aBatchOfRelaysReadsBackInOrderWithUnicodeRoomsAndLargeMessages() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.write(Wire.RELAYS);
        String big = "{\"type\":\"offer\",\"sdp\":\"" + "v".repeat(70_000) + "\"}";
        Wire.appendRelay(batch, utf8("salle é 🎉"), utf8("abcDEF012_-x"), utf8("{\"type\":\"bye\",\"from\":\"p\"}"));
        Wire.appendRelay(batch, utf8("r"), utf8("q"), utf8(big));
        byte[] bytes = batch.toByteArray();
        assertThat(bytes.length).isEqualTo(1 + Wire.relaySize(utf8("salle é 🎉"), utf8("abcDEF012_-x"),
                utf8("{\"type\":\"bye\",\"from\":\"p\"}")) + Wire.relaySize(utf8("r"), utf8("q"), utf8(big)));
        boolean[] complete = new boolean[1];
        assertThat(read(bytes, complete)).containsExactly("salle é 🎉|abcDEF012_-x|{\"type\":\"bye\",\"from\":\"p\"}",
                "r|q|" + big);
        assertThat(complete[0]).isTrue();
    }

    @Test
    void aTruncatedBatchDeliversWhatIsWholeAndSaysSo() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        batch.write(Wire.RELAYS);
        Wire.appendRelay(batch, utf8("r"), utf8("a"), utf8("{\"x\":1}"));
        Wire.appendRelay(batch, utf8("r"), utf8("b"), utf8("{\"x\":2}"));
        byte[] whole = batch.toByteArray();
        for (int cut = whole.length - 1; cut > whole.length / 2 + 1; cut--) {
            boolean[] complete = new boolean[1];
            List<String> read = read(Arrays.copyOf(whole, cut), complete);
            assertThat(complete[0]).as("cut at %d", cut).isFalse();
            assertThat(read).containsExactly("r|a|{\"x\":1}");
        }
    }

    @Test
    void eventFieldsSplitOnNulAndKeepEmptyNames() {
        assertThat(Wire.fields(utf8("J\0room\0peer\0node\0"))).containsExactly("room", "peer", "node", "");
        assertThat(Wire.fields(utf8("W\0room\0peer"))).containsExactly("room", "peer");
        assertThat(Wire.fields(utf8("L\0r\u00e9\0p"))).containsExactly("r\u00e9", "p");
    }
}
