package org.peerstack.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.event.EventLoop;
import org.peerstack.media.MediaDevices;
import org.peerstack.media.MediaStream;
import org.peerstack.media.MediaStreamTrack;

/** A recorder runs its track check, its clock and its events on what {@link RecorderRuntime} gives it. */
@Timeout(60)
class RecorderRuntimeTest {

    private static MediaDevices devices;

    @BeforeAll
    static void devices() {
        devices = Recorded.devices();
    }

    @AfterAll
    static void close() {
        devices.close();
    }

    /** A scheduler that counts the periodic tasks it runs. */
    private static final class CountingScheduler extends ScheduledThreadPoolExecutor {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch twoRuns = new CountDownLatch(2);

        CountingScheduler() {
            super(1, r -> {
                Thread t = new Thread(r, "test-monitor");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return super.scheduleWithFixedDelay(() -> {
                runs.incrementAndGet();
                command.run();
                twoRuns.countDown();
            }, initialDelay, delay, unit);
        }
    }

    @Test
    void theCheckTheClockAndTheEventsUseTheInjectedRuntime() throws Exception {
        CountingScheduler scheduler = new CountingScheduler();
        ExecutorService eventThreads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-recorder-event");
            t.setDaemon(true);
            return t;
        });
        AtomicLong clockReads = new AtomicLong();
        RecorderRuntime runtime = RecorderRuntime.newBuilder()
                .scheduler(scheduler)
                .nanoClock(() -> {
                    clockReads.incrementAndGet();
                    return System.nanoTime();
                })
                .eventLoop(EventLoop.create(eventThreads))
                .build();
        MediaStream stream = Recorded.capture(devices, false, true);
        CompletableFuture<String> stopped = new CompletableFuture<>();
        try (MediaRecorder recorder = new MediaRecorder(stream, MediaRecorderOptions.defaults(), Recorded.RECORDER, runtime)) {
            recorder.addEventListener(MediaRecorder.STOP, e -> stopped.complete(Thread.currentThread().getName()));
            recorder.start(0);
            assertThat(scheduler.twoRuns.await(20, TimeUnit.SECONDS)).as("track checks run on the injected scheduler").isTrue();
            // start() and every arriving frame read the clock.
            assertThat(clockReads.get()).as("arrivals stamped with the injected clock").isPositive();
            // Ending every track ends the recording: found by the check, on the injected scheduler.
            stream.getTracks().forEach(MediaStreamTrack::stop);
            assertThat(stopped.get(20, TimeUnit.SECONDS)).isEqualTo("test-recorder-event");
            assertThat(recorder.state()).isEqualTo(RecordingState.INACTIVE);
        } finally {
            stream.getTracks().forEach(MediaStreamTrack::stop);
            scheduler.shutdownNow();
            eventThreads.shutdownNow();
        }
    }
}
