package org.peerstack.whip;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamConstraints;
import org.peerstack.media.MediaStreamTrack;
import org.peerstack.media.VideoSink;
import org.peerstack.rtc.RTCConfiguration;
import org.peerstack.rtc.RTCPeerConnection;
import org.peerstack.rtc.WebRtcEngine;
import org.peerstack.recorder.MediaRecorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command-line bots: {@code publish URL} sends the fake camera and microphone to a WHIP endpoint,
 * {@code play URL} plays a WHEP stream and prints the frames it decodes each second, {@code record URL
 * --output FILE} plays it into a {@link MediaRecorder} (WebM, chunks appended as they come). All run for
 * {@code --seconds} (0 = until killed), then DELETE their session. Exit codes: 0 done, 1 the server
 * refused or the media failed, 2 bad arguments. {@link Publish}, {@link Play} and {@link Record} can also be registered
 * as subcommands of another picocli command.
 */
@Command(name = "whip-bot", mixinStandardHelpOptions = true, subcommands = {WhipBot.Publish.class, WhipBot.Play.class, WhipBot.Record.class},
        description = "WHIP publisher and WHEP player bots over peerstack's RTCPeerConnection.")
public final class WhipBot {

    /** Longest wait for the WHEP stream to be published (polling on 409) before {@code play} gives up. */
    public static final long PUBLISH_WAIT_SECONDS = 60;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new WhipBot()).execute(args);
    }

    abstract static class Bot implements Callable<Integer> {
        @Parameters(index = "0", description = "the WHIP/WHEP endpoint, e.g. http://127.0.0.1:8080/whip/show")
        URI endpoint;

        @Option(names = "--token", description = "Bearer token (a room token for the stream); default: none")
        String token;

        @Option(names = "--seconds", defaultValue = "0", description = "run this long, then end the session; 0 = until killed")
        long seconds;

        static PeerstackConfig config(String audioMode) {
            return PeerstackConfig.loader().load(Optional.empty(),
                    Map.of("peerstack.media.fake-devices", "true", "peerstack.webrtc.audio-mode", audioMode), Map.of());
        }

        void runFor() throws InterruptedException {
            if (seconds > 0) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            } else {
                Thread.currentThread().join();
            }
        }

        static int refused(Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("whip-bot: " + cause.getMessage());
            return 1;
        }
    }

    /** {@code publish URL}: the fake camera and microphone over WHIP. */
    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publishes the fake camera and microphone over WHIP.")
    public static final class Publish extends Bot {
        @Override
        public Integer call() throws Exception {
            PeerstackConfig config = config("dummy");
            try (WebRtcEngine engine = WebRtcEngine.create(config); MediaDevices devices = MediaDevices.create(config)) {
                RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
                try {
                    MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).get(10, TimeUnit.SECONDS);
                    for (MediaStreamTrack t : stream.getTracks()) {
                        pc.addTrack(t, stream);
                    }
                    try (WhipClient whip = WhipClient.publish(pc, endpoint, token).get(30, TimeUnit.SECONDS)) {
                        System.out.println("publishing: " + whip.session());
                        runFor();
                    }
                    return 0;
                } catch (ExecutionException e) {
                    return refused(e);
                } finally {
                    pc.close();
                }
            }
        }
    }

    /** {@code play URL}: a WHEP player printing decoded frames per second. */
    @Command(name = "play", mixinStandardHelpOptions = true, description = "Plays a WHEP stream, printing decoded frames per second.")
    public static final class Play extends Bot {
        @Override
        public Integer call() throws Exception {
            try (WebRtcEngine engine = WebRtcEngine.create(config("headless"))) {
                RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
                AtomicLong frames = new AtomicLong();
                AtomicLong size = new AtomicLong();
                pc.addEventListener(RTCPeerConnection.TRACK, e -> {
                    if (e.track().kind().token().equals("video")) {
                        e.track().addSink((VideoSink) f -> {
                            frames.incrementAndGet();
                            size.set(((long) f.width() << 32) | f.height());
                        });
                    }
                });
                try (WhepClient whep = playWhenPublished(this, pc)) {
                    System.out.println("playing: " + whep.session());
                    long end = seconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
                    long total = 0;
                    while (System.nanoTime() < end) {
                        Thread.sleep(1_000);
                        long n = frames.getAndSet(0);
                        total += n;
                        System.out.println("frames/s " + n + " at " + (size.get() >>> 32) + "x" + (size.get() & 0xffffffffL));
                    }
                    System.out.println("decoded " + total + " frames");
                    return total > 0 ? 0 : 1;
                } catch (ExecutionException e) {
                    return refused(e);
                } finally {
                    pc.close();
                }
            }
        }
    }

    /** {@code record URL --output FILE}: a WHEP player recording what it receives. */
    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Plays a WHEP stream into a MediaRecorder (WebM file, appended as chunks come).")
    public static final class Record extends Bot {
        @Option(names = "--output", required = true, description = "the file to write (e.g. show.webm)")
        java.nio.file.Path output;

        /** Longest wait for the recorder to write its last chunk after stop(). */
        static final long STOP_TIMEOUT_MILLIS = 10_000;
        /** A chunk is written to the file every this many milliseconds. */
        static final long TIMESLICE_MILLIS = 1_000;

        @Override
        public Integer call() throws Exception {
            if (seconds <= 0) {
                seconds = TimeUnit.DAYS.toSeconds(365); // "until killed"
            }
            try (WebRtcEngine engine = WebRtcEngine.create(config("headless"))) {
                RTCPeerConnection pc = engine.createPeerConnection(RTCConfiguration.newBuilder().build());
                java.util.List<MediaStreamTrack> tracks = new java.util.concurrent.CopyOnWriteArrayList<>();
                pc.addEventListener(RTCPeerConnection.TRACK, e -> tracks.add(e.track()));
                try (WhepClient whep = playWhenPublished(this, pc);
                     java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(output))) {
                    System.out.println("recording " + whep.session() + " to " + output);
                    AtomicLong bytes = new AtomicLong();
                    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
                    try (MediaRecorder recorder = new MediaRecorder(new MediaStream(tracks))) {
                        recorder.setBlobSink(chunk -> {
                            chunk.writeTo(out);
                            out.flush();
                            bytes.addAndGet(chunk.size());
                        });
                        recorder.addEventListener(MediaRecorder.STOP, e -> stopped.countDown());
                        recorder.addEventListener(MediaRecorder.ERROR, e -> System.err.println("whip-bot: recorder: " + e));
                        recorder.start(TIMESLICE_MILLIS);
                        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                        recorder.stop();
                        if (!stopped.await(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                            System.err.println("whip-bot: the recording did not finish within " + STOP_TIMEOUT_MILLIS + " ms");
                            return 1;
                        }
                    }
                    System.out.println("recorded " + bytes.get() + " bytes to " + output);
                    return bytes.get() > 0 ? 0 : 1;
                } catch (ExecutionException e) {
                    return refused(e);
                } finally {
                    pc.close();
                }
            }
        }
    }

    /** Plays {@code bot}'s endpoint on {@code pc}, polling while the server answers 409, at most PUBLISH_WAIT_SECONDS. */
    static WhepClient playWhenPublished(Bot bot, RTCPeerConnection pc) throws Exception {
        {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PUBLISH_WAIT_SECONDS);
            while (true) {
                try {
                    return WhepClient.play(pc, bot.endpoint, bot.token).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof WhipHttpException w) || w.status() != 409 || System.nanoTime() > deadline) {
                        throw e;
                    }
                    System.out.println("not published yet; retrying in " + w.retryAfterSeconds().orElse(1) + " s");
                    Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(1, Math.min(10, w.retryAfterSeconds().orElse(1)))));
                }
            }
        }
    }
}
