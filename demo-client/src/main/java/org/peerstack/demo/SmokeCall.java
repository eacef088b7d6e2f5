package org.peerstack.demo;

import org.peerstack.config.AudioMode;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.exc.PeerstackException;
import org.peerstack.internal.baseline.RawLoopbackCall;
import org.peerstack.internal.baseline.VideoStats;
import org.peerstack.internal.natives.NativeFactory;

/**
 * A raw smoke call ({@code peerstack-demo smoke}): two libwebrtc peers in this process, no server.
 * It connects them, sends 640x480@30 synthetic video and a data-channel message for a few seconds, and
 * prints what it measured. Exit status 0 means the call connected and media flowed at >= 25 fps.
 *
 * Useful to tell a broken native setup or network from a broken server or bot.
 */
public final class SmokeCall {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FPS = 30;
    /** Minimum decoded frame rate for the call to count as working. */
    private static final double MIN_FPS = 25.0;

    private SmokeCall() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int status;
        try {
            status = run(seconds);
        } catch (PeerstackException e) {
            System.err.println("peerstack: " + e.getMessage());
            status = 2;
        }
        // libwebrtc attaches its threads as non-daemon threads; everything is closed, so leave now.
        System.exit(status);
    }

    public static int run(int seconds) {
        PeerstackConfig config = PeerstackConfig.load();
        String network = "private".equals(System.getenv("PEERSTACK_NETNS"))
                ? "private network namespace (veth 127.0.1.1 <-> 127.0.1.2)"
                : "host network";
        System.out.printf("peerstack smoke call: two libwebrtc peers, %dx%d@%d video + data channel, %d s, %s%n",
                WIDTH, HEIGHT, FPS, seconds, network);
        try (NativeFactory factory = NativeFactory.create(AudioMode.DUMMY);
             RawLoopbackCall call = new RawLoopbackCall(factory.factory(), new RawLoopbackCall.Options(
                     WIDTH, HEIGHT, FPS, true, true, config.webrtc().minPort(), config.webrtc().maxPort()))) {
            Duration connect = call.connect().get(config.webrtc().connectTimeoutMs(), TimeUnit.MILLISECONDS);
            System.out.printf("  connected          %8.1f ms (createOffer -> both peers connected)%n", connect.toNanos() / 1e6);
            Duration rtt = call.dataChannelRoundTrip("ping").get(10, TimeUnit.SECONDS);
            System.out.printf("  data channel echo  %8.2f ms round trip%n", rtt.toNanos() / 1e6);

            VideoStats stats = call.receivedVideo();
            long start = System.nanoTime();
            VideoStats.Snapshot first = stats.snapshot();
            double worst = Double.MAX_VALUE;
            VideoStats.Snapshot previous = first;
            long previousAt = start;
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                long now = System.nanoTime();
                VideoStats.Snapshot current = stats.snapshot();
                double fps = current.fpsSince(previous, now, previousAt);
                if (s > 1) {
                    worst = Math.min(worst, fps);
                }
                System.out.printf("  t=%2ds  received %5.1f fps at %dx%d (frames %d, sent %d)%n",
                        s, fps, current.width(), current.height(), current.frames(), call.framesSent());
                previous = current;
                previousAt = now;
            }
            VideoStats.Snapshot last = stats.snapshot();
            double average = last.fpsSince(first, previousAt, start);
            boolean ok = average >= MIN_FPS && last.width() == WIDTH && last.height() == HEIGHT;
            System.out.printf("  average            %8.1f fps decoded (worst second after the first: %.1f)%n",
                    average, seconds > 1 ? worst : average);
            System.out.println(ok ? "RESULT: OK, the call worked" : "RESULT: FAILED, video below " + MIN_FPS + " fps or wrong size");
            return ok ? 0 : 1;
        } catch (TimeoutException e) {
            System.out.println("RESULT: FAILED, the peers did not connect within "
                    + config.webrtc().connectTimeoutMs() + " ms (is there a non-loopback network interface?)");
            return 1;
        } catch (ExecutionException e) {
            System.out.println("RESULT: FAILED, " + e.getCause());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
