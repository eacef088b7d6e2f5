package org.peerstack.examples;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.VideoSink;
import org.peerstack.rtc.PerfectNegotiation;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCDataChannel;
import org.peerstack.rtc.RTCIceCandidate;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCRtpTransceiverDirection;
import org.peerstack.rtc.RTCSdpType;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.SignalingClient;
import org.peerstack.signaling.SignalingClientOptions;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.Joined;

/**
 * A whole bot on peerstack's public API: joins a room of a peerstack signaling server, opens a peer
 * connection to every other member, greets each one on a "chat" data channel, prints what they say,
 * sends its tracks if it has any and counts the video frames it receives.
 *
 * <p>Who calls whom: the member that joins later calls everyone already there; its first offer
 * carries its tracks, a receive-only video transceiver if it sends no video, and the data channel, all
 * added in one {@link RTCPeerConnection#batch batch} so that they make one offer. A member already there
 * adds its own tracks while answering that offer ({@link PerfectNegotiation#beforeAnswer}), so one
 * offer/answer sets the call up and no second offer can cross another. Later changes use
 * {@link PerfectNegotiation}.
 *
 * <pre>{@code
 * java -Dpeerstack.media.fake-devices=true -cp ... org.peerstack.examples.HelloBot ws://127.0.0.1:8080/signaling demo
 * }</pre>
 */
public final class HelloBot implements AutoCloseable {

    private final String name;
    private final WebRtcEngine engine;
    private final MediaStream media;
    private final SignalingClient signaling;
    private final Map<String, RTCPeerConnection> peers = new ConcurrentHashMap<>();
    private final Map<String, PerfectNegotiation> negotiations = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong channelsOpen = new AtomicLong();
    private volatile String selfId = "";

    /**
     * @param media what to send to every peer (its tracks), or null to only receive
     */
    public HelloBot(String name, URI server, WebRtcEngine engine, MediaStream media) {
        this.name = name;
        this.engine = engine;
        this.media = media;
        this.signaling = SignalingClient.create(SignalingClientOptions.newBuilder(server).build());
        signaling.addEventListener(SignalingClient.PEER_LEFT, e -> hangUp(e.message().id()));
        signaling.addEventListener(SignalingClient.BYE, e -> hangUp(e.message().from()));
        signaling.addEventListener(SignalingClient.OFFER, e ->
                negotiation(e.message().from()).onRemoteDescription(RTCSessionDescription.offer(e.message().sdp())));
        signaling.addEventListener(SignalingClient.ANSWER, e ->
                negotiation(e.message().from()).onRemoteDescription(RTCSessionDescription.answer(e.message().sdp())));
        signaling.addEventListener(SignalingClient.CANDIDATE, e -> {
            SignalingMessage.Candidate c = e.message();
            if (c.sdpMid() != null || c.sdpMLineIndex() != null) {
                negotiation(c.from()).onRemoteCandidate(new RTCIceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
            }
        });
    }

    /** Connects and joins {@code room}; then calls every member already there. */
    public HelloBot join(String room) throws Exception {
        signaling.connect().get(10, TimeUnit.SECONDS);
        Joined joined = signaling.join(room, name, null).get(10, TimeUnit.SECONDS);
        selfId = joined.id();
        joined.members().forEach(member -> connect(member.id(), true));
        return this;
    }

    /** The connection to member {@code id}; {@code caller}: this bot makes the first offer. */
    private synchronized RTCPeerConnection connect(String id, boolean caller) {
        RTCPeerConnection existing = peers.get(id);
        if (existing != null) {
            return existing;
        }
        RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.from(engine.config()));
        peers.put(id, pc);
        negotiations.put(id, PerfectNegotiation.attach(pc, selfId.compareTo(id) < 0,
                description -> signaling.send(description.type() == RTCSdpType.OFFER
                        ? new SignalingMessage.Offer(id, null, description.sdp())
                        : new SignalingMessage.Answer(id, null, description.sdp())),
                candidate -> signaling.send(new SignalingMessage.Candidate(id, null, candidate.candidate(),
                        candidate.sdpMid(), candidate.sdpMLineIndex(), null))));
        pc.addEventListener(RTCPeerConnection.TRACK, e -> {
            if (e.track().kind() == MediaKind.VIDEO) {
                e.track().addSink((VideoSink) frame -> framesReceived.incrementAndGet());
            }
        });
        pc.addEventListener(RTCPeerConnection.DATA_CHANNEL, e -> chat(e.channel(), id));
        if (caller) {
            pc.batch(() -> { // one batch of changes, one offer (negotiationneeded waits for its end)
                start(id);
                if (media == null || media.getVideoTracks().isEmpty()) {
                    pc.addTransceiver(MediaKind.VIDEO, RTCRtpTransceiverDirection.RECVONLY);
                }
                chat(pc.createDataChannel("chat"), id);
            });
        } else {
            // the callee answers the first offer with its tracks, as a browser answerer does: one offer/answer
            negotiations.get(id).beforeAnswer(() -> start(id));
        }
        return pc;
    }

    /** Adds this bot's tracks to the connection to {@code id}, once. */
    private void start(String id) {
        RTCPeerConnection pc = peers.get(id);
        if (pc == null || media == null || !started.add(id)) {
            return;
        }
        for (MediaStreamTrack track : media.getTracks()) {
            pc.addTrack(track, media);
        }
    }

    private PerfectNegotiation negotiation(String id) {
        connect(id, false);
        return negotiations.get(id);
    }

    private void chat(RTCDataChannel channel, String id) {
        channel.addEventListener(RTCDataChannel.OPEN, e -> {
            channelsOpen.incrementAndGet();
            channel.send("hello " + id + ", this is " + name);
        });
        channel.addEventListener(RTCDataChannel.MESSAGE, e -> {
            messagesReceived.incrementAndGet();
            System.out.println(name + " <- " + id + ": " + e.text());
        });
    }

    private void hangUp(String id) {
        RTCPeerConnection pc = peers.remove(id);
        negotiations.remove(id);
        started.remove(id);
        if (pc != null) {
            pc.close();
        }
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    public long messagesReceived() {
        return messagesReceived.get();
    }

    /** Data channels open at this bot (one per connected peer). */
    public long channelsOpen() {
        return channelsOpen.get();
    }

    @Override
    public void close() {
        signaling.close();
        peers.keySet().forEach(this::hangUp);
    }

    /** {@code HelloBot <signaling URI> <room> [seconds]}: stays in the room, sending a camera's video. */
    public static void main(String[] args) throws Exception {
        PeerstackConfig config = PeerstackConfig.load();
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 30;
        try (WebRtcEngine engine = WebRtcEngine.create(config);
             MediaDevices devices = MediaDevices.create(config)) {
            MediaStream camera = devices.getUserMedia(MediaStreamConstraints.of(false, true)).get(10, TimeUnit.SECONDS);
            try (HelloBot bot = new HelloBot("hello-bot", URI.create(args[0]), engine, camera).join(args[1])) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                System.out.println("received " + bot.framesReceived() + " video frames and " + bot.messagesReceived()
                        + " messages");
            } finally {
                camera.getTracks().forEach(MediaStreamTrack::stop);
            }
        }
    }
}
