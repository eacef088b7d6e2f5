package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.rtc.RTCRtpTransceiver;
import org.peerstack.signaling.server.SignalingServer;

/**
 * The demo page in headless Chromium calls the {@code echo} bot through the signaling server: the page
 * decodes its own camera coming back (framesDecoded grows), hears its microphone coming back (decoded
 * audio with energy), and gets its data-channel message back.
 */
@Timeout(180)
class BrowserCallsEchoBotTest {

    @Test
    void pageGetsItsVideoAudioAndMessageBackFromTheEchoBot() throws Exception {
        EchoBot bot = new EchoBot();
        try (SignalingServer server = DemoServer.start();
             Room room = Room.join(Room.Options.of(server.uri(), "echo-test", "echo-bot"), TestEngine.get(), bot);
             Chromium browser = new Chromium()) {
            browser.open(DemoServer.page(server, "echo-test", "page"));

            AtomicReference<Map<String, Object>> last = new AtomicReference<>(Map.of());
            Conditions.await("the page to decode 60 echoed frames and echoed audio", Conditions.GENEROUS, () -> {
                Map<String, Map<String, Object>> stats = browser.stats();
                Map<String, Object> echo = stats.getOrDefault(room.selfId(), Map.of());
                last.set(echo);
                return number(echo, "framesDecoded") >= 60 && number(echo, "audioEnergy") > 0;
            }, last::get);
            long before = number(last.get(), "framesDecoded");
            Conditions.await("framesDecoded to keep growing", Conditions.GENEROUS,
                    () -> number(browser.stats().get(room.selfId()), "framesDecoded") >= before + 30, last::get);
            assertThat(number(last.get(), "frameWidth")).isPositive();
            assertThat(bot.tracksEchoed()).isEqualTo(2);

            Conditions.await("the page's chat channel to open", Conditions.GENEROUS,
                    () -> ((Number) browser.script("return window.peerstack.sendChat('ping 1')")).intValue() == 1,
                    () -> "no open channel");
            Conditions.await("the echoed chat message", Conditions.GENEROUS,
                    () -> received(browser).contains("ping 1"), () -> received(browser));
            assertThat(bot.messagesEchoed()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void echoBotJoiningAfterThePageCallsItAndEchoesItsMedia() throws Exception {
        EchoBot bot = new EchoBot();
        try (SignalingServer server = DemoServer.start();
             Chromium browser = new Chromium()) {
            browser.open(DemoServer.page(server, "echo-late", "page"));
            Conditions.await("the page to join", Conditions.GENEROUS,
                    () -> browser.script("return window.peerstack.state.selfId") != null, () -> "not joined");
            try (Room room = Room.join(Room.Options.of(server.uri(), "echo-late", "echo-bot"), TestEngine.get(), bot)) {
                AtomicReference<Map<String, Object>> last = new AtomicReference<>(Map.of());
                Conditions.await("the page to decode 60 echoed frames", Conditions.GENEROUS, () -> {
                    last.set(browser.stats().getOrDefault(room.selfId(), Map.of()));
                    return number(last.get(), "framesDecoded") >= 60;
                }, () -> last.get() + "; " + negotiationState(browser, room, bot));
                // Not asserted here: echoed audio. It used to deadlock (the headless engine decoded remote
                // audio only while an audio send stream ran; fixed, see docs/peer-connection.md), but this test's
                // 30-run loop was measured without the assertion.
                // Not asserted here: the page's chat channel. It used to need a renegotiation from the page
                // that crossed the bot's echo renegotiation; the bot's first offer now carries SCTP, so it
                // needs none (docs/bots.md), but the 30-run loop was measured without this assertion.
            }
        }
    }

    /**
     * The cause of the late-join failure, made deterministic: the impolite page has an offer out; the polite
     * side answers it and at once offers again (after a glare, the echo bot with tracks to add). The two
     * messages reach the page back to back, so the offer arrives while setRemoteDescription(answer) is still
     * pending. It is not a collision (W3C perfect negotiation: isSettingRemoteAnswerPending): the page must
     * apply and answer it. It used to ignore it and go stable, the polite side waiting for an answer for ever.
     * The polite side here is a second RTCPeerConnection in the page, driven by the page's own onDescription.
     */
    @Test
    void theImpolitePageAnswersAnOfferThatArrivesWhileItAppliesTheAnswerBeforeIt() throws Exception {
        try (SignalingServer server = DemoServer.start();
             Chromium browser = new Chromium()) {
            browser.open(DemoServer.page(server, "answer-then-offer", "page"));
            Conditions.await("the page to join", Conditions.GENEROUS,
                    () -> browser.script("return window.peerstack.state.selfId") != null, () -> "not joined");
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) browser.asyncScript(String.join("\n",
                    "(async () => {",
                    // A peer id below any the server assigns: the page is the impolite side.
                    "  const peer = ensurePeer('!polite-side');",
                    "  peer.started = true;",                             // no tracks or chat channel of its own
                    "  const polite = new RTCPeerConnection();",
                    "  const offered = new Promise(r => peer.pc.addEventListener('signalingstatechange',",
                    "      () => peer.pc.signalingState === 'have-local-offer' && r()));",
                    "  peer.pc.addTransceiver('audio');",                  // the page offers (negotiationneeded)
                    "  await offered;",
                    "  await polite.setRemoteDescription(peer.pc.localDescription);",
                    "  await polite.setLocalDescription();",
                    "  const answer = {type: 'answer', sdp: polite.localDescription.sdp};",
                    "  polite.addTransceiver('video');",                   // its pending change: offers at once
                    "  await polite.setLocalDescription();",
                    "  const offer = {type: 'offer', sdp: polite.localDescription.sdp};",
                    "  const first = onDescription(peer, answer);",         // back to back, like two WebSocket messages
                    "  const second = onDescription(peer, offer);",
                    "  await Promise.all([first, second]);",
                    "  const answered = peer.pc.localDescription;",
                    "  if (answered.type === 'answer') await polite.setRemoteDescription(answered);",
                    "  return {page: peer.pc.signalingState, polite: polite.signalingState,",
                    "          remote: peer.pc.remoteDescription && peer.pc.remoteDescription.sdp === offer.sdp,",
                    "          log: (peer.negotiationLog || []).join(' | ')};",
                    "})().then(done, e => done({error: String(e)}));"));
            assertThat(result).as("page and polite side after answer + offer").containsEntry("page", "stable")
                    .containsEntry("polite", "stable").containsEntry("remote", true);
            assertThat((String) result.get("log")).as("the page's negotiation log").doesNotContain("ignored");
        }
    }

    /**
     * Both sides' negotiation state, for a failure message: this test failed once in CI with the
     * connection up and no echoed RTP at all, and nothing logged (a lost renegotiation, or echo tracks
     * never added?).
     */
    static String negotiationState(Chromium browser, Room room, EchoBot bot) {
        StringBuilder state = new StringBuilder("bot: ").append(bot.tracksEchoed()).append(" tracks echoed");
        try {
            for (Peer peer : room.peers()) {
                state.append("; to ").append(peer.id()).append(": ").append(peer.pc().signalingState()).append(", ")
                        .append(peer.pc().connectionState()).append(", polite ").append(peer.negotiation().isPolite());
                try {
                    // What the bot receives from the page and sends back, per kind.
                    for (String type : List.of("inbound-rtp", "outbound-rtp")) {
                        for (org.peerstack.rtc.RTCStats s : peer.pc().getStats().get(5, java.util.concurrent.TimeUnit.SECONDS)
                                .ofType(type)) {
                            state.append(", ").append(type).append(' ').append(s.string("kind").orElse("?"))
                                    .append(type.startsWith("in") ? " bytesReceived=" + s.number("bytesReceived").orElse(-1)
                                            : " bytesSent=" + s.number("bytesSent").orElse(-1)
                                            + " framesEncoded=" + s.number("framesEncoded").orElse(-1)
                                            + " limitation=" + s.string("qualityLimitationReason").orElse("-")
                                            + " active=" + s.members().getOrDefault("active", "-")
                                            + " mid=" + s.string("mid").orElse("-"));
                        }
                    }
                } catch (Exception e) {
                    state.append(", no stats: ").append(e);
                }
                for (RTCRtpTransceiver transceiver : peer.pc().getTransceivers()) {
                    org.peerstack.media.MediaStreamTrack sent = transceiver.sender().track();
                    org.peerstack.media.MediaStreamTrack received = transceiver.receiver().track();
                    state.append(", [").append(transceiver.mid()).append(' ').append(transceiver.direction()).append('/')
                            .append(transceiver.currentDirection()).append(" sending ")
                            .append(sent == null ? "nothing" : sent.kind().token() + " " + sent.id() + " "
                                    + sent.readyState() + (sent.isMuted() ? " muted" : "") + " frames/s "
                                    + framesPerSecond(sent))
                            .append("; receiving ").append(received.id()).append(' ').append(received.readyState())
                            .append(received.isMuted() ? " muted" : "").append(" frames/s ").append(framesPerSecond(received))
                            .append(']');
                }
            }
        } catch (RuntimeException e) {
            state.append("; bot state unavailable: ").append(e);
        }
        try {
            state.append("; page: ").append(browser.script("return [...window.peerstack.state.peers.values()].map(p => "
                    + "p.id + ' ' + p.pc.signalingState + ' ' + p.pc.connectionState + ' polite ' + p.polite + ' ' + "
                    + "p.pc.getTransceivers().map(t => '[' + t.mid + ' ' + t.direction + '/' + t.currentDirection + ']')"
                    + ".join(' ') + ' log: ' + p.negotiationLog.join(' | ')).join('; ')"));
        } catch (RuntimeException e) {
            state.append("; page state unavailable: ").append(e);
        }
        return state.toString();
    }

    /** Frames (video) or 10 ms chunks (audio) a track hands its sinks in one second, for a failure message. */
    static long framesPerSecond(org.peerstack.media.MediaStreamTrack track) {
        java.util.concurrent.atomic.AtomicLong frames = new java.util.concurrent.atomic.AtomicLong();
        org.peerstack.media.VideoSink video = f -> frames.incrementAndGet();
        org.peerstack.media.AudioSink audio = a -> frames.incrementAndGet();
        if (track.kind() == org.peerstack.media.MediaKind.VIDEO) {
            track.addSink(video);
        } else {
            track.addSink(audio);
        }
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (track.kind() == org.peerstack.media.MediaKind.VIDEO) {
                track.removeSink(video);
            } else {
                track.removeSink(audio);
            }
        }
        return frames.get();
    }

    @SuppressWarnings("unchecked")
    static List<String> received(Chromium browser) {
        return (List<String>) browser.script("return window.peerstack.state.received.map(m => m.text)");
    }

    static long number(Map<String, Object> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value instanceof Number n ? (long) Math.ceil(n.doubleValue()) : 0;
    }
}
