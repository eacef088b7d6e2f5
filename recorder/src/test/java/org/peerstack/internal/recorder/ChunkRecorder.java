package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.peerstack.exc.PeerstackException;

/**
 * A {@link RecorderListener} that turns every callback into a value in a queue (like OkHttp's
 * WebSocketRecorder): tests take events in order with generous timeouts and end with
 * {@link #assertExhausted()}.
 */
final class ChunkRecorder implements RecorderListener {

    /** Generous: the machine is shared and loaded. */
    static final long TIMEOUT_SECONDS = 60;

    record Start(String mimeType) {
    }

    record Error(PeerstackException error) {
    }

    record Stop(RecorderStats stats) {
    }

    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<Chunk> chunks = new ArrayList<>();
    volatile RuntimeException throwOnData;
    volatile int throwAfterChunks = Integer.MAX_VALUE;

    @Override
    public void onStart(String mimeType) {
        events.add(new Start(mimeType));
    }

    @Override
    public void onData(Chunk chunk) {
        synchronized (chunks) {
            if (throwOnData != null && chunks.size() >= throwAfterChunks) {
                throw throwOnData;
            }
            chunks.add(chunk);
        }
        events.add(chunk);
    }

    @Override
    public void onError(PeerstackException error) {
        events.add(new Error(error));
    }

    @Override
    public void onStop(RecorderStats stats) {
        events.add(new Stop(stats));
    }

    Object next() {
        try {
            Object e = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (e == null) {
                fail("no recorder event within " + TIMEOUT_SECONDS + " s");
            }
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    <T> T next(Class<T> type) {
        Object e = next();
        assertThat(e).as("next recorder event").isInstanceOf(type);
        return type.cast(e);
    }

    /** Takes events until the stop, returning the chunks seen on the way (errors fail the test). */
    List<Chunk> chunksUntilStop() {
        List<Chunk> out = new ArrayList<>();
        while (true) {
            Object e = next();
            if (e instanceof Chunk c) {
                out.add(c);
            } else if (e instanceof Stop) {
                return out;
            } else if (e instanceof Error err) {
                throw new AssertionError("unexpected recorder error", err.error());
            } else {
                fail("unexpected event " + e);
            }
        }
    }

    void assertExhausted() {
        assertThat(events).as("leftover recorder events").isEmpty();
    }

    static byte[] concat(List<Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(c -> out.writeBytes(c.data()));
        return out.toByteArray();
    }

    static Path write(Path dir, String name, byte[] data) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, data);
        return file;
    }
}
