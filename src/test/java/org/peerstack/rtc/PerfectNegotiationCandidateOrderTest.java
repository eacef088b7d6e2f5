package org.peerstack.rtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.peerstack.media.MediaKind;

/**
 * Through {@link PerfectNegotiation} every local ICE candidate reaches the signaling channel after the
 * description (offer or answer) of its ICE generation, and none is dropped. Two Java peers meet through
 * in-order {@link SignalingWire}s; what each side hands to its wire is recorded in order, and a candidate
 * belongs to the description whose {@code a=ice-ufrag} its {@code ufrag} names. Each repetition sets up a
 * call and then restarts ICE from the answering side (a second generation, offered the other way).
 *
 * <p>Before the fix, the answering side handed out its first candidates before its answer in about 4 calls
 * of 100 (the remote peer then refused them: "addIceCandidate needs a remote description first"): the
 * stage that sends the answer ran on the thread that applied the offer, after the operations chain had gone
 * idle and released the candidates.
 */
class PerfectNegotiationCandidateOrderTest {

    private static final int REPETITIONS = 200;
    private static final int SLOW_SEND_REPETITIONS = 50;
    private static final long SLOW_SEND_MILLIS = 20;
    private static final long SETTLE_SECONDS = 20;
    private static final Pattern SDP_UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    private static final Pattern CANDIDATE_UFRAG = Pattern.compile(" ufrag (\\S+)");

    @RegisterExtension
    static final RtcFixture rtc = RtcFixture.withFakeDevices();

