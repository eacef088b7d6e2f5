package org.peerstack.demo.cli;

import java.nio.file.Path;
import org.peerstack.config.PeerstackConfig;
import org.peerstack.demo.MediaSources;
import org.peerstack.demo.PlayBot;
import org.peerstack.demo.Room;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Publishes the fake camera+microphone, a .y4m/.wav file, or a canvas animation to the room.")
final class PlayCommand extends BotCommand {

    enum Source { fake, file, canvas }

    @Option(names = "--source", defaultValue = "fake",
            description = "what to publish: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Source source;

    @Option(names = "--video", description = "with --source file: a .y4m video file (looped)")
    Path video;

    @Option(names = "--audio", description = "with --source file: a 16-bit PCM .wav file (looped)")
    Path audio;

    @Option(names = "--size", defaultValue = "640x480", description = "with --source canvas: WIDTHxHEIGHT (default: ${DEFAULT-VALUE})")
    String size;

    private MediaSources media;
    private PlayBot bot;

    @Override
    String kind() {
        return "play";
    }

    @Override
    Room.Handler open(PeerstackConfig config) {
        media = switch (source) {
            case fake -> MediaSources.fake(config);
            case file -> MediaSources.files(config, video, audio);
            case canvas -> {
                String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
                if (wh.length != 2) {
                    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                            "--size must be WIDTHxHEIGHT, got " + size);
                }
                yield MediaSources.canvas(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()));
            }
        };
        bot = new PlayBot(media.stream());
        return bot;
    }

    /** In an SFU room the bot publishes its stream once, to the SFU. */
    @Override
    org.peerstack.media.MediaStream sfuStream() {
        return media.stream();
    }

    @Override
    String status() {
        return bot.status();
    }

    @Override
    void closeBot() {
        if (media != null) {
            media.close();
        }
    }
}
