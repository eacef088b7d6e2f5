package org.peerstack.bench.recorder;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.peerstack.internal.recorder.Chunk;
import org.peerstack.internal.recorder.RecorderEngine;

/**
 * Native memory is freed on every path: creates and ends recorders over and over through each ending
 * (stop, close mid-recording, a throwing consumer, an encoder that cannot open, close before start;
 * WebM, MP4 and Ogg) and prints RSS as it goes. A leak shows as RSS climbing with the rounds.
 * Args: [rounds, default 300].
 */
public final class RecorderChurn {

    private RecorderChurn() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        BenchMedia media = new BenchMedia(320, 240);
        System.out.printf("RecorderChurn: %d rounds x 5 endings, 0.5 s of 320x240 + Opus each, load %s%n", rounds,
                BenchMedia.load());
        long firstRss = 0;
        for (int r = 1; r <= rounds; r++) {
            round(media, r);
            if (r == 20) {
                System.gc();
                firstRss = BenchMedia.rssKib();
            }
            if (r % 50 == 0 || r == rounds) {
                System.gc();
                System.out.printf("round %4d: RSS %6.1f MiB, load %s%n", r, BenchMedia.rssKib() / 1024.0, BenchMedia.load());
            }
        }
        System.gc();
        System.out.printf("RSS after round 20: %.1f MiB, after round %d: %.1f MiB%n", firstRss / 1024.0, rounds,
                BenchMedia.rssKib() / 1024.0);
    }

    private static void round(BenchMedia media, int r) throws Exception {
        String[] types = {"video/webm;codecs=vp8,opus", "video/mp4", "video/webm;codecs=vp9,opus"};
        String type = types[r % types.length];
        // 1. normal stop with a timeslice
        try (RecorderEngine e = BenchMedia.engine(type, new BenchMedia.CountingListener())) {
            e.start(200);
            media.feed(e, 0.5, 0);
            e.stop().get(1, TimeUnit.MINUTES);
        }
        // 2. closed mid-recording
        RecorderEngine closing = BenchMedia.engine(type, new BenchMedia.CountingListener());
        closing.start(0);
        media.feed(closing, 0.5, 0);
        closing.close();
        // 3. a consumer that throws on the second chunk
        BenchMedia.CountingListener throwing = new BenchMedia.CountingListener() {
            private int n;

            @Override
            public void onData(Chunk chunk) {
                if (++n == 2) {
                    throw new IllegalStateException("consumer broke");
                }
            }
        };
        try (RecorderEngine e = BenchMedia.engine(type, throwing)) {
            e.start(100);
            media.feed(e, 0.5, 0);
            e.stopped().get(1, TimeUnit.MINUTES);
        }
        // 4. an encoder that cannot open (OpenH264 beyond level 5.2)
        try (RecorderEngine e = BenchMedia.engine("video/mp4", new BenchMedia.CountingListener())) {
            e.start(0);
            ByteBuffer y = ByteBuffer.allocateDirect(4096 * 4096);
            ByteBuffer uv = ByteBuffer.allocateDirect(4096 * 4096 / 4);
            e.pushVideo(y, 4096, uv, 2048, uv, 2048, 4096, 4096, 0);
            e.stopped().get(1, TimeUnit.MINUTES);
        }
        // 5. closed before start, and an audio-only Ogg
        BenchMedia.engine(type, new BenchMedia.CountingListener()).close();
        try (RecorderEngine e = BenchMedia.engine("audio/ogg", new BenchMedia.CountingListener())) {
            e.start(100);
            media.feed(e, 0.5, 0);
            e.stop().get(1, TimeUnit.MINUTES);
        }
    }
}
