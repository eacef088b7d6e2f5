package org.peerstack.sfu.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.OperationException;

/** Parses an offer as libwebrtc (webrtc-java 0.14.0) writes it, shortened to one codec family per kind. */
public class SessionDescriptionTest {

    public static final String LIBWEBRTC_OFFER = String.join("\r\n",
            "v=0",
            "o=- 1947097844924849344 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=extmap-allow-mixed",
            "a=msid-semantic: WMS 25e63bff",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:339/",
            "a=ice-pwd:S1RG8I4kZ15N981amDR9kczP",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 15:5F:B5:81:01:C7:5E:19:A8:F7:A7:7A:FF:AE:60:38:A4:F2:B2:FE:62:A4:C6:87:51:87:48:58:D1:5A:5C:85",
            "a=setup:actpass",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=sendrecv",
            "a=msid:25e63bff c0e5ad5f",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2",
            "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000",
            "a=ssrc:1375329234 cname:QcCR4oD7quFDZQ7u",
            "a=ssrc:1375329234 msid:25e63bff c0e5ad5f",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 103 104",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:339/",
            "a=ice-pwd:S1RG8I4kZ15N981amDR9kczP",
            "a=fingerprint:sha-256 15:5F:B5:81:01:C7:5E:19:A8:F7:A7:7A:FF:AE:60:38:A4:F2:B2:FE:62:A4:C6:87:51:87:48:58:D1:5A:5C:85",
            "a=setup:actpass",
            "a=mid:1",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
            "a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
            "a=sendrecv",
            "a=msid:25e63bff 6392c578",
            "a=rtcp-mux",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 goog-remb",
            "a=rtcp-fb:96 transport-cc",
            "a=rtcp-fb:96 ccm fir",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rtpmap:103 H264/90000",
            "a=fmtp:103 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
            "a=rtpmap:104 rtx/90000",
            "a=fmtp:104 apt=103",
            "a=ssrc-group:FID 3861292938 1429424375",
            "a=ssrc:3861292938 cname:QcCR4oD7quFDZQ7u",
            "a=ssrc:1429424375 cname:QcCR4oD7quFDZQ7u",
            "") ;

    @Test
    void readsALibwebrtcOffer() {
        SessionDescription sdp = SessionDescription.parse(LIBWEBRTC_OFFER);
        assertThat(sdp.attribute("group")).hasValue("BUNDLE 0 1");
        assertThat(sdp.media()).hasSize(2);
        assertThat(sdp.attributeAnywhere("ice-ufrag")).hasValue("339/");
        assertThat(sdp.attributeAnywhere("setup")).hasValue("actpass");

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.kind()).isEqualTo("audio");
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.direction()).isEqualTo("sendrecv");
        MediaParameters a = MediaParameters.of(audio);
        assertThat(a.codecs()).extracting(RtpCodec::name).containsExactly("opus", "red", "G722");
        assertThat(a.codecs().get(0).channels()).isEqualTo(2);
        assertThat(a.codecs().get(0).hasFeedback("transport-cc")).isTrue();
        assertThat(a.extensionId(MediaParameters.EXT_MID)).isEqualTo(4);
        assertThat(a.ssrcs()).hasSize(1);
        assertThat(a.ssrcs().get(0)).containsExactly(1375329234L, -1L);
        assertThat(a.msid()).isEqualTo("25e63bff c0e5ad5f");

        MediaParameters v = MediaParameters.of(sdp.media().get(1));
        assertThat(v.codecs()).extracting(RtpCodec::name).containsExactly("VP8", "H264");
        assertThat(v.codecs().get(0).rtxPayloadType()).isEqualTo(97);
        assertThat(v.codecs().get(1).rtxPayloadType()).isEqualTo(104);
        assertThat(v.codecs().get(1).h264PacketizationMode()).isEqualTo(1);
        assertThat(v.codecs().get(1).h264Profile()).isEqualTo("4200");
        assertThat(v.extensionId(MediaParameters.EXT_RID)).isEqualTo(10);
        assertThat(v.extensionId(MediaParameters.EXT_REPAIRED_RID)).isEqualTo(11);
        assertThat(v.ssrcs()).hasSize(1);
        assertThat(v.ssrcs().get(0)).containsExactly(3861292938L, 1429424375L);
    }

    @Test
    void writesWhatItReadLineForLine() {
        SessionDescription sdp = SessionDescription.parse(LIBWEBRTC_OFFER);
        assertThat(sdp.toString()).isEqualTo(LIBWEBRTC_OFFER);
        assertThat(SessionDescription.parse(sdp.toString()).media().get(1).lines()).isEqualTo(sdp.media().get(1).lines());
    }

    @Test
    void malformedDescriptionsAreTypedErrors() {
        for (String bad : List.of("", "x", "v=1\r\n", "v=0\r\nnot a line\r\n", "v=0\r\nm=audio\r\n",
                "v=0\r\nm=audio 99999 RTP/SAVPF 0\r\n", "v=0\r\nm=audio 9 RTP/SAVPF 111\r\na=rtpmap:111\r\n",
                "v=0\r\nm=audio 9 RTP/SAVPF 300\r\na=rtpmap:300 opus/48000\r\n",
                "v=0\r\nm=video 9 RTP/SAVPF 96\r\na=extmap:0 urn:x\r\n")) {
            assertThatThrownBy(() -> {
                SessionDescription d = SessionDescription.parse(bad);
                d.media().forEach(MediaParameters::of);
            }).as(bad).isInstanceOf(OperationException.class)
                    .satisfies(e -> assertThat(((OperationException) e).errorDetail()).isEqualTo("sdp-syntax-error"));
        }
    }
}
