package org.peerstack.media;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.NotReadableException;
import org.peerstack.exc.OverconstrainedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source of media: a camera, microphone, file, canvas, screen or (in the peer-connection layer) a
 * remote peer. Tracks are views on a source, as in browsers: {@link #createTrack()} and
 * {@link MediaStreamTrack#clone()} attach tracks; the source stops ({@link #onStop()}) when its last
 * track stops; when the source ends by itself it calls {@link #end()} and every live track fires
 * {@code ended} once.
 *
 * <h2>Service provider interface</h2>
 * Subclass it to feed media from elsewhere (the peer-connection layer does this for remote tracks):
 * <ol>
 *   <li>implement {@link #capabilities()}, {@link #defaultSettings()}, {@link #onStart},
 *       {@link #onStop()} and optionally {@link #onReconfigure} and {@link #modes()};</li>
 *   <li>call {@link #start(MediaTrackConstraints)} once, then {@link #createTrack()};</li>
 *   <li>push media with {@link #deliverVideo(VideoFrame)} / {@link #deliverAudio(AudioData)} from one
 *       thread at a time (your capture thread); report {@link #mute()}, {@link #unmute()} and
 *       {@link #end()} from any thread.</li>
 * </ol>
 * Constraints resolve against {@link #capabilities()} with the spec's SelectSettings algorithm. One
 * source has one set of settings: {@code applyConstraints} on any of its tracks reconfigures the source
 * and so changes the settings of its clones too.
 */
public abstract class MediaTrackSource {

    private static final Logger LOG = LoggerFactory.getLogger(MediaTrackSource.class);

    private enum State { NEW, LIVE, ENDED }

    private final MediaKind kind;
    private final String label;
    private final List<MediaStreamTrack> tracks = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private State state = State.NEW;
    private volatile MediaTrackSettings settings;
    private volatile boolean muted;
    private BlackFrames black;

    /**
     * A new source in its initial state: not started, no tracks.
     *
     * @param kind whether the source produces audio or video; fixed
     * @param label the label its tracks report, e.g. a device name; may be empty
     * @throws NullPointerException if an argument is null
     */
    protected MediaTrackSource(MediaKind kind, String label) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.label = Objects.requireNonNull(label, "label");
    }

    /**
     * Whether this source produces audio or video; the {@code kind} of its tracks.
     *
     * @return the kind given at construction
     */
    public final MediaKind kind() {
        return kind;
    }

    /**
     * The label of tracks on this source.
     *
     * @return a device name, or empty; never null
     */
    public final String label() {
        return label;
    }

    /**
     * What this source can do; constraints resolve against it. Called on every {@code select}, from the caller's
     * thread; must not change while the source runs.
     *
     * @return the capabilities; not null
     */
    public abstract MediaTrackCapabilities capabilities();

    /**
     * The settings the source prefers when nothing is constrained (the spec's "UA default"); an {@code ideal}
     * constraint moves away from them only where it says so.
     *
     * @return the default settings; not null
     */
    protected abstract MediaTrackSettings defaultSettings();

    /**
     * Discrete settings the source supports (a camera's modes). SelectSettings then chooses among these instead of
     * any value within {@link #capabilities()}.
     *
     * @return the modes, or an empty list (the default) if any value in range works
     */
    protected List<MediaTrackSettings> modes() {
        return List.of();
    }

    /**
     * Starts producing media with {@code settings}; called once by {@link #start}, on its caller's thread. Start
     * the capture thread here and return; deliver from that thread.
     *
     * @param settings the settings SelectSettings chose
     * @throws Exception to report the source unreadable; {@link #start} rethrows it as {@link NotReadableException}
     */
    protected abstract void onStart(MediaTrackSettings settings) throws Exception;

    /**
     * Switches to new settings while running, for {@code applyConstraints}; called on the caller's thread while the
     * source is live. The default accepts them without doing anything.
     *
     * @param settings the settings SelectSettings chose
     * @throws Exception if the source cannot switch; {@code applyConstraints} then fails with
     *     {@link NotReadableException} (or the exception itself if it is a {@code PeerstackException})
     */
    protected void onReconfigure(MediaTrackSettings settings) throws Exception {
    }

    /** Stops producing and frees native resources; called exactly once, after a successful start. */
    protected abstract void onStop();

    /**
     * The running source found that it works with other settings than the selected ones (a sound
     * server recording at its own rate, say): {@link MediaStreamTrack#getSettings()} reports
     * {@code actual} from now on. Call it from the thread that delivers media.
     *
     * @param actual the settings in effect
     * @throws NullPointerException if {@code actual} is null
     */
    protected final void settingsChanged(MediaTrackSettings actual) {
        settings = Objects.requireNonNull(actual, "actual");
    }

    /**
     * The current settings: those selected by {@link #start} or {@code applyConstraints}, or reported by
     * {@link #settingsChanged}.
     *
     * @return the settings, or null before {@link #start}
     */
    public final MediaTrackSettings settings() {
        return settings;
    }

    /**
     * Whether the source is muted: between {@link #mute()} and {@link #unmute()}.
     *
     * @return true while it cannot provide media
     */
    public final boolean isMuted() {
        return muted;
    }

    /**
     * Whether the source has stopped (its last track stopped) or ended by itself; final.
     *
     * @return true once stopped or ended
     */
    public final boolean isEnded() {
        synchronized (lock) {
            return state == State.ENDED;
        }
    }

    /**
     * Runs SelectSettings for {@code constraints} against this source, without changing anything
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dfn-selectsettings">spec</a>).
     *
     * @param constraints the constraints; properties of the other kind are ignored
     * @return the settings that satisfy them with the smallest fitness distance
     * @throws NullPointerException if {@code constraints} is null
     * @throws OverconstrainedException naming the failing constraint
     */
    public final MediaTrackSettings select(MediaTrackConstraints constraints) {
        SelectSettings.Result r = trySelect(constraints);
        if (!r.ok()) {
            throw new OverconstrainedException(r.failedConstraint(), "no setting of '" + label
                    + "' satisfies the constraint '" + r.failedConstraint() + "' in " + constraints);
        }
        return r.settings();
    }

    final SelectSettings.Result trySelect(MediaTrackConstraints constraints) {
        return SelectSettings.select(kind, capabilities(), defaultSettings(), modes(),
                Objects.requireNonNull(constraints, "constraints"));
    }

    /**
     * Selects settings for {@code constraints} and starts the source ({@link #onStart} runs on this thread). Call
     * it once, then {@link #createTrack()}.
     *
     * @param constraints the constraints, e.g. those given to {@code getUserMedia}
     * @return the selected settings
     * @throws OverconstrainedException if the constraints cannot be satisfied
     * @throws NotReadableException     if the source fails to start
     * @throws InvalidStateException    if already started
     */
    public final MediaTrackSettings start(MediaTrackConstraints constraints) {
        MediaTrackSettings selected = select(constraints);
        synchronized (lock) {
            if (state != State.NEW) {
                throw new InvalidStateException("source '" + label + "' was already started");
            }
            state = State.LIVE;
            settings = selected;
        }
        try {
            onStart(selected);
        } catch (Exception | LinkageError e) {
            synchronized (lock) {
                state = State.ENDED;
            }
            throw new NotReadableException("source '" + label + "' could not start: " + e.getMessage(), e);
        }
        return selected;
    }

    /**
     * A new live track on this started source, with empty constraints; stopping its last track stops the source.
     *
     * @return the track
     * @throws InvalidStateException if the source was not started or has ended
     */
    public final MediaStreamTrack createTrack() {
        return createTrack(MediaTrackConstraints.empty());
    }

    final MediaStreamTrack createTrack(MediaTrackConstraints constraints) {
        MediaStreamTrack track = newTrack(constraints);
        attach(track);
        return track;
    }

    /** Creates the track object; canvas sources return their own track type. */
    MediaStreamTrack newTrack(MediaTrackConstraints constraints) {
        return new MediaStreamTrack(this, constraints);
    }

    void attach(MediaStreamTrack track) {
        synchronized (lock) {
            if (state != State.LIVE) {
                throw new InvalidStateException("source '" + label + "' is " + (state == State.NEW ? "not started"
                        : "ended"));
            }
            tracks.add(track);
        }
    }

    /** Called by a track's stop(): the last detach stops the source. */
    void detach(MediaStreamTrack track) {
        boolean stop;
        synchronized (lock) {
            if (!tracks.remove(track)) {
                return;
            }
            stop = tracks.isEmpty() && state == State.LIVE;
            if (stop) {
                state = State.ENDED;
            }
        }
        if (stop) {
            stopNow();
        }
    }

    void reconfigure(MediaTrackSettings next) throws Exception {
        synchronized (lock) {
            if (state != State.LIVE) {
                throw new InvalidStateException("source '" + label + "' has ended");
            }
        }
        onReconfigure(next);
        settings = next;
    }

    /**
     * Hands {@code frame} to every live track's sinks (black for disabled tracks), synchronously on the calling
     * thread. Call from one thread at a time.
     *
     * @param frame the frame; it stays yours: release it after this returns
     */
    protected final void deliverVideo(VideoFrame frame) {
        for (MediaStreamTrack track : tracks) {
            track.deliverVideo(frame, this);
        }
    }

    /**
     * Hands {@code data} to every live track's sinks (silence for disabled tracks), synchronously on the calling
     * thread. Call from one thread at a time.
     *
     * @param data the audio chunk, normally {@value AudioData#CHUNK_MS} ms
     */
    protected final void deliverAudio(AudioData data) {
        AudioData silence = null;
        for (MediaStreamTrack track : tracks) {
            if (!track.isEnabled() && silence == null) {
                silence = AudioData.silence(data.frameCount(), data.sampleRate(), data.channelCount(),
                        data.timestampUs());
            }
            track.deliverAudio(data, silence);
        }
    }

    /**
     * Whether some live track has a sink, so a source can skip producing media nobody reads.
     *
     * @return true if at least one sink is attached
     */
    protected final boolean hasSinks() {
        for (MediaStreamTrack track : tracks) {
            if (track.hasSinks()) {
                return true;
            }
        }
        return false;
    }

    /** A black frame of the given size with the given timestamp; release it after use. */
    final VideoFrame blackFrame(int width, int height, long timestampNs) {
        synchronized (lock) {
            if (black == null || black.width != width || black.height != height) {
                if (black != null) {
                    black.frame.release();
                }
                black = new BlackFrames(width, height);
            }
            return black.frame.withTimestamp(timestampNs);
        }
    }

    /** The source cannot deliver media for now: live tracks become muted and fire {@code mute}. */
    protected final void mute() {
        if (!muted) {
            muted = true;
            tracks.forEach(t -> t.fireMuteChange(true));
        }
    }

    /** The source delivers media again: live tracks fire {@code unmute}. */
    protected final void unmute() {
        if (muted) {
            muted = false;
            tracks.forEach(t -> t.fireMuteChange(false));
        }
    }

    /**
     * The source ended by itself (end of file, device gone, remote track ended): every live track ends
     * and fires {@code ended} once, then {@link #onStop()} runs. Later calls do nothing.
     */
    protected final void end() {
        List<MediaStreamTrack> ended;
        synchronized (lock) {
            if (state != State.LIVE) {
                return;
            }
            state = State.ENDED;
            ended = List.copyOf(tracks);
            tracks.clear();
        }
        ended.forEach(MediaStreamTrack::endFromSource);
        stopNow();
    }

    private void stopNow() {
        try {
            onStop();
        } catch (RuntimeException e) {
            LOG.warn("source '{}' failed to stop cleanly", label, e);
        } finally {
            synchronized (lock) {
                if (black != null) {
                    black.frame.release();
                    black = null;
                }
            }
        }
    }

    /** Live tracks attached to this source. */
    final List<MediaStreamTrack> tracks() {
        return List.copyOf(tracks);
    }

    /** A black I420 frame kept by the source and shared by all disabled tracks. */
    private static final class BlackFrames {
        final int width;
        final int height;
        final VideoFrame frame;

        BlackFrames(int width, int height) {
            this.width = width;
            this.height = height;
            this.frame = VideoFrame.allocate(width, height, 0);
            fill(frame.writableY(), (byte) 16);
            fill(frame.writableU(), (byte) 128);
            fill(frame.writableV(), (byte) 128);
        }

        private static void fill(java.nio.ByteBuffer plane, byte value) {
            byte[] row = new byte[Math.min(plane.capacity(), 4096)];
            java.util.Arrays.fill(row, value);
            java.nio.ByteBuffer b = plane.duplicate().clear();
            while (b.hasRemaining()) {
                b.put(row, 0, Math.min(row.length, b.remaining()));
            }
        }
    }
}
