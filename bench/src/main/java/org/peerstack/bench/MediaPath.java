package org.peerstack.bench;

import org.peerstack.config.AudioMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.bench.rtc.PeerPair;
import org.peerstack.bench.rtc.ProcessStats;
import org.peerstack.bench.rtc.SyntheticVideoSource;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.internal.baseline.RawLoopbackCall;
import org.peerstack.internal.baseline.VideoStats;
import org.peerstack.internal.natives.NativeFactory;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.rtc.WebRtcEngine;

/**
 * Media path overhead: N pairs each sending 640x480@30 VP8 for S seconds, received frame rate and
 * process CPU, once through raw webrtc-java and once through peerstack (same synthetic picture), in one
 * process. Memory per pair is the RSS growth while the pairs run, divided by N.
 *
 * <p>{@code bench/run MediaPath [pairs=10] [seconds=30]}
 */
public final class MediaPath {

    private MediaPath() {
    }

    record Result(double fpsMin, double fpsMedian, double cores, double rssPerPairMiB) {
        @Override
        public String toString() {
            return String.format("received fps min %.1f median %.1f, process CPU %.3f cores, RSS %.1f MiB/pair",
                    fpsMin, fpsMedian, cores, rssPerPairMiB);
        }
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.printf("MediaPath: %d pairs x 640x480@30 VP8 for %d s, network=%s, cores=%d%n", pairs, seconds,
                System.getenv().getOrDefault("PEERSTACK_NETNS", "host"), Runtime.getRuntime().availableProcessors());
        Result raw = raw(pairs, seconds);
        System.out.println("raw webrtc-java  " + raw);
        Result ours = peerstack(pairs, seconds);
        System.out.println("peerstack        " + ours);
        System.out.printf("CPU ratio peerstack/raw = %.3f%n", ours.cores / raw.cores);
        System.exit(0);
    }

    static Result raw(int pairs, int seconds) throws Exception {
        double rssBefore = ProcessStats.rssMiB();
        try (NativeFactory factory = NativeFactory.create(AudioMode.DUMMY)) {
            List<RawLoopbackCall> calls = new ArrayList<>();
            try {
                for (int i = 0; i < pairs; i++) {
                    RawLoopbackCall call = new RawLoopbackCall(factory.factory(),
                            new RawLoopbackCall.Options(640, 480, 30, true, false, 0, 0));
                    calls.add(call);
                    call.connect().get(30, TimeUnit.SECONDS);
                }
                Thread.sleep(3000);
                long[] before = calls.stream().mapToLong(c -> c.receivedVideo().snapshot().frames()).toArray();
                long cpu = ProcessStats.cpuNanos();
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                long wall = System.nanoTime() - start;
                double cores = (ProcessStats.cpuNanos() - cpu) / (double) wall;
                double rss = ProcessStats.rssMiB();
                double[] fps = new double[pairs];
                for (int i = 0; i < pairs; i++) {
                    fps[i] = (calls.get(i).receivedVideo().snapshot().frames() - before[i]) / (wall / 1e9);
                }
                Samples s = new Samples(fps, " fps");
                return new Result(s.min(), s.median(), cores, (rss - rssBefore) / pairs);
            } finally {
                calls.forEach(RawLoopbackCall::close);
            }
        }
    }

    static Result peerstack(int pairs, int seconds) throws Exception {
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of());
        double rssBefore = ProcessStats.rssMiB();
        try (WebRtcEngine engine = WebRtcEngine.create(config)) {
            List<PeerPair> list = new ArrayList<>();
            List<AtomicLong> counters = new ArrayList<>();
            List<MediaStreamTrack> tracks = new ArrayList<>();
            try {
                for (int i = 0; i < pairs; i++) {
                    SyntheticVideoSource source = new SyntheticVideoSource(640, 480, 30);
                    source.start(org.peerstack.media.MediaTrackConstraints.empty());
                    MediaStreamTrack track = source.createTrack();
                    tracks.add(track);
                    PeerPair pair = new PeerPair(engine, new MediaStream(List.of(track)));
                    list.add(pair);
                    pair.connect();
                    AtomicLong frames = new AtomicLong();
                    counters.add(frames);
                    pair.firstTrackAtB.get(10, TimeUnit.SECONDS).track()
                            .addSink((org.peerstack.media.VideoSink) f -> frames.incrementAndGet());
                }
                Thread.sleep(3000);
                long[] before = counters.stream().mapToLong(AtomicLong::get).toArray();
                long cpu = ProcessStats.cpuNanos();
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                long wall = System.nanoTime() - start;
                double cores = (ProcessStats.cpuNanos() - cpu) / (double) wall;
                double rss = ProcessStats.rssMiB();
                double[] fps = new double[pairs];
                for (int i = 0; i < pairs; i++) {
                    fps[i] = (counters.get(i).get() - before[i]) / (wall / 1e9);
                }
                Samples s = new Samples(fps, " fps");
                return new Result(s.min(), s.median(), cores, (rss - rssBefore) / pairs);
            } finally {
                list.forEach(PeerPair::close);
                tracks.forEach(MediaStreamTrack::stop);
            }
        }
    }
}
