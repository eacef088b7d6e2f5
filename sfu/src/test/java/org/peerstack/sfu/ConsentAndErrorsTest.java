package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.exc.TypeException;
import org.peerstack.sfu.internal.packet.StunWriter;
import org.peerstack.sfu.internal.sdp.SessionDescriptionTest;

/**
 * The SFU without libwebrtc peers: a socket in the test plays the remote ICE agent. Consent freshness
 * (RFC 7675): a peer whose checks stop, and a peer that never sends one, are closed after the consent
 * timeout. And the typed errors of the API.
 */
class ConsentAndErrorsTest {

    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    private static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
    private SfuServer sfu;

    private SfuServer start(Duration consent) {
        sfu = SfuServer.start(SfuConfig.newBuilder().bindAddress("127.0.0.1").port(0).consentTimeout(consent).build());
        return sfu;
    }

    @AfterEach
    void close() {
        if (sfu != null) {
            sfu.close();
        }
    }

    @Test
    void consentExpiresWhenChecksStopAndAPeerThatNeverCheckedIsClosed() throws Exception {
        // 3 s: long enough that a stalled test JVM on a busy machine does not lose the first check's race
        // against the never-checked rule, short enough for a unit test
        start(Duration.ofSeconds(3));
        SfuRoom room = sfu.room("consent");
        SfuPublisher checked = room.publish(SessionDescriptionTest.LIBWEBRTC_OFFER).get(5, TimeUnit.SECONDS);
        SfuPublisher silent = room.publish(SessionDescriptionTest.LIBWEBRTC_OFFER).get(5, TimeUnit.SECONDS);
        try (DatagramSocket remote = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            remote.setSoTimeout(2_000);
            long lastCheck = 0;
            byte[] out = new byte[StunWriter.MAX_LENGTH];
            // 4 checks 250 ms apart; then silence
            for (int i = 0; i < 4; i++) {
                byte[] tx = new byte[12];
                tx[0] = (byte) i;
                int n = StunWriter.bindingRequest(tx, find(UFRAG, checked.answer()) + ":339/", 1, 2, true,
                        find(PWD, checked.answer()).getBytes(StandardCharsets.UTF_8), out);
                remote.send(new DatagramPacket(out, n, new InetSocketAddress("127.0.0.1", sfu.port())));
                lastCheck = System.nanoTime();
                DatagramPacket response = new DatagramPacket(new byte[512], 512);
                try {
                    remote.receive(response);
                } catch (java.net.SocketTimeoutException e) {
                    throw new AssertionError("no STUN response; " + sfu.metrics(), e);
                }
                Thread.sleep(250);
            }
            assertThat(checked.closed()).as("consent still fresh").isNotDone();
            String reason = checked.closed().get(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastCheck);
            assertThat(reason).isEqualTo("ICE consent expired");
            assertThat(millis).as("closed about 3 s after the last check (timer granularity 1 s)").isBetween(2_900L, 5_500L);
        }
        assertThat(silent.closed().get(5, TimeUnit.SECONDS)).isEqualTo("no ICE connectivity check arrived");
        assertThat(sfu.metrics().get(SfuCounter.CONSENT_EXPIRED)).isEqualTo(2);
        assertThat(room.tracks().get(5, TimeUnit.SECONDS)).as("their tracks ended").isEmpty();
    }

    @Test
    void badOffersAndMisuseAreTypedErrors() throws Exception {
        start(SfuConfig.DEFAULT_CONSENT_TIMEOUT);
        SfuRoom room = sfu.room("errors");
        assertThatThrownBy(() -> room.publish("not sdp").get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(OperationException.class)
                .satisfies(e -> assertThat(((OperationException) e).errorDetail()).isEqualTo("sdp-syntax-error"));
        String dataOnly = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
                + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\n"
                + "a=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=fingerprint:sha-256 00:11\r\na=setup:actpass\r\na=mid:0\r\n";
        assertThatThrownBy(() -> room.publish(dataOnly).get(5, TimeUnit.SECONDS)).cause().isInstanceOf(OperationException.class)
                .satisfies(e -> assertThat(((OperationException) e).errorDetail()).isEqualTo("no-media"));
        SfuSubscriber sub = room.subscribe().get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> sub.createOffer().get(5, TimeUnit.SECONDS)).as("nothing published yet")
                .cause().isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> sub.setAnswer("v=0\r\n").get(5, TimeUnit.SECONDS)).as("no offer outstanding")
                .cause().isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> SfuConfig.newBuilder().packetCacheSize(1000).build()).isInstanceOf(TypeException.class);
        assertThatThrownBy(() -> SfuServer.start(SfuConfig.newBuilder().port(0).build()))
                .as("a wildcard bind needs announced addresses").isInstanceOf(TypeException.class);
    }

    private static String find(Pattern p, String sdp) {
        Matcher m = p.matcher(sdp);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
