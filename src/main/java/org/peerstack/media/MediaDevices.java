package org.peerstack.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.event.Event;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.NotFoundException;
import org.peerstack.exc.OverconstrainedException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.exc.TypeException;
import org.peerstack.internal.media.CaptureDevice;
import org.peerstack.internal.media.DeviceRegistry;
import org.peerstack.internal.media.DisplayCapture;

/**
 * W3C {@code MediaDevices}: lists devices and opens them ({@code navigator.mediaDevices} in a browser).
 * <pre>{@code
 * try (MediaDevices devices = MediaDevices.create(PeerstackConfig.load())) {
 *     MediaStream stream = devices.getUserMedia(MediaStreamConstraints.of(true, true)).join();
 *     stream.getVideoTracks().get(0).addSink(frame -> System.out.println(frame));
 * }
 * }</pre>
 *
 * <p>Which devices exist depends on the configuration ({@code media:} in {@code peerstack.yaml}): with
 * {@code fake-devices: true} a fake microphone and camera, otherwise native cameras (webrtc-java, V4L2)
 * and microphones (only when a PulseAudio server is reachable); file devices come first when configured.
 *
 * <p><b>Threads:</b> the media threads ({@code peerstack-media-N}, {@link #MEDIA_THREADS} of them) run the
 * local sources and call sinks; a control thread runs device enumeration and {@code getUserMedia}, so
 * futures complete there. {@link #close()} ends every source opened here (their tracks fire
 * {@code ended}) and stops these threads; later calls fail with {@link InvalidStateException}.
 * Legacy {@code NavigatorUserMedia}/{@code NavigatorUserMediaError} callbacks are not provided: the
 * futures and typed exceptions replace them.
 */
public final class MediaDevices implements EventTarget, AutoCloseable {

    /** The set of devices changed. */
    public static final EventType<Event> DEVICE_CHANGE = EventType.of("devicechange", Event.class);
    /** Threads running local sources. */
    public static final int MEDIA_THREADS = 2;

    private final DeviceRegistry registry;
    private final Map<String, String> environment;
    private final ScheduledThreadPoolExecutor media;
    private final ExecutorService control;
    private final EventDispatcher events = new EventDispatcher();
    private final Set<MediaTrackSource> sources = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Device ids at the last poll; only touched on the control thread. */
    private List<String> lastDeviceIds;

