package org.peerstack.bench.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.peerstack.sfu.internal.dtls.DtlsCertificate;
import org.peerstack.sfu.internal.dtls.DtlsHandshake;
import org.peerstack.sfu.internal.dtls.SrtpProfile;
import org.peerstack.sfu.internal.packet.Bytes;
import org.peerstack.sfu.internal.packet.IntMap;
import org.peerstack.sfu.internal.packet.RtcpPacket;
import org.peerstack.sfu.internal.packet.RtpPacket;
import org.peerstack.sfu.internal.packet.StunMessage;
import org.peerstack.sfu.internal.packet.StunWriter;
import org.peerstack.sfu.internal.sdp.MediaDescription;
import org.peerstack.sfu.internal.sdp.MediaParameters;
import org.peerstack.sfu.internal.sdp.SessionDescription;
import org.peerstack.sfu.internal.srtp.SrtpSession;
import org.peerstack.sfu.internal.transport.IceLite;

/**
 * One subscriber of the load client: answers the forwarder's offer, runs ICE (as the controlling agent
 * towards an ICE-lite forwarder such as peerstack's SFU: Binding requests with USE-CANDIDATE, renewed
 * for consent; as an ICE-lite agent answering a full agent such as Pion), DTLS as client and SRTP, all
 * with the SFU's own transport code, and counts what arrives without decoding: video packets and frames (marker bits), lost
 * packets (sequence gaps), and the delay from the publisher's abs-send-time (passed through by the SFU)
 * to arrival. Its socket is a Netty datagram channel on the load client's event loop; everything but
 * the DTLS handshake runs there.
 */
final class LoadSubscriber extends SimpleChannelInboundHandler<DatagramPacket> {

    private final FanoutTarget.Subscription sfu;
    private final int absSendTimeId;
    private IceLite lite;
    private final DtlsCertificate certificate;
    private final Executor dtlsExecutor;
    private final LatencyHistogram latency;
    private final SecureRandom random;
    private final String ufrag;
    private final String password;
    private final byte[] scratch = new byte[2100];
    private final IntMap<long[]> streams = new IntMap<>();
    private Channel channel;
    private InetSocketAddress target;
    private String sfuUfrag;
    private byte[] sfuPassword;
    private String sfuFingerprint;
    private final boolean[] videoPts = new boolean[128];
    private DtlsHandshake dtls;
    private volatile SrtpSession srtp;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private boolean iceDone;
    // counters, written on the event loop, read by the driver between windows
    volatile long frames;
    volatile long videoPackets;
    volatile long audioPackets;

    LoadSubscriber(FanoutTarget.Subscription sfu, int absSendTimeId, DtlsCertificate certificate, Executor dtlsExecutor,
            LatencyHistogram latency, SecureRandom random) {
        this.sfu = sfu;
        this.absSendTimeId = absSendTimeId;
        this.certificate = certificate;
        this.dtlsExecutor = dtlsExecutor;
        this.latency = latency;
        this.random = random;
        this.ufrag = IceLite.randomIceString(random, 8);
        this.password = IceLite.randomIceString(random, 24);
    }

    /** Negotiates with the SFU and connects; completes when SRTP flows. */
    CompletableFuture<Void> connect(Channel channel) throws Exception {
        this.channel = channel;
        String offer = sfu.offer();
        SessionDescription sdp = SessionDescription.parse(offer);
        boolean remoteLite = sdp.attribute("ice-lite").isPresent();
        List<String> lines = new ArrayList<>(List.of("v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0"));
        String ourUfrag = ufrag;
        String ourPassword = password;
        if (!remoteLite) {
            lines.add("a=ice-lite");
            lite = new IceLite(random);
            ourUfrag = lite.localUfrag();
            ourPassword = lite.localPassword();
        }
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        List<String> mids = new ArrayList<>();
        List<String> media = new ArrayList<>();
        for (MediaDescription m : sdp.media()) {
            if (m.port() == 0) {
                media.add("m=" + m.kind() + " 0 " + m.protocol() + " " + m.formats().get(0));
                media.add("a=mid:" + m.mid());
                continue;
            }
            mids.add(m.mid());
            if (!m.attributes("candidate").isEmpty()) {
                String[] c = m.attributes("candidate").get(0).split(" ");
                target = new InetSocketAddress(c[4], Integer.parseInt(c[5]));
            }
            sfuUfrag = m.attribute("ice-ufrag").or(() -> sdp.attribute("ice-ufrag")).orElseThrow();
            sfuPassword = m.attribute("ice-pwd").or(() -> sdp.attribute("ice-pwd")).orElseThrow().getBytes(StandardCharsets.UTF_8);
            sfuFingerprint = m.attribute("fingerprint").or(() -> sdp.attribute("fingerprint")).orElseThrow();
            if (m.kind().equals("video")) {
                for (org.peerstack.sfu.internal.sdp.RtpCodec codec : MediaParameters.of(m).codecs()) {
                    videoPts[codec.payloadType()] = true;
                }
            }
            media.add("m=" + m.kind() + " 9 " + m.protocol() + " " + String.join(" ", m.formats()));
            media.add("c=IN IP4 0.0.0.0");
            media.add("a=mid:" + m.mid());
            media.add("a=recvonly");
            media.add("a=ice-ufrag:" + ourUfrag);
            media.add("a=ice-pwd:" + ourPassword);
            if (!remoteLite) {
                media.add("a=candidate:1 1 udp 2130706431 " + local.getAddress().getHostAddress() + " " + local.getPort() + " typ host");
                media.add("a=end-of-candidates");
            }
            media.add("a=fingerprint:" + certificate.fingerprint());
            media.add("a=setup:active");
            media.add("a=rtcp-mux");
            for (String line : m.lines()) {
                if (line.startsWith("a=rtpmap:") || line.startsWith("a=fmtp:") || line.startsWith("a=rtcp-fb:")) {
                    media.add(line);
                }
            }
            for (String line : m.lines()) {
                if (line.startsWith("a=extmap:") && line.contains(MediaParameters.EXT_ABS_SEND_TIME)) {
                    media.add(line);
                }
            }
        }
        lines.add("a=group:BUNDLE " + String.join(" ", mids));
        lines.addAll(media);
        sfu.answer(String.join("\r\n", lines) + "\r\n");
        if (remoteLite) {
            channel.eventLoop().execute(this::check);
        }
        return connected;
    }

