package org.peerstack.bench;

import org.peerstack.config.AudioMode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.peerstack.bench.rtc.PeerPair;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.internal.baseline.RawLoopbackCall;
import org.peerstack.internal.natives.NativeFactory;
import java.util.List;
import org.peerstack.bench.rtc.SyntheticVideoSource;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.MediaTrackConstraints;
import org.peerstack.rtc.WebRtcEngine;

/**
 * Connect time of a peer connection pair: createOffer -> both sides "connected", with a 640x480@30
 * video track and a data channel, pairs created and closed one after another.
 *
 * <p>Two columns measured in the same process, interleaved (raw, peerstack, raw, peerstack...) so that
 * machine load hits both alike: raw webrtc-java ({@link RawLoopbackCall}, the baseline) and peerstack's
 * {@code RTCPeerConnection}, both sending the same synthetic 640x480 picture.
 *
 * <p>{@code bench/run ConnectTime [connections=60] [warmup=5]}
 */
public final class ConnectTime {

    private ConnectTime() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("ConnectTime: %d connections each (+%d warm-up), network=%s, cores=%d%n", connections, warmup,
                System.getenv().getOrDefault("PEERSTACK_NETNS", "host"), Runtime.getRuntime().availableProcessors());
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(), Map.of());
        double[] raw = new double[connections];
        double[] peerstack = new double[connections];
        try (NativeFactory factory = NativeFactory.create(AudioMode.DUMMY);
             WebRtcEngine engine = WebRtcEngine.create(config)) {
            for (int i = -warmup; i < connections; i++) {
                double r = rawConnectMillis(factory);
                double p = peerstackConnectMillis(engine);
                if (i >= 0) {
                    raw[i] = r;
                    peerstack[i] = p;
                }
            }
        }
        Samples rawSamples = new Samples(raw, " ms");
        Samples ours = new Samples(peerstack, " ms");
        System.out.println("raw webrtc-java  " + rawSamples);
        System.out.println("peerstack        " + ours);
        System.out.printf("median ratio peerstack/raw = %.3f%n", ours.median() / rawSamples.median());
        System.exit(0);
    }

    static double rawConnectMillis(NativeFactory factory) throws Exception {
        try (RawLoopbackCall call = new RawLoopbackCall(factory.factory(), RawLoopbackCall.Options.videoAndData(640, 480, 30))) {
            return call.connect().get(30, TimeUnit.SECONDS).toNanos() / 1e6;
        }
    }

    static double peerstackConnectMillis(WebRtcEngine engine) throws Exception {
        SyntheticVideoSource source = new SyntheticVideoSource(640, 480, 30);
        source.start(MediaTrackConstraints.empty());
        MediaStreamTrack track = source.createTrack();
        try (PeerPair pair = new PeerPair(engine, new MediaStream(List.of(track)))) {
            return pair.connect().toNanos() / 1e6;
        } finally {
            track.stop();
        }
    }
}
