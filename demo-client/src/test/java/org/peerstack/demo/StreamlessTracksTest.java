package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstack.config.AudioMode;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.recorder.MediaRecorderOptions;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.server.SignalingServer;

/**
 * A caller whose tracks belong to no stream ({@code pc.addTrack(track)}: {@code a=msid:-}; or an offer
 * with no {@code a=msid} line at all) is still recorded by the record bot: its tracks are recorded as one
 * stream of that peer (they were dropped silently: "recording nothing yet", no file).
 */
@Timeout(120)
class StreamlessTracksTest {

    /**
     * @param msid {@code dash}: the offer as made ({@code a=msid:- track}); {@code none}: no msid at all, neither
     *             media-level nor in {@code a=ssrc} lines; {@code legacy}: the stream only in legacy
     *             {@code a=ssrc:N msid:stream track} lines, as GStreamer webrtcbin 1.22 signals it
     */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "none", "legacy"})
    void tracksWithoutAStreamAreRecorded(String msid, @TempDir Path dir) throws Exception {
        RecordBot bot = new RecordBot(dir, "streamless", MediaRecorderOptions.defaults());
        try (MediaSources media = MediaSources.fake(DemoConfig.load(AudioMode.HEADLESS));
             SignalingServer server = DemoServer.start();
             Room ignored = Room.join(Room.Options.of(server.uri(), "streamless", "recorder"), TestEngine.get(), bot);
             SignalingClient client = SignalingClient.create(SignalingClientOptions.newBuilder(server.uri()).build());
             RTCPeerConnection pc = TestEngine.get().createPeerConnection(RTCConfiguration.newBuilder().build())) {
            client.addEventListener(SignalingClient.ANSWER,
                    e -> pc.setRemoteDescription(RTCSessionDescription.answer(e.message().sdp())));
            client.addEventListener(SignalingClient.CANDIDATE, e -> {
                SignalingMessage.Candidate c = e.message();
                pc.addIceCandidate(new RTCIceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
            });
            client.connect().get(15, TimeUnit.SECONDS);
            String recorder = client.join("streamless", "caller", null).get(15, TimeUnit.SECONDS).members().get(0).id();
            pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(c -> client.send(
                    new SignalingMessage.Candidate(recorder, null, c.candidate(), c.sdpMid(), c.sdpMLineIndex(), null))));
            for (MediaStreamTrack track : media.stream().getTracks()) {
                pc.addTrack(track); // no stream
            }
            pc.setLocalDescription().get(20, TimeUnit.SECONDS);
            String offer = pc.localDescription().sdp();
            assertThat(offer).contains("a=msid:- ");
            if (!msid.equals("dash")) {
                offer = offer.replaceAll("a=msid:[^\\r\\n]*\\r?\\n", "");
                offer = msid.equals("none") ? offer.replaceAll("a=ssrc:\\d+ msid:[^\\r\\n]*\\r?\\n", "")
                        : offer.replaceAll("(a=ssrc:\\d+ msid:)- ", "$1legacy-stream ");
                assertThat(offer).doesNotContain("\na=msid:");
                assertThat(offer.contains(" msid:legacy-stream ")).isEqualTo(msid.equals("legacy"));
            }
            client.send(new SignalingMessage.Offer(recorder, null, offer));

            Conditions.await("the recording to grow", Conditions.GENEROUS,
                    () -> !bot.active().isEmpty() && bot.active().get(0).bytes() > 20_000, bot::active);
        }
        // The room's close ends the peer on the bot's own thread (peerClosed stops and finalises the file):
        // wait for it instead of reading the list at once (it was still empty in 1 of 3 runs of a full build).
        Conditions.await("the recording to be finished", Conditions.GENEROUS, () -> bot.finished().size() == 1,
                bot::finished);
        assertThat(bot.finished()).hasSize(1);
        ParticipantRecording recording = bot.finished().get(0);
        MediaCheck check = MediaCheck.of(recording.file());
        assertThat(check.decodes()).as(check.toString()).isTrue();
        assertThat(check.streams()).as(check.toString()).anyMatch(s -> s.contains(",video,"))
                .anyMatch(s -> s.startsWith("opus,audio,"));
    }
}