    private MediaDevices(PeerstackConfig config, Map<String, String> environment) {
        AtomicInteger n = new AtomicInteger();
        this.media = new ScheduledThreadPoolExecutor(MEDIA_THREADS, r -> daemon(r, "peerstack-media-" + n.incrementAndGet()));
        this.media.setRemoveOnCancelPolicy(true);
        this.control = Executors.newSingleThreadExecutor(r -> daemon(r, "peerstack-media-control"));
        this.environment = Map.copyOf(environment);
        this.registry = new DeviceRegistry(config.media(), media, environment);
        long poll = config.media().devicePollMs();
        media.scheduleWithFixedDelay(() -> onControl(this::pollDevices), poll, poll, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Devices as configured by {@code config.media()}, with this process's environment. Starts the media and
     * control threads: {@link #close()} it.
     *
     * @param config the configuration; its {@code media:} section chooses fake, file or native devices
     * @return the new instance
     * @throws NullPointerException if {@code config} is null
     */
    public static MediaDevices create(PeerstackConfig config) {
        return create(config, System.getenv());
    }

    /**
     * As {@link #create(PeerstackConfig)} with an explicit environment, which is probed for {@code DISPLAY} (screen
     * capture) and {@code PULSE_SERVER} (microphones) instead of the process's.
     *
     * @param config the configuration
     * @param environment stand-in for {@code System.getenv()}; copied
     * @return the new instance
     * @throws NullPointerException if an argument is null
     */
    public static MediaDevices create(PeerstackConfig config, Map<String, String> environment) {
        return new MediaDevices(Objects.requireNonNull(config, "config"), Objects.requireNonNull(environment, "env"));
    }

    /**
     * W3C {@code enumerateDevices()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediadevices-enumeratedevices">spec</a>): the
     * devices now, as new objects each call. Enumeration runs on the control thread (native probes are bounded by
     * {@code media.native-probe-timeout-ms}).
     *
     * @return completes with an immutable list of {@link InputDeviceInfo}s (cameras and microphones, with
     *     capabilities); fails with {@link InvalidStateException} after {@link #close()}
     */
    public CompletableFuture<List<MediaDeviceInfo>> enumerateDevices() {
        return async(() -> {
            List<MediaDeviceInfo> out = new ArrayList<>();
            for (CaptureDevice d : registry.devices()) {
                out.add(new InputDeviceInfo(d.deviceId(), d.kind(), d.label(), d.groupId(), d.capabilities()));
            }
            return List.copyOf(out);
        });
    }

    /**
     * W3C {@code getSupportedConstraints()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediadevices-getsupportedconstraints">spec</a>).
     *
     * @return the constrainable properties peerstack understands (all of the spec's)
     */
    public MediaTrackSupportedConstraints getSupportedConstraints() {
        return MediaTrackSupportedConstraints.ALL;
    }

    /**
     * Opens the best-fitting device of each requested kind (SelectSettings fitness over all devices) and returns a
     * stream with its audio track, then its video track. Fails with {@link TypeException} when nothing is
     * requested, {@link NotFoundException} when no device of a kind exists, {@link OverconstrainedException} when
     * no device satisfies the required constraints, {@code NotReadableException} when a device fails to start,
     * {@link InvalidStateException} after {@link #close()} (W3C {@code getUserMedia()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediadevices-getusermedia">spec</a>)). If one kind
     * fails, the track already opened for the other is stopped.
     *
     * @param constraints what to open: {@code audio} and/or {@code video} with their constraints
     * @return completes on the control thread with the new stream
     */
    public CompletableFuture<MediaStream> getUserMedia(MediaStreamConstraints constraints) {
        if (constraints == null || (constraints.audio().isEmpty() && constraints.video().isEmpty())) {
            return CompletableFuture.failedFuture(new TypeException(
                    "getUserMedia needs audio or video to be requested (got " + constraints + ")"));
        }
        return async(() -> {
            List<CaptureDevice> devices = registry.devices();
            List<MediaStreamTrack> tracks = new ArrayList<>();
            try {
                if (constraints.audio().isPresent()) {
                    tracks.add(open(devices, MediaDeviceKind.AUDIO_INPUT, constraints.audio().get()));
                }
                if (constraints.video().isPresent()) {
                    tracks.add(open(devices, MediaDeviceKind.VIDEO_INPUT, constraints.video().get()));
                }
            } catch (RuntimeException e) {
                tracks.forEach(MediaStreamTrack::stop);
                throw e;
            }
            return new MediaStream(tracks);
        });
    }

    private MediaStreamTrack open(List<CaptureDevice> devices, MediaDeviceKind kind, MediaTrackConstraints c) {
        MediaTrackSource best = null;
        double bestFitness = Double.POSITIVE_INFINITY;
        String failed = null;
        for (CaptureDevice d : devices) {
            if (d.kind() != kind) {
                continue;
            }
            MediaTrackSource source = d.open();
            SelectSettings.Result r = source.trySelect(c);
            if (r.ok() && r.fitness() < bestFitness) {
                best = source;
                bestFitness = r.fitness();
            } else if (!r.ok() && failed == null) {
                failed = r.failedConstraint();
            }
        }
        if (best == null) {
            if (failed == null) {
                throw new NotFoundException("no " + kind.token() + " device"
                        + registry.fileProblem(kind).map(p -> " (" + p + ")").orElse("")
                        + (registry.config().fakeDevices() ? "" : " (set media.fake-devices: true for fake ones)"));
            }
            throw new OverconstrainedException(failed, "no " + kind.token() + " device satisfies '" + failed
                    + "' in " + c);
        }
        return startTrack(best, c);
    }

    private MediaStreamTrack startTrack(MediaTrackSource source, MediaTrackConstraints c) {
        synchronized (sources) {
            if (closed) {
                throw new InvalidStateException("MediaDevices is closed");
            }
            sources.removeIf(MediaTrackSource::isEnded);
            source.start(c);
            sources.add(source);
        }
        return source.createTrack(c);
    }

    /**
     * Captures the screen (W3C {@code getDisplayMedia()}): video only, from the first screen, at up to
     * {@link DisplayCapture#MAX_FRAME_RATE} fps. Fails with {@code NotAllowedException} when
     * {@code media.screen-capture} is false and {@link NotFoundException} when no X display is reachable (libwebrtc
     * would crash the JVM without one). See
     * <a href="https://www.w3.org/TR/screen-capture/#dom-mediadevices-getdisplaymedia">Screen Capture</a>.
     *
     * @return completes with a stream holding one video track; fails as described, or with
     *     {@link InvalidStateException} after {@link #close()}
     */
    public CompletableFuture<MediaStream> getDisplayMedia() {
        return getDisplayMedia(MediaTrackConstraints.empty());
    }

    /**
     * {@link #getDisplayMedia()} with video constraints (e.g. {@code frameRate}).
     *
     * @param video constraints for the screen track
     * @return as {@link #getDisplayMedia()}; also fails with {@link TypeException} if {@code video} is null and
     *     {@link OverconstrainedException} if the constraints cannot be met
     */
    public CompletableFuture<MediaStream> getDisplayMedia(MediaTrackConstraints video) {
        if (video == null) {
            return CompletableFuture.failedFuture(new TypeException("video constraints must not be null"));
        }
        return async(() -> {
            MediaTrackSource source = DisplayCapture.open(registry.config(), environment, media);
            return new MediaStream(List.of(startTrack(source, video)));
        });
    }

    /**
     * Registers a listener. For {@link #DEVICE_CHANGE}, the device list is re-read every
     * {@code media.device-poll-ms} while a listener is registered; calls made after this one (e.g.
     * {@code enumerateDevices()}) see the list that later changes are compared with.
     */
    @Override
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
        if (type == DEVICE_CHANGE) {
            onControl(this::pollDevices);
        }
    }

    /** Unregisters a listener; with no {@link #DEVICE_CHANGE} listener left, device changes are not tracked. */
    @Override
    public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    private void onControl(Runnable task) {
        if (!closed) {
            try {
                control.execute(task);
            } catch (RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** Runs on the control thread: compares the device ids with the last poll and fires on a change. */
    private void pollDevices() {
        if (!events.hasListeners(DEVICE_CHANGE)) {
            lastDeviceIds = null;
            return;
        }
        List<String> ids = registry.devices().stream().map(d -> d.kind().token() + ":" + d.deviceId()).toList();
        if (lastDeviceIds != null && !ids.equals(lastDeviceIds)) {
            events.dispatch(new Event(DEVICE_CHANGE, this));
        }
        lastDeviceIds = ids;
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new InvalidStateException("MediaDevices is closed"));
        }
        try {
            return CompletableFuture.supplyAsync(work, control);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new InvalidStateException("MediaDevices is closed"));
        }
    }

    /** Ends every source opened here (their tracks fire {@code ended}) and stops the threads. Idempotent. */
    @Override
    public void close() {
        List<MediaTrackSource> toEnd;
        synchronized (sources) {
            if (closed) {
                return;
            }
            closed = true;
            toEnd = List.copyOf(sources);
            sources.clear();
        }
        toEnd.forEach(MediaTrackSource::end);
        registry.close();
        control.shutdown();
        media.shutdown();
        try {
            if (!media.awaitTermination(5, TimeUnit.SECONDS)) {
                media.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
