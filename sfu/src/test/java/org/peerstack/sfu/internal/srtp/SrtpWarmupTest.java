package org.peerstack.sfu.internal.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.SfuServer;
import org.peerstack.sfu.internal.dtls.SrtpProfile;

/**
 * {@link SrtpWarmup}: starting an SFU makes jitsi-srtp choose its ciphers on a thread of its own, so the
 * first connection's DTLS completion on the media thread no longer runs jitsi-srtp's provider benchmark
 * (which stalled the media thread for seconds under load); each profile's packets round-trip.
 */
class SrtpWarmupTest {

    @Test
    void startingAnSfuWarmsUpSrtpOnAThreadOfItsOwn() throws Exception {
        try (SfuServer sfu = SfuServer.start(SfuConfig.newBuilder().bindAddress("127.0.0.1").port(0).build())) {
            assertThat(SrtpWarmup.started()).as("warm-up started by SfuServer.start").isTrue();
            SrtpWarmup.start().get(60, TimeUnit.SECONDS); // fails if a profile did not round-trip
        }
    }

    @Test
    void everyProfileRoundTripsAnRtpAndAnRtcpPacket() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            assertThatCode(() -> SrtpWarmup.roundTrip(profile)).as(profile.toString()).doesNotThrowAnyException();
        }
    }
}
