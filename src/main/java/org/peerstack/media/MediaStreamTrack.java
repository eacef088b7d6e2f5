package org.peerstack.media;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.peerstack.event.Event;
import org.peerstack.event.EventDispatcher;
import org.peerstack.event.EventListener;
import org.peerstack.event.EventTarget;
import org.peerstack.event.EventType;
import org.peerstack.exc.InvalidStateException;
import org.peerstack.exc.OverconstrainedException;
import org.peerstack.exc.PeerstackException;
import org.peerstack.exc.TypeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W3C {@code MediaStreamTrack}: one audio or video track, a view on a {@link MediaTrackSource}.
 *
 * <ul>
 *   <li>{@link #stop()} ends the track at once and fires no {@code ended}; the source stops when its last
 *       track stops. {@link #ENDED} fires only when the source ends by itself (end of file, device
 *       gone, remote end), exactly once.</li>
 *   <li>{@link #clone()} gives a new track on the same source with its own id, lifetime and enabled
 *       flag.</li>
 *   <li>A disabled track ({@link #setEnabled(boolean) setEnabled(false)}) hands black frames / silence
 *       to its sinks; other tracks of the source are unaffected.</li>
 *   <li>Sinks ({@link #addSink(VideoSink)}, {@link #addSink(AudioSink)}) receive raw I420 frames / PCM
 *       on the source's thread; see {@link VideoSink} for the frame lifetime and threading rules.</li>
 *   <li>Events ({@link #ENDED}, {@link #MUTE}, {@link #UNMUTE}) follow the {@code org.peerstack.event}
 *       contract: delivered on a peerstack event thread, in order per track.</li>
 * </ul>
 * Calls after {@code stop()}: {@code stop()}, {@code setEnabled}, sink changes are no-ops;
 * {@link #applyConstraints} fails with {@link InvalidStateException}; {@code clone()} returns an ended
 * track, as the spec says.
 */
public class MediaStreamTrack implements EventTarget {

    /** The source ended by itself (not fired on {@link #stop()}). */
    public static final EventType<Event> ENDED = EventType.of("ended", Event.class);
    /** The source cannot provide media for now. */
    public static final EventType<Event> MUTE = EventType.of("mute", Event.class);
    /** The source provides media again. */
    public static final EventType<Event> UNMUTE = EventType.of("unmute", Event.class);

    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamTrack.class);

    private final String id = UUID.randomUUID().toString();
    private final MediaTrackSource source;
    private final EventDispatcher events = new EventDispatcher();
    private final List<VideoSink> videoSinks = new CopyOnWriteArrayList<>();
    private final List<AudioSink> audioSinks = new CopyOnWriteArrayList<>();
    private final List<MediaStream> streams = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean enabled = true;
    private volatile MediaStreamTrackState readyState = MediaStreamTrackState.LIVE;
    private volatile MediaTrackConstraints constraints;

    MediaStreamTrack(MediaTrackSource source, MediaTrackConstraints constraints) {
        this.source = Objects.requireNonNull(source, "source");
        this.constraints = Objects.requireNonNull(constraints, "constraints");
    }

    /**
     * W3C {@code kind} (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-kind">spec</a>):
     * whether this is an audio or a video track; fixed for the track's lifetime.
     *
     * @return {@link MediaKind#AUDIO} or {@link MediaKind#VIDEO}
     */
    public MediaKind kind() {
        return source.kind();
    }

    /**
     * W3C {@code id} (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-id">spec</a>): a
     * random UUID string made when the track is created; a {@link #clone()} gets a new one.
     *
     * @return the id, e.g. {@code "0f8fad5b-d9cb-469f-a165-70867728950e"}
     */
    public String id() {
        return id;
    }

    /**
     * W3C {@code label}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-label">spec</a>): the name of the
     * device or source.
     *
     * @return the label, e.g. {@code "Fake camera"}; may be empty, never null
     */
    public String label() {
        return source.label();
    }

    /**
     * W3C {@code enabled}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-enabled">spec</a>): whether sinks
     * get the source's media (true) or black frames / silence (false). True for a new track.
     *
     * @return the enabled flag
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets W3C {@code enabled}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-enabled">spec</a>): a disabled
     * video track gives black frames, a disabled audio track silence, to its sinks (and so to a peer connection or
     * recorder). Other tracks on the same source are unaffected. Takes effect from the next frame; any thread.
     *
     * @param enabled false to black out / silence this track
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * W3C {@code muted}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-muted">spec</a>): whether the
     * source cannot provide media for now (e.g. a remote track nothing arrives on). Not under the application's
     * control; see {@link #MUTE}.
     *
     * @return true while live and the source is muted; false once ended
     */
    public boolean isMuted() {
        return readyState == MediaStreamTrackState.LIVE && source.isMuted();
    }

    /**
     * W3C {@code readyState}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-readystate">spec</a>).
     *
     * @return {@link MediaStreamTrackState#LIVE} until {@link #stop()} or the source ends, then
     *     {@link MediaStreamTrackState#ENDED} for good
     */
    public MediaStreamTrackState readyState() {
        return readyState;
    }

    /**
     * The source of this track, shared with its clones (for the peer-connection and recorder layers).
     *
     * @return the source; never null
     */
    public MediaTrackSource source() {
        return source;
    }

    /**
     * W3C {@code stop()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-stop">spec</a>): ends this track
     * now; its sinks are removed and it leaves the live count of its streams. Fires no {@code ended}. The source
     * stops when its last track stops. Idempotent; any thread.
     */
    public void stop() {
        if (!markEnded()) {
            return;
        }
        source.detach(this);
    }

    /**
     * A new track on the same source with a new id, the same enabled state and constraints and an independent
     * lifetime (W3C {@code clone()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-clone">spec</a>)). Sinks and
     * listeners are not copied. Cloning an ended track gives an ended track.
     *
     * @return the new track
     */
    @Override
    public MediaStreamTrack clone() {
        MediaStreamTrack copy = source.newTrack(constraints);
        copy.enabled = enabled;
        if (readyState == MediaStreamTrackState.ENDED) {
            copy.readyState = MediaStreamTrackState.ENDED;
            return copy;
        }
        try {
            source.attach(copy);
        } catch (InvalidStateException e) {
            copy.readyState = MediaStreamTrackState.ENDED;
        }
        return copy;
    }

    /**
     * W3C {@code getConstraints()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-getconstraints">spec</a>): the
     * constraints last applied successfully, as given (those of {@code getUserMedia} until
     * {@link #applyConstraints} succeeds).
     *
     * @return the constraints; never null
     */
    public MediaTrackConstraints getConstraints() {
        return constraints;
    }

    /**
     * W3C {@code getSettings()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-getsettings">spec</a>): the
     * source's current value of each constrainable property.
     *
     * @return the settings; empty (not null) if the source has none
     */
    public MediaTrackSettings getSettings() {
        MediaTrackSettings s = source.settings();
        return s == null ? new MediaTrackSettings(java.util.Map.of()) : s;
    }

    /**
     * W3C {@code getCapabilities()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-getcapabilities">spec</a>): the
     * values each constrainable property of the source can take.
     *
     * @return the source's capabilities
     */
    public MediaTrackCapabilities getCapabilities() {
        return source.capabilities();
    }

    /**
     * Applies new constraints with the spec's SelectSettings algorithm. On success the source switches to the
     * selected settings and {@link #getConstraints()} returns {@code constraints}. On failure the future completes
     * with {@link OverconstrainedException} naming the constraint and nothing changes. On an ended track it
     * completes with {@link InvalidStateException} (W3C {@code applyConstraints()}
     * (<a href="https://www.w3.org/TR/mediacapture-streams/#dom-mediastreamtrack-applyconstraints">spec</a>)). The
     * settings change on the source, so other tracks of the source see them too. The returned future is already
     * complete.
     *
     * @param constraints the new constraints; they replace the previous ones as a whole
     * @return completes when the source runs with the new settings; fails with {@link OverconstrainedException},
     *     {@link InvalidStateException}, {@link TypeException} for null constraints, or
     *     {@code NotReadableException} if the source could not switch
     */
    public CompletableFuture<Void> applyConstraints(MediaTrackConstraints constraints) {
        if (constraints == null) {
            return CompletableFuture.failedFuture(new TypeException("constraints must not be null"));
        }
        synchronized (lock) {
            if (readyState == MediaStreamTrackState.ENDED) {
                return CompletableFuture.failedFuture(new InvalidStateException("the track has ended"));
            }
            try {
                MediaTrackSettings next = source.select(constraints);
                source.reconfigure(next);
                this.constraints = constraints;
                return CompletableFuture.completedFuture(null);
            } catch (PeerstackException e) {
                return CompletableFuture.failedFuture(e);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(new org.peerstack.exc.NotReadableException(
                        "source '" + label() + "' could not apply " + constraints + ": " + e.getMessage(), e));
            }
        }
    }

    /**
     * Applies no constraints ({@code applyConstraints({})}): the source returns to its defaults.
     *
     * @return as {@link #applyConstraints(MediaTrackConstraints)}
     */
    public CompletableFuture<Void> applyConstraints() {
        return applyConstraints(MediaTrackConstraints.empty());
    }

    /**
     * Adds a sink for the frames of this video track; adding the same sink twice has no effect. The sink is called
     * on the source's thread; on an ended track it is never called.
     *
     * @param sink the sink
     * @throws NullPointerException if {@code sink} is null
     * @throws TypeException if this is an audio track
     */
    @SuppressWarnings("overloads") // lambdas: use addVideoSink/addAudioSink
    public void addSink(VideoSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (kind() != MediaKind.VIDEO) {
            throw new TypeException("a video sink needs a video track, this one is " + kind());
        }
        ((CopyOnWriteArrayList<VideoSink>) videoSinks).addIfAbsent(sink);
    }

    /**
     * Removes a video sink; unknown sinks are ignored. A frame being delivered may still reach it.
     *
     * @param sink the sink to remove
     */
    @SuppressWarnings("overloads") // lambdas: use addVideoSink/addAudioSink
    public void removeSink(VideoSink sink) {
        videoSinks.remove(sink);
    }

    /**
     * Adds a sink for the audio of this track; adding the same sink twice has no effect. The sink is called on the
     * source's thread; on an ended track it is never called.
     *
     * @param sink the sink
     * @throws NullPointerException if {@code sink} is null
     * @throws TypeException if this is a video track
     */
    @SuppressWarnings("overloads") // lambdas: use addVideoSink/addAudioSink
    public void addSink(AudioSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (kind() != MediaKind.AUDIO) {
            throw new TypeException("an audio sink needs an audio track, this one is " + kind());
        }
        ((CopyOnWriteArrayList<AudioSink>) audioSinks).addIfAbsent(sink);
    }

    /**
     * Removes an audio sink; unknown sinks are ignored. Audio being delivered may still reach it.
     *
     * @param sink the sink to remove
     */
    @SuppressWarnings("overloads") // lambdas: use addVideoSink/addAudioSink
    public void removeSink(AudioSink sink) {
        audioSinks.remove(sink);
    }

    /**
     * {@link #addSink(VideoSink)} under a name that takes a lambda without a cast.
     *
     * @param sink the sink
     * @throws NullPointerException if {@code sink} is null
     * @throws TypeException if this is an audio track
     */
    public void addVideoSink(VideoSink sink) {
        addSink(sink);
    }

    /**
     * {@link #addSink(AudioSink)} under a name that takes a lambda without a cast.
     *
     * @param sink the sink
     * @throws NullPointerException if {@code sink} is null
     * @throws TypeException if this is a video track
     */
    public void addAudioSink(AudioSink sink) {
        addSink(sink);
    }

    @Override
    public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.add(type, listener);
    }

    @Override
    public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
        events.remove(type, listener);
    }

    // ---- package-private plumbing ----

    boolean hasSinks() {
        return !videoSinks.isEmpty() || !audioSinks.isEmpty();
    }

    void deliverVideo(VideoFrame frame, MediaTrackSource from) {
        if (videoSinks.isEmpty() || readyState != MediaStreamTrackState.LIVE) {
            return;
        }
        VideoFrame out = enabled ? frame : from.blackFrame(frame.width(), frame.height(), frame.timestampNs());
        try {
            for (VideoSink sink : videoSinks) {
                try {
                    sink.onFrame(out);
                } catch (RuntimeException e) {
                    LOG.warn("video sink {} of track {} threw; other sinks still run", sink, id, e);
                }
            }
        } finally {
            if (out != frame && out.isValid()) {
                out.release();
            }
        }
    }

    void deliverAudio(AudioData data, AudioData silence) {
        if (audioSinks.isEmpty() || readyState != MediaStreamTrackState.LIVE) {
            return;
        }
        AudioData out = enabled || silence == null ? data : silence;
        for (AudioSink sink : audioSinks) {
            try {
                sink.onData(out);
            } catch (RuntimeException e) {
                LOG.warn("audio sink {} of track {} threw; other sinks still run", sink, id, e);
            }
        }
    }

    void fireMuteChange(boolean muted) {
        if (readyState == MediaStreamTrackState.LIVE) {
            events.dispatch(new Event(muted ? MUTE : UNMUTE, this));
        }
    }

    /** The source ended by itself: end and fire {@code ended} once. */
    void endFromSource() {
        if (markEnded()) {
            events.dispatch(new Event(ENDED, this));
        }
    }

    private boolean markEnded() {
        synchronized (lock) {
            if (readyState == MediaStreamTrackState.ENDED) {
                return false;
            }
            readyState = MediaStreamTrackState.ENDED;
        }
        videoSinks.clear();
        audioSinks.clear();
        streams.forEach(s -> s.trackStateChanged());
        return true;
    }

    void joined(MediaStream stream) {
        ((CopyOnWriteArrayList<MediaStream>) streams).addIfAbsent(stream);
    }

    void left(MediaStream stream) {
        streams.remove(stream);
    }

    @Override
    public String toString() {
        return "MediaStreamTrack[" + kind() + ", id=" + id + ", label=" + label() + ", " + readyState + "]";
    }
}
