package org.peerstack.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.peerstack.bench.rtc.CallTrace;
import org.peerstack.bench.rtc.PeerPair;
import org.peerstack.bench.rtc.SignaledCallSide;
import org.peerstack.bench.rtc.SyntheticVideoSource;
import org.peerstack.config.AudioMode;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.internal.natives.NativeFactory;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.signaling.server.SignalingServer;
import org.peerstack.signaling.server.SignalingServerConfig;

/**
 * Call setup through the real signaling server: two peerstack peers in one process meet in a room of an
 * embedded {@link SignalingServer} (WebSocket on loopback, inside the benchmark's network namespace),
 * timed from the second member's {@code join} to both connections {@code connected}. The second member
 * calls with a 640x480@30 video track and a data channel ({@link SignaledCallSide}); WebSocket connects
 * happen before the clock starts. Three signaled columns, one per {@link Flow}: connections made when
 * each side learns of the other; prepared connections; and the newcomer's offer made while its
 * {@code join} is on the wire. The window is the same in all three.
 *
 * <p>Baselines in the same process, interleaved call by call (raw, direct, on join, prepared, offer while joining, raw...) so that
 * machine load hits all alike, with the same media: raw webrtc-java connecting in memory
 * ({@code RawLoopbackCall}: createOffer to both connected) and peerstack connecting in memory
 * ({@code PeerPair}). Goal: signaled median at most 2x the raw median.
 *
 * <p>{@code bench/run CallSetup [calls=100] [warmup=5] [trace]}: with {@code trace}, no timing columns but
 * the per-step medians of traced in-memory and signaled calls (interleaved), each step stamped where
 * the application sees it ({@link CallTrace}); time zero is createOffer in memory and the second
 * {@code join} through the server.
 */
public final class CallSetup {

    private static final long TIMEOUT_S = 30;

