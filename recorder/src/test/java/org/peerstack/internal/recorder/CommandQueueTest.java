package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandQueueTest {

    private static Command.Audio audio(int samples) {
        return new Command.Audio(new PcmChunk(new short[samples], 48_000, 1, 0));
    }

    @Test
    void mediaIsRefusedBeyondTheByteLimitButControlCommandsAlwaysGetIn() throws Exception {
        CommandQueue q = new CommandQueue(4_000, 100);
        assertThat(q.offerMedia(audio(1_000), 0)).isTrue();
        assertThat(q.offerMedia(audio(1_000), 0)).isTrue();
        assertThat(q.offerMedia(audio(1_000), 0)).as("6,000 bytes > 4,000").isFalse();
        q.putControl(new Command.RequestData());
        assertThat(q.queuedBytes()).isEqualTo(4_000);
        assertThat(q.poll(0)).isInstanceOf(Command.Audio.class);
        assertThat(q.poll(0)).isInstanceOf(Command.Audio.class);
        assertThat(q.poll(0)).isInstanceOf(Command.RequestData.class);
        assertThat(q.poll(0)).isNull();
        assertThat(q.queuedBytes()).isZero();
    }

    @Test
    void mediaIsRefusedBeyondTheItemLimit() throws Exception {
        CommandQueue q = new CommandQueue(1 << 20, 2);
        assertThat(q.offerMedia(audio(10), 0)).isTrue();
        assertThat(q.offerMedia(audio(10), 0)).isTrue();
        assertThat(q.offerMedia(audio(10), 0)).isFalse();
    }

    @Test
    void oneItemLargerThanTheLimitStillGetsIntoAnEmptyQueue() throws Exception {
        CommandQueue q = new CommandQueue(100, 10);
        assertThat(q.offerMedia(audio(1_000), 0)).isTrue();
        assertThat(q.offerMedia(audio(1), 0)).isFalse();
    }

    @Test
    void aWaitingProducerGetsInOnceTheQueueIsHalfEmpty() throws Exception {
        CommandQueue q = new CommandQueue(1 << 20, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(q.offerMedia(audio(10), 0)).isTrue();
        }
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return q.offerMedia(audio(10), TimeUnit.SECONDS.toNanos(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        q.poll(0);
        q.poll(0);
        assertThat(waiting.get(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingReleasesAWaitingProducerWithARefusal() throws Exception {
        CommandQueue q = new CommandQueue(1 << 20, 1);
        assertThat(q.offerMedia(audio(10), 0)).isTrue();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return q.offerMedia(audio(10), TimeUnit.SECONDS.toNanos(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        q.close();
        assertThat(waiting.get(60, TimeUnit.SECONDS)).isFalse();
        assertThat(q.poll(0)).as("what was queued stays for the worker").isInstanceOf(Command.Audio.class);
    }

    @Test
    void theFramePoolHandsBackArraysOfTheLatestSizeOnly() {
        BufferPool pool = new BufferPool();
        byte[] a = pool.take(100);
        pool.give(a);
        assertThat(pool.take(100)).isSameAs(a);
        assertThat(pool.take(100)).isNotSameAs(a).hasSize(100);
        pool.give(a);
        byte[] b = new byte[50];
        pool.give(b);
        assertThat(pool.take(100)).as("the size changed to 50").isNotSameAs(a);
        assertThat(pool.take(50)).isSameAs(b);
        java.util.Set<byte[]> given = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < BufferPool.MAX_IDLE + 5; i++) {
            byte[] g = new byte[50];
            given.add(g);
            pool.give(g);
        }
        int reused = 0;
        for (int i = 0; i < BufferPool.MAX_IDLE + 5; i++) {
            reused += given.contains(pool.take(50)) ? 1 : 0;
        }
        assertThat(reused).as("at most MAX_IDLE arrays are kept").isEqualTo(BufferPool.MAX_IDLE);
    }
}
