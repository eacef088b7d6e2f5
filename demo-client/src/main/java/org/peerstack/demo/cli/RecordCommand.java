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

    @Option(names = "--video-bps", description = "video bit rate (bits per second; default: recorder.video-bits-per-second)")
    Long videoBps;

    private RecordBot bot;
    private MediaSources silence;

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
            silence = MediaSources.silentMicrophone(config);
            bot = new RecordBot(output, room.room, options.build(), silence.stream());
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
        if (silence != null) {
            silence.close();
        }
    }
}
