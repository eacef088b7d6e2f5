package org.peerstack.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.RTCPeerConnectionState;
import org.peerstack.rtc.RTCSessionDescription;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.sfu.SfuConfig;
import org.peerstack.sfu.internal.dtls.DtlsCertificate;
import org.peerstack.bench.sfu.FanoutTarget;
import org.peerstack.bench.sfu.LoadClient;
import org.peerstack.bench.sfu.PionTarget;
import org.peerstack.bench.sfu.SfuTarget;
import java.nio.file.Path;

/**
 * SFU fan-out: one peerstack (libwebrtc) publisher sending the fake camera at 640x360@30 VP8 + Opus into
 * peerstack's SFU, then into the anchor (Pion v3's broadcast forwarder, bench/pion); N load subscribers
 * (the SFU's own ICE/DTLS/SRTP code, no decoding) receive it.
 * N ramps through the given steps until a step loses more than 0.5 % of packets or any subscriber gets
 * fewer than 25 frames/s. Per step: received fps (min, median), loss, SFU I/O-thread CPU per forwarded
 * packet (the SFU's I/O thread; Pion's whole process), process CPU (this JVM: publisher, load client and,
 * for the SFU, the SFU itself), and the delay from the publisher's abs-send-time to the load client above
 * the run's fastest packet, p50/p99, and (peerstack's SFU only) the SFU's own added delay, p50/p99: from
 * the read of each publisher packet to the return of the system call that sent each copy, by the wall
 * clock and (batched writes only) by the I/O thread's CPU clock, which other load on the machine does
 * not inflate. Everything runs on this machine.
 *
 * <p>{@code bench/run SfuFanout [seconds-per-step=5] [steps=1,50,100,...] [targets=both]}, targets a
 * comma-separated list of: {@code sfu} (the default configuration), {@code unbatched} (one system call
 * per datagram, to see what batching buys), {@code sfu-wb<N>} (batched with
 * {@code SfuConfig.writeBatch(N)}; {@code sfu-wb0} flushes once per read batch), {@code pion}; or
 * {@code both} (sfu,pion) or {@code all} (sfu,unbatched,pion).
 */
public final class SfuFanout {

    private SfuFanout() {
    }