    /** A Binding request with USE-CANDIDATE; repeated every 50 ms until answered, then every 2 s (consent). */
    private void check() {
        if (!channel.isActive()) {
            return;
        }
        byte[] tx = new byte[12];
        random.nextBytes(tx);
        byte[] out = new byte[StunWriter.MAX_LENGTH];
        int n = StunWriter.bindingRequest(tx, sfuUfrag + ":" + ufrag, 0x6e001eff, 42, true, sfuPassword, out);
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(out, 0, n), target));
        channel.eventLoop().schedule(this::check, iceDone ? 2_000 : 50, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int n = Math.min(content.readableBytes(), 2048);
        content.getBytes(content.readerIndex(), scratch, 0, n);
        int first = scratch[0] & 0xff;
        if (first < 4) {
            StunMessage m = StunMessage.parse(scratch, 0, n);
            if (m == null) {
                return;
            }
            if (lite != null && m.isBindingRequest()) {
                byte[] response = new byte[StunWriter.MAX_LENGTH];
                int[] length = new int[1];
                if (lite.onStun(m, packet.sender(), System.nanoTime(), response, length) == IceLite.Outcome.ANSWERED) {
                    ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(response, 0, length[0]), packet.sender()));
                    if (!iceDone) {
                        iceDone = true;
                        target = lite.selected();
                        startDtls();
                    }
                }
            } else if (m.type() == StunMessage.BINDING_SUCCESS && m.verifyIntegrity(sfuPassword) && !iceDone) {
                iceDone = true;
                startDtls();
            }
        } else if (first >= 20 && first <= 63) {
            if (dtls != null) {
                dtls.offer(java.util.Arrays.copyOf(scratch, n));
            }
        } else if (first >= 128 && first <= 191) {
            onMedia(n);
        }
    }

    private void startDtls() {
        dtls = DtlsHandshake.create(true, certificate, sfuFingerprint, List.of(SrtpProfile.AEAD_AES_128_GCM,
                SrtpProfile.AES128_CM_HMAC_SHA1_80), 10_000,
                datagram -> channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), target)),
                (level, description) -> { });
        dtls.start(dtlsExecutor).whenComplete((keys, failure) -> {
            if (failure != null) {
                connected.completeExceptionally(failure);
            } else {
                channel.eventLoop().execute(() -> {
                    srtp = new SrtpSession(keys);
                    connected.complete(null);
                });
            }
        });
    }

    private void onMedia(int n) {
        SrtpSession s = srtp;
        if (s == null || RtcpPacket.isRtcp(scratch, 0, n)) {
            return;
        }
        int len = s.unprotectRtp(scratch, 0, n);
        if (len < 0 || RtpPacket.headerLength(scratch, 0, len) < 0) {
            return;
        }
        int ssrc = RtpPacket.ssrc(scratch, 0);
        int seq = RtpPacket.sequenceNumber(scratch, 0);
        long[] st = streams.get(ssrc);
        if (st == null) {
            st = new long[] {seq, seq, 0}; // first, highest extended, received
            streams.put(ssrc, st);
        } else {
            long highest = st[1];
            int delta = (short) (seq - (int) (highest & 0xffff));
            if (delta > 0) {
                st[1] = highest + delta;
            }
        }
        st[2]++;
        if (videoPts[RtpPacket.payloadType(scratch, 0)]) {
            videoPackets++;
            if (RtpPacket.marker(scratch, 0)) {
                frames++;
            }
            int at = absSendTimeId > 0 ? RtpPacket.findExtension(scratch, 0, len, absSendTimeId) : -1;
            if (at >= 0) {
                int now = RtpPacket.absSendTime(System.nanoTime());
                int delay = (now - Bytes.uint24(scratch, at)) & 0xffffff;
                latency.record(delay * 1_000_000L / (1 << 18));  // raw: the two clocks differ by a constant
            }
        } else {
            audioPackets++;
        }
    }

    boolean isConnected() {
        return connected.isDone() && !connected.isCompletedExceptionally();
    }

    /** Where a subscriber that did not connect got stuck. */
    String stage() {
        if (connected.isCompletedExceptionally()) {
            return "DTLS failed: " + connected.handle((v, e) -> String.valueOf(e)).join();
        }
        return !iceDone ? "no ICE answer" : dtls == null ? "DTLS not started" : "DTLS handshake running";
    }

    /** Packets expected and received over all streams so far: {expected, received}. Read on the event loop. */
    long[] expectedAndReceived() {
        long[] sum = new long[2];
        streams.forEachValue(st -> {
            sum[0] += st[1] - st[0] + 1;
            sum[1] += st[2];
        });
        return sum;
    }

    void close() {
        if (dtls != null) {
            dtls.close();
        }
        sfu.close();
        channel.close();
    }
}