    @Test
    void everyCandidateIsSentAfterTheDescriptionOfItsGeneration() throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            callAndRestartIce(i);
        }
    }

    @Test
    void everyCandidateIsSentAfterItsDescriptionUnderACpuBurningThread() throws Exception {
        try (CpuBurner burner = new CpuBurner()) {
            for (int i = 0; i < REPETITIONS; i++) {
                callAndRestartIce(i);
            }
        }
    }

    /**
     * A slow signaling channel: each description's hand-over takes {@link #SLOW_SEND_MILLIS} while the
     * connection gathers, so the candidates are ready before their description is out and must wait for it.
     */
    @Test
    void candidatesGatheredWhileTheDescriptionIsBeingSentWaitForIt() throws Exception {
        for (int i = 0; i < SLOW_SEND_REPETITIONS; i++) {
            callAndRestartIce(i, SLOW_SEND_MILLIS);
        }
    }

    private void callAndRestartIce(int repetition) throws Exception {
        callAndRestartIce(repetition, 0);
    }

    private void callAndRestartIce(int repetition, long sendMillis) throws Exception {
        RTCPeerConnection impolite = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
        RTCPeerConnection polite = rtc.engine().createPeerConnection(RTCConfiguration.newBuilder().build());
        Side caller = new Side("caller", impolite, sendMillis);
        Side callee = new Side("callee", polite, sendMillis);
        try (SignalingWire fromCaller = new SignalingWire(impolite, false);
             SignalingWire fromCallee = new SignalingWire(polite, false)) {
            PerfectNegotiation i = PerfectNegotiation.attach(impolite, false,
                    d -> caller.sent(d, fromCaller::description), c -> caller.sent(c, fromCaller::candidate));
            PerfectNegotiation p = PerfectNegotiation.attach(polite, true,
                    d -> callee.sent(d, fromCallee::description), c -> callee.sent(c, fromCallee::candidate));
            fromCaller.to(p);
            fromCallee.to(i);

            impolite.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.SENDRECV);
            settle(caller, callee, 1);
            // A second generation, negotiated the other way: the callee offers, the caller answers.
            polite.restartIce();
            settle(caller, callee, 2);

            String what = "repetition " + repetition + ": caller sent " + caller.log() + ", callee sent " + callee.log();
            assertThat(caller.outOfOrder()).as(what).isEmpty();
            assertThat(callee.outOfOrder()).as(what).isEmpty();
            assertThat(caller.sentTypes()).as(what).containsExactly("offer", "answer");
            assertThat(callee.sentTypes()).as(what).containsExactly("answer", "offer");
            for (Side side : List.of(caller, callee)) {
                // Nothing dropped: what the connection fired is what went out, in the same order, and each
                // generation (a new ufrag per description) trickled at least one candidate.
                assertThat(side.sentCandidates()).as(side.name + " sent every candidate fired; " + what)
                        .isEqualTo(side.firedCandidates());
                assertThat(side.ufragsWithCandidates()).as(side.name + "'s generations with candidates; " + what)
                        .isEqualTo(side.descriptionUfrags()).hasSize(2);
            }
            assertThat(impolite.connectionState()).as(what).isEqualTo(RTCPeerConnectionState.CONNECTED);
            assertThat(polite.connectionState()).as(what).isEqualTo(RTCPeerConnectionState.CONNECTED);
        } finally {
            impolite.close();
            polite.close();
        }
    }

    /**
     * Waits until each side sent {@code descriptions} descriptions, is stable, connected and has finished
     * gathering the generation of its last one (the end-of-gathering event came after one of its candidates).
     */
    private static void settle(Side a, Side b, int descriptions) throws InterruptedException {
        await(() -> a.settled(descriptions) && b.settled(descriptions));
        // Anything out of place (a late candidate) comes within this.
        Thread.sleep(20);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static String ufrag(RTCSessionDescription description) {
        Matcher m = SDP_UFRAG.matcher(description.sdp());
        assertThat(m.find()).as("ice-ufrag in " + description.sdp()).isTrue();
        return m.group(1);
    }

    private static String ufrag(RTCIceCandidate candidate) {
        Matcher m = CANDIDATE_UFRAG.matcher(candidate.candidate());
        // Every candidate libwebrtc gathers names its ufrag; one without it could not be checked.
        return m.find() ? m.group(1) : "(no ufrag: " + candidate.candidate() + ")";
    }

    /** What one side handed to its wire, in order, and the icecandidate events its connection fired. */
    private static final class Side {
        private final String name;
        private final RTCPeerConnection pc;
        private final long sendMillis;
        /** "offer:ufrag", "answer:ufrag", "candidate:ufrag" in the order they were handed to the wire. */
        private final List<String> sent = new ArrayList<>();
        private final List<RTCIceCandidate> sentCandidates = new ArrayList<>();
        /** The connection's icecandidate events, in delivery order; null for the end of gathering. */
        private final List<RTCIceCandidate> fired = new ArrayList<>();

        Side(String name, RTCPeerConnection pc, long sendMillis) {
            this.name = name;
            this.pc = pc;
            this.sendMillis = sendMillis;
            pc.addEventListener(RTCPeerConnection.ICE_CANDIDATE, e -> {
                synchronized (this) {
                    fired.add(e.candidate().orElse(null));
                }
            });
        }

        void sent(RTCSessionDescription d, java.util.function.Consumer<RTCSessionDescription> wire) {
            if (sendMillis > 0) {
                // The hand-over is slow (a congested channel); meanwhile the connection gathers.
                try {
                    Thread.sleep(sendMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                sent.add(d.type().token() + ":" + ufrag(d));
                wire.accept(d);
            }
        }

        synchronized void sent(RTCIceCandidate c, java.util.function.Consumer<RTCIceCandidate> wire) {
            sent.add("candidate:" + ufrag(c));
            sentCandidates.add(c);
            wire.accept(c);
        }

        synchronized List<String> log() {
            return List.copyOf(sent);
        }

        synchronized List<String> sentTypes() {
            return sent.stream().map(s -> s.substring(0, s.indexOf(':'))).filter(t -> !t.equals("candidate")).toList();
        }

        synchronized List<String> descriptionUfrags() {
            return sent.stream().filter(s -> !s.startsWith("candidate:")).map(s -> s.substring(s.indexOf(':') + 1))
                    .toList();
        }

        synchronized List<String> ufragsWithCandidates() {
            return sent.stream().filter(s -> s.startsWith("candidate:")).map(s -> s.substring(s.indexOf(':') + 1))
                    .distinct().toList();
        }

        synchronized List<RTCIceCandidate> sentCandidates() {
            return List.copyOf(sentCandidates);
        }

        synchronized List<RTCIceCandidate> firedCandidates() {
            return fired.stream().filter(java.util.Objects::nonNull).toList();
        }

        /** The candidates handed out before the description of their generation. */
        synchronized List<String> outOfOrder() {
            List<String> described = new ArrayList<>();
            List<String> early = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                String entry = sent.get(i);
                String ufrag = entry.substring(entry.indexOf(':') + 1);
                if (!entry.startsWith("candidate:")) {
                    described.add(ufrag);
                } else if (!described.contains(ufrag)) {
                    early.add("#" + i + " " + entry);
                }
            }
            return early;
        }

        synchronized boolean settled(int descriptions) {
            List<String> ufrags = descriptionUfrags();
            if (ufrags.size() < descriptions || pc.signalingState() != RTCSignalingState.STABLE
                    || pc.connectionState() != RTCPeerConnectionState.CONNECTED || !pc.operations.isIdle()) {
                return false;
            }
            // The end of gathering after a candidate of the last generation.
            String last = ufrags.get(ufrags.size() - 1);
            boolean candidateOfLast = false;
            for (RTCIceCandidate c : fired) {
                if (c == null && candidateOfLast) {
                    return true;
                }
                if (c != null && ufrag(c).equals(last)) {
                    candidateOfLast = true;
                }
            }
            return false;
        }
    }

    /** A thread that keeps one core busy while it is open. */
    private static final class CpuBurner implements AutoCloseable {
        private final AtomicBoolean burn = new AtomicBoolean(true);
        private final Thread thread = new Thread(() -> {
            long x = 0;
            while (burn.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "cpu-burner");

        CpuBurner() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            burn.set(false);
            thread.join(5_000);
        }
    }
}
