package org.peerstack.bench;

import java.util.concurrent.TimeUnit;
import org.peerstack.internal.baseline.RawLoopbackCall;
import org.peerstack.internal.natives.NativeFactory;

/**
 * Connect time of a peer connection pair: createOffer -> both sides "connected", with a 640x480@30
 * video track and a data channel, one shared factory, pairs created and closed one after another.
 *
 * <p>Baseline: raw webrtc-java ({@link RawLoopbackCall}). Later layers add their own column measured in
 * the same process, interleaved with the baseline so that machine load hits both alike.
 *
 * <p>{@code bench/run ConnectTime [connections=60] [warmup=5]}
 */
public final class ConnectTime {

    private ConnectTime() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("ConnectTime: %d connections (+%d warm-up), network=%s, cores=%d%n", connections, warmup,
                System.getenv().getOrDefault("PEERSTACK_NETNS", "host"), Runtime.getRuntime().availableProcessors());
        double[] raw = new double[connections];
        try (NativeFactory factory = NativeFactory.create(NativeFactory.AudioMode.DUMMY)) {
            for (int i = -warmup; i < connections; i++) {
                double ms = rawConnectMillis(factory);
                if (i >= 0) {
                    raw[i] = ms;
                }
            }
        }
        System.out.println("raw webrtc-java  " + new Samples(raw, " ms"));
        System.exit(0);
    }

    static double rawConnectMillis(NativeFactory factory) throws Exception {
        try (RawLoopbackCall call = new RawLoopbackCall(factory.factory(), RawLoopbackCall.Options.videoAndData(640, 480, 30))) {
            return call.connect().get(30, TimeUnit.SECONDS).toNanos() / 1e6;
        }
    }
}
