package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.sfu.internal.packet.StunWriter;

/**
 * An attacker's socket in the test namespace sends the SFU what it must survive while a publisher
 * streams to a subscriber: malformed STUN, STUN for unknown users, STUN with a wrong MESSAGE-INTEGRITY,
 * datagrams from unknown addresses, DTLS garbage and SRTP that fails authentication (after a valid
 * check made its address known). Each is dropped and counted; the media keeps flowing.
 */
class BadInputTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    private static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");

    @Test
    void badInputIsDroppedAndCountedWhileMediaFlows() throws Exception {
        SfuServer sfu = peers.sfu();
        SfuRoom room = sfu.room("bad");
        RealPeers.Publisher publisher = peers.publish(room);
        RealPeers.Subscriber subscriber = peers.subscribe(room);
        subscriber.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String answer = publisher.sfu().answer();
        String ufrag = find(UFRAG, answer);
        String pwd = find(PWD, answer);
        InetSocketAddress target = new InetSocketAddress(RealPeers.ADDRESS, sfu.port());
        Random random = new Random(7);
        SfuMetrics m = sfu.metrics();

        // the attacker knows the SFU's ufrag and password (they are in the answer) and the publisher's ufrag
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(RealPeers.ADDRESS), 0))) {
            long framesBefore = subscriber.frames.get();
            byte[] out = new byte[StunWriter.MAX_LENGTH];
            for (int i = 0; i < 50; i++) {
                // 1. malformed STUN: a STUN-looking header with a length that does not fit
                byte[] stun = new byte[40];
                stun[1] = 1;
                stun[3] = (byte) 200;
                stun[4] = 0x21;
                stun[5] = 0x12;
                stun[6] = (byte) 0xA4;
                stun[7] = 0x42;
                send(attacker, stun, stun.length, target);
                // 2. STUN for a user nobody has
                int n = StunWriter.bindingRequest(tx(random), "nobody:x", 1, 2, true, "whatever".getBytes(StandardCharsets.UTF_8), out);
                send(attacker, out, n, target);
                // 3. the right user with a wrong password
                n = StunWriter.bindingRequest(tx(random), ufrag + ":evil", 1, 2, true, "wrongpassword".getBytes(StandardCharsets.UTF_8), out);
                send(attacker, out, n, target);
                // 4. DTLS-looking and RTP-looking garbage from an address no check came from
                byte[] junk = new byte[100];
                random.nextBytes(junk);
                junk[0] = 22;
                send(attacker, junk, junk.length, target);
                junk[0] = (byte) 0x80;
                send(attacker, junk, junk.length, target);
            }
            Thread.sleep(300);
            assertThat(m.get(SfuCounter.DROPPED_STUN_MALFORMED)).isGreaterThanOrEqualTo(50);
            assertThat(m.get(SfuCounter.DROPPED_STUN_UNKNOWN_USER)).isGreaterThanOrEqualTo(50);
            assertThat(m.get(SfuCounter.DROPPED_STUN_BAD_INTEGRITY)).isGreaterThanOrEqualTo(50);
            assertThat(m.get(SfuCounter.DROPPED_UNKNOWN_SOURCE)).isGreaterThanOrEqualTo(100);

            // a valid check (the password is in the SFU's answer) makes the attacker's address known...
            String remoteUfrag = find(UFRAG, publisher.pc().localDescription().sdp());
            int n = StunWriter.bindingRequest(tx(random), ufrag + ":" + remoteUfrag, 1, 2, false, pwd.getBytes(StandardCharsets.UTF_8), out);
            send(attacker, out, n, target);
            DatagramPacket response = new DatagramPacket(new byte[512], 512);
            attacker.setSoTimeout(2_000);
            attacker.receive(response);
            assertThat(response.getLength()).isGreaterThan(20);
            // ...but its DTLS garbage and forged SRTP/SRTCP still get nowhere
            for (int i = 0; i < 50; i++) {
                byte[] junk = new byte[200];
                random.nextBytes(junk);
                junk[0] = 23;
                send(attacker, junk, junk.length, target);
                junk[0] = (byte) 0x80;
                junk[1] = 96;
                send(attacker, junk, junk.length, target);
                junk[1] = (byte) 200;
                send(attacker, junk, junk.length, target);
            }
            Thread.sleep(500);
            assertThat(m.get(SfuCounter.DROPPED_DTLS)).isGreaterThanOrEqualTo(50);
            assertThat(m.get(SfuCounter.DROPPED_SRTP_AUTH)).isGreaterThanOrEqualTo(100);
            long framesDuring = subscriber.frames.get() - framesBefore;
            Thread.sleep(1_000);
            assertThat(subscriber.frames.get() - framesBefore - framesDuring).as("frames in the second after the attack").isGreaterThan(20);
            assertThat(publisher.sfu().closed()).isNotDone();
            System.out.println("BadInputTest: " + m);
        }
    }

    private static byte[] tx(Random random) {
        byte[] t = new byte[12];
        random.nextBytes(t);
        return t;
    }

    private static void send(DatagramSocket s, byte[] b, int n, InetSocketAddress to) throws Exception {
        s.send(new DatagramPacket(b, n, to));
    }

    private static String find(Pattern p, String sdp) {
        Matcher m = p.matcher(sdp);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
