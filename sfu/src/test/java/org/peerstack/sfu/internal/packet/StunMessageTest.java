package org.peerstack.sfu.internal.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StunMessageTest {

    private static final byte[] TX = "0123456789ab".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "remotepasswordremotepass".getBytes(StandardCharsets.UTF_8);

    private static byte[] request(boolean useCandidate) {
        byte[] out = new byte[StunWriter.MAX_LENGTH];
        int n = StunWriter.bindingRequest(TX, "sfuUfrag:peerUfrag", 0x6e7f1eff, 0x1122334455667788L, useCandidate, PASSWORD, out);
        return java.util.Arrays.copyOf(out, n);
    }

    @Test
    void aSignedRequestParsesAndVerifies() {
        byte[] b = request(true);
        assertThat(StunMessage.looksLikeStun(b, 0, b.length)).isTrue();
        StunMessage m = StunMessage.parse(b, 0, b.length);
        assertThat(m).isNotNull();
        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.username()).isEqualTo("sfuUfrag:peerUfrag");
        assertThat(m.priority()).isEqualTo(0x6e7f1effL);
        assertThat(m.useCandidate()).isTrue();
        assertThat(m.iceControlling()).isTrue();
        assertThat(m.verifyIntegrity(PASSWORD)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();
        assertThat(m.verifyIntegrity("wrong".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void aFlippedBitBreaksIntegrityOrFingerprint() {
        byte[] b = request(false);
        for (int i = 20; i < b.length; i++) {
            byte[] copy = b.clone();
            copy[i] ^= 0x01;
            StunMessage m = StunMessage.parse(copy, 0, copy.length);
            if (m != null) {
                assertThat(m.verifyIntegrity(PASSWORD) && m.verifyFingerprint()).as("byte %d flipped", i).isFalse();
            }
        }
    }

    @Test
    void theResponseCarriesTheXoredAddressAndVerifies() throws Exception {
        byte[] req = request(false);
        StunMessage m = StunMessage.parse(req, 0, req.length);
        byte[] out = new byte[StunWriter.MAX_LENGTH];
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("192.0.2.33"), 40_123);
        int n = StunWriter.bindingSuccess(m, remote, PASSWORD, out);
        StunMessage r = StunMessage.parse(out, 0, n);
        assertThat(r).isNotNull();
        assertThat(r.type()).isEqualTo(StunMessage.BINDING_SUCCESS);
        assertThat(r.verifyIntegrity(PASSWORD)).isTrue();
        assertThat(r.verifyFingerprint()).isTrue();
        byte[] tx = new byte[12];
        r.copyTransactionId(tx, 0);
        assertThat(tx).isEqualTo(TX);
        // XOR-MAPPED-ADDRESS is the first attribute: port ^ 0x2112, address ^ magic cookie
        assertThat(Bytes.uint16(out, 20)).isEqualTo(StunMessage.ATTR_XOR_MAPPED_ADDRESS);
        assertThat(Bytes.uint16(out, 26) ^ 0x2112).isEqualTo(40_123);
        assertThat(Bytes.int32(out, 28) ^ StunMessage.MAGIC_COOKIE).isEqualTo(Bytes.int32(new byte[] {(byte) 192, 0, 2, 33}, 0));
    }

    @Test
    void ipv6ResponsesXorWithTheTransactionIdToo() throws Exception {
        byte[] req = request(false);
        StunMessage m = StunMessage.parse(req, 0, req.length);
        byte[] out = new byte[StunWriter.MAX_LENGTH];
        InetAddress v6 = InetAddress.getByName("2001:db8::7");
        int n = StunWriter.bindingSuccess(m, new InetSocketAddress(v6, 5000), PASSWORD, out);
        assertThat(StunMessage.parse(out, 0, n).verifyIntegrity(PASSWORD)).isTrue();
        byte[] ip = new byte[16];
        for (int i = 0; i < 16; i++) {
            ip[i] = (byte) (out[28 + i] ^ out[4 + i]);
        }
        assertThat(InetAddress.getByAddress(ip)).isEqualTo(v6);
    }

    @Test
    void malformedMessagesGiveNull() {
        byte[] b = request(true);
        assertThat(StunMessage.parse(b, 0, b.length - 4)).as("length field disagrees").isNull();
        byte[] bad = b.clone();
        bad[3] = (byte) (bad[3] + 4);
        assertThat(StunMessage.parse(bad, 0, bad.length)).isNull();
        assertThat(StunMessage.parse(new byte[19], 0, 19)).isNull();
        byte[] noCookie = b.clone();
        noCookie[4] = 0;
        assertThat(StunMessage.parse(noCookie, 0, noCookie.length)).isNull();
        byte[] overlong = b.clone();
        Bytes.put16(overlong, 22, 2000); // USERNAME length beyond the message
        assertThat(StunMessage.parse(overlong, 0, overlong.length)).isNull();
    }
}
