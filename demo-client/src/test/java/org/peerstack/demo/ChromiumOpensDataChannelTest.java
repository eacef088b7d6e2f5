package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCDataChannel;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCSessionDescription;

/**
 * Chromium opens a data channel towards a Java peer and sends the instant it opens; the Java peer's
 * channel is {@code open} when {@code datachannel} fires, its listener sends at once and echoes the first
 * message (W3C "announce the data channel"; the echo bot once read "connecting" here, 3 of 17 runs).
 */
@Timeout(180)
class ChromiumOpensDataChannelTest {

    private static final int REPETITIONS = 10;

    /** The page side: an offer with a data channel that sends "ping" on open; gathering completes first. */
    private static final String OFFER = """
            const pc = new RTCPeerConnection();
            window.pc = pc;
            window.got = [];
            const ch = pc.createDataChannel('chat');
            ch.onopen = () => ch.send('ping');
            ch.onmessage = e => window.got.push(e.data);
            pc.onicegatheringstatechange = () => {
              if (pc.iceGatheringState === 'complete') done(pc.localDescription.sdp);
            };
            pc.setLocalDescription().catch(e => done('error ' + e));
            """;

    @Test
    void javaSideIsOpenWhenAnnouncedAndSendsAtOnce() throws Exception {
        try (Chromium browser = new Chromium()) {
            browser.open("about:blank");
            for (int i = 0; i < REPETITIONS; i++) {
                once(browser, i);
            }
        }
    }

    private void once(Chromium browser, int repetition) throws Exception {
        try (RTCPeerConnection pc = TestEngine.get().createPeerConnection(RTCConfiguration.newBuilder().build())) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> sends = new CompletableFuture<>();
            pc.addEventListener(RTCPeerConnection.DATA_CHANNEL, e -> {
                RTCDataChannel channel = e.channel();
                seen.add("datachannel:" + channel.readyState().token());
                channel.addEventListener(RTCDataChannel.MESSAGE, m -> {
                    try {
                        channel.send("echo " + m.text());
                        sends.complete(null);
                    } catch (RuntimeException error) {
                        sends.completeExceptionally(error);
                    }
                });
                try {
                    channel.send("hello");
                } catch (RuntimeException error) {
                    sends.completeExceptionally(error);
                }
            });
            List<RTCIceCandidate> candidates = new CopyOnWriteArrayList<>();
            pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> e.candidate().ifPresent(candidates::add));

            String offer = (String) browser.asyncScript(OFFER);
            assertThat(offer).as("Chromium's offer").startsWith("v=0");
            pc.setRemoteDescription(RTCSessionDescription.offer(offer)).get(20, TimeUnit.SECONDS);
            pc.setLocalDescription().get(20, TimeUnit.SECONDS);
            browser.asyncScript("window.pc.setRemoteDescription({type: 'answer', sdp: arguments[0]})"
                    + ".then(() => done('ok'), e => done('error ' + e));", pc.localDescription().sdp());
            Conditions.await("Chromium to get two messages", Conditions.GENEROUS, () -> {
                for (RTCIceCandidate c : candidates) {
                    browser.script("window.pc.addIceCandidate({candidate: arguments[0], sdpMid: arguments[1],"
                            + " sdpMLineIndex: arguments[2]}).catch(() => {})", c.candidate(), c.sdpMid(), c.sdpMLineIndex());
                }
                candidates.clear();
                return sends.isCompletedExceptionally() || ((List<?>) browser.script("return window.got")).size() >= 2;
            }, () -> "got " + browser.script("return window.got") + ", java saw " + seen + ", " + pc);
            sends.get(10, TimeUnit.SECONDS);
            assertThat(seen).as("repetition %d", repetition).containsExactly("datachannel:open");
            assertThat(((List<?>) browser.script("return window.got")).stream().map(String::valueOf).toList()).as("repetition %d", repetition)
                    .containsExactlyInAnyOrder("hello", "echo ping");
            browser.script("window.pc.close()");
        }
    }
}