    private CallSetup() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (args.length > 2 && args[2].equals("trace")) {
            trace(calls, warmup);
            return;
        }
        System.out.printf("CallSetup: %d calls each (+%d warm-up), network=%s, cores=%d, load %s%n", calls, warmup,
                System.getenv().getOrDefault("PEERSTACK_NETNS", "host"), Runtime.getRuntime().availableProcessors(),
                loadAverage());
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of());
        double[] raw = new double[calls];
        double[] direct = new double[calls];
        double[] signaled = new double[calls];
        double[] prepared = new double[calls];
        double[] overlapped = new double[calls];
        try (NativeFactory factory = NativeFactory.create(AudioMode.DUMMY);
             WebRtcEngine engine = WebRtcEngine.create(config);
             SignalingServer server = SignalingServer.start(SignalingServerConfig.of(
                     Map.of("server.host", "127.0.0.1", "server.port", "0")))) {
            for (int i = -warmup; i < calls; i++) {
                double r = ConnectTime.rawConnectMillis(factory);
                double d = ConnectTime.peerstackConnectMillis(engine);
                double s = signaledMillis(engine, server.uri(), "call-" + (i + warmup), Flow.ON_JOIN, CallTrace.NONE);
                double p = signaledMillis(engine, server.uri(), "prepared-" + (i + warmup), Flow.PREPARED, CallTrace.NONE);
                double o = signaledMillis(engine, server.uri(), "overlapped-" + (i + warmup), Flow.OVERLAPPED,
                        CallTrace.NONE);
                if (i >= 0) {
                    raw[i] = r;
                    direct[i] = d;
                    signaled[i] = s;
                    prepared[i] = p;
                    overlapped[i] = o;
                }
            }
        }
        Samples rawSamples = new Samples(raw, " ms");
        Samples directSamples = new Samples(direct, " ms");
        Samples signaledSamples = new Samples(signaled, " ms");
        Samples preparedSamples = new Samples(prepared, " ms");
        Samples overlappedSamples = new Samples(overlapped, " ms");
        System.out.println("raw webrtc-java, in memory                         " + rawSamples);
        System.out.println("peerstack, in memory                               " + directSamples);
        System.out.println("peerstack, signaling server, connections on join   " + signaledSamples);
        System.out.println("peerstack, signaling server, prepared connections  " + preparedSamples);
        System.out.println("peerstack, signaling server, offer while joining   " + overlappedSamples);
        System.out.printf("median ratio signaled/raw = %.3f (goal <= 2), signaled/peerstack in memory = %.3f%n",
                signaledSamples.median() / rawSamples.median(), signaledSamples.median() / directSamples.median());
        System.out.printf("median ratio prepared/raw = %.3f (goal <= 2), prepared/peerstack in memory = %.3f%n",
                preparedSamples.median() / rawSamples.median(), preparedSamples.median() / directSamples.median());
        System.out.printf("median ratio offer-while-joining/raw = %.3f (goal <= 2), /peerstack in memory = %.3f%n",
                overlappedSamples.median() / rawSamples.median(), overlappedSamples.median() / directSamples.median());
        System.out.println("load at the end " + loadAverage());
        System.exit(0);
    }

    /** Traced calls, in memory and signaled interleaved; prints the per-step medians of each. */
    private static void trace(int calls, int warmup) throws Exception {
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of());
        CallTrace.Summary direct = new CallTrace.Summary();
        CallTrace.Summary signaled = new CallTrace.Summary();
        CallTrace.Summary prepared = new CallTrace.Summary();
        CallTrace.Summary overlapped = new CallTrace.Summary();
        try (WebRtcEngine engine = WebRtcEngine.create(config);
             SignalingServer server = SignalingServer.start(SignalingServerConfig.of(
                     Map.of("server.host", "127.0.0.1", "server.port", "0")))) {
            for (int i = -warmup; i < calls; i++) {
                CallTrace d = CallTrace.recording();
                CallTrace s = CallTrace.recording();
                CallTrace p = CallTrace.recording();
                CallTrace o = CallTrace.recording();
                tracedDirect(engine, d);
                signaledMillis(engine, server.uri(), "trace-" + (i + warmup), Flow.ON_JOIN, s);
                signaledMillis(engine, server.uri(), "trace-prepared-" + (i + warmup), Flow.PREPARED, p);
                signaledMillis(engine, server.uri(), "trace-overlapped-" + (i + warmup), Flow.OVERLAPPED, o);
                if (i >= 0) {
                    direct.add(d);
                    signaled.add(s);
                    prepared.add(p);
                    overlapped.add(o);
                }
            }
        }
        System.out.print(direct.table("peerstack in memory (PeerPair): time zero = createOffer"));
        System.out.print(signaled.table("through the signaling server, connections made on join: time zero = second join sent"));
        System.out.print(prepared.table("through the signaling server, prepared connections: time zero = second join sent"));
        System.out.print(overlapped.table("through the signaling server, offer made while joining: time zero = second join sent"));
        System.out.print(direct.segments("in memory", List.of("caller offer created", "caller signaling have-local-offer",
                "caller offer set local", "callee signaling have-remote-offer", "callee offer applied",
                "callee answer created", "callee signaling stable", "callee answer set local", "caller signaling stable",
                "caller answer applied", "caller connection connected")));
        List<String> signaledPath = List.of("caller joined received", "caller tracks and channel added",
                "caller negotiationneeded", "caller signaling have-local-offer", "caller offer handed to the client",
                "caller offer written", "callee offer received", "callee signaling have-remote-offer",
                "callee signaling stable", "callee answer handed to the client", "callee answer written",
                "caller answer received", "caller signaling stable", "caller connection connected");
        System.out.print(signaled.segments("signaled, connections made on join", signaledPath));
        System.out.print(prepared.segments("signaled, prepared connections", signaledPath));
        System.out.print(overlapped.segments("signaled, offer made while joining", List.of("caller negotiationneeded",
                "caller signaling have-local-offer", "caller joined received", "caller offer handed to the client",
                "caller offer written", "callee offer received", "callee signaling have-remote-offer",
                "callee signaling stable", "callee answer handed to the client", "callee answer written",
                "caller answer received", "caller signaling stable", "caller connection connected")));
        System.out.println("load at the end " + loadAverage());
        System.exit(0);
    }

    private static void tracedDirect(WebRtcEngine engine, CallTrace trace) throws Exception {
        SyntheticVideoSource source = new SyntheticVideoSource(640, 480, 30);
        source.start(MediaTrackConstraints.empty());
        MediaStreamTrack track = source.createTrack();
        try (PeerPair pair = new PeerPair(engine, new MediaStream(List.of(track)), trace)) {
            pair.connect();
        } finally {
            track.stop();
        }
    }

    /** How the two sides of a signaled call make their connections ({@link SignaledCallSide}). */
    enum Flow {
        /** Each side constructs its connection when it learns of the other ({@code joined}, {@code peer-joined}). */
        ON_JOIN,
        /**
         * The member in the room constructs its connection while it waits (before the clock), the newcomer
         * right after sending its {@code join} (in the window); media and negotiation once the peer is known.
         */
        PREPARED,
        /**
         * As {@link #PREPARED}, and the newcomer also attaches the negotiation and adds its media right after
         * sending {@code join}, so its offer is made while the join is on the wire ("the newcomer is polite").
         */
        OVERLAPPED
    }

    /** One call through {@code server}: the second join to both connected (milliseconds). */
    static double signaledMillis(WebRtcEngine engine, URI server, String room, Flow flow, CallTrace trace)
            throws Exception {
        SyntheticVideoSource source = new SyntheticVideoSource(640, 480, 30);
        source.start(MediaTrackConstraints.empty());
        MediaStreamTrack track = source.createTrack();
        try (SignaledCallSide first = new SignaledCallSide(engine, server, null, trace, "callee");
             SignaledCallSide second = new SignaledCallSide(engine, server, new MediaStream(List.of(track)),
                     trace, "caller")) {
            if (flow == Flow.OVERLAPPED) {
                first.newcomerIsPolite();
            }
            first.join(room, "first").get(TIMEOUT_S, TimeUnit.SECONDS);
            if (flow != Flow.ON_JOIN) {
                first.prepare();
            }
            trace.start();
            long start = System.nanoTime();
            if (flow == Flow.OVERLAPPED) {
                second.joinAndCall(room, "second");
            } else {
                second.join(room, "second");
                if (flow == Flow.PREPARED) {
                    second.prepare();
                }
            }
            long end = Math.max(first.connectedAt(), second.connectedAt());
            return (end - start) / 1e6;
        } finally {
            track.stop();
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
