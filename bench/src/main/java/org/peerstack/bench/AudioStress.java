package org.peerstack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.bench.rtc.PeerPair;
import org.peerstack.bench.rtc.ProcessStats;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.WebRtcEngine;

/**
 * Audio stress: N connections (N/2 pairs) on one headless-audio engine, every connection sending a fake
 * microphone and receiving the other side's, for S seconds. A JVM abort (the webrtc-java 0.14.0 headless
 * audio race) ends the run without the final line; otherwise it prints the audio received per end.
 *
 * <p>{@code bench/run AudioStress [connections=50] [seconds=30]}
 */
public final class AudioStress {

    private AudioStress() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        PeerstackConfig config = PeerstackConfig.loader().load(Optional.empty(), Map.of(
                "peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", "headless"), Map.of());
        List<PeerPair> pairs = new ArrayList<>();
        List<AtomicLong> received = new ArrayList<>();
        try (WebRtcEngine engine = WebRtcEngine.create(config); MediaDevices devices = MediaDevices.create(config)) {
            for (int i = 0; i < connections / 2; i++) {
                MediaStream micA = devices.getUserMedia(MediaStreamConstraints.of(true, false)).get(10, TimeUnit.SECONDS);
                MediaStream micB = devices.getUserMedia(MediaStreamConstraints.of(true, false)).get(10, TimeUnit.SECONDS);
                PeerPair pair = new PeerPair(engine, micA);
                pair.b.addTrack(micB.getAudioTracks().get(0), micB);
                for (RTCPeerConnection pc : List.of(pair.a, pair.b)) {
                    AtomicLong chunks = new AtomicLong();
                    received.add(chunks);
                    pc.addEventListener(RTCPeerConnection.TRACK, e -> e.track().addSink(
                            (org.peerstack.media.AudioSink) d -> chunks.incrementAndGet()));
                }
                pairs.add(pair);
                pair.connect();
            }
            System.out.printf("AudioStress: %d connections sending and receiving audio, running %d s%n",
                    connections, seconds);
            long[] before = received.stream().mapToLong(AtomicLong::get).toArray();
            long cpu = ProcessStats.cpuNanos();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double wall = (System.nanoTime() - start) / 1e9;
            double[] perSecond = new double[received.size()];
            for (int i = 0; i < perSecond.length; i++) {
                perSecond[i] = (received.get(i).get() - before[i]) / wall;
            }
            System.out.println("10 ms chunks received per second per connection: " + new Samples(perSecond, ""));
            System.out.printf("process CPU %.2f cores, RSS %.0f MiB, zero aborts%n",
                    (ProcessStats.cpuNanos() - cpu) / (wall * 1e9), ProcessStats.rssMiB());
            pairs.forEach(PeerPair::close);
        }
        System.exit(0);
    }
}
