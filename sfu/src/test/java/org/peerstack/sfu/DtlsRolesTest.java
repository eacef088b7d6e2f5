package org.peerstack.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SFU's DTLS in both roles against libwebrtc, with both SRTP profiles. Publishers offer
 * {@code actpass}: with {@link SfuConfig.DtlsRole#CLIENT} the SFU answers {@code active} and is the DTLS
 * client towards the publisher; subscribers answer the SFU's {@code actpass} offer with {@code active},
 * so the SFU is their DTLS server. Media must flow end to end in each case.
 */
class DtlsRolesTest {

    @RegisterExtension
    static final RealPeers peers = new RealPeers();

    @Test
    void sfuAsDtlsClientWithAesCm() throws Exception {
        forwards(SfuConfig.newBuilder().roleForActpass(SfuConfig.DtlsRole.CLIENT).srtpProfiles(List.of("AES128_CM_HMAC_SHA1_80")),
                "a=setup:active");
    }

    @Test
    void sfuAsDtlsServerWithAesGcm() throws Exception {
        forwards(SfuConfig.newBuilder().roleForActpass(SfuConfig.DtlsRole.SERVER).srtpProfiles(List.of("AEAD_AES_128_GCM")),
                "a=setup:passive");
    }

    private static void forwards(SfuConfig.Builder config, String publisherAnswerSetup) throws Exception {
        SfuServer sfu = peers.sfu(config);
        SfuRoom room = sfu.room("dtls");
        RealPeers.Publisher publisher = peers.publish(room);
        assertThat(publisher.sfu().answer()).contains(publisherAnswerSetup);
        RealPeers.Subscriber subscriber = peers.subscribe(room);
        subscriber.firstFrameNanos.get(RealPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long before = subscriber.frames.get();
        // The roles either interoperate (media flows at the camera's rate) or not at all (no SRTP keys: zero
        // frames); 2 s and a 15 fps floor keep a loaded machine's slower publisher (19-20 fps seen) apart from that.
        Thread.sleep(2_000);
        assertThat(subscriber.frames.get() - before).as("frames in 2 s").isGreaterThan(30);
        assertThat(sfu.metrics().get(SfuCounter.DTLS_HANDSHAKES_COMPLETED)).isEqualTo(2);
        assertThat(sfu.metrics().get(SfuCounter.DROPPED_SRTP_AUTH)).isZero();
    }
}