    static final String ADDRESS = "127.0.1.1";
    static final double MAX_LOSS = 0.005;
    static final double MIN_FPS = 25;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] steps = args.length > 1 ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 50, 100, 200, 300, 400, 500, 600, 800, 1000};
        String which = args.length > 2 ? args[2] : "both";
        System.out.printf("SfuFanout: 640x360@30 VP8 + Opus publisher, steps %s, %d s per step, network=%s, cores=%d%n",
                Arrays.toString(steps), seconds, System.getenv().getOrDefault("PEERSTACK_NETNS", "host"),
                Runtime.getRuntime().availableProcessors());
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(
                "peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", "dummy",
                "peerstack.media.fake-camera-width", "640", "peerstack.media.fake-camera-height", "360"), Map.of());
        ExecutorService clientDtls = Executors.newFixedThreadPool(2, new DefaultThreadFactory("load-dtls", true));
        EventLoopGroup clientLoop = new EpollEventLoopGroup(1, new DefaultThreadFactory("load-io", true));
        Map<String, Integer> results = new java.util.LinkedHashMap<>();
        try (WebRtcEngine engine = WebRtcEngine.create(config); MediaDevices devices = MediaDevices.create(config)) {
            for (String t : targets(which)) {
                if (t.equals("pion")) {
                    Path binary = Path.of(System.getProperty("pion.forwarder", "bench/pion/pion-forwarder"));
                    try (PionTarget pion = new PionTarget(binary, ADDRESS)) {
                        results.put("Pion v3 broadcast", ramp(pion, engine, devices, clientDtls, clientLoop, steps, seconds));
                    }
                    continue;
                }
                boolean batched = !t.equals("unbatched");
                int writeBatch = t.startsWith("sfu-wb") ? Integer.parseInt(t.substring(6)) : SfuConfig.DEFAULT_WRITE_BATCH;
                try (SfuTarget sfu = new SfuTarget(ADDRESS, batched, writeBatch)) {
                    results.put("peerstack " + t, ramp(sfu, engine, devices, clientDtls, clientLoop, steps, seconds));
                }
            }
        } finally {
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            clientDtls.shutdownNow();
        }
        System.out.println("SfuFanout: largest step within limits (loss <= 0.5 %, every subscriber >= 25 fps): " + results);
        System.exit(0);
    }

    /** The targets named by the third argument, in order. */
    static List<String> targets(String which) {
        List<String> out = new java.util.ArrayList<>();
        for (String t : which.split(",")) {
            switch (t) {
                case "both" -> out.addAll(List.of("sfu", "pion"));
                case "all" -> out.addAll(List.of("sfu", "unbatched", "pion"));
                case "sfu", "unbatched", "pion" -> out.add(t);
                default -> {
                    if (!t.matches("sfu-wb\\d{1,4}")) {
                        throw new IllegalArgumentException("unknown target " + t + ": sfu, unbatched, sfu-wb<N>, pion, both or all");
                    }
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** UDP RcvbufErrors of this network namespace (/proc/net/snmp): datagrams a full socket buffer dropped. */
    static long udpReceiveBufferErrors() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = Arrays.asList(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    return Long.parseLong(values[names.indexOf("RcvbufErrors")]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long publisherVideo(RTCPeerConnection pc, String member) throws Exception {
        for (var st : pc.getStats().get(10, TimeUnit.SECONDS).ofType("outbound-rtp")) {
            if ("video".equals(st.string("kind").orElse(""))) {
                return st.number(member).map(Number::longValue).orElse(0L);
            }
        }
        return 0;
    }

    private static String publisherVideoString(RTCPeerConnection pc, String member) throws Exception {
        for (var st : pc.getStats().get(10, TimeUnit.SECONDS).ofType("outbound-rtp")) {
            if ("video".equals(st.string("kind").orElse(""))) {
                return String.valueOf(st.members().get(member));
            }
        }
        return "?";
    }

    /** One publisher into {@code target}, then subscribers step by step until a limit is crossed; the largest step within. */
    static int ramp(FanoutTarget target, WebRtcEngine engine, MediaDevices devices, ExecutorService clientDtls,
            EventLoopGroup clientLoop, int[] steps, int seconds) throws Exception {
        RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
        MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).get(10, TimeUnit.SECONDS);
        for (MediaStreamTrack t : stream.getTracks()) {
            pc.addTrack(t, stream);
        }
        CompletableFuture<Void> up = new CompletableFuture<>();
        pc.addEventListener(RTCPeerConnection.CONNECTION_STATE_CHANGE, e -> {
            if (pc.connectionState() == RTCPeerConnectionState.CONNECTED) {
                up.complete(null);
            }
        });
        pc.setLocalDescription().get(10, TimeUnit.SECONDS);
        String answer = target.publish(pc.localDescription().sdp());
        pc.setRemoteDescription(RTCSessionDescription.answer(answer)).get(10, TimeUnit.SECONDS);
        up.get(20, TimeUnit.SECONDS);
        System.out.println("== " + target + ": publisher connected");
        LoadClient load = new LoadClient(target, DtlsCertificate.generate(new SecureRandom()), clientDtls, clientLoop,
                new InetSocketAddress(ADDRESS, 0));
        System.out.println("    N | pub fps | fps min | fps med |  loss % | fwd us/pkt | forwarder cores | process cores | delay p50 ms | p99 ms | own p50 ms | own p99 | own cpu p50 | cpu p99 | pub limit");
        int best = 0;
        try {
            for (int n : steps) {
                try {
                    load.grow(n);
                } catch (IllegalStateException e) {
                    System.out.printf("%5d | could not connect every subscriber: %s <- over the limit%n", n, e.getMessage());
                    break;
                }
                Thread.sleep(2_000); // keyframes after the joins, queues settle
                long sent0 = publisherVideo(pc, "framesSent");
                long rcvbufErrors0 = udpReceiveBufferErrors();
                long t0 = System.nanoTime();
                LoadClient.Window w = load.measure(seconds);
                double pubFps = (publisherVideo(pc, "framesSent") - sent0) * 1e9 / (System.nanoTime() - t0);
                String limit = publisherVideoString(pc, "qualityLimitationReason")
                        + ", kernel UDP receive-buffer drops " + (udpReceiveBufferErrors() - rcvbufErrors0);
                boolean ok = w.loss() <= MAX_LOSS && w.fpsMin() >= MIN_FPS;
                System.out.printf("%5d | %7.1f | %7.1f | %7.1f | %7.3f | %10.2f | %15.2f | %13.2f | %12.2f | %6.2f | %10.2f | %7.2f | %11.2f | %7.2f | %s%s%n", n, pubFps,
                        w.fpsMin(), w.fpsMedian(), 100 * w.loss(), w.microsPerPacket(), w.forwarderCores(), w.processCores(),
                        w.delayP50(), w.delayP99(), w.ownDelayP50(), w.ownDelayP99(), w.ownCpuP50(), w.ownCpuP99(), limit, ok ? "" : " <- over the limit");
                if (!ok) {
                    break;
                }
                best = n;
            }
        } finally {
            load.close();
            pc.close();
        }
        System.out.println("== " + target + ": largest step within limits " + best);
        return best;
    }

}
