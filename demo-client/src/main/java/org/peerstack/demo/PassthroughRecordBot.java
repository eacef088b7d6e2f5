package org.peerstack.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.peerstack.sfu.client.ReceivedTrack;
import org.peerstack.sfu.client.RtpReceivingPeer;
import org.peerstack.sfu.recorder.RtpPeerRecorder;
import org.peerstack.sfu.recorder.SfuRecording;
import org.peerstack.sfu.recorder.SfuRecordingFormat;
import org.peerstack.sfu.recorder.SfuRecordingOptions;

/**
 * The {@code record --passthrough} bot: records what arrives straight from its RTP packets, without
 * libwebrtc, decoding or encoding ({@link RtpPeerRecorder}): one file per remote MediaStream (in an SFU
 * room: per member), WebM for VP8/VP9 + Opus, fragmented MP4 when the video is H.264 (or the
 * {@link SfuRecordingFormat} asked for). The caller negotiates through {@link #peer()}: with the SFU over
 * signaling ({@link SfuPassthroughSignaling}) or with a WHEP endpoint ({@link WhepPassthroughSession}).
 */
public final class PassthroughRecordBot implements AutoCloseable {

    /** Address the bot's UDP socket binds (any interface, any free port). */
    public static final InetSocketAddress BIND = new InetSocketAddress("0.0.0.0", 0);

    private final RtpPeerRecorder recorder;
    private volatile Function<String, String> streamNames = id -> id;

    /**
     * @param directory where the files go (created if missing)
     * @param prefix    file name prefix, e.g. the room name
     * @param format    the container; AUTO: WebM, or MP4 for H.264
     */
    public PassthroughRecordBot(Path directory, String prefix, SfuRecordingFormat format) throws IOException {
        Path dir = Files.createDirectories(directory);
        recorder = RtpPeerRecorder.open(BIND, tracks -> {
            String name = streamNames.apply(tracks.get(0).streamId());
            String safe = (name == null || name.isBlank() ? tracks.get(0).mid() : name).replaceAll("[^A-Za-z0-9._-]", "_");
            return dir.resolve(String.format("%s-%s-%d.%s", prefix, safe, System.currentTimeMillis(), extension(format, tracks)));
        }, SfuRecordingOptions.newBuilder().format(format).build());
    }

    private static String extension(SfuRecordingFormat format, List<ReceivedTrack> tracks) {
        return switch (format) {
            case WEBM -> "webm";
            case MATROSKA -> "mkv";
            case MP4 -> "mp4";
            case AUTO -> tracks.stream().anyMatch(t -> t.codec().equalsIgnoreCase("H264")) ? "mp4" : "webm";
        };
    }

    /** Names files and status lines after the member a MediaStream id belongs to (default: the id). */
    public void streamNames(Function<String, String> names) {
        this.streamNames = names;
    }

    /** The receiving peer to negotiate with. */
    public RtpReceivingPeer peer() {
        return recorder.peer();
    }

    /** Status text: per recording, its file name, frames and bytes written. */
    public String status() {
        List<SfuRecording> now = recorder.recordings();
        if (now.isEmpty()) {
            return "recording nothing yet (" + peer().stats().packetsReceived() + " packets received)";
        }
        StringBuilder text = new StringBuilder();
        for (SfuRecording r : now) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(describe(r));
        }
        return text.toString();
    }

    private static String describe(SfuRecording r) {
        SfuRecording.Stats s = r.stats();
        return r.path().getFileName() + ": " + s.framesWritten() + " frames, " + s.bytesWritten() / 1024 + " KiB, "
                + s.framesDropped() + " dropped";
    }

    /** One line per file: "name -> path (stats)". Call after {@link #close()}. */
    public List<String> results() {
        List<String> lines = new java.util.ArrayList<>();
        for (SfuRecording r : recorder.recordings()) {
            String owner = r.tracks().isEmpty() ? "?" : streamNames.apply(r.tracks().get(0).streamId());
            lines.add(owner + " -> " + r.path().toAbsolutePath() + " (" + describe(r) + ")");
        }
        for (Exception e : recorder.failures()) {
            lines.add("ERROR " + e.getMessage());
        }
        return lines;
    }

    /** Closes the peer and finishes every file. Idempotent. */
    @Override
    public void close() {
        recorder.close();
    }
}
