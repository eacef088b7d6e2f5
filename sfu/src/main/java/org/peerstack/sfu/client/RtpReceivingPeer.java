package org.peerstack.sfu.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OperationException;
import org.peerstack.sfu.internal.dtls.DtlsCertificate;
import org.peerstack.sfu.internal.dtls.DtlsHandshake;
import org.peerstack.sfu.internal.dtls.SrtpProfile;
import org.peerstack.sfu.internal.packet.StunMessage;
import org.peerstack.sfu.internal.packet.StunWriter;
import org.peerstack.sfu.internal.srtp.SrtpSession;
import org.peerstack.sfu.internal.transport.IceLite;

/**
 * A peer that only receives, at the packet level: no libwebrtc, no decoding. It answers a sender's SDP
 * offer with recvonly media sections ({@link #answer}) or makes a recvonly offer of its own
 * ({@link #createOffer}, then {@link #setAnswer}: WHEP's client-offer flow), connects over one UDP socket
 * (ICE as the controlling agent towards an ICE-lite server such as peerstack's SFU, or as an ICE-lite
 * agent towards a full agent that offered; DTLS-SRTP in the role the descriptions give), and hands the
 * decrypted RTP of each {@link ReceivedTrack} to its {@link RtpTrackListener}. It sends RTCP receiver
 * reports, NACKs for packets it lost, and PLIs when asked ({@link #requestKeyframe}) or when a loss is
 * too wide to repair. Used to record a stream without re-encoding (peerstack-sfu-recorder).
 *
 * <pre>{@code
 * try (RtpReceivingPeer peer = RtpReceivingPeer.open(new InetSocketAddress("127.0.0.1", 0), listener)) {
 *     String answer = peer.answer(offerFromTheSender).get();   // send it back over signaling
 *     peer.connected().get(10, TimeUnit.SECONDS);
 *     ...
 * }
 * }</pre>
 *
 * <p>Threads: the listener is called on the peer's own I/O thread; the public methods are thread-safe.
 */
public final class RtpReceivingPeer implements AutoCloseable {

    /** How long connecting (ICE and DTLS) may take after the first description before {@link #connected()} fails. */
    public static final long CONNECT_TIMEOUT_MILLIS = 15_000;
    /** Time between two ICE checks while connecting. */
    public static final long CHECK_INTERVAL_MILLIS = 50;
    /** Time between two consent checks once connected (RFC 7675 asks for one within 30 s; SFUs expire sooner). */
    public static final long CONSENT_INTERVAL_MILLIS = 2_000;
    /** Time between two receiver reports. */
    public static final long RECEIVER_REPORT_INTERVAL_MILLIS = 1_000;
    /** Time between two NACK rounds. */
    public static final long NACK_TICK_MILLIS = 20;
    /** Least time between two keyframe requests the peer sends by itself for one track (after a wide loss). */
    public static final long AUTO_KEYFRAME_INTERVAL_MILLIS = 500;
    /**
     * As DTLS client: a handshake to which the remote has sent nothing this long after it started is begun
     * again with a new ClientHello (the remote may have dropped the first flights because it had not applied
     * our answer yet, and the DTLS library's own retransmissions back off to seconds). A handshake the
     * remote answered is never begun again (records of two handshakes would mix).
     */
    public static final long DTLS_RESTART_MILLIS = 2_000;
    /** Handshakes begun at most (the first included). */
    public static final int DTLS_ATTEMPTS = 6;
    /** Receive buffer of the socket (bytes). */
    public static final int SOCKET_BUFFER_BYTES = 1 << 20;
    /** Largest datagram read. */
    public static final int MAX_DATAGRAM = 2048;

    /** Counters of a peer (see {@link #stats()}). */
    public record Stats(long packetsReceived, long packetsLost, long packetsRecovered, long nacksSent,
            long keyframeRequestsSent, long rtcpReceived, long packetsDropped) {
    }

