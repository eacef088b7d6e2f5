package org.peerstack.demo;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.peerstack.exc.TypeException;
import org.peerstack.signaling.SignalingMessage;
import org.peerstack.signaling.SignalingMessage.MaxResolution;

/**
 * What an {@link SfuCall} wants of the simulcast video it receives ({@link SfuCall#layerPreferences()}): a
 * maximum resolution per publishing member (its peer id), per received track (its id), or for every received
 * video track ({@link #EVERY_TRACK}); the most specific one applies (track, then member, then every track). For each
 * received video track whose wanted limit differs from what the server was last told, it sends
 * {@code max-resolution} to "sfu" (docs/signaling-protocol.md, "SFU rooms"): when the preference changes
 * and when the server's offers bring new tracks, so a limit on a member holds for the tracks it publishes
 * later. Received tracks are named as the server's offers name them: the track id of {@code a=msid} of each
 * video m-line whose MediaStream the offer's {@code streams} map to a member.
 */
public final class SfuLayerPreferences {

    /** The key of a limit on every received video track. */
    public static final String EVERY_TRACK = "*";

    /** A wanted size. */
    private record Size(int width, int height) {
    }

    private final Consumer<SignalingMessage> send;
    /** Member id, track id or {@link #EVERY_TRACK} -> the limit wanted. */
    private final Map<String, Size> wanted = new HashMap<>();
    /** Received video track id -> its publisher's peer id, from the last offer of the server. */
    private Map<String, String> tracks = Map.of();
    /** Received video track id -> the limit the server was told (absent: none). */
    private final Map<String, Size> sent = new HashMap<>();

    SfuLayerPreferences(Consumer<SignalingMessage> send) {
        this.send = send;
    }

    /**
     * Wants video of at most {@code width x height} from {@code key} (a member's peer id, a received track
     * id, or {@link #EVERY_TRACK}).
     *
     * @throws TypeException for a size outside 1..{@link MaxResolution#MAX_DIMENSION}
     */
    public synchronized void setMaxResolution(String key, int width, int height) {
        Objects.requireNonNull(key, "key");
        if (width < 1 || height < 1 || width > MaxResolution.MAX_DIMENSION || height > MaxResolution.MAX_DIMENSION) {
            throw new TypeException("a maximum resolution needs a width and height of 1 to " + MaxResolution.MAX_DIMENSION
                    + ", got " + width + "x" + height);
        }
        wanted.put(key, new Size(width, height));
        apply();
    }

    /** Lifts the limit set for {@code key}; a less specific one may still apply. */
    public synchronized void clearMaxResolution(String key) {
        wanted.remove(Objects.requireNonNull(key, "key"));
        apply();
    }

    /** The server's offer was applied: its video tracks are the ones received now. */
    synchronized void offered(String sdp, Map<String, String> streams) {
        tracks = videoTracks(sdp, streams);
        sent.keySet().retainAll(tracks.keySet());
        apply();
    }

    /** A new connection with the server: it has no limits yet, and no tracks until its first offer. */
    synchronized void connectionReplaced() {
        tracks = Map.of();
        sent.clear();
    }

    /** Received video track id ({@code a=msid}) -> publisher's peer id, as of the server's last offer. */
    public synchronized Map<String, String> receivedVideoTracks() {
        return Map.copyOf(tracks);
    }

    private void apply() {
        for (Map.Entry<String, String> track : tracks.entrySet()) {
            Size want = wanted.get(track.getKey());
            if (want == null) {
                want = wanted.get(track.getValue());
            }
            if (want == null) {
                want = wanted.get(EVERY_TRACK);
            }
            if (Objects.equals(want, sent.get(track.getKey()))) {
                continue;
            }
            if (want == null) {
                sent.remove(track.getKey());
                send.accept(MaxResolution.clear(SfuCall.SFU_ID, track.getKey()));
            } else {
                sent.put(track.getKey(), want);
                send.accept(new MaxResolution(SfuCall.SFU_ID, null, track.getKey(), want.width(), want.height()));
            }
        }
    }

    /** The video track ids of {@code sdp} ({@code a=msid}'s second token) whose stream {@code streams} maps to a member. */
    static Map<String, String> videoTracks(String sdp, Map<String, String> streams) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean video = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                video = line.startsWith("m=video");
            } else if (video && line.startsWith("a=msid:")) {
                String[] msid = line.substring("a=msid:".length()).trim().split("\\s+");
                String owner = msid.length == 2 ? streams.get(msid[0]) : null;
                if (owner != null) {
                    out.put(msid[1], owner);
                }
            }
        }
        return out;
    }
}
