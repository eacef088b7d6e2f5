package org.peerstack.signaling.server.recording;

import java.util.List;
import org.peerstack.exc.ConfigException;

/**
 * The {@code recording:} section of {@code config/signaling-server.yaml}: which SFU rooms and WHIP
 * streams the server records without re-encoding, and where. Off by default (no globs).
 *
 * @param rooms         room / stream names (globs, {@code *} and {@code ?}) whose publishers are recorded;
 *                      empty = record nothing
 * @param dir           directory of the files (created when missing); relative to the working directory
 * @param maxRecordings recordings running at once; a publisher beyond it is not recorded (logged)
 */
public record RecordingSettings(List<String> rooms, String dir, int maxRecordings) {

    /** Default of {@code recording.dir}. */
    public static final String DEFAULT_DIR = "recordings";
    /** Default of {@code recording.max-recordings}. */
    public static final int DEFAULT_MAX_RECORDINGS = 100;
    /** Upper bound of {@code recording.max-recordings} (each recording has a thread). */
    public static final int MAX_MAX_RECORDINGS = 10_000;

    public RecordingSettings {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
        dir = dir == null || dir.isBlank() ? DEFAULT_DIR : dir;
        if (maxRecordings == 0) {
            maxRecordings = DEFAULT_MAX_RECORDINGS;
        }
        if (maxRecordings < 1 || maxRecordings > MAX_MAX_RECORDINGS) {
            throw new ConfigException("recording.max-recordings must be 1.." + MAX_MAX_RECORDINGS + ", got " + maxRecordings);
        }
    }

    /** Settings that record nothing. */
    public static RecordingSettings disabled() {
        return new RecordingSettings(List.of(), null, 0);
    }

    /**
     * Fails with {@link ConfigException} when the recorder (peerstack-sfu-recorder and FFmpeg's natives,
     * a provided dependency the server jar leaves out) is not on the classpath.
     */
    public static void requireRecorder() {
        for (String name : new String[] {"org.peerstack.sfu.recorder.SfuRecorder", "org.bytedeco.ffmpeg.global.avformat"}) {
            try {
                Class.forName(name, false, RecordingSettings.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigException("recording.rooms needs peerstack-sfu-recorder and org.bytedeco:ffmpeg on the"
                        + " classpath (missing " + name + "); the demo jar has them, the server jar does not");
            }
        }
    }

    /** Whether any room is recorded. */
    public boolean enabled() {
        return !rooms.isEmpty();
    }
}
