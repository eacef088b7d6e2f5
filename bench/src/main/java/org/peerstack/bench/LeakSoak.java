package org.peerstack.bench;

import org.peerstack.config.AudioMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.peerstack.bench.rtc.PeerPair;
import org.peerstack.bench.rtc.ProcessStats;
import org.peerstack.bench.rtc.SyntheticVideoSource;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.rtc.WebRtcEngine;

/**
 * Leak soak: create -> connect (with 640x480 video, until the first frame is decoded) -> close, N times
 * in one JVM. Prints RSS and OS thread count after the warm-up and at the end; both should stay flat.
 *
 * <p>{@code bench/run LeakSoak [cycles=1000] [warmup=100]}
 */
public final class LeakSoak {

    private LeakSoak() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        boolean raw = args.length > 2 && args[2].equals("raw");
        System.out.println("LeakSoak: " + cycles + " cycles through " + (raw ? "raw webrtc-java" : "peerstack"));
        org.peerstack.internal.natives.NativeFactory rawFactory = raw
                ? org.peerstack.internal.natives.NativeFactory.create(org.peerstack.config.AudioMode.DUMMY)
                : null;
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of());
        double rssWarm = 0;
        long threadsWarm = 0;
        long start = System.nanoTime();
        try (WebRtcEngine engine = WebRtcEngine.create(config)) {
            for (int i = 1; i <= cycles; i++) {
                if (raw) {
                    rawCycle(rawFactory);
                } else {
                    cycle(engine);
                }
                if (i == warmup) {
                    System.gc();
                    Thread.sleep(500);
                    rssWarm = ProcessStats.rssMiB();
                    threadsWarm = ProcessStats.threads();
                    System.out.printf("after %d cycles (warm-up): RSS %.1f MiB, %d threads%n", i, rssWarm, threadsWarm);
                } else if (i % 100 == 0) {
                    System.out.printf("after %d cycles: RSS %.1f MiB, %d threads, open connections %d%n", i,
                            ProcessStats.rssMiB(), ProcessStats.threads(), engine.openConnections().size());
                }
            }
            System.gc();
            Thread.sleep(500);
            double rss = ProcessStats.rssMiB();
            long threads = ProcessStats.threads();
            System.out.printf("after %d cycles: RSS %.1f MiB (%+.1f %% since warm-up), %d threads (%+d), %.1f s%n",
                    cycles, rss, (rss - rssWarm) / rssWarm * 100, threads, threads - threadsWarm,
                    (System.nanoTime() - start) / 1e9);
        }
        System.exit(0);
    }

    private static void rawCycle(org.peerstack.internal.natives.NativeFactory factory) throws Exception {
        try (org.peerstack.internal.baseline.RawLoopbackCall call = new org.peerstack.internal.baseline.RawLoopbackCall(
                factory.factory(), new org.peerstack.internal.baseline.RawLoopbackCall.Options(640, 480, 30, true, true, 0, 0))) {
            call.connect().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (call.receivedVideo().snapshot().frames() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }
    }

    private static void cycle(WebRtcEngine engine) throws Exception {
        SyntheticVideoSource source = new SyntheticVideoSource(640, 480, 30);
        source.start(MediaTrackConstraints.empty());
        MediaStreamTrack track = source.createTrack();
        try (PeerPair pair = new PeerPair(engine, new MediaStream(List.of(track)))) {
            pair.connect();
            CountDownLatch frame = new CountDownLatch(1);
            pair.firstTrackAtB.get(10, TimeUnit.SECONDS).track()
                    .addSink((org.peerstack.media.VideoSink) f -> frame.countDown());
            if (!frame.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no frame decoded");
            }
        } finally {
            track.stop();
        }
    }
}
