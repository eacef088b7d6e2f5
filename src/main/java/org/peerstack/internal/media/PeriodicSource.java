package org.peerstack.internal.media;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.peerstack.media.MediaKind;
import org.peerstack.media.MediaTrackSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local source that produces one frame or audio chunk per tick on a peerstack media thread (a
 * {@link ScheduledExecutorService} owned by {@code MediaDevices}). Ticks of one source never overlap,
 * even across a reschedule; a tick that throws is logged and the source goes on.
 */
abstract class PeriodicSource extends MediaTrackSource {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicSource.class);

    private final ScheduledExecutorService scheduler;
    private final Object timerLock = new Object();
    /** Held during a tick: a reschedule never lets two ticks of one source overlap. */
    private final Object tickLock = new Object();
    private ScheduledFuture<?> timer;
    private boolean stopped;

    PeriodicSource(MediaKind kind, String label, ScheduledExecutorService scheduler) {
        super(kind, label);
        this.scheduler = scheduler;
    }

    /** (Re)starts ticking every {@code periodNs} nanoseconds, the first tick at once. */
    final void schedule(long periodNs) {
        synchronized (timerLock) {
            if (stopped) {
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            timer = scheduler.scheduleAtFixedRate(this::safeTick, 0, Math.max(1, periodNs), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops ticking; a running tick finishes. */
    final void cancel() {
        synchronized (timerLock) {
            stopped = true;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    final boolean isStopped() {
        synchronized (timerLock) {
            return stopped;
        }
    }

    private void safeTick() {
        if (isStopped()) {
            return;
        }
        synchronized (tickLock) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("source '{}' failed to produce media", label(), e);
            }
        }
    }

    /** Produces one frame or chunk; runs on the media thread. */
    abstract void tick();

    @Override
    protected void onStop() {
        cancel();
        released();
    }

    /** Frees what the source allocated, after ticking stopped. */
    void released() {
    }
}
