package org.peerstack.bench.sfu;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.peerstack.bench.rtc.ProcessStats;
import org.peerstack.sfu.internal.dtls.DtlsCertificate;

/**
 * The SfuFanout load client: N {@link LoadSubscriber}s on one event loop thread, each with its own UDP
 * socket, measured together over a window.
 */
public final class LoadClient {

    /** Subscribers connecting at once while growing. */
    static final int CONNECT_BATCH = 25;
    /** SO_RCVBUF of each load subscriber's socket. */
    static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    private final FanoutTarget target;
    private final DtlsCertificate certificate;
    private final ExecutorService dtls;
    private final EventLoopGroup loop;
    private final InetSocketAddress bind;
    private final SecureRandom random = new SecureRandom();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final List<LoadSubscriber> subscribers = new ArrayList<>();

    /** What one measured window saw. */
    public record Window(double fpsMin, double fpsMedian, double loss, double microsPerPacket, double forwarderCores,
            double processCores, double delayP50, double delayP99, double ownDelayP50, double ownDelayP99, double ownCpuP50, double ownCpuP99) {
    }

    public LoadClient(FanoutTarget target, DtlsCertificate certificate, ExecutorService dtls, EventLoopGroup loop, InetSocketAddress bind) {
        this.target = target;
        this.certificate = certificate;
        this.dtls = dtls;
        this.loop = loop;
        this.bind = bind;
    }

    /** Adds subscribers until there are {@code n}, {@link #CONNECT_BATCH} connecting at a time. */
    public void grow(int n) throws Exception {
        while (subscribers.size() < n) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (int i = 0; i < CONNECT_BATCH && subscribers.size() < n; i++) {
                LoadSubscriber s = new LoadSubscriber(target.subscribe(), target.absSendTimeId(), certificate, dtls, latency, random);
                // 1 MiB receive buffers: a load-client thread that the busy machine descheduled for a moment must
                // not turn into packet loss charged to the forwarder
                Channel ch = new Bootstrap().group(loop).channel(EpollDatagramChannel.class)
                        .option(io.netty.channel.ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                        .handler(s).bind(bind).sync().channel();
                batch.add(s.connect(ch));
                subscribers.add(s);
            }
            try {
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                long stuck = subscribers.stream().filter(x -> !x.isConnected()).count();
                throw new IllegalStateException(stuck + " load subscribers did not connect within 60 s ("
                        + subscribers.stream().filter(x -> !x.isConnected()).map(LoadSubscriber::stage).distinct().toList() + ")", e);
            }
        }
    }

    /** Measures every subscriber over {@code seconds}. */
    public Window measure(int seconds) throws Exception {
        int n = subscribers.size();
        long[] frames0 = new long[n];
        long[][] counts0 = new long[n][];
        snapshot(frames0, counts0);
        loop.next().submit(latency::reset).get(10, TimeUnit.SECONDS);
        target.resetOwnDelay();
        long cpu0 = target.cpuNanos();
        long fwd0 = target.forwarded();
        long proc0 = ProcessStats.cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long elapsed = System.nanoTime() - t0;
        long cpu = target.cpuNanos() - cpu0;
        long fwd = target.forwarded() - fwd0;
        long proc = ProcessStats.cpuNanos() - proc0;
        double[] own = target.ownDelayMillis();
        long[] frames1 = new long[n];
        long[][] counts1 = new long[n][];
        snapshot(frames1, counts1);
        double[] fps = new double[n];
        long expected = 0;
        long received = 0;
        for (int i = 0; i < n; i++) {
            fps[i] = (frames1[i] - frames0[i]) * 1e9 / elapsed;
            expected += counts1[i][0] - counts0[i][0];
            received += counts1[i][1] - counts0[i][1];
        }
        Arrays.sort(fps);
        double loss = expected <= 0 ? 1 : Math.max(0, (double) (expected - received) / expected);
        double[] delay = loop.next().submit(() -> new double[] {latency.percentileMillis(50), latency.percentileMillis(99)})
                .get(10, TimeUnit.SECONDS);
        return new Window(fps[0], fps[n / 2], loss, fwd == 0 ? Double.NaN : cpu / 1000.0 / fwd, (double) cpu / elapsed,
                (double) proc / elapsed, delay[0], delay[1], own[0], own[1], own[2], own[3]);
    }

    /** Reads counters on the event loop (they are written there). */
    private void snapshot(long[] frames, long[][] counts) throws Exception {
        loop.next().submit(() -> {
            for (int i = 0; i < subscribers.size(); i++) {
                frames[i] = subscribers.get(i).frames;
                counts[i] = subscribers.get(i).expectedAndReceived();
            }
        }).get(10, TimeUnit.SECONDS);
    }

    public void close() {
        subscribers.forEach(LoadSubscriber::close);
    }
}
