package org.peerstack.bench.recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.peerstack.internal.recorder.Chunk;
import org.peerstack.internal.recorder.RecorderEngine;

/**
 * A long recording fed as fast as possible, chunks (1 s timeslice) streamed to a file: prints RSS
 * every 5 media-minutes. Args: [minutes, default 60] [width, default 640] [height, default 480].
 */
public final class RecorderLongRun {

    private RecorderLongRun() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 640;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 480;
        BenchMedia media = new BenchMedia(width, height);
        Path file = Files.createTempFile("recorder-longrun", ".webm");
        System.out.printf("RecorderLongRun: WebM VP8+Opus %dx%d@30, %d media-minutes to %s, JVM max heap %d MiB, "
                + "recorder.max-queue-bytes %d, load %s%n", width, height, minutes, file,
                Runtime.getRuntime().maxMemory() >> 20, BenchMedia.config().maxQueueBytes(), BenchMedia.load());
        long maxRss = 0;
        long t0 = System.nanoTime();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            BenchMedia.CountingListener sink = new BenchMedia.CountingListener() {
                @Override
                public void onData(Chunk chunk) {
                    try {
                        ByteBuffer b = ByteBuffer.wrap(chunk.data());
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    super.onData(chunk);
                }
            };
            try (RecorderEngine engine = BenchMedia.engine("video/webm;codecs=vp8,opus", sink)) {
                engine.start(1000);
                for (int m = 0; m < minutes; m++) {
                    media.feed(engine, 60, m * 60_000_000_000L);
                    long rss = BenchMedia.rssKib();
                    maxRss = Math.max(maxRss, rss);
                    if ((m + 1) % 5 == 0 || m == 0) {
                        double elapsed = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("media %3d min: RSS %6.1f MiB, file %7.1f MiB, %.2fx realtime, load %s%n",
                                m + 1, rss / 1024.0, sink.bytes / 1048576.0, (m + 1) * 60 / elapsed, BenchMedia.load());
                    }
                }
                engine.stop().get(10, TimeUnit.MINUTES);
            }
            if (sink.error != null) {
                throw sink.error;
            }
        }
        System.out.printf("done: %d media-minutes in %.1f s, max RSS %.1f MiB, file %.1f MiB (%s)%n", minutes,
                (System.nanoTime() - t0) / 1e9, maxRss / 1024.0, Files.size(file) / 1048576.0, file);
        if (!Boolean.getBoolean("keep")) {
            Files.delete(file);
        }
    }
}
