package org.peerstack.sfu.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.packet.RtpPacket;
import org.peerstack.sfu.internal.packet.StunMessage;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.SessionDescription;

/**
 * Fuzzes every parser that reads network input (Jazzer): STUN, RTP (with header extensions), RTCP and
 * SDP, one chosen by the first input byte. Whatever the bytes: no exception besides SDP's typed
 * {@link OperationException}, and every offset a reader gives stays inside the input. One fuzz test
 * because Jazzer fuzzes one per run. The build sets {@code JAZZER_FUZZ=1} (sfu/pom.xml), so
 * {@code mvn verify} fuzzes for maxDuration; without it Jazzer replays the seeds only.
 */
class ParsersFuzzTest {

    private static final byte[] KEY = "fuzzpassword".getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "45s")
    void parsersNeverThrowOrReadOutside(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 3);
        if (which == 3) {
            sdp(data.consumeRemainingAsString());
            return;
        }
        byte[] input = data.consumeRemainingAsBytes();
        switch (which) {
            case 0 -> stun(input);
            case 1 -> rtp(input);
            default -> rtcp(input);
        }
    }

    private static void stun(byte[] input) {
        StunMessage m = StunMessage.parse(input, 0, input.length);
        if (m != null) {
            m.verifyIntegrity(KEY);
            m.verifyFingerprint();
            assertThat(m.username() == null || m.username().length() <= StunMessage.MAX_USERNAME_BYTES).isTrue();
        }
    }

    private static void rtp(byte[] input) {
        int hl = RtpPacket.headerLength(input, 0, input.length);
        if (hl < 0) {
            return;
        }
        assertThat(hl).isBetween(RtpPacket.FIXED_HEADER, input.length);
        assertThat(hl + RtpPacket.paddingLength(input, 0, input.length)).isLessThanOrEqualTo(input.length);
        for (int id = 1; id < 256; id++) {
            int at = RtpPacket.findExtension(input, 0, input.length, id);
            if (at >= 0) {
                assertThat(at + RtpPacket.extensionLength(input, 0, input.length, id)).isLessThanOrEqualTo(input.length);
                RtpPacket.extensionString(input, 0, input.length, id);
            }
        }
    }

    private static void rtcp(byte[] input) {
        if (!RtcpPacket.isValidCompound(input, 0, input.length)) {
            return;
        }
        for (int p = 0; p < input.length; p += RtcpPacket.length(input, p)) {
            int type = RtcpPacket.type(input, p);
            int end = p + RtcpPacket.length(input, p);
            assertThat(end).isLessThanOrEqualTo(input.length);
            if (type == RtcpPacket.SR || type == RtcpPacket.RR) {
                RtcpPacket.senderSsrc(input, p);
                for (int i = 0; i < RtcpPacket.count(input, p); i++) {
                    assertThat(RtcpPacket.reportBlock(input, p, i) + 24).isLessThanOrEqualTo(end);
                }
                if (type == RtcpPacket.SR) {
                    RtcpPacket.srNtp(input, p);
                }
            } else if (type == RtcpPacket.RTPFB || type == RtcpPacket.PSFB) {
                RtcpPacket.mediaSsrc(input, p);
                if (RtcpPacket.isRemb(input, p)) {
                    RtcpPacket.rembBitrate(input, p);
                }
                if (type == RtcpPacket.RTPFB && RtcpPacket.count(input, p) == RtcpPacket.FMT_TWCC && end - p >= 20) {
                    RtcpPacket.twccBaseSequence(input, p);
                    RtcpPacket.twccFeedbackCount(input, p);
                }
            }
        }
    }

    private static void sdp(String text) {
        try {
            SessionDescription sdp = SessionDescription.parse(text);
            for (MediaDescription m : sdp.media()) {
                MediaParameters.of(m);
                org.peerstack.sfu.internal.sdp.SimulcastDescription.of(m);
                m.direction();
                m.mid();
            }
            SessionDescription.parse(sdp.toString());
        } catch (OperationException expected) {
            assertThat(expected.errorDetail()).isEqualTo("sdp-syntax-error");
        }
    }
}
