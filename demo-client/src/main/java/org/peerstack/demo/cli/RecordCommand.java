package org.peerstack.demo.cli;

import org.peerstack.config.AudioMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.demo.MediaSources;
import org.peerstack.demo.ParticipantRecording;
import org.peerstack.demo.RecordBot;
import org.peerstack.demo.Room;
import org.peerstack.recorder.MediaRecorderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Records every remote participant to its own file (WebM by default), printing progress.")
final class RecordCommand extends BotCommand {

    @Option(names = "--output", defaultValue = "recordings", description = "directory for the files (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--mime-type", description = "recorder type, e.g. video/webm;codecs=vp9,opus (default: video/webm, VP8 + Opus)")
    String mimeType;

    /** System property holding the configured default video bit rate for the help text. */
    static final String DEFAULT_BPS_PROPERTY = "peerstack.demo.default-video-bps";

    @Option(names = "--video-bps", paramLabel = "BITS_PER_SECOND",
            description = "video bit rate of the recordings (default: ${sys:" + DEFAULT_BPS_PROPERTY
                    + "}, the configured recorder.video-bits-per-second)")
    Long videoBps;

    /** Puts the configured default bit rate where the help text finds it (the shipped default if the configuration is bad). */
    static void publishDefaultBitrate() {
        long bps;
        try {
            bps = PeerstackConfig.load().recorder().videoBitsPerSecond();
        } catch (RuntimeException e) {
            bps = PeerstackConfig.loader().load(java.util.Optional.empty(), java.util.Map.of(), java.util.Map.of())
                    .recorder().videoBitsPerSecond();
        }
        System.setProperty(DEFAULT_BPS_PROPERTY, Long.toString(bps));
    }

    @Option(names = "--passthrough", description = {"record straight from the RTP packets: no libwebrtc, no decoding, no",
            "re-encoding (WebM for VP8/VP9 + Opus, MP4 for H.264); with --sfu or --whep"})
    boolean passthrough;

    @Option(names = "--whep", paramLabel = "URL", description = "record a WHEP endpoint's stream (with --passthrough; --token is its Bearer token)")
    java.net.URI whep;

    @Option(names = "--format", defaultValue = "AUTO", description = "passthrough container: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    org.peerstack.sfu.recorder.SfuRecordingFormat format;

    private RecordBot bot;

    @Override
    public Integer call() {
        if (!passthrough) {
            if (whep != null) {
                System.err.println("[record] --whep records with --passthrough (whep-record records through libwebrtc)");
                return 2;
            }
            return super.call();
        }
        if (!room.sfu && whep == null) {
            System.err.println("[record] --passthrough records an SFU room (--sfu) or a WHEP stream (--whep URL)");
            return 2;
        }
        return PassthroughRun.run(room, whep, output, format);
    }

    @Override
    String kind() {
        return "record";
    }

    @Override
    AudioMode audioMode() {
        return AudioMode.HEADLESS;
    }

    @Override
    Room.Handler open(PeerstackConfig config) {
        MediaRecorderOptions.Builder options = MediaRecorderOptions.newBuilder();
        if (mimeType != null) {
            options.mimeType(mimeType);
        }
        if (videoBps != null) {
            options.videoBitsPerSecond(videoBps);
        }
        try {
            bot = new RecordBot(output, room.room, options.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output, e);
        }
        return bot;
    }

    @Override
    String status() {
        return bot.status();
    }

    @Override
    void closeBot() {
        if (bot != null) {
            bot.close();
            for (ParticipantRecording r : bot.finished()) {
                System.out.printf("[record] %s -> %s (%s)%s%n", r.participant(), r.file().toAbsolutePath(), r.progress(),
                        r.error().map(e -> " ERROR " + e).orElse(""));
            }
        }
    }
}