    private final RtpTrackListener listener;
    private final SecureRandom random = new SecureRandom();
    private final IceLite ice = new IceLite(random);
    private final DtlsCertificate certificate;
    private final EventLoopGroup group;
    private final ExecutorService dtlsThread;
    private final Channel channel;
    private final InetSocketAddress local;
    private final long sessionId;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final ReceivingSession session;
    private final long tieBreaker;
    private int version;
    private boolean offered;
    private RecvonlySdp.Remote remote;
    private boolean controlling;
    private boolean iceDone;
    private InetSocketAddress target;
    private DtlsHandshake dtls;
    private boolean dtlsClient;
    private int dtlsAttempts;
    /** DTLS records received from the remote since the current handshake started. */
    private long dtlsRecordsIn;
    private volatile SrtpSession srtp;
    private volatile boolean closed;

    private RtpReceivingPeer(InetSocketAddress bind, RtpTrackListener listener) throws InterruptedException {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.certificate = DtlsCertificate.generate(random);
        this.sessionId = random.nextLong() & Long.MAX_VALUE;
        this.tieBreaker = random.nextLong();
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("peerstack-rtp-receiver", true));
        this.dtlsThread = Executors.newCachedThreadPool(new DefaultThreadFactory("peerstack-rtp-receiver-dtls", true));
        this.session = new ReceivingSession(listener, random.nextInt(), this::sendRtcp);
        try {
            this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .handler(new Handler()).bind(bind).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            dtlsThread.shutdownNow();
            throw e;
        }
        this.local = (InetSocketAddress) channel.localAddress();
        channel.eventLoop().scheduleAtFixedRate(this::tick, NACK_TICK_MILLIS, NACK_TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Binds a UDP socket on {@code bind} (port 0: any free port; its address is the candidate the peer
     * announces) and returns a peer with no description yet.
     *
     * @throws OperationException "io-error" when the socket cannot be bound
     */
    public static RtpReceivingPeer open(InetSocketAddress bind, RtpTrackListener listener) {
        Objects.requireNonNull(bind, "bind");
        try {
            return new RtpReceivingPeer(bind, listener);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationException("io-error", "Interrupted while binding " + bind);
        } catch (RuntimeException e) {
            throw new OperationException("io-error", "Cannot bind " + bind + ": " + e.getMessage());
        }
    }

    /** The socket's local address (the candidate announced). */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Answers a sender's offer (first or renegotiation): its sending media sections are received, the
     * others rejected. Tracks the offer adds reach {@link RtpTrackListener#onTrack}, removed ones
     * {@link RtpTrackListener#onTrackEnded}. Fails with {@code InvalidAccessException} for an offer
     * that does not parse, {@code InvalidStateException} after close or after {@link #createOffer}.
     */
    public CompletableFuture<String> answer(String offerSdp) {
        Objects.requireNonNull(offerSdp, "offerSdp");
        return onLoop(() -> {
            if (offered) {
                throw new InvalidStateException("This peer made its own offer: it takes an answer, not an offer");
            }
            boolean first = remote == null;
            boolean lite = first ? !RecvonlySdp.parseIsLite(offerSdp) : !controlling;
            RecvonlySdp.Negotiated n = RecvonlySdp.answer(offerSdp, localParameters(), sessionId, ++version, lite);
            apply(n, first, !lite);
            return n.sdp();
        });
    }

    /** A recvonly offer with {@code audio} Opus and {@code video} VP8/VP9/H.264 sections (WHEP's client offer). */
    public CompletableFuture<String> createOffer(int audio, int video) {
        if (audio < 0 || video < 0 || audio + video == 0 || audio + video > ReceivingSession.MAX_TRACKS) {
            throw new org.peerstack.exc.TypeException("audio and video sections: 1 to " + ReceivingSession.MAX_TRACKS + " in all");
        }
        return onLoop(() -> {
            if (remote != null || offered) {
                throw new InvalidStateException("This peer has negotiated already");
            }
            offered = true;
            return RecvonlySdp.offer(audio, video, localParameters(), sessionId);
        });
    }

    /** Applies the answer to {@link #createOffer}; fails with {@code InvalidAccessException} when it does not parse. */
    public CompletableFuture<Void> setAnswer(String answerSdp) {
        Objects.requireNonNull(answerSdp, "answerSdp");
        return onLoop(() -> {
            if (!offered || remote != null) {
                throw new InvalidStateException("setAnswer follows createOffer, once");
            }
            apply(RecvonlySdp.applyAnswer(answerSdp), true, true);
            return null;
        });
    }

    /** Completes when ICE and DTLS are up and SRTP flows; fails when they cannot connect or the peer closes first. */
    public CompletableFuture<Void> connected() {
        return connected;
    }

    /** The tracks negotiated now. */
    public List<ReceivedTrack> tracks() {
        return session.tracks();
    }

    /** Asks the sender for a keyframe of {@code track} (an RTCP PLI); no-op for audio or before media arrived. */
    public void requestKeyframe(ReceivedTrack track) {
        if (!closed) {
            channel.eventLoop().execute(() -> session.requestKeyframe(track.mid(), System.nanoTime()));
        }
    }

    public Stats stats() {
        return session.stats();
    }

    /** Closes the socket and stops everything; {@link RtpTrackListener#onClosed} follows. Idempotent. */
    @Override
    public void close() {
        fail(null);
    }

    private RecvonlySdp.Local localParameters() {
        return new RecvonlySdp.Local(ice.localUfrag(), ice.localPassword(), certificate.fingerprint(), local);
    }

    /** On the I/O thread: takes the remote transport (first time) and the media sections. */
    private void apply(RecvonlySdp.Negotiated n, boolean first, boolean controllingRole) {
        session.negotiated(n.media());
        if (!first) {
            return;
        }
        remote = n.remote();
        controlling = controllingRole;
        ice.setRemoteUfrag(remote.ufrag());
        // our setup is the opposite of theirs (answer: active unless they are active; offer: actpass, they chose)
        dtlsClient = !remote.setup().equals("active");
        dtls = newHandshake();
        if (controlling) {
            if (remote.candidates().isEmpty()) {
                throw new org.peerstack.exc.InvalidAccessException("The remote description has no usable UDP candidate");
            }
            check();
        }
        channel.eventLoop().schedule(() -> {
            if (!connected.isDone()) {
                fail(new OperationException("network-failure", "Not connected within " + CONNECT_TIMEOUT_MILLIS + " ms (ICE "
                        + (iceDone ? "done" : "not done") + ")"));
            }
        }, CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private DtlsHandshake newHandshake() {
        return DtlsHandshake.create(dtlsClient, certificate, remote.fingerprint(),
                List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80), (int) CONNECT_TIMEOUT_MILLIS,
                datagram -> {
                    InetSocketAddress to = target;
                    if (to != null) {
                        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to));
                    }
                },
                (level, description) -> {
                    if (DtlsHandshake.isTerminal(level, description) && srtp != null) {
                        channel.eventLoop().execute(() -> fail(new OperationException("dtls-failure", "The remote closed the DTLS association")));
                    }
                });
    }

    /** Starts {@link #dtls} (I/O thread); as client, begins it again after {@link #DTLS_RESTART_MILLIS} if not done. */
    private void startDtls() {
        DtlsHandshake h = dtls;
        dtlsAttempts++;
        dtlsRecordsIn = 0;
        h.start(dtlsThread).whenComplete((keys, failure) -> channel.eventLoop().execute(() -> {
            if (h != dtls || closed || srtp != null) {
                return; // a handshake begun again, or the peer closed
            }
            if (failure != null) {
                fail(new OperationException("dtls-failure", "DTLS handshake failed: " + failure.getMessage()));
            } else {
                srtp = new SrtpSession(keys);
                connected.complete(null);
            }
        }));
        if (dtlsClient && dtlsAttempts < DTLS_ATTEMPTS) {
            channel.eventLoop().schedule(() -> {
                if (h == dtls && srtp == null && !closed && dtlsRecordsIn == 0) {
                    dtls = newHandshake();
                    h.close();
                    startDtls();
                }
            }, DTLS_RESTART_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Controlling agent: a Binding request with USE-CANDIDATE to each remote candidate, repeated. */
    private void check() {
        if (closed) {
            return;
        }
        byte[] out = new byte[StunWriter.MAX_LENGTH];
        List<InetSocketAddress> to = iceDone ? List.of(target) : remote.candidates();
        for (InetSocketAddress address : to) {
            byte[] tx = new byte[12];
            random.nextBytes(tx);
            int n = StunWriter.bindingRequest(tx, remote.ufrag() + ":" + ice.localUfrag(), 0x6e001eff, tieBreaker, true,
                    remote.password().getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(out, 0, n), address));
        }
        channel.eventLoop().schedule(this::check, iceDone ? CONSENT_INTERVAL_MILLIS : CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void iceConnected(InetSocketAddress address) {
        if (iceDone) {
            return;
        }
        iceDone = true;
        target = address;
        startDtls();
    }

    private void onDatagram(byte[] b, int n, InetSocketAddress from) {
        int first = b[0] & 0xff;
        if (first < 4) {
            StunMessage m = StunMessage.parse(b, 0, n);
            if (m == null || remote == null) {
                return;
            }
            if (m.isBindingRequest()) {
                byte[] response = new byte[StunWriter.MAX_LENGTH];
                int[] length = new int[1];
                if (ice.onStun(m, from, System.nanoTime(), response, length) == IceLite.Outcome.ANSWERED) {
                    channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(response, 0, length[0]), from));
                    if (!controlling && ice.selected() != null) {
                        iceConnected(ice.selected());
                    }
                }
            } else if (m.type() == StunMessage.BINDING_SUCCESS && controlling
                    && m.verifyIntegrity(remote.password().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                iceConnected(from);
            }
        } else if (first >= 20 && first <= 63) {
            dtlsRecordsIn++;
            if (dtls != null && dtls.offer(java.util.Arrays.copyOf(b, n)) && srtp != null) {
                dtls.processLater(dtlsThread);
            }
        } else if (first >= 128 && first <= 191) {
            SrtpSession s = srtp;
            if (s != null && from.equals(target)) {
                session.packet(s, b, n, System.nanoTime());
            }
        }
    }

    private void tick() {
        SrtpSession s = srtp;
        if (s != null && !closed) {
            session.tick(System.nanoTime());
        }
    }

    /** Protects and sends one compound RTCP packet in {@code b[0, n)} ({@code b} has room for the SRTCP trailer). */
    private void sendRtcp(byte[] b, int n) {
        SrtpSession s = srtp;
        InetSocketAddress to = target;
        if (s == null || to == null || closed) {
            return;
        }
        int len = s.protectRtcp(b, 0, n);
        if (len > 0) {
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(b, 0, len), to));
        }
    }

    private void fail(Throwable error) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Runnable shutdown = () -> {
            if (dtls != null) {
                dtls.close();
            }
            SrtpSession s = srtp;
            if (s != null) {
                s.close();
            }
            session.closed();
            channel.close();
            connected.completeExceptionally(error != null ? error : new InvalidStateException("The peer was closed"));
            try {
                listener.onClosed(error);
            } catch (RuntimeException e) {
                // a listener's failure must not stop the shutdown
            }
            dtlsThread.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        };
        if (channel.eventLoop().inEventLoop()) {
            shutdown.run();
        } else {
            channel.eventLoop().submit(shutdown).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private interface Step<T> {
        T run();
    }

    private <T> CompletableFuture<T> onLoop(Step<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new InvalidStateException("The peer is closed"));
            return result;
        }
        channel.eventLoop().execute(() -> {
            try {
                result.complete(step.run());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final byte[] scratch = new byte[MAX_DATAGRAM + SrtpSession.MAX_TRAILER];

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            int n = content.readableBytes();
            if (n == 0 || n > MAX_DATAGRAM || closed) {
                return;
            }
            content.getBytes(content.readerIndex(), scratch, 0, n);
            try {
                onDatagram(scratch, n, packet.sender());
            } catch (RuntimeException e) {
                session.dropped();
            }
        }
    }
}
